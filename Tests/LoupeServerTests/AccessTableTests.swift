import Foundation
import HTTPTypes
import LoupeDomain
import LoupeServer
import LoupeTestSupport
import Testing

/// Who may call what: every route of the router, called with every kind of credential, against a
/// table of what each may do. A route without an entry fails, so a new route must say who may use it.
@Suite("Access: every route against every credential")
struct AccessTableTests {
    /// A kind of credential.
    enum Credential: String, CaseIterable {
        case none, liveAdminKey, liveRequesterKey, readOnlyKey, testKey, requesterSession, reviewerSession,
            workerSession
    }

    /// What a credential gets from a route: past authentication and authorisation (any other
    /// status, typically 404 for the made-up ids used here), 401, or 403.
    enum Outcome: String { case passes, unauthenticated, forbidden }

    /// Who may use a route.
    enum Access {
        /// Anyone, or a capability in the URL.
        case open
        /// Requesters' data (projects, tasks, batches, results, deliveries): live keys, test keys
        /// within their sandbox, requester sessions. Read-only keys may read.
        case requester
        /// As `requester`, but never a test key: users, workers' figures, signing secrets.
        case liveRequester
        /// Live admins only: API keys.
        case liveAdmin
        /// A worker's own queue and leases.
        case worker
        /// A reviewer's queue.
        case reviewer
        /// Any logged-in person or live key (their own figures); never a test key.
        case liveAnyone
        /// The caller's own session and profile.
        case session
        /// Anyone authenticated (logout answers a key with a 400: there is no session to end).
        case authenticated
        /// Only the bearer of `LOUPE_METRICS_TOKEN` (set here), never an API key or session.
        case metricsToken
        /// As `requester`, through a dialect that reads the API key from `?access_key=` (Sama):
        /// keys pass there as requesters; sessions are not read.
        case requesterKeyInQuery
    }

