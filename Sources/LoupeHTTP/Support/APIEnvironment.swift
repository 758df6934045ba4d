import Hummingbird
public import LoupeCore
public import LoupeDomain
public import LoupeStore
public import Prometheus

/// Everything the controllers need, built once by the server and passed in by value.
public struct APIEnvironment: Sendable {
    /// Persistence.
    public var store: Store
    /// Task creation rules.
    public var factory: TaskFactory
    /// Uploaded batch files.
    public var uploads: UploadFiles
    /// Signs page tokens.
    public var cursor: PageCursor
    /// Metrics registry for `/metrics`.
    public var metrics: PrometheusCollectorRegistry
    /// Wakes the batch ingester after a finalize.
    public var wakeIngester: @Sendable () -> Void
    /// Reports whether migrations are done and the server accepts work.
    public var isReady: @Sendable () -> Bool
    /// Origins whose documents instructions may embed as sandboxed frames; the UI reads them from `/me`.
    public var embedOrigins: [String] = []
    /// Whether every request is logged at info with its route, status and latency.
    public var accessLog = false
    /// Reports whether the node is shutting down: it then hands out no new leases and reports
    /// itself not ready, while requests in flight and other calls are still answered.
    public var isDraining: @Sendable () -> Bool = { false }
    /// How long an upload URL stays valid.
    public var uploadTTLSeconds: Double
    /// Seconds an upload may go unheard of before it counts as abandoned; a live one marks itself
    /// four times as often.
    public var uploadStaleSeconds: Double = 120
    /// Body limit for inline batches.
    public var inlineBatchBodyLimit: Int
    /// Recently verified API keys.
    public var keyCache = APIKeyCache()
    /// Recently verified sessions.
    public var sessionCache = SessionCache()
    /// Whether Scale-dialect tasks wait for their attachments to be fetched (`LOUPE_FETCH_ATTACHMENTS`).
    public var fetchesAttachments = false
    /// Recently read projects, for the work queue (edits on this node drop their entry).
    public var projectCache = ProjectCache(timeToLive: .seconds(2))
    /// Projects of the leases handed out here, for submits.
    public var leaseProjects = LeaseProjectCache(timeToLive: .seconds(86_400), capacity: 200_000)
    /// Requests each API key and organization may make (shared by the native API and every dialect).
    public var requestBudget = RequestBudget.unlimited
    /// Failed-login counts.
    public var loginThrottle = LoginThrottle()
    /// Hashes and checks passwords off the request threads.
    public var passwords = PasswordHasher.shared
    /// bcrypt's cost for new password hashes (`LOUPE_PASSWORD_COST`).
    public var passwordCost = 10
    /// The bearer token `/metrics` asks for; nil lets only loopback peers read it.
    public var metricsToken: String?
    /// Proxies whose `X-Forwarded-For` is believed for the client's address (`LOUPE_TRUSTED_PROXIES`).
    public var trustedProxies: Set<String> = []
    /// Answer models for the aggregate review strategy.
    public var answerModels: AnswerModels
    /// Where absolute links such as `upload_url` point.
    public var linkBase: LinkBase
    /// Fetches attachments for the PDF route; nil answers it with 404.
    public var media: (any MediaFetching)?
    /// The largest attachment fetched for a viewer, in bytes.
    public var mediaMaxBytes = 52_428_800
    /// Seconds a request body may take before its average rate is checked.
    public var bodyGraceSeconds = 30.0
    /// The average rate, in bytes per second, a body must keep after the grace period.
    public var bodyMinimumBytesPerSecond = 16_384.0
    /// The folder of the browser UI's files; nil serves no UI.
    public var webRoot: String?
    /// The dialects whose answer rules apply to their tasks.
    public var dialects = DialectRegistry()

    /// An environment with the given parts.
    public init(
        store: Store, factory: TaskFactory, uploads: UploadFiles, cursor: PageCursor,
        metrics: PrometheusCollectorRegistry,
        wakeIngester: @escaping @Sendable () -> Void, isReady: @escaping @Sendable () -> Bool,
        uploadTTLSeconds: Double = 86_400, inlineBatchBodyLimit: Int = 32 << 20, publicBaseURL: String? = nil
    ) {
        self.store = store
        self.answerModels = AnswerModels(store: store)
        self.factory = factory
        self.uploads = uploads
        self.cursor = cursor
        self.metrics = metrics
        self.wakeIngester = wakeIngester
        self.isReady = isReady
        self.uploadTTLSeconds = uploadTTLSeconds
        self.inlineBatchBodyLimit = inlineBatchBodyLimit
        self.linkBase = LinkBase(publicURL: publicBaseURL)
    }

    /// Throws `draining` (503, retry in a second) while the node shuts down: a new lease would be
    /// held by a worker whose next call may find the node gone.
    public func refuseNewLeasesWhileDraining() throws(DomainError) {
        guard isDraining() else { return }
        var error = DomainError(.draining, "this node is shutting down and hands out no new work; ask again")
        error.retryAfterSeconds = 1
        throw error
    }

    /// What a worker or reviewer of `task` reads: the task's own instruction where its dialect
    /// gives tasks one (`data` is the task's parsed data), else the project's.
    public func instruction(for task: WorkTask, data: JSONValue, project: Project?) -> String {
        dialects.dialect(task.dialect).instruction(in: data.objectValue ?? [:]) ?? project?.instruction ?? ""
    }

    /// Checks workers' answers against delivery schemas and task-type rules.
    public var validator: AnswerValidator { AnswerValidator(schemas: factory.schemas, dialects: dialects) }

    /// The current time.
    public var now: Timestamp { factory.clock.now() }

    /// Counts created tasks in `loupe_tasks_created_total`.
    public func countCreated(_ count: Int) {
        guard count > 0 else { return }
        metrics.makeCounter(name: "loupe_tasks_created_total").increment(by: Int64(count))
    }
}

extension APIEnvironment {
    /// The project through the short-lived cache.
    func cachedProject(id: String, organizationID: String) async throws -> Project? {
        let key = organizationID + "/" + id
        if let project = projectCache.value(hash: key) { return project }
        guard let project = try await store.project(id: id, organizationID: organizationID) else { return nil }
        projectCache.store(project, hash: key)
        return project
    }

    /// The server's base URL for absolute links (see `LinkBase`).
    func baseURL(_ request: Request) -> String {
        linkBase.base(scheme: request.head.scheme, authority: request.head.authority)
    }

    /// Drops a project from the cache after an edit.
    func forgetProject(id: String, organizationID: String) { projectCache.remove(hash: organizationID + "/" + id) }

    /// The route's project id (`:id`) once it is known to belong to the caller's organization.
    func ownedProjectID(_ context: AppRequestContext, _ caller: Caller) async throws -> String {
        let id = try context.parameters.id(kind: "project")
        guard try await store.project(id: id, organizationID: caller.organizationID) != nil else {
            throw DomainError.notFound("project", id)
        }
        return id
    }
}
