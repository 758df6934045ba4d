import Foundation
import LoupeDomain
import LoupeTestSupport
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// kill -9 in the middle of work, then a restart on the same data: nothing acknowledged is lost,
/// nothing is done twice.
@Suite("Fault drills")
struct FaultDrillTests {
    @Test(.timeLimit(.minutes(4)))
    func aKillDuringIngestLosesAndDoublesNothing() async throws {
        let environment = try await ServerProcess.freshEnvironment([:])
        let count = 100_000
        let first = try await ServerProcess.start(environment: environment)
        let (_, project) = try await first.request(
            "POST", "/api/v1/projects", json: ["name": "Ingest drill", "type": "categorization"])
        let projectID = try #require(project["id"]?.stringValue)
        let (_, batch) = try await first.request(
            "POST", "/api/v1/projects/\(projectID)/batches", json: ["upload": true])
        let batchID = try #require(batch["id"]?.stringValue)
        let uploadURL = try #require(batch["upload_url"]?.stringValue.flatMap(URL.init(string:)))
        let lines = (0..<count).map { "{\"data\":{\"n\":\($0)},\"unique_id\":\"drill-\($0)\"}" }
        let (put, _) = try await first.request("PUT", uploadURL.path, raw: Data(lines.joined(separator: "\n").utf8))
        #expect(put == 200)
        #expect(try await first.request("POST", "/api/v1/batches/\(batchID)/finalize").0 == 202)
        // Killed 0.2 s after the finalize: 100k items take a debug build seconds, so the ingester
        // is between its chunks (polling for the first chunk proved too slow on a busy machine:
        // by the first answer the batch had sometimes completed).
        try await Task.sleep(for: .milliseconds(200))
        first.kill()

        let second = try await ServerProcess.start(environment: environment)
        defer { second.kill() }
        var done: JSONObject = [:]
        let deadline = Date().addingTimeInterval(150)
        while Date() < deadline {
            done = try await second.request("GET", "/api/v1/batches/\(batchID)").1
            if done["status"] == "completed" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(done["status"] == "completed")
        #expect(done["counts"]?.objectValue?["created"]?.intValue == Int64(count), "\(done)")
        #expect(done["counts"]?.objectValue?["failed"]?.intValue == 0)
        let (_, listed) = try await second.request(
            "GET", "/api/v1/tasks?project=\(projectID)&limit=1&include_total=true")
        #expect(listed["total"]?.intValue == Int64(count), "every item became exactly one task")
    }

    @Test(.timeLimit(.minutes(4)))
    func aKillUnderClaimsAndSubmitsLosesNoAcknowledgedResult() async throws {
        let environment = try await ServerProcess.freshEnvironment([:])
        let taskCount = 200
        let first = try await ServerProcess.start(environment: environment)
        let (_, project) = try await first.request(
            "POST", "/api/v1/projects",
            json: [
                "name": "Queue drill", "type": "categorization", "params": ["categories": ["cat", "dog"]],
                "settings": ["overlap": 2, "max_work_time": 10],
            ])
        let projectID = try #require(project["id"]?.stringValue)
        let items: [JSONValue] = (0..<taskCount).map { ["data": ["n": .int(Int64($0))]] }
        _ = try await first.request("POST", "/api/v1/projects/\(projectID)/batches", json: ["tasks": .array(items)])
        var workers: [(token: String, id: String)] = []
        for index in 0..<6 {
            let email = JSONValue.string("drill-\(index)@loupe.test")
            let (_, user) = try await first.request(
                "POST", "/api/v1/users",
                json: ["email": email, "password": "drill-password-1", "roles": ["worker"]])
            let (_, session) = try await first.request(
                "POST", "/api/v1/auth/token", json: ["email": email, "password": "drill-password-1"])
            workers.append((try #require(session["token"]?.stringValue), try #require(user["id"]?.stringValue)))
        }
        let acknowledged = Acknowledged()

        /// Claims and submits until the queue stays empty for 20 s or the server is gone.
        @Sendable func work(_ server: ServerProcess, _ token: String, _ worker: String) async {
            var idle = 0
            while idle < 40 {
                guard
                    let (status, lease) = try? await server.request(
                        "POST", "/api/v1/work/next", token: token, json: ["project_id": .string(projectID)])
                else { return }
                guard status == 200, let assignment = lease["assignment"]?.objectValue,
                    let id = assignment["id"]?.stringValue, let task = assignment["task_id"]?.stringValue
                else {
                    idle += 1
                    try? await Task.sleep(for: .milliseconds(500))
                    continue
                }
                idle = 0
                let answer: JSONValue = ["answer": ["category": .string(task.hasSuffix("1") ? "dog" : "cat")]]
                guard
                    let (submitted, _) = try? await server.request(
                        "POST", "/api/v1/assignments/\(id)/submit", token: token, json: answer)
                else { return }
                if submitted == 200 { acknowledged.list.withLock { $0.append(task + " " + worker) } }
            }
        }

        let killAt = 150
        await withTaskGroup(of: Void.self) { group in
            for worker in workers {
                group.addTask { await work(first, worker.token, worker.id) }
            }
            group.addTask {
                while acknowledged.list.withLock({ $0.count }) < killAt { try? await Task.sleep(for: .milliseconds(5)) }
                first.kill()
            }
        }
        let beforeKill = Set(acknowledged.list.withLock { $0 })
        #expect(beforeKill.count >= killAt)
        #expect(beforeKill.count < taskCount * 2, "the kill came while work remained")

        let second = try await ServerProcess.start(environment: environment)
        defer { second.kill() }
        await withTaskGroup(of: Void.self) { group in
            for worker in workers {
                group.addTask { await work(second, worker.token, worker.id) }
            }
        }
        let (_, listed) = try await second.request("GET", "/api/v1/tasks?project=\(projectID)&limit=1000")
        let tasks = listed["tasks"]?.arrayValue?.compactMap(\.objectValue) ?? []
        #expect(tasks.count == taskCount)
        #expect(tasks.allSatisfy { $0["status"] == "completed" }, "every task completed after the restart")
        var stored = Set<String>()
        for task in tasks {
            let id = try #require(task["id"]?.stringValue)
            let (_, results) = try await second.request("GET", "/api/v1/tasks/\(id)/results")
            let answered = (results["results"]?.arrayValue ?? []).compactMap(\.objectValue).filter {
                $0["status"] == "submitted" || $0["status"] == "approved"
            }
            #expect(answered.count == 2, "task \(id) has exactly its overlap of results")
            for result in answered { stored.insert(id + " " + (result["worker_id"]?.stringValue ?? "")) }
        }
        #expect(beforeKill.isSubset(of: stored), "every result acknowledged before the kill survived it")
        #expect(stored.count == taskCount * 2, "no worker answered a task twice")
    }
}

/// Results the server acknowledged with a 200, as "task worker".
private final class Acknowledged: Sendable {
    let list = Mutex<[String]>([])
}
