/// What each annotation task type requires of its creation parameters (the rules of Scale's v1 API).
///
/// `params` is the creation body without the generic fields (`project`, `batch`, `callback_url`,
/// `metadata`, `unique_id`, `tags`, `urgency`, `instruction`, `priority`, `project_param_version`,
/// `clear_unique_id`). Every problem is reported, each with a JSON Pointer into the body, in a stable
/// order: the type's own parameters, then `annotation_attributes`, then `layers`. Types other than
/// `checkedTypes` (textcollection, namedentityrecognition, …) are stored as given and never rejected.
public enum AnnotationTaskRules {
    /// The task types these rules check.
    public static let checkedTypes: Set<String> = [
        "annotation", "pointannotation", "lineannotation", "polygonannotation", "cuboidannotation",
        "segmentannotation", "imageannotation", "categorization", "comparison", "transcription",
    ]

    /// What a categorization or comparison attachment may be.
    static let mediaAttachmentTypes = ["text", "image", "video", "audio", "website", "pdf"]

    /// What a transcription attachment may be.
    static let transcriptionAttachmentTypes = ["image", "pdf", "website"]

    /// Every problem with `params` for a task of `type`; empty when they are acceptable or the type is unchecked.
    public static func violations(type: String, params: JSONObject) -> [SchemaViolation] {
        var findings = AnnotationFindings()
        if let geometry = AnnotationGeometry(legacyType: type) {
            singleGeometry(geometry, params, into: &findings)
        } else {
            switch type {
            case "imageannotation": imageAnnotation(params, into: &findings)
            case "segmentannotation": segmentation(params, into: &findings)
            case "categorization": categorization(params, into: &findings)
            case "comparison": comparison(params, into: &findings)
            case "transcription": transcription(params, into: &findings)
            default: break
            }
        }
        return findings.violations
    }

    /// A required `attachment` string and, when given, an `attachment_type` among `allowed`.
    static func attachment(_ params: JSONObject, allowed: [String], into findings: inout AnnotationFindings) {
        findings.string(params, "attachment", at: "", required: true)
        findings.oneOf(params, "attachment_type", allowed, at: "")
    }

    private static func categorization(_ params: JSONObject, into findings: inout AnnotationFindings) {
        attachment(params, allowed: mediaAttachmentTypes, into: &findings)
        let categories = distinctStrings(params, "categories", minimum: 1, required: true, into: &findings)
        // The seed maps ids to categories: {"123": "Blue Cross"}.
        if let ids = findings.object(params, "category_ids", at: "", required: false) {
            var mapped: Set<String> = []
            for (id, category) in ids {
                let path = AnnotationValue.path("/category_ids", id)
                guard let name = category.stringValue else {
                    findings.add(path, "must name a category (a string), got \(category.typeName)")
                    continue
                }
                if !categories.contains(name) {
                    findings.add(path, "must be one of the categories: \(AnnotationValue.quoted(categories))")
                } else if !mapped.insert(name).inserted {
                    findings.add(path, "maps \"\(name)\", which another id already maps")
                }
            }
        }
        findings.flag(params, "allow_multiple", at: "")
        if let layers = params["layers"] {
            if let type = params["attachment_type"]?.stringValue, type != "image" {
                findings.add("/layers", "only applies when attachment_type is image")
            }
            findings.add(AnnotationLayers.violations(layers, path: "/layers"))
        }
    }

    private static func comparison(_ params: JSONObject, into findings: inout AnnotationFindings) {
        if let attachments = findings.array(params, "attachments", at: "", required: true) {
            if attachments.isEmpty { findings.add("/attachments", "must have at least one attachment") }
            for (index, attachment) in attachments.enumerated() {
                let path = AnnotationValue.path("/attachments", index)
                if let object = attachment.objectValue {
                    findings.oneOf(object, "type", mediaAttachmentTypes, at: path, required: true)
                    findings.string(object, "content", at: path, required: true)
                } else if attachment.stringValue?.isEmpty != false {
                    findings.add(path, "must be a non-empty string or an object with type and content")
                }
            }
        }
        findings.oneOf(params, "attachment_type", mediaAttachmentTypes, at: "")
        if params["choices"] != nil { distinctStrings(params, "choices", minimum: 2, required: true, into: &findings) }
        if params["fields"] != nil { fieldDefinitions(params, "fields", allowChoices: false, into: &findings) }
        if params["choices"] == nil, params["fields"] == nil {
            findings.add("/choices", "is required unless fields is given")
        }
    }

    private static func transcription(_ params: JSONObject, into findings: inout AnnotationFindings) {
        attachment(params, allowed: transcriptionAttachmentTypes, into: &findings)
        if params["fields"] != nil { fieldDefinitions(params, "fields", allowChoices: true, into: &findings) }
        if params["repeatable_fields"] != nil {
            fieldDefinitions(params, "repeatable_fields", allowChoices: true, into: &findings)
        }
        if params["fields"] == nil, params["repeatable_fields"] == nil {
            findings.add("/fields", "is required unless repeatable_fields is given")
        }
    }

    /// A list of at least `minimum` distinct non-empty strings; returns the strings found.
    @discardableResult
    static func distinctStrings(
        _ object: JSONObject, _ key: String, at base: String = "", minimum: Int, required: Bool,
        into findings: inout AnnotationFindings
    ) -> [String] {
        guard let list = findings.array(object, key, at: base, required: required) else { return [] }
        let path = AnnotationValue.path(base, key)
        if list.count < minimum { findings.add(path, "must have at least \(minimum) entries, got \(list.count)") }
        var strings: [String] = []
        for (index, entry) in list.enumerated() {
            guard let string = entry.stringValue, !string.isEmpty else {
                findings.add(AnnotationValue.path(path, index), "must be a non-empty string")
                continue
            }
            if strings.contains(string) {
                findings.add(AnnotationValue.path(path, index), "repeats \"\(string)\"")
            } else {
                strings.append(string)
            }
        }
        return strings
    }

    /// A non-empty object of field name → description; with `allowChoices`, a field may instead be
    /// `{"description": "…", "choices": ["…"]}`, as transcription's repeatable fields may.
    private static func fieldDefinitions(
        _ params: JSONObject, _ key: String, allowChoices: Bool, into findings: inout AnnotationFindings
    ) {
        guard let fields = findings.object(params, key, at: "", required: true) else { return }
        let path = AnnotationValue.path("", key)
        if fields.isEmpty { findings.add(path, "must name at least one field") }
        for (name, definition) in fields {
            let fieldPath = AnnotationValue.path(path, name)
            if definition.stringValue != nil { continue }
            guard allowChoices, let object = definition.objectValue else {
                let expected =
                    allowChoices
                    ? "a description or an object with description and choices" : "a description (a string)"
                findings.add(fieldPath, "must be \(expected), got \(definition.typeName)")
                continue
            }
            if object["description"] != nil, object["description"]?.stringValue == nil {
                findings.add(AnnotationValue.path(fieldPath, "description"), "must be a string")
            }
            if object["choices"] != nil {
                distinctStrings(object, "choices", at: fieldPath, minimum: 1, required: true, into: &findings)
            }
        }
    }
}
