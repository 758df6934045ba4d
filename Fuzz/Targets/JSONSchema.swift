// JSONSchema: the input as a schema validated against instances derived from it, and the input
// split in two halves (schema, instance). Compiling and validating must never crash, recurse
// without bound or hang, and `matches` must agree with `validate(...).isEmpty`.
#if !FUZZ_SINGLE_MODULE
@testable import LoupeDomain
#endif

private func exercise(_ schemaValue: JSONValue, _ instances: [JSONValue]) {
    guard let schema = try? JSONSchema(schemaValue) else { return }
    for instance in instances {
        let violations = schema.validate(instance)
        let matches = schema.matches(instance)
        if matches != violations.isEmpty {
            fuzzFinding(
                "matches() is \(matches) but validate() found \(violations.count) violations for schema "
                    + schemaValue.serialized() + " and instance " + instance.serialized())
        }
    }
}

/// The value itself, up to 8 of its members or items, and the simplest value of each type.
private func instances(from value: JSONValue) -> [JSONValue] {
    var list: [JSONValue] = [value, .null, .int(0), .string(""), .array([]), .object(JSONObject()), .double(0.5), .bool(true)]
    switch value {
    case .array(let items): list += items.prefix(8)
    case .object(let object): list += object.prefix(8).map(\.value)
    default: break
    }
    return list
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    if let value = parseJSON(input) {
        exercise(value, instances(from: value))
        // Members of the document as schemas of their own (e.g. each entry of a test-suite array).
        if case .array(let items) = value {
            for item in items.prefix(4) { exercise(item, instances(from: item) + [value]) }
        }
        if case .object(let object) = value, let schema = object["schema"], let tests = object["tests"]?.arrayValue {
            exercise(schema, tests.prefix(16).compactMap { $0.objectValue?["data"] })
        }
    }
    // Schema in the first half, instance in the second.
    let half = size / 2
    if let schema = parseJSON(UnsafeBufferPointer(rebasing: input[..<half])),
        let instance = parseJSON(UnsafeBufferPointer(rebasing: input[half...]))
    {
        exercise(schema, [instance])
    }
    return 0
}
