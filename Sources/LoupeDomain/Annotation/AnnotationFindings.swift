/// Collects the violations found while one annotation document is checked, in the order they were found.
///
/// The `check…` helpers read one optional member, record what is wrong with it, and return the value
/// when it is usable, so callers can go on with it.
struct AnnotationFindings {
    /// Everything found so far.
    private(set) var violations: [SchemaViolation] = []

    /// Records a problem at `path`.
    mutating func add(_ path: String, _ reason: String) {
        violations.append(SchemaViolation(path: path, reason: reason))
    }

    /// Records problems found elsewhere.
    mutating func add(_ others: [SchemaViolation]) {
        violations.append(contentsOf: others)
    }

    /// `object[key]` when it is a non-empty string; a problem when it is missing (if `required`), empty or not one.
    @discardableResult
    mutating func string(_ object: JSONObject, _ key: String, at base: String, required: Bool) -> String? {
        let path = AnnotationValue.path(base, key)
        guard let value = object[key] else {
            if required { add(path, "is required") }
            return nil
        }
        guard let string = value.stringValue else {
            add(path, "must be a string, got \(value.typeName)")
            return nil
        }
        if string.isEmpty {
            add(path, "must not be empty")
            return nil
        }
        return string
    }

    /// Checks that `object[key]` is one of `allowed`; absent is fine unless `required`.
    mutating func oneOf(
        _ object: JSONObject, _ key: String, _ allowed: [String], at base: String, required: Bool = false
    ) {
        guard let value = object[key] else {
            if required { add(AnnotationValue.path(base, key), "is required") }
            return
        }
        if let string = value.stringValue, allowed.contains(string) { return }
        add(AnnotationValue.path(base, key), "must be one of: \(allowed.joined(separator: ", "))")
    }

    /// Checks an optional boolean flag.
    mutating func flag(_ object: JSONObject, _ key: String, at base: String) {
        guard let value = object[key], AnnotationValue.flag(value) == nil else { return }
        add(AnnotationValue.path(base, key), "must be a boolean, got \(value.typeName)")
    }

    /// `object[key]` when it is a number of at least `minimum`; absent is fine.
    @discardableResult
    mutating func number(_ object: JSONObject, _ key: String, at base: String, minimum: Double? = nil) -> Double? {
        guard let value = object[key] else { return nil }
        let path = AnnotationValue.path(base, key)
        guard let number = AnnotationValue.number(value) else {
            add(path, "must be a number, got \(value.typeName)")
            return nil
        }
        if let minimum, number < minimum {
            add(path, minimum == 0 ? "must not be negative" : "must be at least \(AnnotationValue.show(minimum))")
            return nil
        }
        return number
    }

    /// `object[key]` when it is a whole number of at least `minimum`; absent is fine.
    @discardableResult
    mutating func integer(_ object: JSONObject, _ key: String, at base: String, minimum: Int64) -> Int64? {
        guard let value = object[key] else { return nil }
        guard let number = AnnotationValue.integer(value), number >= minimum else {
            let reason = minimum == 1 ? "must be a positive integer" : "must be an integer of at least \(minimum)"
            add(AnnotationValue.path(base, key), reason)
            return nil
        }
        return number
    }

    /// `object[key]` when it is an object; a problem when it is missing (if `required`) or not one.
    mutating func object(_ object: JSONObject, _ key: String, at base: String, required: Bool) -> JSONObject? {
        guard let value = object[key] else {
            if required { add(AnnotationValue.path(base, key), "is required") }
            return nil
        }
        guard let found = value.objectValue else {
            add(AnnotationValue.path(base, key), "must be an object, got \(value.typeName)")
            return nil
        }
        return found
    }

    /// `object[key]` when it is an array; a problem when it is missing (if `required`) or not one.
    mutating func array(_ object: JSONObject, _ key: String, at base: String, required: Bool) -> [JSONValue]? {
        guard let value = object[key] else {
            if required { add(AnnotationValue.path(base, key), "is required") }
            return nil
        }
        guard let found = value.arrayValue else {
            add(AnnotationValue.path(base, key), "must be an array, got \(value.typeName)")
            return nil
        }
        return found
    }

    /// Checks that each key names a number (a coordinate); all are required.
    mutating func coordinates(_ object: JSONObject, _ keys: [String], at base: String) {
        for key in keys where object[key]?.doubleValue == nil {
            add(AnnotationValue.path(base, key), object[key] == nil ? "is required" : "must be a number")
        }
    }
}

/// Reading annotation parameters as clients send them, and building JSON Pointers.
enum AnnotationValue {
    /// A number, or a string holding one: Scale's own examples send `min_width='30'`.
    static func number(_ value: JSONValue) -> Double? {
        if let number = value.doubleValue { return number }
        guard let text = value.stringValue, let number = Double(text), number.isFinite else { return nil }
        return number
    }

    /// A whole number, from a number or a string holding one.
    static func integer(_ value: JSONValue) -> Int64? {
        if let number = value.intValue { return number }
        return value.stringValue.flatMap { Int64($0) }
    }

    /// A boolean, or the `true`/`false` text a form post carries.
    static func flag(_ value: JSONValue) -> Bool? {
        if let flag = value.boolValue { return flag }
        switch value.stringValue?.lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }

    /// The strings of an array, skipping anything else.
    static func strings(_ value: JSONValue?) -> [String] {
        (value?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// `base` extended by `key`, escaped as JSON Pointer requires.
    static func path(_ base: String, _ key: String) -> String { base + "/" + JSONSchema.escape(key) }

    /// `base` extended by an array index.
    static func path(_ base: String, _ index: Int) -> String { base + "/\(index)" }

    /// A number as people write it: `30`, not `30.0`.
    static func show(_ number: Double) -> String { JSONSchema.show(number) }

    /// Strings quoted and joined for a message: `"a", "b"`.
    static func quoted(_ strings: [String]) -> String { strings.map { "\"\($0)\"" }.joined(separator: ", ") }
}
