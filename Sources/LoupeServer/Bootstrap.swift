import HummingbirdBcrypt
public import LoupeDomain
import LoupeHTTP
public import LoupeStore

/// What a first start created, shown to the operator once.
public struct FirstStartCredentials: Sendable {
    /// Admin login e-mail.
    public var adminEmail: String
    /// Admin password (random unless configured).
    public var adminPassword: String
    /// The live API key.
    public var liveKey: String
    /// The test API key.
    public var testKey: String
}

/// Creates the default organization, the admin user and a live and a test key on first start.
public enum Bootstrap {
    /// Runs the first-start set-up if the instance is empty; nil when it was set up before.
    public static func runIfNeeded(
        store: Store, configuration: AppConfiguration, ids: ObjectIDGenerator, now: Timestamp
    ) async throws -> FirstStartCredentials? {
        if try await store.defaultOrganization() != nil { return nil }
        let organization = Organization(id: ids.next(), name: "Default", createdAt: now)
        let password = configuration.initialAdminPassword ?? randomPassword()
        let admin = User(
            id: ids.next(), organizationID: organization.id, email: configuration.adminEmail,
            passwordHash: PasswordHasher.hashNow(password, cost: configuration.passwordCost),
            roles: [.admin, .requester], groups: [], createdAt: now)
        let (live, liveSecret) = APIKeyMaker.make(
            name: "default live", mode: .live, role: .admin, organizationID: organization.id, ids: ids, now: now,
            secret: configuration.initialAPIKey)
        let (test, testSecret) = APIKeyMaker.make(
            name: "default test", mode: .test, organizationID: organization.id, ids: ids, now: now,
            secret: configuration.initialTestAPIKey)
        let created = try await store.bootstrapIfEmpty(
            BootstrapRecords(organization: organization, admin: admin, keys: [live, test]))
        guard created else { return nil }
        return FirstStartCredentials(
            adminEmail: configuration.adminEmail, adminPassword: password, liveKey: liveSecret, testKey: testSecret)
    }

    private static func randomPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
