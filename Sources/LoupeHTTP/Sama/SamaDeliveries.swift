public import Hummingbird
import LoupeDomain
import LoupeStore

/// Sama's delivered-tasks feed: `GET` pages through completed tasks in delivery order with
/// filters; `POST` with a `consumer` hands each task over once per consumer (a task reworked and
/// completed again comes again), ignoring `page` as the client requires.
struct SamaDeliveries: Sendable {
    let env: APIEnvironment

    var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("projects/:pid/tasks/delivered.json", use: list)
            .post("projects/:pid/tasks/delivered.json", use: consume)
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let project = try await SamaInput.project(context, env: env)
        let query = QueryReader(request)
        var feed = DeliveryQuery(projectID: project.id, testMode: caller.isTest)
        feed.completedAfter = try SamaInput.time(query, "from")
        feed.batchID = query.string("batch_id")
        let (offset, limit) = try SamaInput.page(query, defaultSize: 1_000)
        let matches = try SamaTasks.clientBatchMatch(query)
        var tasks: [WorkTask]
        if let taskID = query.string("task_id") {
            tasks = try await env.store.task(id: taskID, organizationID: caller.organizationID).map { [$0] } ?? []
            let after = feed.completedAfter
            tasks = tasks.filter { task in
                task.projectID == project.id && task.deliverySequence != nil && caller.sees(testMode: task.testMode)
                    && (after.map { (task.completedAt ?? $0) > $0 } ?? true) && (matches?(task) ?? true)
            }
            if offset > 0 { tasks = [] }
        } else if let matches {
            feed.limit = 1_000
            tasks = []
            while tasks.count < offset + limit {
                let page = try await env.store.deliveries(feed)
                tasks += page.filter(matches)
                guard page.count == feed.limit, let last = page.last?.deliverySequence else { break }
                feed.afterSequence = last
            }
            tasks = Array(tasks.dropFirst(offset).prefix(limit))
        } else {
            feed.offset = offset
            feed.limit = limit
            tasks = try await env.store.deliveries(feed)
        }
        return JSONResponse.make(value: ["tasks": .array(tasks.map { SamaTaskJSON.value($0, omitAnswers: false) })])
    }

    /// The next tasks this consumer has not received (`consumer: null` is the key's own cursor).
    func consume(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let project = try await SamaInput.project(context, env: env)
        var reader = FieldReader(try await SamaInput.body(request))
        var feed = DeliveryQuery(projectID: project.id, testMode: caller.isTest)
        feed.batchID = try reader.string("batch_id", maxLength: 24)
        let clientBatchID = try reader.string("client_batch_id", maxLength: 256)
        let matchType = try reader.string("client_batch_id_match_type", maxLength: 20) ?? "exact"
        let consumer = try reader.string("consumer", maxLength: 200, allowEmpty: false)
        feed.limit = try reader.int("limit", in: 1...1_000) ?? 1_000
        try reader.rejectUnknownFields()
        guard ["exact", "equal", "equals", "contains", "contain", "partial"].contains(matchType) else {
            throw DomainError.invalidField("/client_batch_id_match_type", "must be exact or contains")
        }
        let name = "sama:" + (consumer ?? "key:" + (caller.apiKeyID ?? caller.userID ?? "default"))
        var tasks = try await env.store.consumeDeliveries(feed, consumer: name, now: env.now).tasks
        if let clientBatchID {
            let exact = !["contains", "contain", "partial"].contains(matchType)
            tasks = tasks.filter { task in
                let value = SamaTaskJSON.clientBatchID(task)
                return exact ? value == clientBatchID : value?.contains(clientBatchID) == true
            }
        }
        return JSONResponse.make(value: ["tasks": .array(tasks.map { SamaTaskJSON.value($0, omitAnswers: false) })])
    }
}
