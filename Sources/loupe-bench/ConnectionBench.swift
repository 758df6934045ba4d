import ArgumentParser
import Foundation
import Glibc
import NIOHTTP1

/// `loupe-bench connections`: the latency of `/health` and of a task list read with no other
/// connections open, then with `idle` idle connections and `halfSent` connections that sent half a
/// request header (what a slow-loris client holds open).
struct Connections: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Latency with thousands of idle connections open.")
    @OptionGroup var target: Target
    @Option(help: "Idle connections to open.") var idle = 1_500
    @Option(help: "Connections that send half a request header.") var halfSent = 500
    @Option(help: "Requests timed per phase.") var requests = 400

    func run() async throws {
        guard let base = URLComponents(string: target.url), let host = base.host, let port = base.port else {
            throw ValidationError("--url must be http://host:port")
        }
        try await target.withClient { client in
            let quiet = try await Self.latencies(client, requests)
            var sockets: [Int32] = []
            for index in 0..<(idle + halfSent) {
                let handle = Self.connect(host: host, port: port)
                guard handle >= 0 else { throw ValidationError("connection \(index) failed: errno \(errno)") }
                if index >= idle {
                    let head = Array("GET /health HTTP/1.1\r\nHost: \(host)\r\nX-Slow: ".utf8)
                    _ = head.withUnsafeBytes { send(handle, $0.baseAddress, $0.count, 0) }
                }
                sockets.append(handle)
            }
            let crowded = try await Self.latencies(client, requests)
            for handle in sockets { close(handle) }
            for (label, figures) in [
                ("no other connections", quiet), ("\(idle) idle + \(halfSent) half-sent open", crowded),
            ] {
                print(
                    String(
                        format: "connections: %@: /health p50 %.2f ms p99 %.2f ms; task list p50 %.2f ms p99 %.2f ms",
                        label, figures.health.0, figures.health.1, figures.list.0, figures.list.1))
            }
        }
    }

    /// p50 and p99 of `/health` and of `GET /api/v1/tasks?limit=1`, `count` of each, one at a time.
    static func latencies(_ client: BenchClient, _ count: Int) async throws -> (
        health: (Double, Double), list: (Double, Double)
    ) {
        func time(_ path: String) async throws -> (Double, Double) {
            var samples: [Double] = []
            for _ in 0..<count {
                let start = ContinuousClock.now
                _ = try await client.request(.GET, path)
                samples.append((ContinuousClock.now - start).seconds * 1_000)
            }
            samples.sort()
            return (Work.percentile(samples, 0.5), Work.percentile(samples, 0.99))
        }
        return (try await time("/health"), try await time("/api/v1/tasks?limit=1"))
    }

    static func connect(host: String, port: Int) -> Int32 {
        let handle = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr(host == "localhost" ? "127.0.0.1" : host)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(handle, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if connected != 0 {
            close(handle)
            return -1
        }
        return handle
    }
}
