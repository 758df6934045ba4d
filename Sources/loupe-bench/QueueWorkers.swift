import Foundation
import Glibc

/// The `work` benchmark's workers: one keep-alive connection each, claiming (`POST /work/next`)
/// and submitting in turn until the queue answers 204 or the deadline passes. All of them run on
/// one thread over plain sockets and `poll`, with prebuilt requests and no JSON parsing (like
/// wrk), so the load generator takes as little as it can of the CPU it shares with the server.
struct QueueWorkers: Sendable {
    /// The milliseconds each claim and each submit took.
    struct Timings: Sendable {
        var claims: [Double] = []
        var submits: [Double] = []
    }

    /// Where the server listens.
    var host: String
    var port: Int
    /// One session token per worker.
    var tokens: [String]
    /// The project every claim asks for.
    var projectID: String
    /// No new claim is sent after this many seconds.
    var seconds: Double

    /// Runs every worker to the end on a thread of its own; returns each worker's timings.
    func run() async throws -> [Timings] {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<[Timings], any Error>) in
            let thread = Thread {
                done.resume(with: Result { try QueueWorkerLoop(self).run() })
            }
            thread.name = "loupe-bench-workers"
            thread.start()
        }
    }
}

/// A worker stopped on an answer or a socket event it did not expect.
struct QueueWorkerError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// The poll loop behind `QueueWorkers`; lives on one thread.
private final class QueueWorkerLoop {
    private let settings: QueueWorkers
    private var workers: [QueueWorkerSocket] = []
    private var readBuffer = [UInt8](repeating: 0, count: 1 << 16)

    init(_ settings: QueueWorkers) { self.settings = settings }

    func run() throws -> [QueueWorkers.Timings] {
        defer { for worker in workers { worker.close() } }
        let deadline = monotonicNanoseconds() + UInt64(settings.seconds * 1e9)
        let claim = Array(#"{"project_id":"\#(settings.projectID)"}"#.utf8)
        for token in settings.tokens {
            let fd = try connectSocket(host: settings.host, port: settings.port)
            workers.append(
                QueueWorkerSocket(fd: fd, host: settings.host, token: token, claimBody: claim, deadline: deadline))
        }
        var polled = workers.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
        for worker in workers { try worker.sendClaim() }
        var running = workers.count
        var quietSince = monotonicNanoseconds()
        while running > 0 {
            let ready = poll(&polled, nfds_t(polled.count), 1_000)
            if ready < 0 {
                if errno == EINTR { continue }
                throw QueueWorkerError(message: "poll failed: errno \(errno)")
            }
            if ready == 0 {
                guard monotonicNanoseconds() - quietSince < 60_000_000_000 else {
                    throw QueueWorkerError(message: "no answer from the server for 60 s")
                }
                continue
            }
            quietSince = monotonicNanoseconds()
            for index in polled.indices where polled[index].revents != 0 {
                let count = read(polled[index].fd, &readBuffer, readBuffer.count)
                guard count > 0 else {
                    throw QueueWorkerError(
                        message: count == 0 ? "the server closed a connection" : "read failed: errno \(errno)")
                }
                if try workers[index].received(readBuffer[0..<count]) == .finished {
                    polled[index].fd = -1
                    running -= 1
                }
            }
        }
        return workers.map(\.timings)
    }
}

/// One worker's connection: what it waits for, the bytes received so far, and its timings.
private final class QueueWorkerSocket {
    enum Progress { case going, finished }

    let fd: Int32
    private(set) var timings = QueueWorkers.Timings()
    private let host: String
    private let token: String
    private let claimRequest: [UInt8]
    private let deadline: UInt64
    private var claiming = true
    private var sentAt: UInt64 = 0
    private var pending: [UInt8] = []

    init(fd: Int32, host: String, token: String, claimBody: [UInt8], deadline: UInt64) {
        self.fd = fd
        self.host = host
        self.token = token
        self.deadline = deadline
        self.claimRequest = Self.request(path: "/api/v1/work/next", host: host, token: token, body: claimBody)
        pending.reserveCapacity(1 << 14)
    }

    func close() { closeDescriptor(fd) }

    func sendClaim() throws {
        claiming = true
        try send(claimRequest)
    }

