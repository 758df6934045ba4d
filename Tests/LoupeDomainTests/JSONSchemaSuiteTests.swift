import Foundation
import Testing

@testable import LoupeDomain

/// Runs the official JSON Schema Test Suite (draft 2020-12, required tests), copied unchanged
/// into JSONSchemaSuite/ next to this file.
@Suite("JSON Schema Test Suite, draft 2020-12")
struct JSONSchemaSuiteTests {
    @Test func everyRequiredCasePasses() throws {
        let report = try JSONSchemaSuiteRunner.run(directory: JSONSchemaSuiteRunner.suiteDirectory)
        print(report.summary)
        for failure in report.failures { Issue.record(Comment(rawValue: failure)) }
        #expect(report.passed == report.total)
        #expect(report.total > 1_000)
        #expect(report.remoteGroups > 0)
    }
}

// MARK: - Runner (no Swift Testing below this line, so a plain executable can run it too)

/// Loads the suite's files and checks every case against ``JSONSchema``.
enum JSONSchemaSuiteRunner {
    /// Files not run: `format.json` (Loupe asserts formats, the suite expects annotations only),
    /// and the two files that are all about remote documents.
    static let skippedFiles: Set<String> = ["format.json", "refRemote.json", "vocabulary.json"]

    /// The copy of the suite beside this file.
    static var suiteDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "JSONSchemaSuite/draft2020-12")
    }

    /// What a run found.
    struct Report {
        var passed = 0
        var total = 0
        var remoteGroups = 0
        var failures: [String] = []

        /// "JSON Schema Test Suite 2020-12: 1,234 of 1,234 cases pass; N groups refused as remote".
        var summary: String {
            "JSON Schema Test Suite 2020-12: \(passed.formatted()) of \(total.formatted()) cases pass; "
                + "\(remoteGroups) groups refused as remote; \(failures.count) failures"
        }
    }

    /// Runs every suite file in `directory` except ``skippedFiles``.
    static func run(directory: URL) throws -> Report {
        var report = Report()
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") && !skippedFiles.contains($0) }.sorted()
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            guard case .array(let groups) = try JSONParser.parse(text) else { continue }
            for group in groups { check(group, file: file, into: &report) }
        }
        return report
    }

    /// Checks one group: either it needs a remote document and compiling must refuse it at a
    /// `$ref`/`$dynamicRef`, or every test's `valid` flag must match.
    static func check(_ group: JSONValue, file: String, into report: inout Report) {
        let description = group.objectValue?["description"]?.stringValue ?? "?"
        let schemaValue = group.objectValue?["schema"] ?? .null
        let tests = group.objectValue?["tests"]?.arrayValue ?? []
        report.total += tests.count
        if needsRemoteDocument(schemaValue) {
            do {
                _ = try JSONSchema(schemaValue)
                report.failures.append("\(file) / \(description): needs a remote document but compiled")
            } catch {
                if error.path.hasSuffix("/$ref") || error.path.hasSuffix("/$dynamicRef") {
                    report.remoteGroups += 1
                    report.passed += tests.count
                } else {
                    report.failures.append(
                        "\(file) / \(description): refused at \(error.path) (\(error.reason)), not at a $ref")
                }
            }
            return
        }
        let schema: JSONSchema
        do {
            schema = try JSONSchema(schemaValue)
        } catch {
            report.failures.append("\(file) / \(description): refused at \(error.path): \(error.reason)")
            return
        }
        for test in tests {
            let object = test.objectValue ?? JSONObject()
            let expected = object["valid"]?.boolValue ?? false
            let data = object["data"] ?? .null
            let violations = schema.validate(data)
            if violations.isEmpty == expected && schema.matches(data) == expected {
                report.passed += 1
            } else {
                let got = violations.map { "\($0.path): \($0.reason)" }.joined(separator: "; ")
                report.failures.append(
                    "\(file) / \(description) / \(object["description"]?.stringValue ?? "?"): expected "
                        + (expected ? "valid" : "invalid") + ", got "
                        + (violations.isEmpty ? "valid" : "invalid (\(got))"))
            }
        }
    }

    /// The rule for "needs a remote document": some `$ref` or `$dynamicRef` at a schema position,
    /// resolved (RFC 3986) against the `$id`s enclosing it, names a document that is neither the
    /// root nor any schema with an `$id` inside this schema.
    static func needsRemoteDocument(_ schema: JSONValue) -> Bool {
        var declared: Set<String> = [SchemaResourceMap.defaultBaseURI]
        var references: [String] = []
        collect(schema, base: SchemaURI(SchemaResourceMap.defaultBaseURI), declared: &declared, references: &references)
        return references.contains { !declared.contains($0) }
    }

    private static func collect(
        _ schema: JSONValue, base: SchemaURI, declared: inout Set<String>, references: inout [String]
    ) {
        guard case .object(let object) = schema else { return }
        var base = base
        if let id = object["$id"]?.stringValue {
            base = SchemaURI(id).resolved(against: base).withoutFragment
            declared.insert(base.text)
        }
        for key in ["$ref", "$dynamicRef"] {
            if let reference = object[key]?.stringValue {
                references.append(SchemaURI(reference).resolved(against: base).withoutFragment.text)
            }
        }
        for (key, member) in object {
            switch key {
            case "additionalProperties", "propertyNames", "items", "contains", "not", "if", "then", "else",
                "unevaluatedItems", "unevaluatedProperties", "contentSchema":
                collect(member, base: base, declared: &declared, references: &references)
            case "allOf", "anyOf", "oneOf", "prefixItems":
                for item in member.arrayValue ?? [] {
                    collect(item, base: base, declared: &declared, references: &references)
                }
            case "properties", "patternProperties", "dependentSchemas", "$defs":
                for (_, item) in member.objectValue ?? JSONObject() {
                    collect(item, base: base, declared: &declared, references: &references)
                }
            default: break
            }
        }
    }
}
