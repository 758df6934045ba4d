extension TaskSpec {
    /// The columns of a native CSV row that fill task fields instead of `data`.
    static let envelopeColumns: Set<String> = ["unique_id", "priority", "urgency", "callback_url", "tags", "staged"]

    /// Parses one CSV row of a native batch upload: `data.<name>` (or any column without a known
    /// name or prefix) fills `data`, `prefill.<name>` and `metadata.<name>` fill those objects, and
    /// `unique_id`, `priority`, `urgency`, `callback_url`, `tags` (separated by `|`, or a JSON
    /// array) and `staged` fill the task's fields. Cell texts stay strings here; the project's
    /// schemas type them later (see `TableCells.typed`).
    public static func parse(tableRow row: JSONObject) throws(DomainError) -> TaskSpec {
        var item = JSONObject()
        var data = JSONObject()
        var prefill = JSONObject()
        var metadata = JSONObject()
        for (column, value) in row {
            if let name = column.droppingPrefix("data.") {
                data[name] = value
            } else if let name = column.droppingPrefix("prefill.") {
                prefill[name] = value
            } else if let name = column.droppingPrefix("metadata.") {
                metadata[name] = value
            } else if !envelopeColumns.contains(column) {
                data[column] = value
            }
        }
        item["data"] = .object(data)
        if !prefill.isEmpty { item["prefill"] = .object(prefill) }
        if !metadata.isEmpty { item["metadata"] = .object(metadata) }
        for column in ["unique_id", "urgency", "callback_url"] { item[column] = row[column] }
        item["priority"] = try TableCells.integer(row, "priority")
        item["staged"] = try TableCells.flag(row, "staged")
        if let tags = row["tags"]?.stringValue { item["tags"] = try tagList(tags) }
        return try parse(.object(item))
    }

    private static func tagList(_ text: String) throws(DomainError) -> JSONValue {
        let trimmed = TableCells.trimmed(text)
        if trimmed.hasPrefix("[") {
            guard let list = try? JSONParser.parse(trimmed), case .array = list else {
                throw DomainError.invalidField("/tags", "the cell text is neither a JSON array nor tags separated by |")
            }
            return list
        }
        return .array(
            trimmed.split(separator: "|").map { .string(TableCells.trimmed(String($0))) }.filter { $0 != .string("") })
    }
}

extension String {
    /// The rest of the string after `prefix`, or nil when it does not start with it or is only it.
    func droppingPrefix(_ prefix: String) -> String? {
        guard hasPrefix(prefix), count > prefix.count else { return nil }
        return String(dropFirst(prefix.count))
    }
}
