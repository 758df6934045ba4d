/// The attachments of a Scale task that are fetched by URL (everything but plain text).
public enum ScaleAttachments {
    /// The http(s) URLs among `attachment`, `attachments` (strings or `{type, content}`) and
    /// `context_attachments` (`{attachment}`), in order, without repeats, each as the direct-download
    /// link `directDownloadURL(_:)` makes of it, since that is what gets fetched.
    public static func urls(in params: JSONObject) -> [String] {
        var urls: [String] = []
        func add(_ text: String?, type: String?) {
            guard let value = text.map(directDownloadURL), type != "text", isFetchable(value), !urls.contains(value)
            else { return }
            urls.append(value)
        }
        let mainType = params["attachment_type"]?.stringValue
        add(params["attachment"]?.stringValue, type: mainType)
        for entry in params["attachments"]?.arrayValue ?? [] {
            if let text = entry.stringValue {
                add(text, type: mainType)
            } else if let object = entry.objectValue {
                add(object["content"]?.stringValue, type: object["type"]?.stringValue)
            }
        }
        for entry in params["context_attachments"]?.arrayValue ?? [] {
            add(entry.objectValue?["attachment"]?.stringValue, type: nil)
        }
        return urls
    }

    /// Whether `text` is an http or https URL.
    public static func isFetchable(_ text: String) -> Bool {
        let lower = text.lowercased()
        return (lower.hasPrefix("http://") || lower.hasPrefix("https://")) && CallbackURL.isWebURL(text)
    }

    /// Scale's error response for attachments that could not be downloaded.
    public static func errorResponse(_ failures: [AttachmentFailure]) -> JSONValue {
        [
            "error": "One or more attachments could not be downloaded.",
            "attachments": .array(
                failures.map { failure in
                    var entry: JSONObject = [
                        "statusCode": failure.statusCode.map { .int(Int64($0)) } ?? .null, "url": .string(failure.url),
                    ]
                    if let reason = failure.reason { entry["error"] = .string(reason) }
                    return .object(entry)
                }),
        ]
    }
}
