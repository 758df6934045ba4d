import Testing

@testable import LoupeDomain

@Suite("Project examples")
struct ProjectExamplesTests {
    @Test func examplesAreCheckedFieldByField() throws {
        let good: JSONObject = [
            "examples": [
                [
                    "label": "cat", "kind": "image", "content": "https://x.io/cat.jpg", "quality": "good",
                    "answer": ["category": "cat"],
                ],
                ["kind": "text", "content": "One animal per picture", "quality": "bad", "note": "why"],
            ]
        ]
        #expect(ProjectExamples.violations(good).isEmpty)
        let bad: JSONObject = [
            "examples": [
                ["kind": "video", "content": "", "quality": "fine", "colour": "red"], "text",
            ]
        ]
        #expect(
            ProjectExamples.violations(bad).map(\.path) == [
                "/params/examples/0/kind", "/params/examples/0/content", "/params/examples/0/quality",
                "/params/examples/0/colour", "/params/examples/1",
            ])
        #expect(ProjectExamples.violations(["examples": "many"]).map(\.path) == ["/params/examples"])
        #expect(throws: DomainError.invalidField("/params/examples/0/quality", "must be good or bad")) {
            try ProjectSpec.parse(
                ["name": "p", "type": "categorization", "params": ["examples": [["kind": "text", "content": "x"]]]],
                requireNameAndType: true)
        }
    }
}
