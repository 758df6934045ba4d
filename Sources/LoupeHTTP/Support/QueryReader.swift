public import Hummingbird
public import LoupeDomain

/// Reads query parameters with errors that name the parameter.
public struct QueryReader {
    private let parameters: [String: String]

    /// A reader over the request's query string (the last value wins for repeated names), read as
    /// forms write it (`+` is a space).
    public init(_ request: Request) {
        var parameters: [String: String] = [:]
        for (name, value) in QueryString.pairs(request.uri.query ?? "") { parameters[name] = value }
        self.parameters = parameters
    }

    /// The raw value.
    public func string(_ name: String) -> String? {
        guard let value = parameters[name], !value.isEmpty else { return nil }
        return value
    }

    /// A page size: `default` when absent, else an integer in 1…`max`.
    public func limit(default defaultValue: Int = 100, max: Int = 1_000) throws(DomainError) -> Int {
        try int("limit", in: 1...max) ?? defaultValue
    }

    /// An integer within `range`.
    public func int(_ name: String, in range: ClosedRange<Int>) throws(DomainError) -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw DomainError.invalidField(
                name, "must be an integer between \(range.lowerBound) and \(range.upperBound)")
        }
        return value
    }

    /// An RFC 3339 time.
    public func timestamp(_ name: String) throws(DomainError) -> Timestamp? {
        guard let text = string(name) else { return nil }
        guard let time = Timestamp.parse(text) else {
            throw DomainError.invalidField(name, "must be an RFC 3339 time such as 2026-01-31T12:00:00.000Z")
        }
        return time
    }

    /// An id-shaped value (24 lowercase hex characters).
    public func id(_ name: String) throws(DomainError) -> String? {
        guard let text = string(name) else { return nil }
        guard ObjectIDGenerator.isValid(text) else {
            throw DomainError.invalidField(name, "must be an id of 24 lowercase hex characters")
        }
        return text
    }

    /// A boolean (`true`/`false`/`1`/`0`).
    public func bool(_ name: String) throws(DomainError) -> Bool? {
        guard let text = string(name) else { return nil }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw DomainError.invalidField(name, "must be true or false")
        }
    }

    /// Comma-separated values from a fixed set.
    public func choices<Value: RawRepresentable<String> & CaseIterable>(_ name: String, _ type: Value.Type)
        throws(DomainError) -> [Value]
    {
        guard let text = string(name) else { return [] }
        var values: [Value] = []
        for part in text.split(separator: ",") {
            guard let value = Value(rawValue: String(part)) else {
                let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
                throw DomainError.invalidField(name, "must be one or more of \(allowed)")
            }
            values.append(value)
        }
        return values
    }
}

extension Parameters {
    /// A path id, which must have the shape of an id (otherwise it cannot exist: 404).
    public func id(_ name: String = "id", kind: String) throws(DomainError) -> String {
        guard let value = get(name), ObjectIDGenerator.isValid(value) else {
            throw DomainError.notFound(kind, get(name) ?? "")
        }
        return value
    }
}
