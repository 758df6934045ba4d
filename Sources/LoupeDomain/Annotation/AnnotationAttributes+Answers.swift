extension AnnotationAttributes {
    /// Problems with one annotation's `attributes` answer at `path`.
    ///
    /// Every key must be a defined attribute and every value of its type: a leaf choice (a list of them
    /// when `allow_multiple`), a number within `min`/`max`, an angle from 0 to 360, or text. An attribute
    /// whose `label_condition` excludes this annotation's label must be absent.
    static func answerViolations(
        _ value: JSONValue?, definitions: JSONObject?, label: String?, path: String
    ) -> [SchemaViolation] {
        guard let value else { return [] }
        var findings = AnnotationFindings()
        guard let attributes = value.objectValue else {
            findings.add(path, "must be an object of attribute values, got \(value.typeName)")
            return findings.violations
        }
        for (name, answer) in attributes {
            let answerPath = AnnotationValue.path(path, name)
            guard let definition = definitions?[name]?.objectValue else {
                findings.add(answerPath, "is not one of the task's annotation_attributes")
                continue
            }
            checkAnswer(answer, definition: definition, at: answerPath, into: &findings)
            if let reason = exclusion(of: definition, label: label) {
                findings.add(answerPath, reason)
            }
        }
        return findings.violations
    }

    private static func checkAnswer(
        _ answer: JSONValue, definition: JSONObject, at path: String, into findings: inout AnnotationFindings
    ) {
        switch type(of: definition) {
        case "category":
            let allowed = choices(of: definition)
            let multiple = definition["allow_multiple"].flatMap(AnnotationValue.flag) ?? false
            let entries: [(JSONValue, String)]
            switch answer {
            case .string: entries = [(answer, path)]
            case .array(let items) where multiple && !items.isEmpty:
                entries = items.enumerated().map { ($1, AnnotationValue.path(path, $0)) }
            default:
                findings.add(
                    path, multiple ? "must be a choice or a non-empty list of choices" : "must be one choice (a string)"
                )
                return
            }
            for (entry, entryPath) in entries where !(entry.stringValue.map(allowed.contains) ?? false) {
                findings.add(entryPath, "must be one of the leaf choices: \(AnnotationValue.quoted(allowed))")
            }
        case "number":
            guard let number = answer.doubleValue else {
                findings.add(path, "must be a number, got \(answer.typeName)")
                return
            }
            if let minimum = definition["min"].flatMap(AnnotationValue.number), number < minimum {
                findings.add(path, "must be at least \(AnnotationValue.show(minimum))")
            }
            if let maximum = definition["max"].flatMap(AnnotationValue.number), number > maximum {
                findings.add(path, "must be at most \(AnnotationValue.show(maximum))")
            }
        case "angle":
            guard let degrees = answer.doubleValue, (0...360).contains(degrees) else {
                findings.add(path, "must be an angle in degrees from 0 to 360")
                return
            }
        case "text":
            if answer.stringValue == nil { findings.add(path, "must be a string, got \(answer.typeName)") }
        default:
            break
        }
    }

    /// Why the attribute should not have been collected for this annotation's label, or nil.
    ///
    /// Only `label_condition` is enforced: the seed's own example answer gives `heading` while `parked`
    /// is "Yes", although `heading` is conditioned on `parked` being "No".
    private static func exclusion(of definition: JSONObject, label: String?) -> String? {
        guard let label, let wanted = definition["conditions"]?.objectValue?["label_condition"]?.objectValue?["label"]
        else {
            return nil
        }
        let labels = conditionStrings(wanted)
        return labels.contains(label) ? nil : "is only collected for the labels \(AnnotationValue.quoted(labels))"
    }

    /// A condition value as strings: a string, or a list of them.
    private static func conditionStrings(_ value: JSONValue) -> [String] {
        value.stringValue.map { [$0] } ?? AnnotationValue.strings(value)
    }
}
