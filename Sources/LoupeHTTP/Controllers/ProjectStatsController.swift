public import Hummingbird
import LoupeDomain
import LoupeStore

/// A project's dashboard figures: tasks per status and completions over time.
public struct ProjectStatsController: Sendable {
    let env: APIEnvironment

    /// A controller over `env`.
    public init(env: APIEnvironment) { self.env = env }

    /// The routes, relative to `/api/v1`.
    public var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self).get("projects/:id/stats", use: stats)
    }

    /// `GET /projects/{id}/stats?hours=48&bucket_seconds=3600` → `{"counts": {status: n},
    /// "throughput": {"bucket_seconds", "points": [{"start", "completed"}]}}`, points oldest first.
    func stats(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.parameters.id(kind: "project")
        let query = QueryReader(request)
        let hours = try query.int("hours", in: 1...2_160) ?? 48
        let bucketSeconds = try query.int("bucket_seconds", in: 60...86_400) ?? 3_600
        let bucketCount = hours * 3_600 / bucketSeconds
        guard (1...2_000).contains(bucketCount) else {
            throw DomainError.invalidField("bucket_seconds", "must split the window into 1 to 2,000 buckets")
        }
        guard try await env.store.project(id: id, organizationID: caller.organizationID) != nil else {
            throw DomainError.notFound("project", id)
        }
        let progress = try await env.store.projectProgress(
            projectID: id, now: env.now, bucketSeconds: bucketSeconds, bucketCount: bucketCount)
        var counts = JSONObject()
        for (status, count) in progress.counts.sorted(by: { $0.key < $1.key }) { counts[status] = .int(Int64(count)) }
        let points: [JSONValue] = progress.completions.map { point in
            ["start": .string(point.start.iso8601), "completed": .int(Int64(point.completed))]
        }
        let throughput: JSONObject = ["bucket_seconds": .int(Int64(bucketSeconds)), "points": .array(points)]
        return JSONResponse.make(value: ["counts": .object(counts), "throughput": .object(throughput)])
    }
}