    static let table: [String: Access] = [
        "get /health": .open, "get /health/live": .open, "get /health/ready": .open, "get /metrics": .metricsToken,
        "get /api/v1/openapi.json": .open,
        "put /api/v1/uploads/{token}": .open, "post /api/v1/auth/token": .open,
        "post /api/v1/auth/logout": .authenticated, "get /api/v1/me": .session, "put /api/v1/me/preferences": .session,
        "get /api/v1/me/projects": .session,
        "post /api/v1/projects": .requester, "get /api/v1/projects": .requester,
        "get /api/v1/projects/{id}": .requester,
        "patch /api/v1/projects/{id}": .requester, "post /api/v1/projects/{id}/archive": .requester,
        "post /api/v1/projects/{id}/unarchive": .requester, "get /api/v1/projects/{id}/stats": .requester,
        "post /api/v1/projects/{id}/tasks": .requester, "get /api/v1/tasks": .requester,
        "get /api/v1/tasks/{id}": .requester, "post /api/v1/tasks/{id}/cancel": .requester,
        "get /api/v1/tasks/{id}/pdf": .authenticated,
        "post /api/v1/tasks/delete": .requester, "post /api/v1/tasks/priority": .requester,
        "post /api/v1/tasks/submit": .requester,
        "post /api/v1/tasks/{id}/metadata": .requester, "post /api/v1/tasks/{id}/tags": .requester,
        "get /api/v1/tasks/{id}/results": .requester, "post /api/v1/tasks/{id}/reject": .requester,
        "post /api/v1/projects/{id}/batches": .requester, "post /api/v1/projects/{id}/predictions": .requester,
        "get /api/v1/projects/{id}/batches": .requester,
        "get /api/v1/batches/{id}": .requester, "get /api/v1/batches/{id}/failures": .requester,
        "post /api/v1/batches/{id}/finalize": .requester, "post /api/v1/batches/{id}/cancel": .requester,
        "get /api/v1/projects/{id}/deliveries": .requester, "post /api/v1/projects/{id}/deliveries/ack": .requester,
        "get /api/v1/projects/{id}/export": .requester, "get /api/v1/projects/{id}/events": .requester,
        "get /api/v1/projects/{id}/events/dead": .requester, "post /api/v1/projects/{id}/events/resend": .requester,
        "get /api/v1/events/{id}": .requester, "post /api/v1/events/{id}/resend": .requester,
        "get /api/v1/projects/{id}/webhook-secrets": .liveRequester,
        "post /api/v1/projects/{id}/webhook-secrets/rotate": .liveRequester,
        "get /api/v1/projects/{id}/workers": .liveRequester, "post /api/v1/users": .liveRequester,
        "get /api/v1/users": .liveRequester, "get /api/v1/users/{id}": .liveRequester,
        "get /api/v1/users/{id}/stats": .liveAnyone,
        "get /api/v1/keys": .liveAdmin, "post /api/v1/keys": .liveAdmin, "post /api/v1/keys/{id}/revoke": .liveAdmin,
        "get /api/v1/callback-auth-keys": .liveAdmin,
        "post /api/v1/callback-auth-keys/{dialect}/{mode}/rotate": .liveAdmin,
        "post /api/v1/work/next": .worker, "get /api/v1/assignments": .worker,
        "post /api/v1/assignments/{id}/heartbeat": .worker, "post /api/v1/assignments/{id}/release": .worker,
        "post /api/v1/assignments/{id}/submit": .worker,
        "post /api/v1/review/next": .reviewer, "post /api/v1/reviews/{id}/decision": .reviewer,
        "post /api/v1/reviews/{id}/release": .reviewer,
        "post /scale/v1/projects": .requester, "get /scale/v1/projects": .requester,
        "get /scale/v1/projects/{name}": .requester, "post /scale/v1/projects/{name}/setParams": .requester,
        "post /scale/v1/batches": .requester, "get /scale/v1/batches": .requester,
        "get /scale/v1/batches/{name}": .requester, "post /scale/v1/batches/{name}/finalize": .requester,
        "get /scale/v1/batches/{name}/status": .requester, "post /scale/v1/batches/{name}/setMetadata": .requester,
        "post /scale/v1/task/{id}": .requester, "get /scale/v1/task/{id}": .requester,
        "get /scale/v1/task/{id}/segmentation/{image}": .requester, "get /scale/v1/tasks": .requester,
        "post /scale/v1/task/{id}/cancel": .requester, "post /scale/v1/task/{id}/audit": .requester,
        "post /scale/v1/task/{id}/unique_id": .requester, "delete /scale/v1/task/{id}/unique_id": .requester,
        "post /scale/v1/task/{id}/setMetadata": .requester, "post /scale/v1/task/{id}/tags": .requester,
        "put /scale/v1/task/{id}/tags": .requester, "delete /scale/v1/task/{id}/tags": .requester,
        "get /scale/v2/task": .requester, "get /scale/v2/tasks": .requester, "get /scale/v2/project": .requester,
        "get /scale/v2/projects": .requester, "get /scale/v2/batch": .requester, "get /scale/v2/batches": .requester,
        "get /sama/v2/projects/{pid}.json": .requesterKeyInQuery,
        "get /sama/v2/projects/{pid}/stats.json": .requesterKeyInQuery,
        "get /sama/v2/projects/{pid}/schemas/create_task.json": .requesterKeyInQuery,
        "get /sama/v2/projects/{pid}/schemas/deliver_task.json": .requesterKeyInQuery,
        "post /sama/v2/projects/{pid}/batches.json": .requesterKeyInQuery,
        "post /sama/v2/projects/{pid}/batches/{bid}/continue.json": .requesterKeyInQuery,
        "post /sama/v2/projects/{pid}/batches/{bid}/cancel.json": .requesterKeyInQuery,
        "get /sama/v2/projects/{pid}/batches/{bid}.json": .requesterKeyInQuery,
        "get /sama/v2/projects/{pid}/tasks.json": .requesterKeyInQuery,
        "post /sama/v2/projects/{pid}/tasks.json": .requesterKeyInQuery,
        "post /sama/v2/projects/{pid}/tasks/bulk_update.json": .requesterKeyInQuery,
        "post /sama/v2/projects/{pid}/tasks/delete_tasks.json": .requesterKeyInQuery,
        "get /sama/v2/projects/{pid}/tasks/{tid}.json": .requesterKeyInQuery,
        "put /sama/v2/projects/{pid}/tasks/{tid}/reject.json": .requesterKeyInQuery,
        "get /sama/v2/projects/{pid}/tasks/delivered.json": .requesterKeyInQuery,
        "post /sama/v2/projects/{pid}/tasks/delivered.json": .requesterKeyInQuery,
    ]

