import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import Glibc
import LoupeServer
import LoupeTestSupport
import Testing

/// Idle and half-sent connections are closed after the idle timeout, so they cannot pile up.
@Suite("Connection limits")
struct ConnectionLimitTests {
    /// A TCP connection to `port` on 127.0.0.1 whose reads give up after 10 s.
    static func connect(port: Int) -> Int32 {
        let handle = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(handle, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(handle, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return handle
    }

    /// Reads until the peer closes (0) or the receive timeout passes (-1).
    static func readUntilClosed(_ handle: Int32) -> Int {
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = recv(handle, &buffer, buffer.count, 0)
            if count <= 0 { return count }
        }
    }

    @Test func idleAndHalfSentConnectionsAreClosedWhileTheServerAnswers() async throws {
        let server = try await ServerProcess.start(
            environment: try await ServerProcess.freshEnvironment(["LOUPE_IDLE_TIMEOUT": "1"]))
        defer { server.kill() }
        let port = try #require(URL(string: server.baseURL)?.port)
        // 2,000 at once: 1,000 idle and 1,000 that sent half a request header.
        let idle = (0..<1_000).map { _ in Self.connect(port: port) }
        let halfSent = (0..<1_000).map { _ in Self.connect(port: port) }
        for handle in halfSent {
            let head = Array("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8)
            _ = head.withUnsafeBytes { send(handle, $0.baseAddress, $0.count, 0) }
        }
        // The server keeps answering while they are open: health and an authenticated read.
        let (_, response) = try await URLSession.shared.data(from: URL(string: server.baseURL + "/health")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        var read = URLRequest(url: URL(string: server.baseURL + "/api/v1/tasks?limit=1")!)
        read.setValue("Bearer \(TestDatabase.liveKey)", forHTTPHeaderField: "Authorization")
        let (_, listed) = try await URLSession.shared.data(for: read)
        #expect((listed as? HTTPURLResponse)?.statusCode == 200)
        let started = Date()
        #expect(Self.readUntilClosed(idle[0]) == 0, "an idle connection is closed by the server")
        #expect(Self.readUntilClosed(halfSent[0]) == 0, "a half-sent request is closed by the server")
        #expect(Date().timeIntervalSince(started) < 8)
        for handle in idle + halfSent { close(handle) }
    }
}

@Suite("Slow bodies")
struct SlowBodyTests {
    @Test func aBodyThatTricklesIsCutOffWithA408() async throws {
        let server = try await ServerProcess.start(
            environment: try await ServerProcess.freshEnvironment([
                "LOUPE_BODY_GRACE_SECONDS": "1", "LOUPE_BODY_MIN_RATE": "1000",
            ]))
        defer { server.kill() }
        let port = try #require(URL(string: server.baseURL)?.port)
        let handle = ConnectionLimitTests.connect(port: port)
        defer { close(handle) }
        let head = Array(
            ("POST /api/v1/projects HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(TestDatabase.liveKey)\r\n"
                + "Content-Type: application/json\r\nContent-Length: 4000\r\n\r\n{\"name\": \"").utf8)
        _ = head.withUnsafeBytes { send(handle, $0.baseAddress, $0.count, 0) }
        // A few bytes a second, far below the 1,000 required after the first second. After each
        // two bytes the test waits up to 1.5 s for the answer before sending more: bytes that reach
        // the server after it answered and closed would make it reset the connection, and a reset
        // discards the 408 before the test can read it (seen on a loaded machine).
        func trickle() -> Bool {
            [UInt8(ascii: "x"), UInt8(ascii: "x")].withUnsafeBytes {
                send(handle, $0.baseAddress, 2, Int32(MSG_NOSIGNAL))
            } == 2
        }
        for _ in 0..<8 {
            guard trickle() else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        for _ in 0..<12 {
            guard trickle() else { break }
            var ready = pollfd(fd: handle, events: Int16(POLLIN), revents: 0)
            if poll(&ready, 1, 1_500) > 0 { break }
        }
        var buffer = [UInt8](repeating: 0, count: 4_096)
        let count = recv(handle, &buffer, buffer.count, 0)
        let answer = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self)
        #expect(answer.hasPrefix("HTTP/1.1 408"), "\(answer)")
        #expect(answer.contains("request_timeout"))
        // An ordinary request right after is unaffected.
        let (_, response) = try await URLSession.shared.data(from: URL(string: server.baseURL + "/health")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
    }
}
