/// The columns a statement selects, by name, so rows are read by column name rather than by
/// position: `columns.list` goes into the SQL, `columns.reader(row)` reads what came back.
public struct SQLColumns: Sendable {
    /// The column names, in select order.
    public let names: [String]
    private let positions: [String: Int]

    /// Columns named `names`, in that order.
    public init(_ names: [String]) {
        self.names = names
        self.positions = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    }

    /// The names joined for a SELECT or RETURNING clause.
    public var list: String { names.joined(separator: ", ") }

    /// The names prefixed with a table alias (`t.id, t.org_id, …`).
    public func qualified(by alias: String) -> String { names.map { "\(alias).\($0)" }.joined(separator: ", ") }

    /// How many columns there are (where the next joined table's columns start in a row).
    public var count: Int { names.count }

    /// Reads `row`, whose first values are these columns, by name.
    public func reader(_ row: SQLRow) -> SQLColumnReader { SQLColumnReader(row: row, positions: positions) }
}

/// One row read by column name. Asking for a column the statement did not select is a
/// programming error and stops the process, as an out-of-range position would.
public struct SQLColumnReader {
    let row: SQLRow
    let positions: [String: Int]

    private func position(_ name: String) -> Int {
        guard let position = positions[name] else { preconditionFailure("column \(name) is not selected") }
        return position
    }

    /// The text in `name`.
    public func string(_ name: String) -> String? { row.string(position(name)) }
    /// The integer in `name`.
    public func int64(_ name: String) -> Int64? { row.int64(position(name)) }
    /// The integer in `name`.
    public func int(_ name: String) -> Int? { row.int(position(name)) }
    /// The number in `name`.
    public func double(_ name: String) -> Double? { row.double(position(name)) }
    /// Whether `name` holds a non-zero integer.
    public func bool(_ name: String) -> Bool { row.bool(position(name)) }
}
