/// Label definitions, as used by `objects_to_annotate`, `labels` and category attribute `choices`.
///
/// Each entry is a string, or a `LabelDescription` object: `{"choice": "Vehicle", "subchoices": [...]}`,
/// with optional `display` (what the worker sees) and `instance_label` (segmentation). Subchoices may be
/// nested to any depth. A choice with subchoices only groups them: answers name leaves only.
public enum AnnotationLabels {
    /// The leaf labels of `entries`, depth first in declaration order, each once.
    ///
    /// `["car", {"choice": "Person", "subchoices": ["Adult", "Child"]}]` gives `["car", "Adult", "Child"]`.
    /// Entries that are neither strings nor objects with a string `choice` are skipped.
    public static func leaves(_ entries: [JSONValue]) -> [String] {
        var found: [String] = []
        var seen: Set<String> = []
        func visit(_ entries: [JSONValue]) {
            for entry in entries {
                if let subchoices = subchoices(of: entry) {
                    visit(subchoices)
                } else if let label = choice(of: entry), seen.insert(label).inserted {
                    found.append(label)
                }
            }
        }
        visit(entries)
        return found
    }

    /// The label an entry names: the string itself, or an object's `choice`.
    static func choice(of entry: JSONValue) -> String? {
        entry.stringValue ?? entry.objectValue?["choice"]?.stringValue
    }

    /// An entry's subchoices when it groups any; nil for a leaf.
    static func subchoices(of entry: JSONValue) -> [JSONValue]? {
        guard let list = entry.objectValue?["subchoices"]?.arrayValue, !list.isEmpty else { return nil }
        return list
    }

    /// Problems with a list of label definitions at `path`: required, non-empty, at most `limit` top-level
    /// entries (nested subchoices do not count, as in Scale's own nested example; the first entry past the
    /// limit is reported), well formed, no leaf twice.
    static func violations(_ value: JSONValue?, path: String, limit: Int?) -> [SchemaViolation] {
        var findings = AnnotationFindings()
        guard let value else {
            findings.add(path, "is required")
            return findings.violations
        }
        guard let entries = value.arrayValue else {
            findings.add(path, "must be an array of labels, got \(value.typeName)")
            return findings.violations
        }
        if entries.isEmpty { findings.add(path, "must name at least one label") }
        if let limit, entries.count > limit {
            findings.add(
                AnnotationValue.path(path, limit), "is past the limit of \(limit) labels (\(entries.count) given)")
        }
        var seen: Set<String> = []
        check(entries, path: path, seen: &seen, into: &findings)
        return findings.violations
    }

    private static func check(
        _ entries: [JSONValue], path: String, seen: inout Set<String>, into findings: inout AnnotationFindings
    ) {
        for (index, entry) in entries.enumerated() {
            let entryPath = AnnotationValue.path(path, index)
            if let label = entry.stringValue {
                leaf(label, path: entryPath, seen: &seen, into: &findings)
                continue
            }
            guard let object = entry.objectValue else {
                findings.add(entryPath, "must be a string or an object with a choice, got \(entry.typeName)")
                continue
            }
            let choice = findings.string(object, "choice", at: entryPath, required: true)
            findings.string(object, "display", at: entryPath, required: false)
            findings.flag(object, "instance_label", at: entryPath)
            if let subchoices = findings.array(object, "subchoices", at: entryPath, required: false) {
                if subchoices.isEmpty {
                    findings.add(AnnotationValue.path(entryPath, "subchoices"), "must name at least one label")
                } else {
                    check(subchoices, path: AnnotationValue.path(entryPath, "subchoices"), seen: &seen, into: &findings)
                }
            } else if let choice, object["subchoices"] == nil {
                leaf(choice, path: AnnotationValue.path(entryPath, "choice"), seen: &seen, into: &findings)
            }
        }
    }

    private static func leaf(
        _ label: String, path: String, seen: inout Set<String>, into findings: inout AnnotationFindings
    ) {
        if label.isEmpty {
            findings.add(path, "must not be empty")
        } else if !seen.insert(label).inserted {
            // Answers carry only the leaf's name, so a repeated leaf could not be told apart.
            findings.add(path, "repeats the label \"\(label)\"")
        }
    }
}
