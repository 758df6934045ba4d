public import Logging
public import LoupeDomain
public import LoupeStore
import NIOCore
public import ServiceLifecycle

/// Fetches the attachments of Scale-dialect tasks before anyone works on them, as Scale does:
/// a task whose attachments all answer 200 joins the queue; otherwise it ends in `error` with
/// Scale's error response (each failing URL with the status code received) and its callback is
/// sent. Only http(s) URLs are fetched, within a size limit and a timeout, never redirected, and
/// private addresses are refused unless allowed (the same guard as callbacks).
public struct AttachmentChecker: Service {
    let store: Store
    let outbound: OutboundHTTP
    let clock: LoupeClock
    let timeout: Double
    let maxBytes: Int
    let isReady: @Sendable () -> Bool
    let logger: Logger

    /// A checker fetching through `outbound` (owned, and shut down, by whoever made it).
    public init(
        store: Store, outbound: OutboundHTTP, clock: LoupeClock, timeout: Double,
        maxBytes: Int, isReady: @escaping @Sendable () -> Bool, logger: Logger
    ) {
        self.store = store
        self.outbound = outbound
        self.clock = clock
        self.timeout = timeout
        self.maxBytes = maxBytes
        self.isReady = isReady
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                var checked = 0
                if isReady() {
                    do { checked = try await checkDue() } catch {
                        logger.error("checking attachments failed", metadata: ["error": "\(error)"])
                    }
                }
                if checked == 0 { try? await Task.sleep(for: .milliseconds(250)) }
            }
        }
    }

    /// Checks one lease's worth of tasks; returns how many.
    func checkDue() async throws -> Int {
        let now = clock.now()
        let tasks = try await store.claimAttachmentChecks(
            now: now, leaseUntil: now.adding(seconds: timeout * 4 + 30), limit: 16)
        await withTaskGroup(of: Void.self) { group in
            for task in tasks {
                group.addTask {
                    do { try await check(task) } catch {
                        logger.error(
                            "checking a task's attachments failed",
                            metadata: ["task": "\(task.id)", "error": "\(error)"])
                    }
                }
            }
        }
        return tasks.count
    }

    private func check(_ task: WorkTask) async throws {
        let params = (try? JSONParser.parse(task.data.text))?.objectValue ?? JSONObject()
        let dialect = store.dialects.dialect(task.dialect)
        var failures: [AttachmentFailure] = []
        for url in dialect.attachmentURLs(in: params) {
            if let failure = await fetch(url) { failures.append(failure) }
        }
        if failures.isEmpty {
            try await store.passAttachmentCheck(taskID: task.id, now: clock.now())
        } else {
            try await store.failTask(
                id: task.id, response: dialect.attachmentFailureResponse(failures), now: clock.now())
        }
    }

    /// Nil when `url` answers 200 within the limits, else what went wrong.
    private func fetch(_ url: String) async -> AttachmentFailure? {
        do {
            _ = try await outbound.fetch(
                url, maxBytes: maxBytes, timeout: .milliseconds(Int64(timeout * 1_000)), keepingBody: false)
            return nil
        } catch {
            switch error {
            case .refused(let reason): return AttachmentFailure(url: url, statusCode: nil, reason: reason)
            case .status(let code): return AttachmentFailure(url: url, statusCode: code, reason: nil)
            case .tooLarge(let limit):
                return AttachmentFailure(url: url, statusCode: 200, reason: "larger than \(limit) bytes")
            case .transport(let reason): return AttachmentFailure(url: url, statusCode: nil, reason: reason)
            }
        }
    }
}