    /// Takes the bytes `read` returned; acts once a whole response is in.
    func received(_ bytes: ArraySlice<UInt8>) throws -> Progress {
        pending.append(contentsOf: bytes)
        guard let response = try HTTPResponseScan(pending) else { return .going }
        guard response.end == pending.count else {
            throw QueueWorkerError(message: "the server sent bytes after a response")
        }
        let elapsed = Double(monotonicNanoseconds() - sentAt) / 1e6
        defer { pending.removeAll(keepingCapacity: true) }
        if claiming {
            if response.status == 204 { return .finished }
            guard response.status == 200 else {
                throw QueueWorkerError(message: "work/next answered \(response.status)")
            }
            guard let id = Self.assignmentID(in: pending[response.bodyStart..<response.end]) else {
                throw QueueWorkerError(message: "work/next answered without an assignment id")
            }
            timings.claims.append(elapsed)
            claiming = false
            let body = #"{"answer":{"category":"\#(id.hasSuffix("0") ? "dog" : "cat")"}}"#
            try send(
                Self.request(path: "/api/v1/assignments/\(id)/submit", host: host, token: token, body: Array(body.utf8))
            )
            return .going
        }
        guard response.status == 200 else { throw QueueWorkerError(message: "submit answered \(response.status)") }
        timings.submits.append(elapsed)
        guard monotonicNanoseconds() < deadline else { return .finished }
        try sendClaim()
        return .going
    }

    private func send(_ request: [UInt8]) throws {
        sentAt = monotonicNanoseconds()
        var written = 0
        try request.withUnsafeBytes { raw in
            while written < raw.count {
                let count = write(fd, raw.baseAddress! + written, raw.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw QueueWorkerError(message: "write failed: errno \(errno)")
                }
                written += count
            }
        }
    }

    private static func request(path: String, host: String, token: String, body: [UInt8]) -> [UInt8] {
        let head =
            "POST \(path) HTTP/1.1\r\nHost: \(host)\r\nAuthorization: Bearer \(token)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
        return Array(head.utf8) + body
    }

    /// The id in a body that starts `{"assignment":{"id":"…"` (the order Loupe writes).
    private static func assignmentID(in body: ArraySlice<UInt8>) -> String? {
        let prefix = Array(#"{"assignment":{"id":""#.utf8)
        guard body.starts(with: prefix) else { return nil }
        let start = body.startIndex + prefix.count
        guard let end = body[start...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        return String(decoding: body[start..<end], as: UTF8.self)
    }
}

/// Where a complete HTTP/1.1 response lies in the bytes received, if they hold one.
private struct HTTPResponseScan {
    var status: Int
    var bodyStart: Int
    var end: Int

    /// Nil while the head or the body is incomplete; throws on a framing this client does not read.
    init?(_ bytes: [UInt8]) throws {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard bytes.count >= 16, let headEnd = Self.find(separator, in: bytes) else { return nil }
        let digits = bytes[9..<12]
        guard bytes.starts(with: Array("HTTP/1.1 ".utf8)), digits.allSatisfy({ (48...57).contains($0) }) else {
            throw QueueWorkerError(message: "not an HTTP/1.1 response")
        }
        status = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
        // Header names are matched on ASCII-lowercased bytes: Foundation's case-insensitive search
        // was ~15 % of this client's CPU, on the cores the server under test runs on.
        let head = bytes[0..<headEnd].map { (65...90).contains($0) ? $0 | 0x20 : $0 }
        if Self.find(Array("\r\ntransfer-encoding:".utf8), in: head) != nil {
            throw QueueWorkerError(message: "chunked responses are not read by this client")
        }
        var length = 0
        let lengthName = Array("\r\ncontent-length:".utf8)
        if let start = Self.find(lengthName, in: head) {
            for byte in head[(start + lengthName.count)...].drop(while: { $0 == 32 }) {
                guard (48...57).contains(byte) else { break }
                length = length * 10 + Int(byte - 48)
            }
        }
        bodyStart = headEnd + 4
        end = bodyStart + length
        guard bytes.count >= end else { return nil }
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if bytes[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }
}

/// A blocking TCP connection to `host:port` with Nagle off.
private func connectSocket(host: String, port: Int) throws -> Int32 {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    var found: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo(host, String(port), &hints, &found) == 0, let first = found else {
        throw QueueWorkerError(message: "cannot resolve \(host)")
    }
    defer { freeaddrinfo(found) }
    let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
    guard fd >= 0 else { throw QueueWorkerError(message: "socket failed: errno \(errno)") }
    guard connect(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
        let failure = errno
        closeDescriptor(fd)
        throw QueueWorkerError(message: "cannot connect to \(host):\(port): errno \(failure)")
    }
    var on: Int32 = 1
    _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
    return fd
}

private func monotonicNanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

private func closeDescriptor(_ fd: Int32) { _ = close(fd) }
