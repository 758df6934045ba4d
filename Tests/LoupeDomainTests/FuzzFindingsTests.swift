import Foundation
import Testing

@testable import LoupeDomain

/// What the fuzzers found (`Fuzz/findings` before the fixes, now in `Fuzz/corpus`), kept as
/// regression tests.
@Suite("Fuzz findings stay fixed")
struct FuzzFindingsTests {
    @Test func aSegmentationAnswerWithAHugeSizeIsRefusedNotAnOverflow() {
        let violations = Segmentation.violations(
            params: ["labels": ["road"]], answer: ["width": 4_294_967_296, "height": 4_294_967_296])
        #expect(violations.map(\.path).contains("/width"))
        #expect(violations.map(\.path).contains("/height"))
    }

    @Test func aTaskCannotAskForMillionsOfVertices() {
        let params: JSONObject = ["attachment": "x", "objects_to_annotate": ["a"], "min_vertices": 300_000_000]
        let problems = AnnotationTaskRules.violations(type: "polygonannotation", params: params)
        #expect(problems.contains { $0.path == "/min_vertices" })
        // Even unchecked params give a bounded synthetic answer.
        let answer = AnnotationSyntheticAnswer.make(type: "polygonannotation", params: params)
        let vertices = answer?["annotations"]?.arrayValue?.first?.objectValue?["vertices"]?.arrayValue
        #expect((vertices?.count ?? 0) <= 10_000)
    }

    @Test func theSyntheticTranscriptionOfRepeatableFieldsOnlyPassesTheRules() throws {
        let params: JSONObject = ["attachment": "x", "repeatable_fields": ["a": ["type": "text"]]]
        #expect(AnnotationTaskRules.violations(type: "transcription", params: params).isEmpty)
        let answer = try #require(AnnotationSyntheticAnswer.make(type: "transcription", params: params))
        #expect(AnnotationResponseRules.violations(type: "transcription", params: params, response: answer).isEmpty)
    }

    @Test func aSchemaThatDoublesItsWorkPerLevelStopsAtTheWorkBudget() throws {
        let schema = try JSONSchema(["items": ["allOf": [["$ref": "#"], ["$ref": "#"]]]])
        var deep: JSONValue = []
        for _ in 0..<40 { deep = [deep] }
        let started = ContinuousClock.now
        let violations = schema.validate(deep)
        #expect(ContinuousClock.now - started < .seconds(30), "2^40 evaluations without the budget")
        #expect(violations.contains { $0.reason.contains("schema evaluations") })
        #expect(!schema.matches(deep))
        var shallow: JSONValue = []
        for _ in 0..<4 { shallow = [shallow] }
        #expect(schema.matches(shallow))
    }
}
