public import LoupeDomain

extension Store {
    /// The user's stored UI preferences (a JSON object), or nil when none were saved.
    public func preferences(userID: String) async throws -> RawJSON? {
        try await database.read { db in
            try await db.query("SELECT value FROM user_preferences WHERE user_id = ?", [.text(userID)])
                .first?.string(0).map(RawJSON.init(unchecked:))
        }
    }

    /// Replaces the user's UI preferences.
    public func setPreferences(userID: String, value: RawJSON, now: Timestamp) async throws {
        try await database.write { db in
            try await db.execute(
                """
                INSERT INTO user_preferences (user_id, value, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """,
                [.text(userID), .text(value.text), .int(now.microseconds)])
        }
    }
}
