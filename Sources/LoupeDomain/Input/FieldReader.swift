import Foundation

/// Reads typed fields out of a JSON object, throwing errors that name the field (as a JSON Pointer)
/// and the reason, and rejecting fields it was never asked about.
public struct FieldReader {
    /// The object being read.
    public let object: JSONObject
    /// JSON Pointer of the object within the request ("" for the body).
    public let path: String
    private var asked: [String] = []
    private var presentAsked = 0

    /// A reader over `object` located at `path`.
    public init(_ object: JSONObject, path: String = "") {
        self.object = object
        self.path = path
    }

    /// A reader over `value`, which must be an object.
    public init(_ value: JSONValue, path: String = "") throws(DomainError) {
        guard let object = value.objectValue else {
            throw DomainError.invalidField(path, "must be an object, got \(value.typeName)")
        }
        self.init(object, path: path)
    }

    /// The pointer to member `key`.
    public func pointer(_ key: String) -> String {
        path + "/" + key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// The raw value of `key`, `nil` when absent or JSON null.
    public mutating func value(_ key: String) -> JSONValue? {
        let firstAsk = !asked.contains(key)
        if firstAsk { asked.append(key) }
        guard let value = object[key] else { return nil }
        if firstAsk { presentAsked += 1 }
        guard value != .null else { return nil }
        return value
    }

    /// Whether `key` is present (even as null).
    public func has(_ key: String) -> Bool { object[key] != nil }

    /// A string field.
    public mutating func string(_ key: String, maxLength: Int = 10_000, allowEmpty: Bool = true) throws(DomainError)
        -> String?
    {
        guard let value = value(key) else { return nil }
        guard case .string(let string) = value else { throw typeError(key, "a string", value) }
        if !allowEmpty && string.isEmpty { throw DomainError.invalidField(pointer(key), "must not be empty") }
        if string.utf8.count > maxLength {
            throw DomainError.invalidField(pointer(key), "must be at most \(maxLength) bytes")
        }
        return string
    }

    /// A required string field.
    public mutating func requiredString(_ key: String, maxLength: Int = 10_000) throws(DomainError) -> String {
        guard let string = try string(key, maxLength: maxLength, allowEmpty: false) else {
            throw DomainError.invalidField(pointer(key), "is required")
        }
        return string
    }

    /// An integer field within `range`.
    public mutating func int(_ key: String, in range: ClosedRange<Int> = Int.min...Int.max) throws(DomainError) -> Int?
    {
        guard let value = value(key) else { return nil }
        guard let number = value.intValue, let int = Int(exactly: number) else {
            throw typeError(key, "an integer", value)
        }
        guard range.contains(int) else {
            throw DomainError.invalidField(pointer(key), "must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return int
    }

    /// A number field within `range`.
    public mutating func double(
        _ key: String,
        in range: ClosedRange<Double> = -Double
            .greatestFiniteMagnitude...Double
            .greatestFiniteMagnitude
    ) throws(DomainError) -> Double? {
        guard let value = value(key) else { return nil }
        guard let number = value.doubleValue else { throw typeError(key, "a number", value) }
        guard range.contains(number) else {
            throw DomainError.invalidField(pointer(key), "must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }

    /// A boolean field.
    public mutating func bool(_ key: String) throws(DomainError) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let bool) = value else { throw typeError(key, "a boolean", value) }
        return bool
    }

    /// An object field.
    public mutating func object(_ key: String) throws(DomainError) -> JSONObject? {
        guard let value = value(key) else { return nil }
        guard case .object(let object) = value else { throw typeError(key, "an object", value) }
        return object
    }

    /// An array field.
    public mutating func array(_ key: String, maxCount: Int = 100_000) throws(DomainError) -> [JSONValue]? {
        guard let value = value(key) else { return nil }
        guard case .array(let array) = value else { throw typeError(key, "an array", value) }
        if array.count > maxCount {
            throw DomainError.invalidField(pointer(key), "must have at most \(maxCount) items")
        }
        return array
    }

    /// An array of strings.
    public mutating func stringArray(_ key: String, maxCount: Int = 1_000, maxLength: Int = 200) throws(DomainError)
        -> [String]?
    {
        guard let array = try array(key, maxCount: maxCount) else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(array.count)
        for (index, element) in array.enumerated() {
            guard case .string(let string) = element, !string.isEmpty, string.utf8.count <= maxLength else {
                throw DomainError.invalidField(
                    pointer(key) + "/\(index)", "must be a non-empty string of at most \(maxLength) bytes")
            }
            strings.append(string)
        }
        return strings
    }

    /// A string from a fixed set of values.
    public mutating func choice<Value: RawRepresentable<String>>(_ key: String, _ type: Value.Type) throws(DomainError)
        -> Value? where Value: CaseIterable
    {
        guard let string = try string(key) else { return nil }
        guard let value = Value(rawValue: string) else {
            let allowed = Value.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw DomainError.invalidField(pointer(key), "must be one of \(allowed)")
        }
        return value
    }

    /// Throws for the first member that no accessor asked about.
    public func rejectUnknownFields() throws(DomainError) {
        guard presentAsked < object.count else { return }
        for key in object.keys where !asked.contains(key) {
            throw DomainError.invalidField(pointer(key), "is not a known field")
        }
    }

    private func typeError(_ key: String, _ expected: String, _ value: JSONValue) -> DomainError {
        DomainError.invalidField(pointer(key), "must be \(expected), got \(value.typeName)")
    }
}
