/// Examples a project shows its workers: an image or a text with the answer expected, marked
/// good or bad, for one label or for the whole task. They live in the project's params under
/// `examples`, so every lease carries them to the worker's instruction panel and editors.
public enum ProjectExamples {
    /// The most examples a project holds.
    public static let limit = 200

    /// The problems of `params["examples"]`, each at its path under `/params/examples`.
    public static func violations(_ params: JSONObject) -> [SchemaViolation] {
        guard let value = params["examples"] else { return [] }
        guard let examples = value.arrayValue else {
            return [SchemaViolation(path: "/params/examples", reason: "must be a list of examples")]
        }
        guard examples.count <= limit else {
            return [SchemaViolation(path: "/params/examples", reason: "must hold at most \(limit) examples")]
        }
        var problems: [SchemaViolation] = []
        for (index, example) in examples.enumerated() {
            let path = "/params/examples/\(index)"
            guard let object = example.objectValue else {
                problems.append(SchemaViolation(path: path, reason: "must be an object"))
                continue
            }
            if !["image", "text"].contains(object["kind"]?.stringValue ?? "") {
                problems.append(SchemaViolation(path: path + "/kind", reason: "must be image or text"))
            }
            if (object["content"]?.stringValue ?? "").isEmpty || (object["content"]?.stringValue?.count ?? 0) > 10_000 {
                problems.append(
                    SchemaViolation(
                        path: path + "/content", reason: "must be the image's URL or the text, 1 to 10,000 characters"))
            }
            if !["good", "bad"].contains(object["quality"]?.stringValue ?? "") {
                problems.append(SchemaViolation(path: path + "/quality", reason: "must be good or bad"))
            }
            for (key, limit) in [("label", 200), ("note", 2_000)] where object[key] != nil {
                if (object[key]?.stringValue?.count ?? Int.max) > limit {
                    problems.append(
                        SchemaViolation(path: "\(path)/\(key)", reason: "must be text of at most \(limit) characters"))
                }
            }
            for key in object.map(\.key) where !["kind", "content", "quality", "label", "note", "answer"].contains(key)
            {
                problems.append(SchemaViolation(path: "\(path)/\(key)", reason: "is not a field of an example"))
            }
        }
        return problems
    }
}
