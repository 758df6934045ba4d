import Foundation

/// The seed: "Make sure that the URL is a direct link to the file you wish to use as an attachment and
/// not a document showing a preview of the file. For certain storage providers we may be able to rewrite
/// URLs that are previews of the file you are trying to attach to the correct direct download URL."
extension ScaleAttachments {
    /// The direct-download form of a storage provider's preview or share link; any other text comes back
    /// unchanged, and so does a link that is already direct (the rewrite is idempotent).
    ///
    /// - Dropbox shared files (`www.dropbox.com/s/…`, `/scl/fi/…`): `dl=1` replaces `dl=0` (or is added),
    ///   other query items such as `rlkey` are kept; `raw=1` links are already direct.
    /// - Google Drive (`drive.google.com/file/d/<id>/view…`, `/open?id=<id>`, `/uc?id=<id>`):
    ///   `https://drive.google.com/uc?export=download&id=<id>`, keeping a `resourcekey`.
    /// - OneDrive share links (`1drv.ms/…`, `onedrive.live.com/…` other than `/download`): Microsoft's
    ///   documented shares endpoint, `https://api.onedrive.com/v1.0/shares/u!<token>/root/content`, where
    ///   the token is the link in unpadded base64url.
    public static func directDownloadURL(_ text: String) -> String {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host?.lowercased()
        else { return text }
        let rewritten: String? =
            switch host {
            case "www.dropbox.com", "dropbox.com": dropbox(components)
            case "drive.google.com": googleDrive(components)
            case "1drv.ms", "onedrive.live.com": oneDrive(text, components)
            default: nil
            }
        return rewritten ?? text
    }

    /// `params` with every fetched attachment (`attachment`, `attachments`, `context_attachments`)
    /// rewritten by `directDownloadURL(_:)`; plain-text attachments are left as they are.
    public static func withDirectDownloadLinks(_ params: JSONObject) -> JSONObject {
        var params = params
        let mainType = params["attachment_type"]?.stringValue
        if mainType != "text", let attachment = params["attachment"]?.stringValue {
            params["attachment"] = .string(directDownloadURL(attachment))
        }
        if let attachments = params["attachments"]?.arrayValue {
            params["attachments"] = .array(
                attachments.map { entry in
                    if let text = entry.stringValue, mainType != "text" { return .string(directDownloadURL(text)) }
                    guard var object = entry.objectValue, object["type"]?.stringValue != "text",
                        let content = object["content"]?.stringValue
                    else { return entry }
                    object["content"] = .string(directDownloadURL(content))
                    return .object(object)
                })
        }
        if let context = params["context_attachments"]?.arrayValue {
            params["context_attachments"] = .array(
                context.map { entry in
                    guard var object = entry.objectValue, let attachment = object["attachment"]?.stringValue else {
                        return entry
                    }
                    object["attachment"] = .string(directDownloadURL(attachment))
                    return .object(object)
                })
        }
        return params
    }

    private static func dropbox(_ components: URLComponents) -> String? {
        let path = components.percentEncodedPath
        guard path.hasPrefix("/s/") || path.hasPrefix("/scl/fi/") else { return nil }
        var items = (components.percentEncodedQuery ?? "").split(separator: "&").map(String.init)
        if items.contains(where: { $0 == "raw=1" || $0 == "dl=1" }) { return nil }
        if let index = items.firstIndex(where: { $0 == "dl" || $0.hasPrefix("dl=") }) {
            items[index] = "dl=1"
        } else {
            items.append("dl=1")
        }
        var direct = components
        direct.percentEncodedQuery = items.joined(separator: "&")
        return direct.string
    }

    private static func googleDrive(_ components: URLComponents) -> String? {
        let segments = components.percentEncodedPath.split(separator: "/").map(String.init)
        let query = components.queryItems ?? []
        func item(_ name: String) -> String? { query.first { $0.name == name }?.value }
        let id: String?
        if segments.first == "file", let marker = segments.firstIndex(of: "d"), marker + 1 < segments.count {
            id = segments[marker + 1]
        } else if segments == ["open"] || (segments == ["uc"] && item("export") != "download") {
            id = item("id")
        } else {
            id = nil
        }
        // Only the characters Drive uses in ids and keys, so nothing else reaches the new query.
        guard let id, isDriveToken(id) else { return nil }
        var direct = "https://drive.google.com/uc?export=download&id=\(id)"
        if let key = item("resourcekey"), isDriveToken(key) { direct += "&resourcekey=\(key)" }
        return direct
    }

    private static func isDriveToken(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "_")
            }
    }

    private static func oneDrive(_ text: String, _ components: URLComponents) -> String? {
        let path = components.percentEncodedPath
        let isLink = path.count > 1 || !(components.percentEncodedQuery ?? "").isEmpty
        guard isLink, !path.lowercased().hasPrefix("/download") else { return nil }
        let token = Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "+", with: "-")
        return "https://api.onedrive.com/v1.0/shares/u!\(token)/root/content"
    }
}
