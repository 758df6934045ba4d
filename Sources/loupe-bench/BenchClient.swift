import AsyncHTTPClient
import Foundation
import LoupeDomain
import NIOCore
import NIOHTTP1
import NIOHTTP1

/// A small JSON client for the native API.
struct BenchClient {
    let http: HTTPClient
    let baseURL: String
    let key: String

    func request(_ method: HTTPMethod, _ path: String, json: JSONValue? = nil) async throws -> (Int, JSONValue) {
        var request = HTTPClientRequest(url: path.hasPrefix("http") ? path : baseURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: json.serializedBytes()))
        }
        let response = try await http.execute(request, timeout: .seconds(600))
        let body = try await response.body.collect(upTo: 256 << 20)
        let value = body.readableBytes == 0 ? JSONValue.null : try JSONParser.parse(Array(body.readableBytesView))
        return (Int(response.status.code), value)
    }

    /// One page of a task list: how many tasks it holds and its next_token, read without
    /// parsing the whole body (the figure is the server's, not this client's JSON parser's).
    func page(_ path: String) async throws -> (Int, String?) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        let response = try await http.execute(request, timeout: .seconds(600))
        let body = Array(try await response.body.collect(upTo: 256 << 20).readableBytesView)
        let marker = Array(#"{"id":""#.utf8)
        var count = 0
        body.withUnsafeBufferPointer { bytes in
            var position = 0
            while position + marker.count <= bytes.count {
                if bytes[position] == marker[0] && marker.indices.allSatisfy({ bytes[position + $0] == marker[$0] }) {
                    count += 1
                    position += marker.count
                } else {
                    position += 1
                }
            }
        }
        let tokenMarker = Array(#""next_token":""#.utf8)
        var start = body.count - tokenMarker.count
        while start >= 0 && !tokenMarker.indices.allSatisfy({ body[start + $0] == tokenMarker[$0] }) { start -= 1 }
        guard start >= 0 else { return (count, nil) }
        let tokenStart = start + tokenMarker.count
        guard let tokenEnd = body[tokenStart...].firstIndex(of: UInt8(ascii: "\"")) else { return (count, nil) }
        return (count, String(decoding: body[tokenStart..<tokenEnd], as: UTF8.self))
    }

    /// Follows `next_token` from `path` (which already has a query) until the last page or
    /// `maxTasks`; returns the tasks read and the seconds it took.
    func pageThrough(_ path: String, maxTasks: Int = Int.max) async throws -> (tasks: Int, seconds: Double) {
        let start = ContinuousClock.now
        var next: String?
        var total = 0
        repeat {
            let (count, token) = try await page(path + (next.map { "&next_token=\($0)" } ?? ""))
            total += count
            next = token
        } while next != nil && total < maxTasks
        return (total, (ContinuousClock.now - start).seconds)
    }

    /// Streams a file as the request body.
    func put(file path: String, to url: String) async throws -> Int {
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        var request = HTTPClientRequest(url: url)
        request.method = .PUT
        let stream = AsyncStream<ByteBuffer> { continuation in
            let handle = FileHandle(forReadingAtPath: path)!
            while let data = try? handle.read(upToCount: 1 << 20), !data.isEmpty {
                continuation.yield(ByteBuffer(bytes: data))
            }
            try? handle.close()
            continuation.finish()
        }
        request.body = .stream(stream, length: .known(Int64(size)))
        let response = try await http.execute(request, timeout: .seconds(3_600))
        _ = try await response.body.collect(upTo: 1 << 20)
        return Int(response.status.code)
    }
}

/// Peak and current resident memory of a process, from /proc.
enum ProcessMemory {
    static func residentMegabytes(pid: Int32, field: String) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            let kilobytes = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap {
                Double($0)
            }
            return kilobytes.map { $0 / 1024 }
        }
        return nil
    }
}

/// CPU time a process has used, from /proc.
enum ProcessCPU {
    /// User plus system seconds of `pid` so far.
    static func seconds(pid: Int32) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let afterName = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after the command name: state is field 3, utime 14 and stime 15.
        let fields = stat[stat.index(after: afterName)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}

extension Duration {
    /// In seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
