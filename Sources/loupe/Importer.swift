import AsyncHTTPClient
import Foundation
import LoupeDomain
import NIOCore
import NIOHTTP1

/// The native API as `loupe import` uses it: JSON requests with the key, answers parsed.
struct ImportClient: Sendable {
    let base: String
    let key: String
    let http = HTTPClient(eventLoopGroupProvider: .singleton)

    /// `method path` with an optional JSON body: the status and the JSON object answered.
    func call(_ method: HTTPMethod, _ path: String, json: JSONValue? = nil) async throws -> (Int, JSONObject) {
        var request = HTTPClientRequest(url: path.hasPrefix("http") ? path : base + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: json.serializedBytes()))
        }
        let response = try await http.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 16 << 20)
        let object = (try? JSONParser.parse(Array(body.readableBytesView)))?.objectValue ?? JSONObject()
        return (Int(response.status.code), object)
    }

    /// PUTs the file at `path` (`size` bytes) to `url` in 256 KiB chunks, telling `sent` the bytes
    /// handed over so far; returns the status and answer.
    func upload(_ path: String, size: Int, to url: String, sent: @escaping @Sendable (Int) -> Void) async throws -> (
        Int, JSONObject
    ) {
        var request = HTTPClientRequest(url: url)
        request.method = .PUT
        request.headers.add(name: "Content-Type", value: "application/octet-stream")
        request.body = .stream(FileChunks(path: path, sent: sent), length: .known(Int64(size)))
        let response = try await http.execute(request, timeout: .hours(6))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), (try? JSONParser.parse(Array(body.readableBytesView)))?.objectValue ?? [:])
    }
}

/// A file read in chunks as an async sequence of buffers.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let path: String
    let sent: @Sendable (Int) -> Void

    struct AsyncIterator: AsyncIteratorProtocol {
        let handle: FileHandle?
        let sent: @Sendable (Int) -> Void
        var total = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let handle, let chunk = try handle.read(upToCount: 256 * 1_024), !chunk.isEmpty else {
                try? handle?.close()
                return nil
            }
            total += chunk.count
            sent(total)
            return ByteBuffer(bytes: chunk)
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(handle: FileHandle(forReadingAtPath: path), sent: sent)
    }
}

/// What `loupe import` keeps beside the file between runs: the batch and its upload URL (which
/// the server gives only to the batch's creator).
struct ImportState {
    let path: String

    /// The saved batch id and upload URL, if this file's import was begun in that project.
    func load(project: String) -> (batchID: String, uploadURL: String?)? {
        guard let data = FileManager.default.contents(atPath: path),
            let object = (try? JSONParser.parse(Array(data)))?.objectValue,
            object["project_id"]?.stringValue == project, let batchID = object["batch_id"]?.stringValue
        else { return nil }
        return (batchID, object["upload_url"]?.stringValue)
    }

    func save(project: String, batchID: String, uploadURL: String?) throws {
        let object: JSONValue = [
            "project_id": .string(project), "batch_id": .string(batchID),
            "upload_url": uploadURL.map(JSONValue.string) ?? .null,
        ]
        try Data(object.serializedBytes()).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// One import from start (or where an earlier run stopped) to the end of the batch.
struct Importer {
    let client: ImportClient
    let project: String
    let file: String
    let size: Int
    let clientBatchID: String
    let state: ImportState
    let estimatedTasks: Int
    let showsProgress: Bool

    /// Runs the import and returns a one-line summary.
    func run() async throws -> String {
        let started = Date()
        let (batchID, uploadURL) = try await batch()
        var batch = try await read(batchID)
        while let status = batch["status"]?.stringValue, status == "pending" || status == "uploading" {
            guard let uploadURL else {
                throw ImportError(
                    "batch \(batchID) (client id \(clientBatchID)) was begun elsewhere and its upload URL is not in "
                        + "\(state.path); cancel it (POST /api/v1/batches/\(batchID)/cancel) or pass --client-batch-id")
            }
            if status == "uploading" {
                // An earlier PUT that died: the server gives the batch back once it has not been heard of.
                FileHandle.standardError.write(
                    Data("waiting for an interrupted upload of batch \(batchID) to expire…\n".utf8))
                try await Task.sleep(for: .seconds(5))
            } else {
                try await send(to: uploadURL)
                let (finalized, answer) = try await client.call(.POST, "/api/v1/batches/\(batchID)/finalize")
                guard finalized == 200 || finalized == 202 || finalized == 409 else {
                    throw ImportError("finalizing batch \(batchID) answered \(finalized): \(Self.message(answer))")
                }
            }
            batch = try await read(batchID)
        }
        batch = try await follow(batchID, batch)
        state.remove()
        let counts = batch["counts"]?.objectValue ?? [:]
        let created = counts["created"]?.intValue ?? 0
        let failed = counts["failed"]?.intValue ?? 0
        let seconds = Date().timeIntervalSince(started)
        var summary =
            "batch \(batchID) \(batch["status"]?.stringValue ?? "?"): \(created) tasks created, \(failed) failed "
            + String(format: "in %.1f s", seconds)
        if failed > 0 { summary += "; failures: \(client.base)/api/v1/batches/\(batchID)/failures" }
        return summary
    }

    /// The batch of this file: the one an earlier run saved, else created (or found by its
    /// client id), with its upload URL when this run has it.
    private func batch() async throws -> (String, String?) {
        if let saved = state.load(project: project) { return saved }
        let (status, answer) = try await client.call(
            .POST, "/api/v1/projects/\(project)/batches",
            json: ["upload": true, "client_batch_id": .string(clientBatchID)])
        guard status == 200 || status == 201, let id = answer["id"]?.stringValue else {
            throw ImportError("creating the batch answered \(status): \(Self.message(answer))")
        }
        let uploadURL = answer["upload_url"]?.stringValue
        try state.save(project: project, batchID: id, uploadURL: uploadURL)
        return (id, uploadURL)
    }

    private func read(_ batchID: String) async throws -> JSONObject {
        let (status, answer) = try await client.call(.GET, "/api/v1/batches/\(batchID)")
        guard status == 200 else {
            throw ImportError("reading batch \(batchID) answered \(status): \(Self.message(answer))")
        }
        return answer
    }

    private func send(to uploadURL: String) async throws {
        let bar = ProgressBar(total: size, enabled: showsProgress, unit: .bytes)
        let (status, answer) = try await client.upload(file, size: size, to: uploadURL) { bar.show($0) }
        bar.finish()
        guard (200..<300).contains(status) else {
            throw ImportError("uploading the file answered \(status): \(Self.message(answer))")
        }
    }

    /// Polls the batch until it ends, showing the tasks created.
    private func follow(_ batchID: String, _ first: JSONObject) async throws -> JSONObject {
        var batch = first
        let bar = ProgressBar(total: estimatedTasks, enabled: showsProgress)
        func handled() -> Int {
            let counts = batch["counts"]?.objectValue ?? [:]
            return Int((counts["created"]?.intValue ?? 0) + (counts["failed"]?.intValue ?? 0))
        }
        while !["completed", "failed", "canceled"].contains(batch["status"]?.stringValue ?? "") {
            bar.show(handled())
            try await Task.sleep(for: .milliseconds(250))
            batch = try await read(batchID)
        }
        bar.show(handled())
        bar.finish()
        return batch
    }

    static func message(_ answer: JSONObject) -> String {
        answer["error"]?.objectValue?["message"]?.stringValue ?? "no message"
    }
}

/// An import that cannot go on, said in a sentence.
struct ImportError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
