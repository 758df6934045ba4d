public import LoupeDomain

/// A logged-in person's session: only the token's hash is stored.
public struct Session: Sendable, Equatable {
    /// Hex SHA-256 of the bearer token.
    public var tokenHash: String
    /// The user.
    public var userID: String
    /// The user's organization.
    public var organizationID: String
    /// When it was issued.
    public var createdAt: Timestamp
    /// When it stops working.
    public var expiresAt: Timestamp

    /// A session with the given fields.
    public init(tokenHash: String, userID: String, organizationID: String, createdAt: Timestamp, expiresAt: Timestamp) {
        self.tokenHash = tokenHash
        self.userID = userID
        self.organizationID = organizationID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

extension Store {
    /// Stores a new user; throws `conflict` when the e-mail is taken.
    public func createUser(_ user: User) async throws {
        try await database.write { db in
            let taken = try await db.query("SELECT id FROM users WHERE email = ?", [.text(user.email.lowercased())])
            guard taken.isEmpty else {
                throw DomainError(
                    .conflict, "a user with e-mail \(user.email.lowercased()) already exists",
                    details: [.init(path: "/email", reason: "is already taken")])
            }
            try await Self.insert(user, db)
        }
    }

    /// Replaces a user's stored password hash (an older kind upgraded at login).
    public func setPasswordHash(userID: String, organizationID: String, hash: String) async throws {
        try await database.write { db in
            try await db.execute(
                "UPDATE users SET password_hash = ? WHERE id = ? AND org_id = ?",
                [.text(hash), .text(userID), .text(organizationID)])
        }
    }

    /// The user, if it exists in the organization.
    public func user(id: String, organizationID: String) async throws -> User? {
        try await database.read { db in
            try await db.query(
                "SELECT \(Self.userColumns) FROM users WHERE id = ? AND org_id = ?", [.text(id), .text(organizationID)]
            ).first.map(Self.user)
        }
    }

    /// The organization's users in id order after `afterID`.
    public func users(organizationID: String, afterID: String?, limit: Int) async throws -> [User] {
        try await database.read { db in
            try await db.query(
                "SELECT \(Self.userColumns) FROM users WHERE org_id = ? AND id > ? ORDER BY id LIMIT ?",
                [.text(organizationID), .text(afterID ?? ""), .int(Int64(limit))]
            ).map(Self.user)
        }
    }

    /// Stores a new session.
    public func createSession(_ session: Session) async throws {
        try await database.write { db in
            try await db.execute(
                "INSERT INTO sessions (token_hash, user_id, org_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                [
                    .text(session.tokenHash), .text(session.userID), .text(session.organizationID),
                    .int(session.createdAt.microseconds), .int(session.expiresAt.microseconds),
                ])
        }
    }

    /// The unexpired session with this token hash and its user.
    public func session(tokenHash: String, now: Timestamp) async throws -> (Session, User)? {
        try await database.read { db in
            guard
                let row = try await db.query(
                    """
                    SELECT s.token_hash, s.user_id, s.org_id, s.created_at, s.expires_at FROM sessions s
                    WHERE s.token_hash = ? AND s.expires_at > ?
                    """, [.text(tokenHash), .int(now.microseconds)]
                ).first
            else { return nil }
            let session = Session(
                tokenHash: row.string(0)!, userID: row.string(1)!, organizationID: row.string(2)!,
                createdAt: Timestamp(microseconds: row.int64(3)!), expiresAt: Timestamp(microseconds: row.int64(4)!))
            guard
                let user = try await db.query(
                    "SELECT \(Self.userColumns) FROM users WHERE id = ? AND disabled_at IS NULL",
                    [.text(session.userID)]
                ).first.map(Self.user)
            else { return nil }
            return (session, user)
        }
    }

    /// Ends a session.
    public func deleteSession(tokenHash: String) async throws {
        try await database.write { db in
            try await db.execute("DELETE FROM sessions WHERE token_hash = ?", [.text(tokenHash)])
        }
    }
}
