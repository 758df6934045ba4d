import Foundation
import AsyncHTTPClient
public import Logging
public import LoupeDomain
public import LoupeStore
public import ServiceLifecycle

/// Tuning for the dispatcher (see `AppConfiguration` for the environment variables).
public struct DispatcherSettings: Sendable {
    /// This process's lease owner name.
    public var nodeID: String
    /// Events held (queued or in flight) at once.
    public var capacity = 512
    /// Requests in flight per endpoint unless the project sets `max_concurrency`.
    public var concurrencyPerEndpoint = 16
    /// Lease length in seconds; the dispatcher renews it for events it still holds.
    public var leaseSeconds = 120.0
    /// How often to look for due events when idle, in seconds.
    public var pollInterval = 0.25
    /// Outcomes written per transaction at most.
    public var flushSize = 256
    /// The server's public base URL (`LOUPE_PUBLIC_URL`): links to files Loupe serves in Scale
    /// callbacks (segmentation images) are made absolute with it; they stay relative without it.
    public var publicBaseURL: String?
    /// Told of every attempt as it ends (metrics: outcome, latency, lag since the event was made).
    public var observe: @Sendable (DeliveryOutcome) -> Void = { _ in }

    /// Settings for node `nodeID`.
    public init(nodeID: String) { self.nodeID = nodeID }
}

/// The webhook dispatcher Service: leases due events from the outbox, posts them with the
/// project's auth and Loupe's signature (bounded concurrency per endpoint, one event of a task
/// at a time), and records each attempt; failures are retried with backoff until the policy's
/// attempts are spent. Several nodes can run it on one PostgreSQL: leases keep them apart, and
/// a crashed node's leases run out and are taken over.
public struct WebhookDispatcher: Service {
    let store: Store
    let sender: WebhookSender
    /// Sends events whose target is an e-mail address; nil when no relay is configured.
    let mailer: MailSender?
    let clock: LoupeClock
    let settings: DispatcherSettings
    let isReady: @Sendable () -> Bool
    let logger: Logger
    private let configs: DeliveryConfigCache

