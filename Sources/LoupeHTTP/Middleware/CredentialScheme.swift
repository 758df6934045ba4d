public import Hummingbird
import Foundation
import HTTPTypes
import LoupeDomain

/// Where a request carries its API key or session token. Loupe's own API reads
/// `Authorization: Bearer <key>` and HTTP Basic with the key as user name; a dialect may add its
/// vendor's schemes (`Authorization: Key …`, `X-Auth-Token: …`, `?access_key=…`).
public enum CredentialScheme: Sendable, Equatable {
    /// `Authorization: Bearer <key>`.
    case bearer
    /// `Authorization: Basic base64(<key>:)`.
    case basic
    /// `Authorization: <scheme> <key>`, e.g. `Key` or `Token`.
    case authorization(String)
    /// A header holding the key alone, e.g. `X-Auth-Token`.
    case header(String)
    /// A query parameter holding the key, e.g. `access_key`.
    case query(String)

    /// Loupe's own: Bearer and Basic.
    public static let standard: [CredentialScheme] = [.bearer, .basic]

    /// How the schemes are named to a caller that sent none of them.
    static func describe(_ schemes: [CredentialScheme]) -> String {
        schemes.map { scheme in
            switch scheme {
            case .bearer: "Authorization: Bearer <key>"
            case .basic: "Basic with the key as user name"
            case .authorization(let name): "Authorization: \(name) <key>"
            case .header(let name): "\(name): <key>"
            case .query(let name): "?\(name)=<key>"
            }
        }.joined(separator: ", ")
    }
}

extension [CredentialScheme] {
    /// The credential `request` carries under one of these schemes (the first that is present),
    /// nil when it carries none; a malformed one throws.
    func credential(in request: Request) throws(DomainError) -> String? {
        var readsAuthorization = false
        for scheme in self {
            switch scheme {
            case .bearer, .basic, .authorization:
                readsAuthorization = true
                guard let header = request.headers[.authorization],
                    let key = try APIKeyAuthenticator.key(from: header, scheme: scheme)
                else { continue }
                return key
            case .header(let name):
                guard let field = HTTPField.Name(name), let value = request.headers[field] else { continue }
                return try Self.checked(value.trimmingCharacters(in: .whitespaces), from: name)
            case .query(let name):
                guard let value = QueryString.pairs(request.uri.query ?? "").first(where: { $0.name == name })?.value
                else { continue }
                return try Self.checked(value, from: name)
            }
        }
        // An Authorization header in a scheme none of these reads is a mistake worth naming.
        if readsAuthorization, request.headers[.authorization] != nil { throw APIKeyAuthenticator.unknownScheme() }
        return nil
    }

    private static func checked(_ key: String, from source: String) throws(DomainError) -> String {
        guard !key.isEmpty, key.utf8.count <= 512, !key.contains(" ") else {
            throw DomainError(
                .unauthorized, "the credential in \(source) is malformed",
                details: [.init(path: source, reason: "is malformed")])
        }
        return key
    }
}
