import LoupeDomain
import LoupeStore
import Synchronization

/// A project's auth, retry policy, concurrency and signing secrets, as the dispatcher uses them.
struct ProjectDeliveryConfig: Sendable {
    var callback: CallbackSettings
    var secrets: [String]
    /// The organization's callback auth keys of each dialect that sends one, live and test.
    var callbackAuthKeys: [CallbackAuthKeyID: String] = [:]
}

/// Which callback auth key: a dialect's, for live or test work.
struct CallbackAuthKeyID: Hashable, Sendable {
    var dialect: DialectID
    var testMode: Bool
}

/// Project delivery settings for a few seconds, so a burst of events does not read the project
/// once per event; edits and secret rotations are picked up within `ttl`.
final class DeliveryConfigCache: Sendable {
    private let store: Store
    private let ttlMicroseconds: Int64
    private let entries = Mutex<[String: (config: ProjectDeliveryConfig, until: Timestamp)]>([:])

    init(store: Store, ttlSeconds: Double) {
        self.store = store
        ttlMicroseconds = Int64(ttlSeconds * 1_000_000)
    }

    func config(projectID: String, organizationID: String, now: Timestamp) async throws -> ProjectDeliveryConfig {
        if let entry = entries.withLock({ $0[projectID] }), entry.until > now { return entry.config }
        let callback = try await store.callbackSettings(projectID: projectID)
        let secrets = try await store.webhookSecrets(projectID: projectID, now: now).map(\.secret)
        var config = ProjectDeliveryConfig(callback: callback, secrets: secrets)
        for id in store.dialects.ids where store.dialects.dialect(id).callbackAuthHeader != nil {
            for testMode in [false, true] {
                config.callbackAuthKeys[CallbackAuthKeyID(dialect: id, testMode: testMode)] =
                    try await store.callbackAuthKey(organizationID: organizationID, dialect: id, testMode: testMode)
            }
        }
        entries.withLock { $0[projectID] = (config, Timestamp(microseconds: now.microseconds + ttlMicroseconds)) }
        return config
    }
}