    /// A dispatcher.
    public init(
        store: Store, sender: WebhookSender, mailer: MailSender? = nil, clock: LoupeClock, settings: DispatcherSettings,
        isReady: @escaping @Sendable () -> Bool, logger: Logger
    ) {
        self.store = store
        self.sender = sender
        self.mailer = mailer
        self.clock = clock
        self.settings = settings
        self.isReady = isReady
        self.logger = logger
        configs = DeliveryConfigCache(store: store, ttlSeconds: 2)
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                if isReady() { await pump() }
                try? await Task.sleep(for: .seconds(settings.pollInterval))
            }
        }
        try? await store.releaseEventLeases(owner: settings.nodeID)
        await sender.outbound.shutdown()
    }

    /// Delivers until nothing is due (or cancelled), holding at most `capacity` events. While
    /// requests are in flight, a ticker wakes the loop every poll interval to claim new events.
    func pump() async {
        var state = PumpState()
        await withTaskGroup(of: DeliveryOutcome?.self) { group in
            var lastFlush = clock.now()
            var lastRenewal = clock.now()
            var lastClaim = Timestamp(microseconds: 0)
            var tickerPending = false
            while true {
                let now = clock.now()
                let pollDue = Double(now.microseconds - lastClaim.microseconds) >= settings.pollInterval * 1_000_000
                let worthClaiming =
                    !state.drained || pollDue || state.excludedEndpointFreed(settings.concurrencyPerEndpoint)
                if !Task.isCancelled, state.held <= settings.capacity / 2, worthClaiming {
                    await claim(into: &state, now: now)
                    lastClaim = now
                }
                for event in state.startable() {
                    group.addTask { await deliver(event) }
                }
                if state.inFlight == 0 {
                    await flush(&state.outcomes)
                    if state.queued == 0 && (state.drained || Task.isCancelled) { return }
                    continue
                }
                if !tickerPending {
                    tickerPending = true
                    let interval = settings.pollInterval
                    group.addTask {
                        try? await Task.sleep(for: .seconds(interval))
                        return nil
                    }
                }
                guard let next = await group.next() else { continue }
                if let outcome = next {
                    settings.observe(outcome)
                    state.finished(outcome)
                } else {
                    tickerPending = false
                }
                let after = clock.now()
                if state.outcomes.count >= settings.flushSize || after.microseconds - lastFlush.microseconds > 50_000 {
                    await flush(&state.outcomes)
                    lastFlush = after
                }
                if Double(after.microseconds - lastRenewal.microseconds) > settings.leaseSeconds * 1_000_000 / 3 {
                    try? await store.renewEventLeases(
                        owner: settings.nodeID, until: after.adding(seconds: settings.leaseSeconds))
                    lastRenewal = after
                }
            }
        }
    }

    private func claim(into state: inout PumpState, now: Timestamp) async {
        let room = settings.capacity - state.held
        let excluded = state.saturatedEndpoints(settings.concurrencyPerEndpoint)
        do {
            let events = try await store.claimDueEvents(
                owner: settings.nodeID, now: now, leaseUntil: now.adding(seconds: settings.leaseSeconds), limit: room,
                excludingEndpoints: excluded)
            for event in events {
                let config = try? await configs.config(
                    projectID: event.projectID, organizationID: event.organizationID, now: now)
                let limit = config?.callback.maxConcurrency
                state.enqueue(event, limit: limit ?? settings.concurrencyPerEndpoint)
            }
            state.drained = events.count < room
            state.excludedWhenDrained = state.drained ? Set(excluded) : []
        } catch {
            logger.error("claiming webhook events failed", metadata: ["error": "\(error)"])
            state.drained = true
        }
    }

    private func flush(_ outcomes: inout [DeliveryOutcome]) async {
        guard !outcomes.isEmpty else { return }
        do {
            try await store.recordDeliveries(outcomes, owner: settings.nodeID, now: clock.now())
        } catch {
            // The leases run out and the events are sent again: receivers deduplicate by webhook-id.
            logger.error(
                "recording webhook attempts failed", metadata: ["error": "\(error)", "count": "\(outcomes.count)"])
        }
        outcomes.removeAll(keepingCapacity: true)
    }

    /// One attempt at `event`: address check, auth and signature, POST, verdict, next attempt time.
    func deliver(_ event: OutboxEvent) async -> DeliveryOutcome {
        var event = event
        let dialect = store.dialects.dialect(event.dialect)
        if let base = settings.publicBaseURL {
            event.payload = RawJSON(unchecked: dialect.absoluteLinks(in: event.payload.text, base: base))
        }
        let started = clock.now()
        var policy = RetryPolicy.standard
        func outcome(_ verdict: DeliveryVerdict, status: Int?, error: String?) -> DeliveryOutcome {
            let ended = clock.now()
            var retryAt = ended
            if case .retry(let retryAfter) = verdict {
                let delay = policy.delay(
                    afterAttempt: event.attempts + 1, jitterUnit: Double.random(in: 0...1), retryAfter: retryAfter)
                retryAt = ended.adding(seconds: delay)
            }
            let attempt = DeliveryAttempt(
                eventID: event.id, number: event.attempts + 1, startedAt: started, statusCode: status,
                latencyMicroseconds: ended.microseconds - started.microseconds, error: error)
            return DeliveryOutcome(event: event, attempt: attempt, verdict: verdict, retryAt: retryAt)
        }
        let byMail = MailAddress.isMailDestination(event.targetURL)
        let found = try? await configs.config(
            projectID: event.projectID, organizationID: event.organizationID, now: started)
        guard let config = found else {
            return outcome(
                .retry(retryAfter: nil), status: nil, error: "reading the project's callback settings failed")
        }
        policy = dialect.retryPolicy(projectPolicy: config.callback.retry)
        var authHeader: (String, String)?
        if let header = dialect.callbackAuthHeader,
            let key = config.callbackAuthKeys[CallbackAuthKeyID(dialect: event.dialect, testMode: event.testMode)]
        {
            authHeader = (header, key)
        }
        if byMail {
            let (verdict, error) = await deliverByMail(event, authHeader: authHeader, now: started)
            return outcome(verdict, status: nil, error: error)
        }
        var signed = SignedDelivery(event: event, auth: config.callback.auth, secrets: config.secrets, now: started)
        if let authHeader { signed.headers.append(authHeader) }
        let response = await sender.post(url: signed.url, headers: signed.headers, body: Array(event.payload.text.utf8))
        guard let status = response.statusCode else {
            if response.refused { return outcome(.final, status: nil, error: response.error) }
            return outcome(.retry(retryAfter: nil), status: nil, error: response.error ?? "no response")
        }
        let verdict = dialect.deliveryVerdict(statusCode: status, retryAfter: response.retryAfter)
        let error: String? =
            switch verdict {
            case .delivered: nil
            case .retry: "the receiver answered \(status)"
            case .final: "the receiver answered \(status), which is not retried"
            }
        return outcome(verdict, status: status, error: error)
    }
}

