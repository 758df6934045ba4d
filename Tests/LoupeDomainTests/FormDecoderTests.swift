import Foundation
import Testing

@testable import LoupeDomain

@Suite("Form decoding")
struct FormDecoderTests {
    /// Decodes and groups like `ScaleInput.form` does with the new decoder.
    private func decode(_ text: String) throws -> JSONObject {
        FormDecoder.object(try FormDecoder.pairs(text.utf8), listKeys: legacyListKeys, scalar: legacyScalar)
    }

    private func pairs(_ text: String) throws -> [String] {
        try FormDecoder.pairs(text.utf8).map { "\($0.key)=\($0.value)" }
    }

    @Test func matchesTheOldAlgorithmOnExamples() throws {
        let examples = [
            "a=1&a=2&b=true&c[d]=x",
            "objects_to_annotate=car&instruction=Label+the+cars&callback_url=https%3A%2F%2Fexample.com%2Fcb%3Fx%3D1",
            "tags[]=a&tags[]=b&labels=one&unique_id=u1",
            "fields[title]=T&fields[body]=B&fields[title]=T2",
            "a=1&a[b]=2", "a[b]=2&a=1", "a[b]=1&c=2&a[d]=3&a=4&a[e]=5",
            "min_width=3&priority=2.5&min_height=abc&max_vertices=1e3&min_vertices=-0",
            "x=TRUE&y=False&z=maybe&w=true&w=no",
            "a[]=1", "a[][]=1", "[x]=1", "a[b][c]=1", "a]=1&b[=2&c[d=3&e[f]g]=4",
            "key=a%3Db&k2==v&k3=x=y", "flag", "flag&flag", "=x", "a=", "&&", "", "a=1&&b=2", "&a=1&",
            "name=%C3%A9t%C3%A9&emoji=%F0%9F%98%80&raw=é", "a=%26&b=%2B+%2b", "%5B%5D=1", "c[d]=1&c[d]=2",
            "attachments=https://x/1.png", "choices[]=a&choices[]=b&choices=c",
        ]
        for example in examples {
            let expected = legacyQuadraticForm(example, listKeys: legacyListKeys, scalar: legacyScalar)
            let actual = try decode(example)
            #expect(JSONValue.object(actual).serialized() == JSONValue.object(expected).serialized(), "\(example)")
        }
    }

