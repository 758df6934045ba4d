import Foundation
import LoupeDomain

/// A JSON config file read into setting values: each key names a setting (`port`, `LOUPE_PORT`
/// and `Port` all name `LOUPE_PORT`), each value is text, a number, true/false or a list (written
/// as the comma-separated text the environment variable takes).
struct ConfigFile {
    /// Setting name to value text.
    var values: [String: String] = [:]
    /// Setting name to the key the file gave it under.
    var keys: [String: String] = [:]
    /// What cannot be used, naming the key and the file.
    var problems: [String] = []

    /// The settings of the file at `path`; a file that cannot be read or parsed is one problem.
    static func read(_ path: String) -> ConfigFile {
        var file = ConfigFile()
        guard let data = FileManager.default.contents(atPath: path) else {
            file.problems.append("LOUPE_CONFIG: cannot read the config file \(path)")
            return file
        }
        let object: JSONObject
        do {
            guard let parsed = try JSONParser.parse(Array(data), rejectDuplicateKeys: true).objectValue else {
                file.problems.append("LOUPE_CONFIG: \(path) must hold one JSON object of settings")
                return file
            }
            object = parsed
        } catch {
            file.problems.append("LOUPE_CONFIG: \(path) is not valid JSON: \(error)")
            return file
        }
        for (key, value) in object {
            let upper = key.uppercased()
            let setting = upper.hasPrefix("LOUPE_") ? upper : "LOUPE_" + upper
            file.keys[setting] = key
            guard let text = Self.text(value) else {
                file.problems.append(
                    "\(key) in \(path) must be text, a number, true/false or a list of those, got \(value.typeName)")
                continue
            }
            file.values[setting] = text
        }
        return file
    }

    private static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .bool(let flag): flag ? "1" : "0"
        case .array(let items):
            items.allSatisfy { if case .array = $0 { false } else { text($0) != nil } }
                ? items.compactMap(text).joined(separator: ",") : nil
        case .null, .object: nil
        }
    }
}
