public import LoupeDomain

extension Store {
    /// The key a dialect's callbacks carry in its auth header (`TaskDialect.callbackAuthHeader`)
    /// for an organization's live or test work, made on first use. Receivers compare it with the
    /// one they were given to know a callback comes from Loupe.
    public func callbackAuthKey(organizationID: String, dialect: DialectID, testMode: Bool) async throws -> String {
        try await instanceSetting(Self.callbackAuthKeyName(organizationID, dialect, testMode)) {
            Self.newCallbackAuthKey()
        }
    }

    /// Replaces that key with a new one and returns it; callbacks carry the new key from the next
    /// delivery on (within the dispatcher's few seconds of cached settings).
    public func rotateCallbackAuthKey(organizationID: String, dialect: DialectID, testMode: Bool) async throws
        -> String
    {
        let key = Self.newCallbackAuthKey()
        try await database.write { db in
            try await db.execute(
                """
                INSERT INTO instance_settings (key, value) VALUES (?, ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """, [.text(Self.callbackAuthKeyName(organizationID, dialect, testMode)), .text(key)])
        }
        return key
    }

    /// Live keys keep the name they had before test work got keys of its own, so receivers set up
    /// then keep working.
    private static func callbackAuthKeyName(_ organizationID: String, _ dialect: DialectID, _ testMode: Bool)
        -> String
    {
        "\(dialect.rawValue)_callback_auth_key:" + (testMode ? "test:" : "") + organizationID
    }

    /// 64 hex digits from the system's random source.
    private static func newCallbackAuthKey() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }
}
