/// What a worker's answer to an annotation task must look like (the response formats Scale v1 also uses).
///
/// `params` are the task's creation parameters (as `AnnotationTaskRules` accepted them) and `response` the
/// answer, i.e. what Scale delivers as `response`. Every problem is reported with a JSON Pointer into the
/// answer, in answer order. `segmentannotation` answers are checked by `Segmentation`; types outside
/// `AnnotationTaskRules.checkedTypes` have no checked format and give no violations.
public enum AnnotationResponseRules {
    /// Every problem with `response` as an answer to a task of `type` created with `params`.
    public static func violations(type: String, params: JSONObject, response: JSONObject) -> [SchemaViolation] {
        var findings = AnnotationFindings()
        if let geometry = AnnotationGeometry(legacyType: type) {
            singleGeometryAnswer(geometry, params: params, response: response, into: &findings)
        } else {
            switch type {
            case "imageannotation": imageAnnotationAnswer(params: params, response: response, into: &findings)
            case "categorization": categorization(params: params, response: response, into: &findings)
            case "comparison": comparison(params: params, response: response, into: &findings)
            case "transcription": transcription(params: params, response: response, into: &findings)
            case "segmentannotation": return Segmentation.violations(params: params, answer: response)
            default: break
            }
        }
        return findings.violations
    }

    /// `{"category": "a"}`, or a list when `allow_multiple`; with `category_ids`, `category_id` may name the
    /// chosen categories by id (alone, or beside `category` and then matching it).
    private static func categorization(
        params: JSONObject, response: JSONObject, into findings: inout AnnotationFindings
    ) {
        let categories = AnnotationValue.strings(params["categories"])
        let multiple = params["allow_multiple"].flatMap(AnnotationValue.flag) ?? false
        let ids = params["category_ids"]?.objectValue
        var chosen: [String]?
        if let category = response["category"] {
            chosen = pick(
                category, at: "/category", from: categories, multiple: multiple, noun: "categories", into: &findings)
        } else if ids == nil || response["category_id"] == nil {
            findings.add("/category", "is required")
        }
        guard let chosenIDs = response["category_id"] else { return }
        guard let ids else {
            findings.add("/category_id", "is not expected: the task has no category_ids")
            return
        }
        let picked = pick(
            chosenIDs, at: "/category_id", from: ids.keys, multiple: multiple, noun: "category ids", into: &findings)
        if let chosen, let picked, picked.map({ ids[$0]?.stringValue ?? "" }) != chosen {
            findings.add("/category_id", "must be the id of each chosen category, in the same order")
        }
    }

    /// `{"choice": one of choices}` when the task has choices, `{"fields": {…}}` when it has fields.
    private static func comparison(params: JSONObject, response: JSONObject, into findings: inout AnnotationFindings) {
        if params["choices"] != nil {
            if let choice = response["choice"] {
                let choices = AnnotationValue.strings(params["choices"])
                pick(choice, at: "/choice", from: choices, multiple: false, noun: "choices", into: &findings)
            } else {
                findings.add("/choice", "is required")
            }
        } else if response["choice"] != nil {
            findings.add("/choice", "is not expected: the task offers no choices")
        }
        fieldValues(response["fields"], definitions: params["fields"]?.objectValue, at: "/fields", into: &findings)
    }

    /// `{"fields": {name: value}}` and `{"repeatable_fields": [{name: value}, …]}` for the fields the task
    /// declares; values are text, or one of the field's `choices`.
    private static func transcription(params: JSONObject, response: JSONObject, into findings: inout AnnotationFindings)
    {
        fieldValues(response["fields"], definitions: params["fields"]?.objectValue, at: "/fields", into: &findings)
        let definitions = params["repeatable_fields"]?.objectValue
        guard let rows = response["repeatable_fields"] else {
            if definitions != nil { findings.add("/repeatable_fields", "is required") }
            return
        }
        guard definitions != nil else {
            findings.add("/repeatable_fields", "is not expected: the task has no repeatable_fields")
            return
        }
        guard let rows = rows.arrayValue else {
            findings.add("/repeatable_fields", "must be an array of rows, got \(rows.typeName)")
            return
        }
        for (index, row) in rows.enumerated() {
            fieldValues(
                row, definitions: definitions, at: AnnotationValue.path("/repeatable_fields", index), into: &findings)
        }
    }

    /// One value, or with `multiple` a non-empty list of distinct values, each among `allowed`.
    /// Returns the values when all are acceptable.
    @discardableResult
    private static func pick(
        _ value: JSONValue, at path: String, from allowed: [String], multiple: Bool, noun: String,
        into findings: inout AnnotationFindings
    ) -> [String]? {
        let entries: [(JSONValue, String)]
        switch value {
        case .string where !multiple: entries = [(value, path)]
        case .array(let list) where multiple && !list.isEmpty:
            entries = list.enumerated().map { ($1, AnnotationValue.path(path, $0)) }
        default:
            findings.add(
                path, multiple ? "must be a non-empty list (allow_multiple is true)" : "must be a single string")
            return nil
        }
        var picked: [String] = []
        let before = findings.violations.count
        for (entry, entryPath) in entries {
            guard let string = entry.stringValue, allowed.contains(string) else {
                findings.add(entryPath, "must be one of the task's \(noun): \(AnnotationValue.quoted(allowed))")
                continue
            }
            if picked.contains(string) { findings.add(entryPath, "repeats \"\(string)\"") }
            picked.append(string)
        }
        return findings.violations.count == before ? picked : nil
    }

    /// An object holding a text value for every declared field and nothing else; a field with `choices`
    /// takes one of them. Without declared fields the value must be absent.
    private static func fieldValues(
        _ value: JSONValue?, definitions: JSONObject?, at path: String, into findings: inout AnnotationFindings
    ) {
        guard let definitions else {
            if value != nil { findings.add(path, "is not expected: the task declares no such fields") }
            return
        }
        guard let value else {
            findings.add(path, "is required")
            return
        }
        guard let values = value.objectValue else {
            findings.add(path, "must be an object of field values, got \(value.typeName)")
            return
        }
        for (name, definition) in definitions {
            let fieldPath = AnnotationValue.path(path, name)
            guard let answer = values[name] else {
                findings.add(fieldPath, "is required")
                continue
            }
            guard let text = answer.stringValue else {
                findings.add(fieldPath, "must be a string, got \(answer.typeName)")
                continue
            }
            if let choices = definition.objectValue?["choices"], !AnnotationValue.strings(choices).contains(text) {
                findings.add(
                    fieldPath,
                    "must be one of the field's choices: \(AnnotationValue.quoted(AnnotationValue.strings(choices)))")
            }
        }
        for (name, _) in values where definitions[name] == nil {
            findings.add(AnnotationValue.path(path, name), "is not one of the task's fields")
        }
    }
}
