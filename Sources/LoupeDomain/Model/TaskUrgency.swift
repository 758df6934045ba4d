/// How soon a requester wants a task done. Express tasks are offered to workers before standard
/// ones whatever their priority; priority then orders tasks of one urgency.
public enum TaskUrgency: String, Sendable, CaseIterable, Hashable {
    /// Wanted within hours.
    case express
    /// Wanted within days (the default).
    case standard

    /// Its place in the queue: lower is served first.
    public var queueRank: Int {
        switch self {
        case .express: 0
        case .standard: 1
        }
    }

    /// The urgency stored as `rank`; an unknown rank reads as standard.
    public init(queueRank rank: Int) {
        self = Self.allCases.first { $0.queueRank == rank } ?? .standard
    }

    /// Reads `urgency` from a creation body, naming the field on error.
    public static func read(_ reader: inout FieldReader) throws(DomainError) -> TaskUrgency? {
        guard let name = try reader.string("urgency", maxLength: 20) else { return nil }
        guard let urgency = TaskUrgency(rawValue: name) else {
            let names = allCases.map(\.rawValue).joined(separator: ", ")
            throw DomainError.invalidField(reader.pointer("urgency"), "must be one of: \(names)")
        }
        return urgency
    }
}
