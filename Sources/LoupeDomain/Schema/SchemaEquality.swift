/// JSON equality in which numbers compare by value (1 and 1.0 are the same number), strings
/// compare code point by code point (not by Swift's canonical equivalence, so "é" and "e\u{301}"
/// differ, as JSON Schema requires) and object member order does not matter.
func jsonEqual(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.int(let a), .int(let b)): return a == b
    case (.string(let a), .string(let b)): return a.utf8.elementsEqual(b.utf8)
    case (.int, .double), (.double, .int), (.double, .double):
        guard let a = SchemaNumber(lhs), let b = SchemaNumber(rhs) else { return false }
        return a.compare(to: b) == 0
    case (.array(let a), .array(let b)):
        return a.count == b.count && zip(a, b).allSatisfy { jsonEqual($0, $1) }
    case (.object(let a), .object(let b)):
        return a.count == b.count && a.allSatisfy { key, value in b[key].map { jsonEqual(value, $0) } ?? false }
    default:
        return lhs == rhs
    }
}

/// The positions of the first two equal items of `array`, or nil when all are distinct.
/// Small arrays are compared pairwise; larger ones are bucketed by a hash that agrees with
/// ``jsonEqual(_:_:)``, so the check stays near-linear.
func firstDuplicate(in array: [JSONValue]) -> (Int, Int)? {
    if array.count <= 16 {
        for i in array.indices {
            for j in array.indices where j > i && jsonEqual(array[i], array[j]) { return (i, j) }
        }
        return nil
    }
    var buckets: [Int: [Int]] = [:]
    for (index, item) in array.enumerated() {
        var hasher = Hasher()
        hashForEquality(item, into: &hasher)
        let key = hasher.finalize()
        if let earlier = buckets[key]?.first(where: { jsonEqual(array[$0], item) }) { return (earlier, index) }
        buckets[key, default: []].append(index)
    }
    return nil
}

/// Feeds `value` to `hasher` so that values equal under ``jsonEqual(_:_:)`` hash alike.
private func hashForEquality(_ value: JSONValue, into hasher: inout Hasher) {
    switch value {
    case .null: hasher.combine(0)
    case .bool(let flag): hasher.combine(1); hasher.combine(flag)
    case .int(let number): hasher.combine(2); hasher.combine(Double(number))
    case .double(let number): hasher.combine(2); hasher.combine(number)
    case .string(let text): hasher.combine(3); hasher.combine(text)
    case .array(let items):
        hasher.combine(4)
        hasher.combine(items.count)
        for item in items { hashForEquality(item, into: &hasher) }
    case .object(let object):
        // Order-independent: combine the members' own hashes with XOR.
        var combined = 0
        for (key, member) in object {
            var memberHasher = Hasher()
            memberHasher.combine(key)
            hashForEquality(member, into: &memberHasher)
            combined ^= memberHasher.finalize()
        }
        hasher.combine(5)
        hasher.combine(object.count)
        hasher.combine(combined)
    }
}
