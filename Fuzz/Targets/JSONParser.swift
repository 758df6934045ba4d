// JSONParser: arbitrary bytes, lenient and with rejectDuplicateKeys; whatever parses must survive
// serialize → parse unchanged, and serializing again must give the same bytes.
#if !FUZZ_SINGLE_MODULE
@testable import LoupeDomain
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let lenient = parseJSON(input)
    let strict = parseJSON(input, rejectDuplicateKeys: true)

    // Refusing duplicate keys may only turn a success into a failure, never change the value.
    if let strict {
        guard let lenient else { fuzzFinding("strict parse succeeded where lenient failed") }
        guard strict == lenient else { fuzzFinding("strict and lenient parses differ") }
    }
    // The other entry points agree with the buffer one.
    let viaArray = try? JSONParser.parse(Array(input))
    if viaArray != lenient { fuzzFinding("parse([UInt8]) differs from parse(buffer)") }
    if let text = String(validating: input, as: UTF8.self) {
        let viaString = try? JSONParser.parse(text)
        if viaString != lenient { fuzzFinding("parse(String) differs from parse(buffer)") }
    }
    guard let value = lenient else { return 0 }

    let first = value.serializedBytes()
    let reparsed: JSONValue
    do {
        // Serialized objects have unique keys, so the strict mode must accept them too.
        reparsed = try JSONParser.parse(first, rejectDuplicateKeys: true)
    } catch {
        fuzzFinding("serialized output does not parse: \(error) in \(String(decoding: first, as: UTF8.self))")
    }
    guard jsonEquivalent(value, reparsed) else {
        fuzzFinding("round trip changed the value: \(String(decoding: first, as: UTF8.self))")
    }
    if value == reparsed, value.hashValue != reparsed.hashValue { fuzzFinding("equal values hash differently") }
    let second = reparsed.serializedBytes()
    guard first == second else {
        fuzzFinding("serialization is not a fixed point: \(String(decoding: first, as: UTF8.self)) vs \(String(decoding: second, as: UTF8.self))")
    }
    if value.serialized().utf8.count != first.count { fuzzFinding("serialized() and serializedBytes() differ") }
    return 0
}
