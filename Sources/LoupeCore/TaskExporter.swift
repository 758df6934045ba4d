public import LoupeDomain
public import LoupeStore

/// Streams a project's completed tasks (or, with `statuses`, its tasks in those statuses) in an
/// export format: pages through the delivery sequence (or task ids)
/// (a page of tasks in memory at a time), hands the writer's bytes on in chunks of about
/// `chunkSize`, and passes every task twice for formats that need it (COCO).
public struct TaskExporter: Sendable {
    /// The store read from.
    public let store: Store
    /// Tasks read per query.
    public var pageSize = 2_000
    /// Bytes collected before `emit` is called.
    public var chunkSize = 256 * 1_024

    /// An exporter over `store`.
    public init(store: Store) { self.store = store }

    /// Writes every task `query` selects (its `afterSequence` and `limit` are managed here) in
    /// `format`, numbering `labels` (the project's label list) first; `progress` hears the tasks written so far in the last pass. Returns that count.
    @discardableResult
    public func export(
        _ format: ExportFormat, query: DeliveryQuery, exportedAt: Timestamp, labels: [String] = [],
        emit: ([UInt8]) async throws -> Void, progress: (Int) -> Void = { _ in }
    ) async throws -> Int {
        var writer = format.makeWriter(exportedAt: exportedAt, labels: labels) { task, json in
            TaskDTO.write(task, into: &json)
        }
        var buffer = writer.begin()
        var written = 0
        for pass in 0..<writer.passes {
            var page = query
            page.afterSequence = 0
            page.afterTaskID = ""
            page.limit = pageSize
            written = 0
            while true {
                let tasks = try await store.exportPage(page)
                for task in tasks {
                    buffer.append(contentsOf: writer.write(task, pass: pass))
                    if buffer.count >= chunkSize {
                        try await emit(buffer)
                        buffer.removeAll(keepingCapacity: true)
                    }
                }
                written += tasks.count
                if pass == writer.passes - 1 { progress(written) }
                guard tasks.count == pageSize, let last = tasks.last else { break }
                page.afterSequence = last.deliverySequence ?? 0
                page.afterTaskID = last.id
            }
        }
        buffer.append(contentsOf: writer.finish())
        try await emit(buffer)
        return written
    }
}
