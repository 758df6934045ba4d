import Foundation
public import LoupeDomain
public import LoupeStore

/// Creates the tasks of finalized upload batches, chunk by chunk, each chunk committed together
/// with its resume point so that a crash or restart continues exactly where it stopped.
/// Safe on several nodes: a batch is processed under a lease held by one node.
public struct BatchIngester: Sendable {
    /// Persistence.
    public let store: Store
    /// Task rules.
    public let factory: TaskFactory
    /// Where uploaded files are kept.
    public let uploads: UploadFiles
    /// This node's lease-holder name.
    public let nodeID: String
    /// How long a lease lasts without progress before another node may take over.
    public let leaseSeconds: Double
    /// Items per committed chunk.
    public let chunkSize: Int
    /// Called after each committed chunk with the next item index (tests use it to simulate a crash).
    public var afterChunk: (@Sendable (Int) async throws -> Void)?

    /// An ingester with the given dependencies.
    public init(
        store: Store, factory: TaskFactory, uploads: UploadFiles, nodeID: String, leaseSeconds: Double = 30,
        chunkSize: Int = 2_000
    ) {
        self.store = store
        self.factory = factory
        self.uploads = uploads
        self.nodeID = nodeID
        self.leaseSeconds = leaseSeconds
        self.chunkSize = chunkSize
    }

    /// Claims and processes one batch; returns false when none was waiting.
    public func processNext() async throws -> Bool {
        let now = factory.clock.now()
        guard let batch = try await store.claimProcessingBatch(
            owner: nodeID, now: now, leaseUntil: now.adding(seconds: leaseSeconds))
        else { return false }
        try await process(batch)
        return true
    }

    /// Processes a batch this node holds the lease on, to its end or until it is canceled.
    public func process(_ batch: Batch) async throws {
        guard let project = try await store.project(id: batch.projectID, organizationID: batch.organizationID) else {
            _ = try await finish(batch, .failed, error: "project \(batch.projectID) no longer exists")
            return
        }
        let path = uploads.path(for: batch.id)
        guard let file = FileHandle(forReadingAtPath: path) else {
            _ = try await finish(batch, .failed, error: "the uploaded file is missing")
            return
        }
        defer { try? file.close() }
        var splitter: JSONStreamSplitter
        if let modeName = batch.resume.mode, let mode = JSONStreamSplitter.Mode(rawValue: modeName) {
            splitter = JSONStreamSplitter(resumeAt: batch.resume.offset, nextIndex: batch.resume.nextIndex, mode: mode)
            try file.seek(toOffset: UInt64(batch.resume.offset))
        } else {
            splitter = JSONStreamSplitter()
        }
        var pending = PendingChunk()
        do {
            while true {
                try Task.checkCancellation()
                let data = try file.read(upToCount: 1 << 20) ?? Data()
                let elements: [JSONStreamElement]
                if data.isEmpty {
                    elements = try splitter.finish()
                } else {
                    elements = try data.withUnsafeBytes { buffer throws(JSONSyntaxError) in try splitter.feed(buffer) }
                }
                for element in elements {
                    pending.add(element, factory.makeTask(
                        fromItem: element.bytes, index: element.index, project: project, batch: batch,
                        now: factory.clock.now()), mode: splitter.mode)
                    if pending.count >= chunkSize {
                        guard try await commit(&pending, batch) else { return }
                    }
                }
                if data.isEmpty { break }
            }
        } catch let error as JSONSyntaxError {
            guard try await commit(&pending, batch) else { return }
            _ = try await finish(batch, .failed, error: "the file is not a valid JSON array or JSONL: \(error)")
            return
        }
        guard try await commit(&pending, batch) else { return }
        if try await finish(batch, .completed, error: nil) != nil {
            try? uploads.remove(batchID: batch.id)
        }
    }

    private func commit(_ pending: inout PendingChunk, _ batch: Batch) async throws -> Bool {
        guard let resume = pending.resume else { return true }
        let now = factory.clock.now()
        let outcome = try await store.commitBatchChunk(
            batchID: batch.id, owner: nodeID, tasks: pending.tasks, failures: pending.failures, resume: resume,
            leaseUntil: now.adding(seconds: leaseSeconds), at: now)
        pending = PendingChunk()
        if outcome.accepted, let afterChunk { try await afterChunk(resume.nextIndex) }
        return outcome.accepted
    }

    private func finish(_ batch: Batch, _ status: BatchStatus, error: String?) async throws -> Batch? {
        try await store.transitionBatch(
            id: batch.id, organizationID: nil, from: [.processing], to: status, at: factory.clock.now(),
            set: [("error", error.map(SQLValue.text) ?? .null), ("lease_owner", .null)])
    }
}

/// Items read since the last commit.
private struct PendingChunk {
    var tasks: [WorkTask] = []
    var failures: [BatchFailure] = []
    var resume: BatchResumePoint?

    var count: Int { tasks.count + failures.count }

    mutating func add(_ element: JSONStreamElement, _ result: Result<WorkTask, BatchFailure>, mode: JSONStreamSplitter.Mode?) {
        switch result {
        case .success(let task): tasks.append(task)
        case .failure(let failure): failures.append(failure)
        }
        resume = BatchResumePoint(nextIndex: element.index + 1, offset: element.endOffset, mode: mode?.rawValue)
    }
}
