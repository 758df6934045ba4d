/// `annotation_attributes`: per-annotation questions keyed by name.
///
/// Each definition has a `type` (`category` by default, `number`, `angle` or `text`), a `description`,
/// `choices` for categories (nested like labels, optionally `allow_multiple`), `min`/`max`/`step` for
/// numbers, and optional `conditions`: a `label_condition` (`{"label": "car"}` or `{"label": [...]}`, leaf
/// labels) and `attribute_conditions` (a condition object, or a list of them, keyed by other attributes'
/// names). Scale rejects tasks whose attribute conditions depend on each other in a circle.
enum AnnotationAttributes {
    /// The attribute types Loupe accepts.
    static let types = ["category", "number", "angle", "text"]

    /// Problems with `annotation_attributes` at `path`; `labels` are the leaf labels a label condition may name.
    static func violations(_ value: JSONValue, labels: [String], path: String) -> [SchemaViolation] {
        var findings = AnnotationFindings()
        guard let definitions = value.objectValue else {
            findings.add(path, "must be an object of attribute definitions, got \(value.typeName)")
            return findings.violations
        }
        var dependencies: [(name: String, dependsOn: [String])] = []
        for (name, definition) in definitions {
            let attributePath = AnnotationValue.path(path, name)
            guard let definition = definition.objectValue else {
                findings.add(attributePath, "must be an object, got \(definition.typeName)")
                continue
            }
            check(definition, at: attributePath, into: &findings)
            if let conditions = definition["conditions"] {
                let names = checkConditions(
                    conditions, definitions: definitions, labels: labels,
                    at: AnnotationValue.path(attributePath, "conditions"),
                    into: &findings)
                dependencies.append((name, names))
            }
        }
        for (name, cycle) in circularDependencies(dependencies) {
            let conditionsPath = AnnotationValue.path(AnnotationValue.path(path, name), "conditions")
            findings.add(
                conditionsPath, "depends on itself through attribute_conditions: \(cycle.joined(separator: " → "))")
        }
        return findings.violations
    }

    /// The type of a definition: its `type`, else `category`.
    static func type(of definition: JSONObject) -> String {
        definition["type"]?.stringValue ?? "category"
    }

    /// The leaf choices of a category definition.
    static func choices(of definition: JSONObject) -> [String] {
        AnnotationLabels.leaves(definition["choices"]?.arrayValue ?? [])
    }

    private static func check(_ definition: JSONObject, at path: String, into findings: inout AnnotationFindings) {
        findings.oneOf(definition, "type", types, at: path)
        findings.string(definition, "description", at: path, required: false)
        switch type(of: definition) {
        case "category":
            findings.add(
                AnnotationLabels.violations(
                    definition["choices"], path: AnnotationValue.path(path, "choices"), limit: nil))
            findings.flag(definition, "allow_multiple", at: path)
        case "number":
            let minimum = findings.number(definition, "min", at: path)
            let maximum = findings.number(definition, "max", at: path)
            if let step = findings.number(definition, "step", at: path), step <= 0 {
                findings.add(AnnotationValue.path(path, "step"), "must be positive")
            }
            if let minimum, let maximum, maximum < minimum {
                findings.add(
                    AnnotationValue.path(path, "max"), "must be at least min (\(AnnotationValue.show(minimum)))")
            }
        default:
            break
        }
    }

