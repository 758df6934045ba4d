/// The task types' own rules for answers, beyond the project's delivery schema: a category must be
/// one the task offers; a box must have a listed label and lie inside the image when its size is known.
///
/// Categories and labels come from the task's `data`, else the project's `params`
/// (`categories`, `allow_multiple`, `objects_to_annotate`/`labels`, `fields`).
public enum AnswerRules {
    /// Problems with `answer` for a task of `type`; empty when it is acceptable.
    public static func violations(type: String, answer: JSONObject, data: JSONObject, params: JSONObject)
        -> [SchemaViolation]
    {
        let settings = TypeParameters(data: data, params: params)
        switch type {
        case "categorization": return category(answer, settings)
        case "imageannotation" where settings.value("geometries") != nil:
            return AnnotationResponseRules.violations(type: type, params: settings.merged, response: answer)
        case "pointannotation", "lineannotation", "polygonannotation", "cuboidannotation", "comparison":
            return AnnotationResponseRules.violations(type: type, params: settings.merged, response: answer)
        case "annotation", "imageannotation", "boxes": return boxes(answer, settings)
        case "transcription": return transcription(answer, settings)
        case "text": return text(answer)
        case "components":
            return ComponentAnswerRules.violations(answer: answer, components: settings.value("components"))
        default: return []
        }
    }

    /// The categories a categorization task offers (strings, or objects' `label`).
    public static func categories(data: JSONObject, params: JSONObject) -> [String] {
        TypeParameters(data: data, params: params).strings("categories")
    }

    private static func category(_ answer: JSONObject, _ settings: TypeParameters) -> [SchemaViolation] {
        let categories = settings.strings("categories")
        func check(_ value: JSONValue, path: String) -> SchemaViolation? {
            guard let label = value.stringValue else { return SchemaViolation(path: path, reason: "must be a string") }
            if !categories.isEmpty, !categories.contains(label) {
                return SchemaViolation(
                    path: path, reason: "must be one of the task's categories: \(categories.joined(separator: ", "))")
            }
            return nil
        }
        guard let chosen = answer["category"] else {
            return [SchemaViolation(path: "/category", reason: "is required")]
        }
        if settings.flag("allow_multiple"), let list = chosen.arrayValue {
            if list.isEmpty { return [SchemaViolation(path: "/category", reason: "must name at least one category")] }
            if Set(list).count != list.count {
                return [SchemaViolation(path: "/category", reason: "must not repeat a category")]
            }
            return list.enumerated().compactMap { check($1, path: "/category/\($0)") }
        }
        return check(chosen, path: "/category").map { [$0] } ?? []
    }

    private static func boxes(_ answer: JSONObject, _ settings: TypeParameters) -> [SchemaViolation] {
        guard let annotations = answer["annotations"]?.arrayValue else {
            return [SchemaViolation(path: "/annotations", reason: "is required: an array of boxes")]
        }
        let labels = settings.strings("objects_to_annotate") + settings.strings("labels")
        let width = settings.number("image_width")
        let height = settings.number("image_height")
        var problems: [SchemaViolation] = []
        for (index, annotation) in annotations.enumerated() {
            let path = "/annotations/\(index)"
            guard let box = annotation.objectValue else {
                problems.append(SchemaViolation(path: path, reason: "must be an object"))
                continue
            }
            let geometry = ["left", "top", "width", "height"].map { box[$0]?.doubleValue }
            if let missing = zip(["left", "top", "width", "height"], geometry).first(where: { $1 == nil }) {
                problems.append(
                    SchemaViolation(path: path + "/" + missing.0, reason: "is required and must be a number"))
                continue
            }
            let (left, top, boxWidth, boxHeight) = (geometry[0]!, geometry[1]!, geometry[2]!, geometry[3]!)
            if boxWidth <= 0 || boxHeight <= 0 {
                problems.append(SchemaViolation(path: path, reason: "must have a positive width and height"))
            }
            if left < 0 || top < 0 || (width.map { left + boxWidth > $0 } ?? false)
                || (height.map { top + boxHeight > $0 } ?? false)
            {
                problems.append(SchemaViolation(path: path, reason: "must lie inside the image"))
            }
            // A label is needed only when the task lists labels to choose from.
            if let label = box["label"], label.stringValue == nil {
                problems.append(SchemaViolation(path: path + "/label", reason: "must be a string"))
            } else if !labels.isEmpty, let label = box["label"]?.stringValue, !labels.contains(label) {
                problems.append(
                    SchemaViolation(path: path + "/label", reason: "must be one of: \(labels.joined(separator: ", "))"))
            } else if !labels.isEmpty, box["label"] == nil {
                problems.append(
                    SchemaViolation(
                        path: path + "/label", reason: "is required: one of \(labels.joined(separator: ", "))"))
            }
        }
        return problems
    }

    private static func transcription(_ answer: JSONObject, _ settings: TypeParameters) -> [SchemaViolation] {
        guard let fields = answer["fields"]?.objectValue else {
            return [SchemaViolation(path: "/fields", reason: "is required: an object of field values")]
        }
        var problems = unknownFields(fields, known: settings.object("fields"), at: "/fields")
        guard let rows = answer["repeatable_fields"] else { return problems }
        guard let rowDefinitions = settings.object("repeatable_fields") else {
            return problems + [
                SchemaViolation(
                    path: "/repeatable_fields", reason: "is not expected: the task has no repeatable_fields")
            ]
        }
        guard let list = rows.arrayValue else {
            return problems + [SchemaViolation(path: "/repeatable_fields", reason: "must be an array of rows")]
        }
        for (index, row) in list.enumerated() {
            guard let values = row.objectValue else {
                problems.append(
                    SchemaViolation(path: "/repeatable_fields/\(index)", reason: "must be an object of field values"))
                continue
            }
            problems += unknownFields(values, known: rowDefinitions, at: "/repeatable_fields/\(index)")
        }
        return problems
    }

    /// Values whose names the task does not declare (nothing is checked when it declares none).
    private static func unknownFields(_ values: JSONObject, known: JSONObject?, at path: String) -> [SchemaViolation] {
        guard let known, !known.isEmpty else { return [] }
        return values.compactMap { key, _ in
            known[key] != nil ? nil : SchemaViolation(path: path + "/" + key, reason: "is not one of the task's fields")
        }
    }

    /// Free text: `{"text": "…"}`, not blank.
    private static func text(_ answer: JSONObject) -> [SchemaViolation] {
        guard let text = answer["text"]?.stringValue else {
            return [SchemaViolation(path: "/text", reason: "is required and must be a string")]
        }
        return text.allSatisfy(\.isWhitespace) ? [SchemaViolation(path: "/text", reason: "must not be blank")] : []
    }
}

/// A task type's parameters: the task's `data` first, then the project's `params`.
struct TypeParameters {
    let data: JSONObject
    let params: JSONObject

    func value(_ key: String) -> JSONValue? { data[key] ?? params[key] }

    /// Strings, or the `label` of objects, of an array parameter.
    func strings(_ key: String) -> [String] {
        (value(key)?.arrayValue ?? []).compactMap { $0.stringValue ?? $0.objectValue?["label"]?.stringValue }
    }

    func flag(_ key: String) -> Bool { value(key)?.boolValue ?? false }
    /// The project's params overlaid with the task's data.
    var merged: JSONObject {
        var result = params
        for (key, value) in data { result[key] = value }
        return result
    }
    func number(_ key: String) -> Double? { value(key)?.doubleValue }
    func object(_ key: String) -> JSONObject? { value(key)?.objectValue }
}
