/// A tenant. Every project, task, key and user belongs to exactly one.
public struct Organization: Sendable, Equatable {
    /// 24-hex id.
    public var id: String
    /// Display name.
    public var name: String
    /// When it was created.
    public var createdAt: Timestamp

    /// An organization with the given fields.
    public init(id: String, name: String, createdAt: Timestamp) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }
}

/// Whether an API key works on real data or in test mode (synthetic workers).
public enum APIKeyMode: String, Sendable, Equatable, CaseIterable {
    case live
    case test
}

/// What a live API key may do. Test keys are sandboxed whatever their role: they see and change
/// only test-mode work and never manage keys or users.
public enum APIKeyRole: String, Sendable, Equatable, CaseIterable {
    /// Everything a requester may do, plus keys, users and webhook secrets.
    case admin
    /// Projects, tasks, batches, results, deliveries and exports.
    case requester
    /// What a requester may read; any other method is refused.
    case readOnly = "read_only"
}

/// A stored API key: only its SHA-256 hash is kept; the key itself is shown once.
public struct APIKey: Sendable, Equatable {
    /// 24-hex id.
    public var id: String
    /// Owning organization.
    public var organizationID: String
    /// A name for people ("default", "ci").
    public var name: String
    /// Live or test.
    public var mode: APIKeyMode
    /// What it may do.
    public var role: APIKeyRole
    /// The first characters of the key, to recognise it in lists.
    public var prefix: String
    /// Hex SHA-256 of the whole key.
    public var hash: String
    /// When it was created.
    public var createdAt: Timestamp
    /// When it was revoked, if it was.
    public var revokedAt: Timestamp?

    /// A key record with the given fields.
    public init(
        id: String, organizationID: String, name: String, mode: APIKeyMode, role: APIKeyRole = .requester,
        prefix: String,
        hash: String, createdAt: Timestamp, revokedAt: Timestamp? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.mode = mode
        self.role = role
        self.prefix = prefix
        self.hash = hash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// Roles a user can hold.
public enum UserRole: String, Sendable, CaseIterable {
    case admin, requester, worker, reviewer
}

/// A person who logs in: requester, worker, reviewer or admin.
public struct User: Sendable, Equatable {
    /// 24-hex id.
    public var id: String
    /// Owning organization.
    public var organizationID: String
    /// Login e-mail, unique across the instance (lowercased).
    public var email: String
    /// bcrypt hash of the password.
    public var passwordHash: String
    /// Granted roles.
    public var roles: [UserRole]
    /// Worker groups.
    public var groups: [String]
    /// When it was created.
    public var createdAt: Timestamp

    /// A user with the given fields.
    public init(
        id: String, organizationID: String, email: String, passwordHash: String, roles: [UserRole], groups: [String],
        createdAt: Timestamp
    ) {
        self.id = id
        self.organizationID = organizationID
        self.email = email
        self.passwordHash = passwordHash
        self.roles = roles
        self.groups = groups
        self.createdAt = createdAt
    }
}
