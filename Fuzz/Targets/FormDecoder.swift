// FormDecoder and Timestamp.parseFilterTime: arbitrary bytes must never crash. Decoded pairs must
// survive re-encoding, and a parsed filter time must come back from its own ISO-8601 text.
import Foundation
#if !FUZZ_SINGLE_MODULE
@testable import LoupeDomain
#endif

/// Percent-encodes every byte but unreserved ones, as a form would be posted.
private func formEncode(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            out.unicodeScalars.append(Unicode.Scalar(byte))
        default:
            out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        }
    }
    return out
}

/// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z, the range four-digit years can show.
private let earliest: Int64 = -62_167_219_200_000_000
private let latest: Int64 = 253_402_300_799_999_999

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    if let pairs = try? FormDecoder.pairs(input) {
        let object = FormDecoder.object(pairs, listKeys: ["tags", "categories"]) { value, _ in
            switch value {
            case "true": .bool(true)
            case "false": .bool(false)
            default: Int64(value).map(JSONValue.int) ?? .string(value)
            }
        }
        _ = JSONValue.object(object).serialized()
        // Re-encoding the decoded pairs and decoding again gives the same pairs.
        let encoded = pairs.map { formEncode($0.key) + "=" + formEncode($0.value) }.joined(separator: "&")
        guard let again = try? FormDecoder.pairs(Array(encoded.utf8)) else { fuzzFinding("re-encoded form does not decode: \(encoded)") }
        let lhs = pairs.map { [$0.key, $0.value] }
        let rhs = again.map { [$0.key, $0.value] }
        if lhs != rhs { fuzzFinding("form pairs change when re-encoded: \(lhs) vs \(rhs)") }
    }
    // The slow generic path (a non-contiguous collection) must agree with the buffer path.
    let lazyPairs = try? FormDecoder.pairs(input.lazy.map { $0 })
    let bufferPairs = try? FormDecoder.pairs(input)
    if lazyPairs.map({ $0.map { [$0.key, $0.value] } }) != bufferPairs.map({ $0.map { [$0.key, $0.value] } }) {
        fuzzFinding("pairs differ between contiguous and generic input")
    }

    let text = String(decoding: input, as: UTF8.self)
    if let time = Timestamp.parseFilterTime(text), (earliest...latest).contains(time.microseconds) {
        let back = Timestamp.parseFilterTime(time.iso8601Micros)
        if back != time { fuzzFinding("filter time \(text) → \(time.iso8601Micros) → \(String(describing: back?.iso8601Micros))") }
        if Timestamp.parse(time.iso8601Micros) != time { fuzzFinding("Timestamp.parse rejects \(time.iso8601Micros)") }
    }
    _ = Timestamp.parse(text)
    return 0
}
