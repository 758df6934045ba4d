import Foundation
import NIOCore
public import Hummingbird
import Logging
import LoupeCore
import LoupeDelivery
public import LoupeDomain
public import LoupeHTTP
import LoupeStore
import Prometheus
import ServiceLifecycle
import Synchronization

/// Builds the whole server: database, routes and background services in one group.
/// Migrations and first-start set-up run before the server accepts requests; `/health` answers
/// 200 only after them.
public func buildApplication(
    configuration: AppConfiguration, clock: LoupeClock = .system, dialects: [any APIDialect] = StandardDialects.all,
    drain: DrainSignal = DrainSignal(), onFirstStart: (@Sendable (FirstStartCredentials) -> Void)? = nil,
    onServerRunning: (@Sendable (_ port: Int) async -> Void)? = nil
) async throws -> some ApplicationProtocol {
    let logger = {
        var logger = Logger(label: "loupe")
        logger.logLevel = configuration.logLevel
        return logger
    }()
    let opened = try configuration.openDatabase(logger: logger)
    let registry = DialectRegistry(dialects.map(\.tasks))
    let store = {
        var store = opened.store
        store.dialects = registry
        return store
    }()
    let ids = ObjectIDGenerator(clock: clock)
    let readiness = ReadyFlag()
    let wakeup = WakeSignal()
    let factory = TaskFactory(ids: ids, clock: clock, schemas: SchemaCache())
    let uploads = try UploadFiles(directory: configuration.uploadsDirectory)
    let cursor = PageCursor(secret: UUID().uuidString)
    // One address policy (one cache of vetted hosts) for every outbound request, and one client
    // for attachments: the checker's fetches and viewers' PDFs.
    let addressPolicy = CallbackAddressPolicy(allowPrivate: configuration.allowPrivateCallbacks)
    let attachmentClient = OutboundHTTP(
        policy: addressPolicy,
        configuration: OutboundHTTP.configuration(
            connectTimeout: min(5, configuration.attachmentTimeout), readTimeout: configuration.attachmentTimeout,
            connectionsPerEndpoint: 8))
    let env = {
        var env = APIEnvironment(
            store: store, factory: factory, uploads: uploads, cursor: cursor, metrics: PrometheusCollectorRegistry(),
            wakeIngester: { wakeup.signal() }, isReady: { readiness.isReady },
            uploadTTLSeconds: configuration.uploadTTLSeconds, publicBaseURL: configuration.publicBaseURL)
        env.isDraining = { drain.isDraining }
        env.accessLog = configuration.accessLog
        env.embedOrigins = configuration.embedOrigins
        env.linkBase = LinkBase(
            publicURL: configuration.publicBaseURL, allowedHosts: configuration.allowedHosts,
            listenHost: configuration.host, listenPort: configuration.port)
        env.fetchesAttachments = configuration.fetchAttachments
        env.media = OutboundMediaFetcher(outbound: attachmentClient, timeoutSeconds: configuration.attachmentTimeout)
        env.mediaMaxBytes = configuration.attachmentMaxBytes
        env.bodyGraceSeconds = configuration.bodyGraceSeconds
        env.bodyMinimumBytesPerSecond = configuration.bodyMinimumBytesPerSecond
        env.dialects = registry
        env.trustedProxies = configuration.trustedProxies
        env.metricsToken = configuration.metricsToken
        env.uploadStaleSeconds = configuration.uploadStaleSeconds
        env.passwordCost = configuration.passwordCost
        env.requestBudget = RequestBudget(
            perKey: .init(rate: configuration.keyRequestsPerSecond),
            perOrganization: .init(rate: configuration.organizationRequestsPerSecond))
        env.webRoot = configuration.webRoot ?? WebAssetsMiddleware.builtRoot()
        return env
    }()
    var ingester = BatchIngester(store: store, factory: factory, uploads: uploads, nodeID: "node-" + ids.next())
    ingester.onTasksCreated = { env.countCreated($0) }
    var app = Application(
        router: buildRouter(env: env, dialects: dialects),
        server: .http1(
            configuration: .init(idleTimeout: .milliseconds(Int64(configuration.idleTimeoutSeconds * 1_000)))),
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: "Loupe",
            availableConnectionsDelegate: .maximum(configuration.maxConnections, logger: logger)),
        onServerRunning: { channel in await onServerRunning?(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
    if let service = opened.service { app.addServices(service) }
    app.addServices(OutboundClientCloser(outbound: attachmentClient))
    app.addServices(
        WorkflowTimers(
            store: store, clock: clock, interval: .seconds(2), uploads: uploads,
            uploadStaleSeconds: configuration.uploadStaleSeconds, isReady: { readiness.isReady }, logger: logger))
    let synthetic = SyntheticWorker(store: store, factory: factory, validator: env.validator, models: env.answerModels)
    app.addServices(SyntheticWorkerService(worker: synthetic, isReady: { readiness.isReady }, logger: logger))
    app.addServices(
        AnswerModelService(models: env.answerModels, clock: clock, isReady: { readiness.isReady }, logger: logger))
    app.addServices(
        makeDispatcher(
            configuration: configuration, addressPolicy: addressPolicy, store: store, clock: clock,
            nodeID: ingester.nodeID, metrics: DeliveryMetrics(registry: env.metrics),
            isReady: { readiness.isReady }, logger: logger))
    app.addServices(
        EventRetention(
            store: store, clock: clock, retentionDays: configuration.eventRetentionDays, isReady: { readiness.isReady },
            logger: logger))
    if configuration.fetchAttachments {
        app.addServices(
            AttachmentChecker(
                store: store, outbound: attachmentClient, clock: clock, timeout: configuration.attachmentTimeout,
                maxBytes: configuration.attachmentMaxBytes,
                isReady: { readiness.isReady }, logger: logger))
    }
    app.addServices(
        BatchIngestService(ingester: ingester, wakeup: wakeup, isReady: { readiness.isReady }, logger: logger))
    app.beforeServerStarts {
        let applied = try await store.migrate(now: clock.now())
        if !applied.isEmpty { logger.info("applied migrations", metadata: ["versions": "\(applied)"]) }
        cursor.useSecret(try await store.instanceSetting("cursor_secret") { UUID().uuidString + UUID().uuidString })
        if let credentials = try await Bootstrap.runIfNeeded(
            store: store, configuration: configuration, ids: ids, now: clock.now())
        {
            onFirstStart?(credentials)
        }
        readiness.markReady()
    }
    return app
}

/// The webhook dispatcher with the configuration's timeouts, concurrency and address policy.
func makeDispatcher(
    configuration: AppConfiguration, addressPolicy: CallbackAddressPolicy, store: Store, clock: LoupeClock,
    nodeID: String, metrics: DeliveryMetrics? = nil, isReady: @escaping @Sendable () -> Bool, logger: Logger
) -> WebhookDispatcher {
    let outbound = OutboundHTTP(
        policy: addressPolicy,
        configuration: OutboundHTTP.configuration(
            connectTimeout: configuration.webhookConnectTimeout, readTimeout: configuration.webhookTimeout,
            connectionsPerEndpoint: configuration.webhookConcurrency))
    var settings = DispatcherSettings(nodeID: nodeID)
    settings.concurrencyPerEndpoint = configuration.webhookConcurrency
    settings.leaseSeconds = max(
        configuration.webhookLeaseSeconds, configuration.webhookTimeout + configuration.webhookConnectTimeout + 1)
    settings.pollInterval = configuration.webhookPollInterval
    settings.publicBaseURL = configuration.publicBaseURL
    if let metrics { settings.observe = { metrics.record($0) } }
    return WebhookDispatcher(
        store: store,
        sender: WebhookSender(
            outbound: outbound, requestTimeout: configuration.webhookTimeout + configuration.webhookConnectTimeout),
        mailer: configuration.mailRelay.map(MailSender.init(relay:)),
        clock: clock, settings: settings, isReady: isReady, logger: logger)
}

/// Whether start-up (migrations, first-start set-up) has finished.
final class ReadyFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    var isReady: Bool { flag.load(ordering: .acquiring) }
    func markReady() { flag.store(true, ordering: .releasing) }
}