/// The pump's bookkeeping: claimed events waiting per endpoint, requests in flight per endpoint,
/// and outcomes not yet written.
struct PumpState {
    private var queues: [String: [OutboxEvent]] = [:]
    private var active: [String: Int] = [:]
    private var limits: [String: Int] = [:]
    private(set) var inFlight = 0
    private(set) var queued = 0
    var outcomes: [DeliveryOutcome] = []
    /// The last claim found fewer events than it asked for.
    var drained = false
    /// The endpoints that claim left out: once one of them has room again, claiming is worthwhile.
    var excludedWhenDrained: Set<String> = []

    var held: Int { inFlight + queued }

    mutating func enqueue(_ event: OutboxEvent, limit: Int) {
        let endpoint = OutboxEvent.endpoint(of: event.targetURL)
        queues[endpoint, default: []].append(event)
        limits[endpoint] = min(limits[endpoint] ?? limit, limit)
        queued += 1
    }

    /// Events that may start now without exceeding their endpoint's limit; marks them in flight.
    mutating func startable() -> [OutboxEvent] {
        var started: [OutboxEvent] = []
        for (endpoint, queue) in queues where !queue.isEmpty {
            let room = (limits[endpoint] ?? 1) - active[endpoint, default: 0]
            guard room > 0 else { continue }
            let batch = queue.prefix(room)
            started.append(contentsOf: batch)
            queues[endpoint] = Array(queue.dropFirst(batch.count))
            active[endpoint, default: 0] += batch.count
        }
        queued -= started.count
        inFlight += started.count
        return started
    }

    mutating func finished(_ outcome: DeliveryOutcome) {
        let endpoint = OutboxEvent.endpoint(of: outcome.event.targetURL)
        active[endpoint, default: 1] -= 1
        inFlight -= 1
        outcomes.append(outcome)
    }

    /// Endpoints with a full queue: the next claim leaves their events to other nodes or later.
    func saturatedEndpoints(_ fallback: Int) -> [String] {
        queues.compactMap { endpoint, queue in isSaturated(endpoint, queue, fallback) ? endpoint : nil }
            .sorted().prefix(100).map { $0 }
    }

    /// Whether an endpoint left out of the last (drained) claim has room for more now.
    func excludedEndpointFreed(_ fallback: Int) -> Bool {
        excludedWhenDrained.contains { !isSaturated($0, queues[$0] ?? [], fallback) }
    }

    private func isSaturated(_ endpoint: String, _ queue: [OutboxEvent], _ fallback: Int) -> Bool {
        queue.count >= 2 * (limits[endpoint] ?? fallback)
    }
}