    /// What `credential` gets from a route of `access` called with `method`.
    static func expected(_ access: Access, _ method: String, _ credential: Credential) -> Outcome {
        let reads = method == "get"
        switch (access, credential) {
        case (.open, _): return .passes
        case (.metricsToken, _): return .unauthenticated
        case (_, .none): return .unauthenticated
        case (.requesterKeyInQuery, .requesterSession), (.requesterKeyInQuery, .reviewerSession),
            (.requesterKeyInQuery, .workerSession):
            return .unauthenticated
        case (_, .readOnlyKey) where !reads: return .forbidden
        case (.authenticated, _): return .passes
        case (.requesterKeyInQuery, _): return expected(.requester, method, credential)
        case (.requester, .liveAdminKey), (.requester, .liveRequesterKey), (.requester, .readOnlyKey),
            (.requester, .testKey), (.requester, .requesterSession):
            return .passes
        case (.liveRequester, .liveAdminKey), (.liveRequester, .liveRequesterKey), (.liveRequester, .readOnlyKey),
            (.liveRequester, .requesterSession):
            return .passes
        case (.liveAdmin, .liveAdminKey): return .passes
        case (.worker, .workerSession), (.reviewer, .reviewerSession): return .passes
        case (.liveAnyone, .testKey): return .forbidden
        case (.liveAnyone, _): return .passes
        case (.session, .requesterSession), (.session, .reviewerSession), (.session, .workerSession): return .passes
        default: return .forbidden
        }
    }

    @Test func everyRouteAnswersEachCredentialAsTheTableSays() async throws {
        let routes = try RouteList.all()
        let missing = routes.filter { Self.table[$0] == nil }
        #expect(missing.isEmpty, "routes without an entry in the access table: \(missing)")
        try await TestApp.run(configure: { $0.metricsToken = "metrics-only" }) { app in
            var headers: [Credential: HTTPFields] = [.none: [:], .liveAdminKey: TestApp.live, .testKey: TestApp.test]
            var keys: [Credential: String] = [.liveAdminKey: TestDatabase.liveKey, .testKey: TestDatabase.testKey]
            for (credential, role) in [(Credential.liveRequesterKey, "requester"), (.readOnlyKey, "read_only")] {
                let key = try await app.send(
                    .post, "/api/v1/keys", json: ["name": .string(role), "role": .string(role)])
                #expect(key.status == .created)
                #expect(key.json["role"] == .string(role))
                let secret = try #require(key.json["key"]?.stringValue)
                headers[credential] = [.authorization: "Bearer \(secret)"]
                keys[credential] = secret
            }
            for (credential, role) in [
                (Credential.requesterSession, "requester"), (.reviewerSession, "reviewer"), (.workerSession, "worker"),
            ] {
                headers[credential] = try await ReviewAPITests.login(
                    app, "\(role)@access.example", roles: [.string(role)]
                ).0
            }
            let unknownID = "0123456789abcdef01234567"
            // Logging out ends the sessions the other routes are called with: it goes last.
            for route in routes.sorted(by: {
                ($0.hasSuffix("/logout") ? 1 : 0, $0) < ($1.hasSuffix("/logout") ? 1 : 0, $1)
            }) {
                guard let access = Self.table[route] else { continue }
                let parts = route.split(separator: " ", maxSplits: 1)
                let method = String(parts[0])
                var path = String(parts[1])
                for name in ["{id}", "{name}", "{image}", "{pid}", "{bid}", "{tid}"] {
                    path = path.replacingOccurrences(of: name, with: unknownID)
                }
                // An upload token of the right length that names no batch, so the request changes nothing.
                path = path.replacingOccurrences(of: "{token}", with: String(repeating: "A", count: 43))
                for credential in Credential.allCases {
                    var (target, fields) = (path, headers[credential]!)
                    if access == .requesterKeyInQuery, let key = keys[credential] {
                        (target, fields) = (path + "?access_key=" + key, [:])
                    }
                    let reply = try await app.send(
                        HTTPRequest.Method(rawValue: method.uppercased())!, target, json: method == "get" ? nil : [:],
                        headers: fields)
                    let outcome: Outcome =
                        switch reply.status {
                        case .unauthorized: .unauthenticated
                        case .forbidden: .forbidden
                        default: .passes
                        }
                    let wanted = Self.expected(access, method, credential)
                    #expect(
                        outcome == wanted,
                        "\(route) with \(credential.rawValue): \(reply.status.code) \(reply.text.prefix(160)), wanted \(wanted)"
                    )
                }
            }
        }
    }
}
