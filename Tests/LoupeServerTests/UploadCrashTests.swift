import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import Glibc
import LoupeDomain
import LoupeServer
import LoupeTestSupport
import Testing

/// A server killed while an upload streams in leaves the batch `uploading`; the next node to look
/// returns it to `pending` (partial file discarded) so the client can PUT again.
@Suite("Crash during an upload")
struct UploadCrashTests {
    /// Opens a connection and sends the head of a PUT plus `sent` bytes of a body of `length`.
    static func startPut(_ url: URL, length: Int, sent: Int) throws -> Int32 {
        let handle = ConnectionLimitTests.connect(port: url.port ?? 80)
        let head = "PUT \(url.path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(length)\r\n\r\n"
        let bytes = Array(head.utf8) + [UInt8](repeating: UInt8(ascii: "\n"), count: sent)
        _ = bytes.withUnsafeBytes { send(handle, $0.baseAddress, $0.count, 0) }
        return handle
    }

    @Test func anUploadCutByAKillReturnsToPendingAndCanBeSentAgain() async throws {
        // The first node would itself return a stalled upload after the stale time; the restarted
        // one looks for abandoned uploads after 1 s.
        var environment = try await ServerProcess.freshEnvironment([:])
        let first = try await ServerProcess.start(environment: environment)
        let project = try #require(
            try await first.send("POST", "/api/v1/projects", json: ["name": "Upload crash", "type": "categorization"])[
                "id"]?
                .stringValue)
        let batch = try await first.send("POST", "/api/v1/projects/\(project)/batches", json: ["upload": true])
        let batchID = try #require(batch["id"]?.stringValue)
        let uploadPath = try #require(batch["upload_url"]?.stringValue.flatMap(URL.init(string:))?.path)
        let connection = try Self.startPut(URL(string: first.baseURL + uploadPath)!, length: 1 << 20, sent: 4_096)
        var status = ""
        for _ in 0..<100 where status != "uploading" {
            try await Task.sleep(for: .milliseconds(50))
            status = try await first.send("GET", "/api/v1/batches/\(batchID)")["status"]?.stringValue ?? ""
        }
        #expect(status == "uploading")
        first.kill()
        close(connection)

        environment["LOUPE_UPLOAD_STALE_SECONDS"] = "1"
        let second = try await ServerProcess.start(environment: environment)
        defer { second.kill() }
        for _ in 0..<200 where status != "pending" {
            try await Task.sleep(for: .milliseconds(50))
            status = try await second.send("GET", "/api/v1/batches/\(batchID)")["status"]?.stringValue ?? ""
        }
        #expect(status == "pending", "the abandoned upload returns to pending")

        var request = URLRequest(url: URL(string: second.baseURL + uploadPath)!)
        request.httpMethod = "PUT"
        request.httpBody = Data((0..<25).map { #"{"data": {"n": \#($0)}}"# }.joined(separator: "\n").utf8)
        let (_, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        _ = try await second.send("POST", "/api/v1/batches/\(batchID)/finalize")
        var created: Int64 = -1
        for _ in 0..<200 where created != 25 {
            try await Task.sleep(for: .milliseconds(50))
            created =
                try await second.send("GET", "/api/v1/batches/\(batchID)")["counts"]?.objectValue?["created"]?.intValue
                ?? -1
        }
        #expect(created == 25, "every item of the second upload becomes a task, once")
    }
}