    @Test func matchesTheOldAlgorithmOnGeneratedBodies() throws {
        // Small alphabets make repeats, nesting and plain/nested collisions frequent.
        let keyPieces = ["a", "b", "tags", "c", "[", "]", "[]", "[x]", "%5B", "%41", "+", "priority", "fields"]
        let valuePieces = ["1", "true", "x", "+", "%20", "%C3%A9", "=", "2.5", "False", "%26"]
        var random = SplitMix(seed: 42)
        for _ in 0..<400 {
            var body = ""
            for pair in 0..<random.next(below: 30) {
                if pair > 0 { body += random.next(below: 10) == 0 ? "&&" : "&" }
                for _ in 0...random.next(below: 3) { body += keyPieces[random.next(below: keyPieces.count)] }
                if random.next(below: 8) == 0 { continue }
                body += "="
                for _ in 0..<random.next(below: 3) { body += valuePieces[random.next(below: valuePieces.count)] }
            }
            let expected = legacyQuadraticForm(body, listKeys: legacyListKeys, scalar: legacyScalar)
            #expect(
                JSONValue.object(try decode(body)).serialized() == JSONValue.object(expected).serialized(), "\(body)")
        }
    }

    @Test func decodesOddInputs() throws {
        #expect(try pairs("") == [])
        #expect(try pairs("&&") == [])
        #expect(try pairs("=x") == ["=x"])
        #expect(try pairs("=") == ["="])
        #expect(try pairs("a=") == ["a="])
        #expect(try pairs("a") == ["a="])
        #expect(try pairs("a=b=c") == ["a=b=c"])
        #expect(try pairs("a+b=c+d&%2B=%3D") == ["a b=c d", "+=="])
        #expect(try pairs("&a=1&&b=2&") == ["a=1", "b=2"])
        #expect(try pairs("a[=1&a[b]c]=2&a]=3") == ["a[=1", "a[b]c]=2", "a]=3"])
        #expect(try decode("a[=1&a[b]c]=2&a]=3") == ["a[": "1", "a": ["b]c": "2"], "a]": "3"])
    }

    @Test func keepsMalformedEscapesLiterally() throws {
        #expect(try pairs("%zz=1") == ["%zz=1"])
        #expect(try pairs("a=%zz&b=%") == ["a=%zz", "b=%"])
        #expect(try pairs("a=%4&b=%4g&c=%a") == ["a=%4", "b=%4g", "c=%a"])
        #expect(try pairs("a=%%41&b=%4+") == ["a=%A", "b=%4 "])
        #expect(try pairs("a%=1") == ["a%=1"])
        #expect(try pairs("a=%E2%82%AC") == ["a=€"])
    }

    @Test func refusesInvalidUTF8AfterDecoding() {
        func failure(_ bytes: [UInt8]) -> DomainError? {
            do {
                _ = try FormDecoder.pairs(bytes)
                return nil
            } catch {
                return error
            }
        }
        let truncatedValue = failure(Array("ok=1&a=%E2%82".utf8))
        #expect(truncatedValue?.code == .invalidRequest)
        #expect(truncatedValue?.details.first?.path == "a")
        #expect(truncatedValue?.message == "a is not valid UTF-8 after percent-decoding")
        let truncatedName = failure(Array("%E2%82=1".utf8))
        #expect(truncatedName?.details.first?.path == "")
        #expect(truncatedName?.message.contains("field name") == true)
        #expect(failure(Array("%FF".utf8))?.details.first?.path == "")
        #expect(failure([0x61, 0x3D, 0xFF])?.details.first?.path == "a")
        #expect(failure(Array("a=%C3%A9".utf8)) == nil)
    }

    @Test func decodesALargeBodyCorrectly() throws {
        // 200,000 pairs, about 4 MiB: 50,000 keys given twice each, and 100,000 nested members.
        var body = ""
        body.reserveCapacity(5 << 20)
        for index in 0..<200_000 {
            if index > 0 { body += "&" }
            if index % 2 == 1 {
                body += "fields[f\(index)]=v%20\(index)"
            } else {
                body += "k\(index / 2 % 50_000)=value+\(index)"
            }
        }
        let decoded = try FormDecoder.pairs(body.utf8)
        #expect(decoded.count == 200_000)
        let object = FormDecoder.object(decoded, listKeys: [], scalar: { value, _ in .string(value) })
        #expect(object.count == 50_001)
        #expect(object.keys.prefix(3) == ["k0", "fields", "k1"])
        #expect(object["k0"] == ["value 0", "value 100000"])
        #expect(object["k49999"] == ["value 99998", "value 199998"])
        #expect(object["fields"]?.objectValue?.count == 100_000)
        #expect(object["fields"]?.objectValue?["f199999"] == "v 199999")
    }
}

/// The list keys and scalar conversion of `ScaleInput` at the time of writing.
private let legacyListKeys: Set<String> = [
    "objects_to_annotate", "categories", "labels", "tags", "choices", "instance_labels", "attachments", "unique_id",
]

private func legacyScalar(_ text: String, _ key: String) -> JSONValue {
    switch text.lowercased() {
    case "true": return .bool(true)
    case "false": return .bool(false)
    default: break
    }
    let numberKeys: Set<String> = ["min_width", "min_height", "min_vertices", "max_vertices", "priority"]
    if numberKeys.contains(key), let number = Double(text) {
        return number == number.rounded() && abs(number) < 1e15 ? .int(Int64(number)) : .double(number)
    }
    return .string(text)
}

/// Reference oracle: `ScaleInput.form` as it was before `FormDecoder` (quadratic; do not use).
private func legacyQuadraticForm(
    _ text: String, listKeys: Set<String>, scalar: (String, String) -> JSONValue
) -> JSONObject {
    var values: [(String, String)] = []
    for pair in text.split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        func decode(_ part: Substring) -> String {
            String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
        }
        var key = decode(parts[0])
        if key.hasSuffix("[]") { key.removeLast(2) }
        values.append((key, parts.count > 1 ? decode(parts[1]) : ""))
    }
    var object = JSONObject()
    for key in values.map(\.0).reduce(into: [String](), { if !$0.contains($1) { $0.append($1) } }) {
        let all = values.filter { $0.0 == key }.map { scalar($0.1, key) }
        let value: JSONValue = all.count > 1 || listKeys.contains(key) ? .array(all) : all[0]
        if let open = key.firstIndex(of: "["), key.hasSuffix("]") {
            let outer = String(key[..<open])
            let inner = String(key[key.index(after: open)..<key.index(before: key.endIndex)])
            var nested = object[outer]?.objectValue ?? JSONObject()
            nested[inner] = value
            object[outer] = .object(nested)
        } else {
            object[key] = value
        }
    }
    return object
}

/// A small deterministic generator, so generated cases are the same on every run.
private struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        value ^= value >> 31
        return Int(value % UInt64(bound))
    }
}