    /// Checks `conditions` and returns the names of the attributes it depends on, in order.
    private static func checkConditions(
        _ value: JSONValue, definitions: JSONObject, labels: [String], at path: String,
        into findings: inout AnnotationFindings
    ) -> [String] {
        guard let conditions = value.objectValue else {
            findings.add(path, "must be an object, got \(value.typeName)")
            return []
        }
        for (key, _) in conditions where key != "label_condition" && key != "attribute_conditions" {
            findings.add(AnnotationValue.path(path, key), "is not a condition (label_condition, attribute_conditions)")
        }
        if let labelCondition = conditions["label_condition"] {
            checkLabelCondition(
                labelCondition, labels: labels, at: AnnotationValue.path(path, "label_condition"), into: &findings)
        }
        guard let attributeConditions = conditions["attribute_conditions"] else { return [] }
        let conditionsPath = AnnotationValue.path(path, "attribute_conditions")
        let list: [(JSONValue, String)]
        switch attributeConditions {
        case .object: list = [(attributeConditions, conditionsPath)]
        case .array(let items): list = items.enumerated().map { ($1, AnnotationValue.path(conditionsPath, $0)) }
        default:
            findings.add(
                conditionsPath, "must be a condition object or a list of them, got \(attributeConditions.typeName)")
            return []
        }
        var names: [String] = []
        for (condition, conditionPath) in list {
            guard let condition = condition.objectValue, !condition.isEmpty else {
                findings.add(conditionPath, "must be an object naming an attribute and its value")
                continue
            }
            for (name, expected) in condition {
                let valuePath = AnnotationValue.path(conditionPath, name)
                guard let referenced = definitions[name]?.objectValue else {
                    findings.add(valuePath, "names no attribute of annotation_attributes")
                    continue
                }
                names.append(name)
                let allowed = type(of: referenced) == "category" ? choices(of: referenced) : nil
                checkConditionValue(expected, allowed: allowed, at: valuePath, into: &findings)
            }
        }
        return names
    }

    private static func checkLabelCondition(
        _ value: JSONValue, labels: [String], at path: String, into findings: inout AnnotationFindings
    ) {
        guard let condition = value.objectValue else {
            findings.add(path, "must be an object with the key label, got \(value.typeName)")
            return
        }
        for (key, _) in condition where key != "label" {
            findings.add(AnnotationValue.path(path, key), "is not allowed: a label condition has only the key label")
        }
        guard let expected = condition["label"] else {
            findings.add(AnnotationValue.path(path, "label"), "is required")
            return
        }
        checkConditionValue(
            expected, allowed: labels.isEmpty ? nil : labels, at: AnnotationValue.path(path, "label"), into: &findings)
    }

    /// A condition value is a string or a non-empty list of strings, each one of `allowed` when that is known.
    private static func checkConditionValue(
        _ value: JSONValue, allowed: [String]?, at path: String, into findings: inout AnnotationFindings
    ) {
        let entries: [(JSONValue, String)]
        switch value {
        case .string: entries = [(value, path)]
        case .array(let items) where !items.isEmpty:
            entries = items.enumerated().map { ($1, AnnotationValue.path(path, $0)) }
        default:
            findings.add(path, "must be a string or a non-empty list of strings")
            return
        }
        for (entry, entryPath) in entries {
            guard let string = entry.stringValue else {
                findings.add(entryPath, "must be a string, got \(entry.typeName)")
                continue
            }
            if let allowed, !allowed.contains(string) {
                findings.add(entryPath, "must be one of the leaf values: \(AnnotationValue.quoted(allowed))")
            }
        }
    }

    /// Each attribute that lies on a dependency circle, in declaration order, with one circle through it
    /// (`["a", "b", "a"]`). Edges are followed in declaration order, so the result is stable.
    static func circularDependencies(_ dependencies: [(name: String, dependsOn: [String])]) -> [(String, [String])] {
        var edges: [String: [String]] = [:]
        for (name, targets) in dependencies { edges[name, default: []].append(contentsOf: targets) }
        func path(from start: String, to goal: String) -> [String]? {
            var visited: Set<String> = []
            func search(_ node: String) -> [String]? {
                for next in edges[node] ?? [] {
                    if next == goal { return [next] }
                    guard visited.insert(next).inserted else { continue }
                    if let rest = search(next) { return [next] + rest }
                }
                return nil
            }
            return search(start)
        }
        return dependencies.compactMap { name, _ in
            path(from: name, to: name).map { (name, [name] + $0) }
        }
    }
}
