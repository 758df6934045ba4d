import Foundation

/// The folder where uploaded batch files wait until their tasks are created.
public struct UploadFiles: Sendable {
    /// The folder.
    public let directory: String

    /// Uses (and creates) `directory`.
    public init(directory: String) throws {
        self.directory = directory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// The finished upload of a batch.
    public func path(for batchID: String) -> String { directory + "/" + batchID + ".upload" }

    /// The file an upload in progress is written to before it is moved into place.
    public func partialPath(for batchID: String) -> String { directory + "/" + batchID + ".part" }

    /// Removes a batch's files.
    public func remove(batchID: String) throws {
        for path in [path(for: batchID), partialPath(for: batchID)] where FileManager.default.fileExists(atPath: path) {
            try FileManager.default.removeItem(atPath: path)
        }
    }

    /// Moves a finished partial upload into place, replacing an earlier upload.
    public func commitPartial(batchID: String) throws {
        let target = path(for: batchID)
        if FileManager.default.fileExists(atPath: target) { try FileManager.default.removeItem(atPath: target) }
        try FileManager.default.moveItem(atPath: partialPath(for: batchID), toPath: target)
    }
}
