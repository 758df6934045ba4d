import Foundation
import Synchronization
import LoupeServer
import LoupeTestSupport

/// Child processes the compatibility and browser tests drive: scripts, installers and a fresh
/// `loupe serve`.
enum ExternalProcess {
    /// Foundation's `Process.run()` is not safe to call from several threads at once on Linux (a
    /// crash in its memcpy was seen with parallel tests): every child starts under one lock.
    static let launching = Mutex(())

    /// Starts `process` while no other test starts one.
    static func launch(_ process: Process) throws {
        try launching.withLock { _ in try process.run() }
    }

    /// Runs `executable` with `arguments`; returns its exit status and output.
    static func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try ExternalProcess.launch(process)
        let data = readToEnd(output.fileHandleForReading)
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The next bytes `handle` gives (waiting for some; empty at the end of the file). A read that a
    /// signal interrupts is retried: Foundation's `availableData` and `readDataToEndOfFile()` trap
    /// on EINTR, which a child exiting during parallel tests can cause.
    static func readChunk(_ handle: FileHandle) -> Data {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
            if count >= 0 { return Data(buffer[0..<count]) }
            if errno != EINTR { return Data() }
        }
    }

    /// Everything `handle` gives until the end of the file.
    static func readToEnd(_ handle: FileHandle) -> Data {
        var data = Data()
        while true {
            let chunk = readChunk(handle)
            if chunk.isEmpty { return data }
            data.append(chunk)
        }
    }

    /// Runs `python3` with `arguments`; returns its exit status and output.
    static func python(_ arguments: [String]) throws -> (Int32, String) {
        try run("/usr/bin/env", ["python3"] + arguments)
    }
}

extension ServerProcess {
    /// A `loupe serve` on a fresh test database with the suite's keys, the admin password
    /// `admin-password-123`, private callback targets allowed, and `extra` settings.
    static func startFresh(_ extra: [String: String] = [:]) async throws -> ServerProcess {
        let configuration = try await TestDatabase.freshConfiguration()
        var environment = [
            "LOUPE_DATA_DIR": configuration.dataDirectory, "LOUPE_API_KEY": TestDatabase.liveKey,
            "LOUPE_TEST_API_KEY": TestDatabase.testKey, "LOUPE_ADMIN_PASSWORD": "admin-password-123",
            "LOUPE_RATE_LIMIT_KEY": "0", "LOUPE_RATE_LIMIT_ORG": "0", "LOUPE_PASSWORD_COST": "4",
            "LOUPE_LOG_LEVEL": "critical", "LOUPE_ALLOW_PRIVATE_CALLBACKS": "1",
        ]
        if let url = configuration.databaseURL { environment["LOUPE_DATABASE_URL"] = url }
        return try await start(environment: environment.merging(extra) { $1 })
    }
}
