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
    /// Told how many tasks each committed chunk created (for metrics).
    public var onTasksCreated: (@Sendable (Int) -> Void)?

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

    /// Batches creating at least this many tasks refresh the database's statistics when done.
    static let bulkLoadSize = 1_000

    /// Claims and processes one batch; returns false when none was waiting.
    public func processNext() async throws -> Bool {
        let now = factory.clock.now()
        guard
            let batch = try await store.claimProcessingBatch(
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
        var splitter = BatchFileSplitter()
        if let mode = batch.resume.mode.flatMap(BatchFileSplitter.Mode.init(rawValue:)) {
            let resume = batch.resume
            switch mode {
            case .array, .lines:
                splitter = BatchFileSplitter(
                    resumeAt: resume.offset, nextIndex: resume.nextIndex, mode: mode == .array ? .array : .lines)
            case .csv:
                splitter = BatchFileSplitter(
                    resumeAt: resume.offset, nextIndex: resume.nextIndex, csvHeader: try Self.csvHeader(of: file))
            }
            try file.seek(toOffset: UInt64(resume.offset))
        }
        let outcome = try await ingest(file: file, splitter: &splitter, project: project, batch: batch)
        switch outcome {
        case .stopped: return
        case .broken(let error):
            _ = try await finish(
                batch, .failed, error: "the file is not a valid JSON array, JSONL or CSV file: \(error)")
        case .done:
            guard let done = try await finish(batch, .completed, error: nil) else { return }
            try? uploads.remove(batchID: batch.id)
            // The batch is done either way: a refresh that fails leaves the statistics to autovacuum.
            if done.created >= Self.bulkLoadSize { try? await store.refreshTaskStatistics() }
        }
    }

    private enum IngestOutcome {
        case done, stopped
        case broken(JSONSyntaxError)
    }

    /// The most item bytes gathered into one chunk before it is made and committed.
    static let chunkByteLimit = 16 << 20

    /// Reads, parses and commits chunk after chunk; the next chunk is parsed while the previous
    /// one is being written (one commit in flight at a time, so resume points stay in order).
    private func ingest(
        file: FileHandle, splitter: inout BatchFileSplitter, project: Project, batch: Batch
    ) async throws -> IngestOutcome {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            var inFlight = false
            func submit(_ chunk: PendingChunk) async throws -> Bool {
                if inFlight, try await group.next() != true { return false }
                inFlight = chunk.resume != nil
                if inFlight { group.addTask { try await commit(chunk, batch) } }
                return true
            }
            var elements: [JSONStreamElement] = []
            var pendingBytes = 0
            var outcome = IngestOutcome.done
            reading: while true {
                try Task.checkCancellation()
                let data = try file.read(upToCount: 1 << 20) ?? Data()
                let found: [JSONStreamElement]
                do throws(JSONSyntaxError) {
                    found =
                        try data.isEmpty
                        ? splitter.finish() : JSONParser.typed { try data.withUnsafeBytes { try splitter.feed($0) } }
                } catch {
                    outcome = .broken(error)
                    break reading
                }
                for element in found {
                    elements.append(element)
                    pendingBytes += element.bytes.count
                    // Large items make a chunk early, so ingest memory stays bounded by bytes too.
                    if elements.count >= chunkSize || pendingBytes >= Self.chunkByteLimit {
                        let chunk = await makeChunk(elements, project: project, batch: batch, mode: splitter.mode)
                        guard try await submit(chunk) else { return .stopped }
                        elements.removeAll(keepingCapacity: true)
                        pendingBytes = 0
                    }
                }
                if data.isEmpty { break }
            }
            let last = await makeChunk(elements, project: project, batch: batch, mode: splitter.mode)
            guard try await submit(last) else { return .stopped }
            if inFlight, try await group.next() != true { return .stopped }
            return outcome
        }
    }

    /// Turns raw items into tasks (or failures), the two halves in parallel.
    private func makeChunk(
        _ elements: [JSONStreamElement], project: Project, batch: Batch, mode: BatchFileSplitter.Mode?
    ) async -> PendingChunk {
        let now = factory.clock.now()
        let factory = self.factory
        let dialect = store.dialects.dialect(batch.dialect)
        let convert: @Sendable (ArraySlice<JSONStreamElement>) -> [Result<WorkTask, BatchFailure>] = { slice in
            slice.map { element in
                if let problem = element.problem {
                    return .failure(BatchFailure(index: element.index, reason: problem, item: element.bytes))
                }
                if let size = element.oversizedBytes {
                    return .failure(
                        BatchFailure(
                            index: element.index,
                            reason:
                                "the item is \(size) bytes, over the \(JSONStreamSplitter.defaultMaxElementBytes)-byte limit for one task"
                        ))
                }
                return factory.makeTask(
                    fromItem: element.bytes, index: element.index, project: project, batch: batch, dialect: dialect,
                    isTableRow: element.isTableRow, now: now)
            }
        }
        let middle = elements.count / 2
        let results: [Result<WorkTask, BatchFailure>]
        if elements.count < 64 {
            results = convert(elements[...])
        } else {
            async let firstHalf = convert(elements[..<middle])
            let secondHalf = convert(elements[middle...])
            results = await firstHalf + secondHalf
        }
        var chunk = PendingChunk()
        for (element, result) in zip(elements, results) { chunk.add(element, result, mode: mode) }
        return chunk
    }

    /// The header row of the CSV file `file` (read from its start, for a resumed batch).
    static func csvHeader(of file: FileHandle) throws -> [String] {
        try file.seek(toOffset: 0)
        var splitter = CSVRecordSplitter()
        while splitter.header == nil {
            let data = try file.read(upToCount: 1 << 16) ?? Data()
            if data.isEmpty {
                _ = try splitter.finish()
                break
            }
            _ = try data.withUnsafeBytes { try splitter.feed($0) }
        }
        guard let header = splitter.header else {
            throw JSONSyntaxError(offset: 0, reason: "the CSV file has no header row")
        }
        return header
    }

    private func commit(_ pending: PendingChunk, _ batch: Batch) async throws -> Bool {
        guard let resume = pending.resume else { return true }
        let now = factory.clock.now()
        let outcome = try await store.commitBatchChunk(
            batchID: batch.id, owner: nodeID, tasks: pending.tasks, failures: pending.failures, resume: resume,
            leaseUntil: now.adding(seconds: leaseSeconds), at: now)
        onTasksCreated?(outcome.created)
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
private struct PendingChunk: Sendable {
    var tasks: [WorkTask] = []
    var failures: [BatchFailure] = []
    var resume: BatchResumePoint?

    var count: Int { tasks.count + failures.count }

    mutating func add(
        _ element: JSONStreamElement, _ result: Result<WorkTask, BatchFailure>, mode: BatchFileSplitter.Mode?
    ) {
        switch result {
        case .success(let task): tasks.append(task)
        case .failure(let failure): failures.append(failure)
        }
        resume = BatchResumePoint(nextIndex: element.index + 1, offset: element.endOffset, mode: mode?.rawValue)
    }
}
