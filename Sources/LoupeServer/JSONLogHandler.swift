import Foundation
public import Logging
import LoupeDomain

/// Writes each log line to standard error as one JSON object (for log stacks such as Loki,
/// Elasticsearch or CloudWatch): `time` (UTC, milliseconds), `level`, `logger`, `message`,
/// `source`, and the line's metadata as fields of their own (`request_id`, `organization`,
/// `route`, `status`, `latency_ms` on access lines). Lists and dictionaries stay JSON.
public struct JSONLogHandler: LogHandler {
    /// The logger's label, in `logger`.
    public let label: String
    /// Lines below this level are dropped.
    public var logLevel: Logger.Level = .info
    /// Metadata written with every line of this logger.
    public var metadata: Logger.Metadata = [:]

    /// A handler for the logger labelled `label`.
    public init(label: String) { self.label = label }

    /// Item `key` of the logger's metadata.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = JSONObject()
        line["time"] = .string(Self.timestamp())
        line["level"] = .string(event.level.rawValue)
        line["logger"] = .string(label)
        line["message"] = .string("\(event.message)")
        line["source"] = .string(event.source)
        var merged = metadata
        if let explicit = event.metadata { merged.merge(explicit) { _, explicit in explicit } }
        for (key, value) in merged where line[key] == nil { line[key] = Self.json(value) }
        if let error = event.error {
            line["error.message"] = .string("\(error)")
            line["error.type"] = .string(String(reflecting: type(of: error)))
        }
        FileHandle.standardError.write(Data(JSONValue.object(line).serializedBytes() + [UInt8(ascii: "\n")]))
    }

    /// A metadata value as JSON: numbers logged as numbers (status, latency) stay numbers.
    static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let text): .string(text)
        case .stringConvertible(let number as Int): .int(Int64(number))
        case .stringConvertible(let number as Double): .double(number)
        case .stringConvertible(let convertible): .string(convertible.description)
        case .array(let items): .array(items.map(json))
        case .dictionary(let fields):
            .object(JSONObject(fields.sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) }))
        }
    }

    private static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { return "unknown" }
        var buffer = [CChar](repeating: 0, count: 32)
        let length = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S", &parts)
        let text = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text + String(format: ".%03dZ", now.tv_nsec / 1_000_000)
    }
}
