public import Hummingbird
import LoupeDomain
import LoupeStore

/// The outbox as requesters see it: events with their delivery log, dead letters, resending,
/// and the secrets that sign deliveries.
public struct EventsController: Sendable {
    let env: APIEnvironment

    /// A controller over `env`.
    public init(env: APIEnvironment) { self.env = env }

    /// The routes, relative to `/api/v1`.
    public var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("projects/:id/events", use: list)
            .get("projects/:id/events/dead", use: deadLetters)
            .post("projects/:id/events/resend", use: resendDead)
            .get("events/:id", use: get)
            .post("events/:id/resend", use: resend)
            .get("projects/:id/webhook-secrets", use: secrets)
            .post("projects/:id/webhook-secrets/rotate", use: rotate)
    }

    /// `GET projects/{id}/events?status=&task_id=&limit=&next_token=`, newest first.
    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = QueryReader(request)
        let statuses = try query.choices("status", EventStatus.self)
        guard statuses.count <= 1 else { throw DomainError.invalidField("status", "takes one status") }
        return try await page(request, context, status: statuses.first, taskID: try query.id("task_id"))
    }

    /// `GET projects/{id}/events/dead`: events given up on.
    func deadLetters(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await page(request, context, status: .dead, taskID: nil)
    }

    private func page(_ request: Request, _ context: AppRequestContext, status: EventStatus?, taskID: String?)
        async throws -> Response
    {
        let caller = try context.requireCaller()
        let projectID = try await env.ownedProjectID(context, caller)
        let window = try PageWindow(
            QueryReader(request), scope: "events|\(projectID)|\(status?.rawValue ?? "")|\(taskID ?? "")",
            cursor: env.cursor)
        let events = try await env.store.events(
            projectID: projectID, organizationID: caller.organizationID, testMode: caller.isTest, status: status,
            taskID: taskID,
            beforeID: window.afterID, limit: window.fetchLimit)
        let (items, next) = window.page(events, id: \.id)
        return JSONResponse.make(value: [
            "events": .array(items.map { Self.value($0, attempts: nil) }),
            "next_token": next.map(JSONValue.string) ?? .null,
        ])
    }

    /// `GET events/{id}`: the event, its body and its delivery log.
    func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.id(kind: "event")
        guard
            let (event, attempts) = try await env.store.event(
                id: id, organizationID: caller.organizationID, testMode: caller.isTest)
        else {
            throw DomainError.notFound("event", id)
        }
        return JSONResponse.make(value: Self.value(event, attempts: attempts))
    }

    /// `POST events/{id}/resend`: a delivered or dead event goes out again.
    func resend(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.id(kind: "event")
        let event = try await env.store.resendEvent(
            id: id, organizationID: caller.organizationID, testMode: caller.isTest, now: env.now)
        return JSONResponse.make(value: Self.value(event, attempts: nil))
    }

    /// `POST projects/{id}/events/resend`: every dead letter of the project goes out again.
    func resendDead(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let projectID = try await env.ownedProjectID(context, caller)
        let count = try await env.store.resendDeadEvents(
            projectID: projectID, organizationID: caller.organizationID, testMode: caller.isTest, now: env.now)
        return JSONResponse.make(value: ["resent": .int(Int64(count))])
    }

    /// `GET projects/{id}/webhook-secrets`: the secrets signing deliveries now (made on first use).
    func secrets(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireLiveCaller()
        let projectID = try await env.ownedProjectID(context, caller)
        let secrets = try await env.store.webhookSecrets(projectID: projectID, now: env.now)
        return JSONResponse.make(value: ["secrets": .array(secrets.map(Self.value))])
    }

    /// `POST projects/{id}/webhook-secrets/rotate {"overlap_seconds"?}`: a new secret; the old ones
    /// keep signing for the overlap (default a day).
    func rotate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireLiveCaller()
        let projectID = try await env.ownedProjectID(context, caller)
        var reader = try FieldReader(try await JSONBody.readOptionalObject(request))
        let overlap = try reader.double("overlap_seconds", in: 0...2_592_000) ?? 86_400
        try reader.rejectUnknownFields()
        let secrets = try await env.store.rotateWebhookSecret(
            projectID: projectID, overlapSeconds: overlap, now: env.now)
        return JSONResponse.make(value: ["secrets": .array(secrets.map(Self.value))])
    }

    static func value(_ secret: WebhookSecret) -> JSONValue {
        [
            "secret": .string(secret.secret), "created_at": .string(secret.createdAt.iso8601),
            "expires_at": secret.expiresAt.map { .string($0.iso8601) } ?? .null,
        ]
    }

    static func value(_ event: OutboxEvent, attempts: [DeliveryAttempt]?) -> JSONValue {
        var object: JSONObject = [
            "id": .string(event.id), "project_id": .string(event.projectID),
            "task_id": event.taskID.map(JSONValue.string) ?? .null,
            "batch_id": event.batchID.map(JSONValue.string) ?? .null,
            "event": .string(event.kind.rawValue), "target_url": .string(event.targetURL),
            "status": .string(event.status.rawValue), "attempts": .int(Int64(event.attempts)),
            "max_attempts": .int(Int64(event.maxAttempts)), "next_attempt_at": .string(event.nextAttemptAt.iso8601),
            "last_status_code": event.lastStatusCode.map { .int(Int64($0)) } ?? .null,
            "last_error": event.lastError.map(JSONValue.string) ?? .null,
            "created_at": .string(event.createdAt.iso8601),
            "delivered_at": event.deliveredAt.map { .string($0.iso8601) } ?? .null,
        ]
        if let attempts {
            object["payload"] = (try? JSONParser.parse(event.payload.text)) ?? .null
            object["delivery_log"] = .array(
                attempts.map { attempt in
                    [
                        "attempt": .int(Int64(attempt.number)), "started_at": .string(attempt.startedAt.iso8601),
                        "status_code": attempt.statusCode.map { .int(Int64($0)) } ?? .null,
                        "latency_ms": .double(Double(attempt.latencyMicroseconds) / 1_000),
                        "error": attempt.error.map(JSONValue.string) ?? .null,
                    ]
                })
        }
        return .object(object)
    }
}
