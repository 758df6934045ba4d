public import LoupeDomain

/// A starting answer for one task, and where it came from.
public struct PrefillUpdate: Sendable {
    /// The task.
    public var taskID: String
    /// The starting answer.
    public var prefill: RawJSON
    /// What made it (`source`, `format`, `score`), kept in the task's `metadata.prediction`.
    public var provenance: JSONObject

    /// An update of `taskID`.
    public init(taskID: String, prefill: RawJSON, provenance: JSONObject) {
        self.taskID = taskID
        self.prefill = prefill
        self.provenance = provenance
    }
}

extension Store {
    /// Sets the starting answers of the organization's tasks in one transaction, recording their
    /// provenance in `metadata.prediction`. A task that has a starting answer keeps it unless
    /// `overwrite`. Returns how many were set and how many kept their own.
    public func setPrefills(_ updates: [PrefillUpdate], organizationID: String, overwrite: Bool, at time: Timestamp)
        async throws -> (set: Int, kept: Int)
    {
        try await database.write { db in
            var (set, kept) = (0, 0)
            for update in updates {
                guard
                    let row = try await db.query(
                        "SELECT metadata, prefill FROM tasks WHERE id = ? AND org_id = ?",
                        [.text(update.taskID), .text(organizationID)]
                    ).first
                else { continue }
                let current = Self.prefillColumns.reader(row)
                if current.string("prefill") != nil, !overwrite {
                    kept += 1
                    continue
                }
                var metadata = current.string("metadata").flatMap { try? JSONParser.parse($0).objectValue } ?? [:]
                metadata["prediction"] = .object(update.provenance)
                try await db.execute(
                    "UPDATE tasks SET prefill = ?, metadata = ?, updated_at = ? WHERE id = ? AND org_id = ?",
                    [
                        .text(update.prefill.text), .text(JSONValue.object(metadata).serialized()),
                        .int(time.microseconds), .text(update.taskID), .text(organizationID),
                    ])
                set += 1
            }
            return (set, kept)
        }
    }

    private static let prefillColumns = SQLColumns(["metadata", "prefill"])
}
