import Foundation
public import Logging

/// Writes log lines to standard error in swift-log's `StreamLogHandler` format
/// (`<time> <level> <label>: <metadata> [<source>] <message>`), formatting metadata only when a
/// line is written. `StreamLogHandler` formats it whenever it changes, and Hummingbird gives every
/// request's logger its request id: every request paid for text no line used.
public struct LineLogHandler: LogHandler {
    /// The logger's label, printed on every line.
    public let label: String
    /// Lines below this level are dropped.
    public var logLevel: Logger.Level = .info
    /// Metadata printed with every line of this logger.
    public var metadata: Logger.Metadata = [:]

    /// A handler for the logger labelled `label`.
    public init(label: String) { self.label = label }

    /// Item `key` of the logger's metadata.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let explicit = event.metadata { merged.merge(explicit) { _, explicit in explicit } }
        if let error = event.error {
            merged["error.message"] = "\(error)"
            merged["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        let pretty =
            merged.isEmpty
            ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let line = "\(Self.timestamp()) \(event.level) \(label):\(pretty) [\(event.source)] \(event.message)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    private static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        guard localtime_r(&now, &parts) != nil else { return "<unknown>" }
        var buffer = [CChar](repeating: 0, count: 64)
        let length = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &parts)
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
