import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import Testing

/// A webhook receiver on 127.0.0.1 for tests: it records every request and answers with the
/// status its `answer` rule picks (by how many requests came before).
final class WebhookSink: Sendable {
    /// One received request.
    struct Received: Sendable {
        let path: String
        let query: String
        let headers: HTTPFields
        let body: [UInt8]

        func header(_ name: String) -> String? { HTTPField.Name(name).flatMap { headers[$0] } }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
    }

    private let received = Mutex<[Received]>([])
    private let rule: Mutex<@Sendable (Int) -> Int>
    private let fileStatus: @Sendable (String) -> Int
    private let stall: @Sendable (Int) -> Bool

    /// A sink answering POSTs by `answer` (after stalling ten seconds when `stall` says so) and
    /// GETs (files) with `files(path)`.
    init(
        answer: @escaping @Sendable (Int) -> Int, files: @escaping @Sendable (String) -> Int = { _ in 200 },
        stall: @escaping @Sendable (Int) -> Bool = { _ in false }
    ) {
        rule = Mutex(answer)
        fileStatus = files
        self.stall = stall
    }

    var requests: [Received] { received.withLock { $0 } }

    /// What the sink serves for a path ending in `.pdf` (`.html` gets a page with a script).
    static let pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

    /// Changes how later requests are answered.
    func answer(_ newRule: @escaping @Sendable (Int) -> Int) { rule.withLock { $0 = newRule } }

    /// Runs the sink while `body` runs, passing its base URL.
    func run(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.post("**") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 22)
            let entry = Received(
                path: request.uri.path, query: request.uri.query ?? "", headers: request.headers,
                bytes: Array(bytes.readableBytesView))
            let index = self.received.withLock { list in
                list.append(entry)
                return list.count - 1
            }
            if self.stall(index) { try await Task.sleep(for: .seconds(10)) }
            let status = self.rule.withLock { $0 }(index)
            var headers: HTTPFields = [:]
            if status == 429 { headers[.retryAfter] = "0" }
            return Response(status: .init(code: status), headers: headers)
        }
        router.get("**") { request, _ -> Response in
            let path = request.uri.path
            let (type, bytes) =
                path.hasSuffix(".pdf")
                ? ("application/pdf", Array(Self.pdf.utf8))
                : path.hasSuffix(".html")
                    ? ("text/html", Array("<script>alert(1)</script>".utf8))
                    : ("image/jpeg", [0xFF, 0xD8, 0xFF, 0xD9])
            return Response(
                status: .init(code: self.fileStatus(path)), headers: [.contentType: type],
                body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        let port = Mutex<Int?>(nil)
        var logger = Logger(label: "sink")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } }, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var waited = 0
            while port.withLock({ $0 }) == nil && waited < 500 {
                try await Task.sleep(for: .milliseconds(10))
                waited += 1
            }
            let base = "http://127.0.0.1:\(try #require(port.withLock { $0 }))"
            defer { group.cancelAll() }
            try await body(base)
        }
    }
}

extension WebhookSink.Received {
    init(path: String, query: String, headers: HTTPFields, bytes: [UInt8]) {
        self.init(path: path, query: query, headers: headers, body: bytes)
    }
}
