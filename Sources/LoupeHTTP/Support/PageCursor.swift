import Crypto
import Foundation
import Synchronization
public import LoupeDomain

/// Opaque, signed `next_token` values. A token carries the last id of the page it ends and the
/// query it belongs to; a forged, garbled or foreign token is refused with a 400 naming `next_token`.
public final class PageCursor: Sendable {
    private let secret: Mutex<SymmetricKey>

    /// A cursor codec signing with `secret`; the server replaces it at start with the instance
    /// secret kept in the store, so that every node accepts every other node's tokens.
    public init(secret: String) { self.secret = Mutex(SymmetricKey(data: Data(secret.utf8))) }

    /// Signs with `secret` from now on.
    public func useSecret(_ secret: String) { self.secret.withLock { $0 = SymmetricKey(data: Data(secret.utf8)) } }

    /// The token for a page ending at `lastID` of the query identified by `scope`.
    public func token(lastID: String, scope: String) -> String {
        let payload = lastID + "|" + Self.scopeHash(scope)
        return Self.base64URL(Data(payload.utf8)) + "." + signature(payload)
    }

    /// The last id carried by `token`, which must belong to `scope`.
    public func lastID(from token: String, scope: String, parameter: String = "next_token") throws(DomainError)
        -> String
    {
        let invalid = DomainError.invalidField(parameter, "is not a valid page token for this query")
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let data = Self.decodeBase64URL(String(parts[0])),
            let payload = String(data: data, encoding: .utf8), signature(payload) == parts[1]
        else { throw invalid }
        let fields = payload.split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count == 2, fields[1] == Self.scopeHash(scope), ObjectIDGenerator.isValid(fields[0]) else {
            throw invalid
        }
        return String(fields[0])
    }

    private func signature(_ payload: String) -> String {
        let key = secret.withLock { $0 }
        let mac = HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: key)
        return Self.base64URL(Data(mac.prefix(16)))
    }

    private static func scopeHash(_ scope: String) -> String {
        Hex.encode(SHA256.hash(data: Data(scope.utf8)).prefix(6))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decodeBase64URL(_ text: String) -> Data? {
        guard text.utf8.allSatisfy({ $0 < 128 }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
