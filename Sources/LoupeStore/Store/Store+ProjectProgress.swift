public import LoupeDomain

/// A project's progress for its dashboard: tasks per status and completions per time bucket.
public struct ProjectProgress: Sendable, Equatable {
    /// Completions in one time bucket.
    public struct Bucket: Sendable, Equatable {
        /// When the bucket starts.
        public var start: Timestamp
        /// Tasks completed in it.
        public var completed: Int
    }

    /// Task count per status (statuses with no task are absent).
    public var counts: [String: Int]
    /// Completions per bucket, oldest first, one entry per bucket (zeros included).
    public var completions: [Bucket]
}

extension Store {
    /// Tasks per status for each of `projectIDs` (live tasks only), keyed by project id.
    public func statusCounts(projectIDs: [String]) async throws -> [String: [String: Int]] {
        guard !projectIDs.isEmpty else { return [:] }
        return try await database.read { db in
            var counts: [String: [String: Int]] = [:]
            for chunk in stride(from: 0, to: projectIDs.count, by: 500).map({
                Array(projectIDs[$0..<min($0 + 500, projectIDs.count)])
            }) {
                for row in try await db.query(
                    """
                    SELECT project_id, status, COUNT(*) FROM tasks
                    WHERE project_id IN (\(Self.placeholders(chunk.count))) AND test_mode = 0 GROUP BY project_id, status
                    """, chunk.map(SQLValue.text))
                {
                    counts[row.string(0) ?? "", default: [:]][row.string(1) ?? ""] = row.int(2) ?? 0
                }
            }
            return counts
        }
    }

    /// Tasks per status, and completions in `bucketCount` buckets of `bucketSeconds` ending at the
    /// bucket that holds `now`.
    public func projectProgress(projectID: String, now: Timestamp, bucketSeconds: Int, bucketCount: Int) async throws
        -> ProjectProgress
    {
        let bucket = Int64(bucketSeconds) * 1_000_000
        let lastStart = now.microseconds / bucket * bucket
        let firstStart = lastStart - Int64(bucketCount - 1) * bucket
        return try await database.read { db in
            var counts: [String: Int] = [:]
            for row in try await db.query(
                "SELECT status, COUNT(*) FROM tasks WHERE project_id = ? GROUP BY status", [.text(projectID)])
            {
                counts[row.string(0) ?? ""] = row.int(1) ?? 0
            }
            var perBucket: [Int64: Int] = [:]
            for row in try await db.query(
                """
                SELECT bucket, COUNT(*) FROM (
                    SELECT completed_at / ? AS bucket FROM tasks
                    WHERE project_id = ? AND completed_at IS NOT NULL AND completed_at >= ?) AS completions
                GROUP BY bucket
                """,
                [.int(bucket), .text(projectID), .int(firstStart)])
            {
                perBucket[(row.int64(0) ?? 0) * bucket] = row.int(1) ?? 0
            }
            let completions = (0..<bucketCount).map { index in
                let start = firstStart + Int64(index) * bucket
                return ProjectProgress.Bucket(start: Timestamp(microseconds: start), completed: perBucket[start] ?? 0)
            }
            return ProjectProgress(counts: counts, completions: completions)
        }
    }
}
