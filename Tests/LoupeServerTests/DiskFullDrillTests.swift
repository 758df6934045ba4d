import Foundation
import LoupeDomain
import LoupeTestSupport
import Testing

/// The data folder on a small tmpfs that fills up: writes answer 503 and keep nothing of
/// themselves, everything acknowledged before stays, reads go on, and writes work again once
/// the file system has room. Needs `mount` (root in a container that allows tmpfs), like CI.
@Suite("Disk full drill")
struct DiskFullDrillTests {
    /// Whether this machine lets the test mount a tmpfs (tried once on a probe folder).
    static let canMount: Bool = {
        guard !TestDatabase.isPostgres, getuid() == 0 else { return false }
        let probe = NSTemporaryDirectory() + "loupe-mount-probe-" + UUID().uuidString
        guard (try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)) != nil,
            (try? ExternalProcess.runSynchronously("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", probe]))?.0
                == 0
        else { return false }
        _ = try? ExternalProcess.runSynchronously("/bin/umount", [probe])
        return true
    }()

    @Test(.enabled(if: Self.canMount), .timeLimit(.minutes(10)))
    func aFullDiskAnswers503KeepsWhatWasAcknowledgedAndRecovers() async throws {
        let folder = NSTemporaryDirectory() + "loupe-full-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(try await ExternalProcess.run("/bin/mount", ["-t", "tmpfs", "-o", "size=3m", "tmpfs", folder]).0 == 0)
        defer { _ = try? ExternalProcess.runSynchronously("/bin/umount", ["-l", folder]) }
        var environment = try await ServerProcess.freshEnvironment([:])
        environment["LOUPE_DATA_DIR"] = folder
        let server = try await ServerProcess.start(environment: environment)
        defer { server.kill() }
        let (_, project) = try await server.request(
            "POST", "/api/v1/projects", json: ["name": "Full disk", "type": "categorization"])
        let projectID = try #require(project["id"]?.stringValue)
        let filler = JSONValue.string(String(repeating: "x", count: 60_000))
        var created: [String] = []
        var refusal: (status: Int, body: JSONObject)?
        for index in 0..<400 {
            let (status, body) = try await server.request(
                "POST", "/api/v1/projects/\(projectID)/tasks",
                json: ["data": ["n": .int(Int64(index)), "filler": filler]])
            guard status == 201, let id = body["id"]?.stringValue else {
                refusal = (status, body)
                break
            }
            created.append(id)
        }
        let refused = try #require(refusal, "the 3 MiB file system filled up")
        #expect(refused.status == 503, "\(refused.body)")
        #expect(refused.body["error"]?.objectValue?["code"] == "storage_unavailable")
        #expect(!created.isEmpty)

        // Everything acknowledged is there, and reads go on.
        let (listed, list) = try await server.request(
            "GET", "/api/v1/tasks?project=\(projectID)&limit=1&include_total=true")
        #expect(listed == 200)
        #expect(list["total"]?.intValue == Int64(created.count), "no refused create left a task behind")
        #expect(try await server.request("GET", "/api/v1/tasks/\(created[created.count - 1])").0 == 200)

        // Room again: writes work without a restart.
        #expect(try await ExternalProcess.run("/bin/mount", ["-o", "remount,size=64m", folder]).0 == 0)
        var recovered = 0
        for _ in 0..<50 {
            recovered = try await server.request(
                "POST", "/api/v1/projects/\(projectID)/tasks", json: ["data": ["n": -1]]
            ).0
            if recovered == 201 { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(recovered == 201, "writes work again once the disk has room")
        let (_, after) = try await server.request(
            "GET", "/api/v1/tasks?project=\(projectID)&limit=1&include_total=true")
        #expect(after["total"]?.intValue == Int64(created.count + 1))
    }
}
