public import LoupeDomain

/// What the first start of an instance creates.
public struct BootstrapRecords: Sendable {
    /// The default organization.
    public var organization: Organization
    /// The admin user.
    public var admin: User
    /// The live and test keys.
    public var keys: [APIKey]

    /// The records to create.
    public init(organization: Organization, admin: User, keys: [APIKey]) {
        self.organization = organization
        self.admin = admin
        self.keys = keys
    }
}

extension Store {
    /// Creates the default organization, admin and keys if the instance has no organization yet.
    /// Returns false (and writes nothing) when it already has one, so concurrent first starts are safe.
    public func bootstrapIfEmpty(_ records: BootstrapRecords) async throws -> Bool {
        try await database.writeExclusive(lockKey: Migrations.lockKey) { db in
            let existing = try await db.query("SELECT id FROM organizations LIMIT 1", [])
            guard existing.isEmpty else { return false }
            try await Self.insert(records.organization, db)
            try await Self.insert(records.admin, db)
            for key in records.keys { try await Self.insert(key, db) }
            return true
        }
    }

    /// The default (first) organization, if any.
    public func defaultOrganization() async throws -> Organization? {
        try await database.read { db in
            try await db.query("SELECT id, name, created_at FROM organizations ORDER BY id LIMIT 1", []).first.map {
                Organization(id: $0.string(0)!, name: $0.string(1)!, createdAt: Timestamp(microseconds: $0.int64(2)!))
            }
        }
    }

    /// Creates an organization.
    public func createOrganization(_ organization: Organization) async throws {
        try await database.write { db in try await Self.insert(organization, db) }
    }

    /// Stores a new API key.
    public func createAPIKey(_ key: APIKey) async throws {
        try await database.write { db in try await Self.insert(key, db) }
    }

    /// The unrevoked key with this hash.
    public func apiKey(hash: String) async throws -> APIKey? {
        try await database.read { db in
            try await db.query(
                "SELECT \(Self.keyColumns) FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL", [.text(hash)]
            ).first.map(Self.apiKey)
        }
    }

    /// The organization's keys, newest first.
    public func apiKeys(organizationID: String) async throws -> [APIKey] {
        try await database.read { db in
            try await db.query(
                "SELECT \(Self.keyColumns) FROM api_keys WHERE org_id = ? ORDER BY id DESC", [.text(organizationID)]
            ).map(Self.apiKey)
        }
    }

    /// Revokes a key; returns it, or nil if it does not exist in the organization.
    public func revokeAPIKey(id: String, organizationID: String, at time: Timestamp) async throws -> APIKey? {
        try await database.write { db in
            try await db.query(
                """
                UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND org_id = ?
                RETURNING \(Self.keyColumns)
                """, [.int(time.microseconds), .text(id), .text(organizationID)]
            ).first.map(Self.apiKey)
        }
    }

    /// The user with this e-mail (lowercased), in any organization.
    public func user(email: String) async throws -> User? {
        try await database.read { db in
            try await db.query(
                "SELECT \(Self.userColumns) FROM users WHERE email = ?", [.text(email.lowercased())]
            ).first.map(Self.user)
        }
    }

    /// A value from the instance's own settings (e.g. the cursor-signing secret), created by
    /// `makeValue` the first time; every node then reads the same value.
    public func instanceSetting(_ key: String, orCreate makeValue: @Sendable () -> String) async throws -> String {
        if let value = try await database.read({ db in
            try await db.query("SELECT value FROM instance_settings WHERE key = ?", [.text(key)]).first?.string(0)
        }) {
            return value
        }
        return try await database.write { db in
            try await db.execute(
                "INSERT INTO instance_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                [.text(key), .text(makeValue())])
            return try await db.query("SELECT value FROM instance_settings WHERE key = ?", [.text(key)])[0].string(0)!
        }
    }

    static let keyColumns = "id, org_id, name, mode, prefix, key_hash, created_at, revoked_at, role"
    static let userColumns = "id, org_id, email, password_hash, roles, groups_json, created_at"

    static func apiKey(_ row: SQLRow) -> APIKey {
        APIKey(
            id: row.string(0)!, organizationID: row.string(1)!, name: row.string(2)!,
            mode: APIKeyMode(rawValue: row.string(3)!) ?? .test,
            role: APIKeyRole(rawValue: row.string(8) ?? "") ?? .readOnly, prefix: row.string(4)!, hash: row.string(5)!,
            createdAt: Timestamp(microseconds: row.int64(6)!), revokedAt: row.int64(7).map(Timestamp.init))
    }

    static func user(_ row: SQLRow) -> User {
        User(
            id: row.string(0)!, organizationID: row.string(1)!, email: row.string(2)!, passwordHash: row.string(3)!,
            roles: StoredJSON.strings(row.string(4)).compactMap(UserRole.init(rawValue:)),
            groups: StoredJSON.strings(row.string(5)), createdAt: Timestamp(microseconds: row.int64(6)!))
    }

    static func insert(_ organization: Organization, _ db: any SQLConnection) async throws {
        try await db.execute(
            "INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)",
            [.text(organization.id), .text(organization.name), .int(organization.createdAt.microseconds)])
    }

    static func insert(_ user: User, _ db: any SQLConnection) async throws {
        try await db.execute(
            """
            INSERT INTO users (id, org_id, email, password_hash, roles, groups_json, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(user.id), .text(user.organizationID), .text(user.email.lowercased()), .text(user.passwordHash),
                .text(StoredJSON.text(user.roles.map(\.rawValue))), .text(StoredJSON.text(user.groups)),
                .int(user.createdAt.microseconds),
            ])
    }

    static func insert(_ key: APIKey, _ db: any SQLConnection) async throws {
        try await db.execute(
            """
            INSERT INTO api_keys (id, org_id, name, mode, prefix, key_hash, created_at, revoked_at, role)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(key.id), .text(key.organizationID), .text(key.name), .text(key.mode.rawValue), .text(key.prefix),
                .text(key.hash), .int(key.createdAt.microseconds), key.revokedAt.map { .int($0.microseconds) } ?? .null,
                .text(key.role.rawValue),
            ])
    }
}

/// Helpers for JSON kept in TEXT columns.
public enum StoredJSON {
    /// A JSON array of strings as text.
    public static func text(_ strings: [String]) -> String {
        JSONValue.array(strings.map(JSONValue.string)).serialized()
    }

    /// The strings of a stored JSON array (empty when absent or malformed).
    public static func strings(_ text: String?) -> [String] {
        guard let text, let value = try? JSONParser.parse(text), let array = value.arrayValue else { return [] }
        return array.compactMap(\.stringValue)
    }

    /// A stored JSON object (empty when absent or malformed).
    public static func object(_ text: String?) -> JSONObject {
        guard let text, let value = try? JSONParser.parse(text) else { return JSONObject() }
        return value.objectValue ?? JSONObject()
    }

    /// A stored JSON value, if present and well formed.
    public static func value(_ text: String?) -> JSONValue? {
        guard let text else { return nil }
        return try? JSONParser.parse(text)
    }
}
