import LoupeDomain
import Testing

@Suite("Native answer rules for the editors' task types")
struct NativeAnswerRulesTests {
    static let components: JSONValue = [
        ["type": "Text", "properties": ["text": "Is this a dog?", "style": "Question"]],
        ["type": "BinaryChoice", "properties": ["option1": "Yes", "option2": "No"]],
        ["type": "Rating", "properties": ["steps": 5, "halfSteps": true]],
        ["type": "Stepper", "properties": ["min": 0, "max": 10, "step": 2, "start": 4]],
        ["type": "TextInput", "properties": ["hint": "Name"], "optionalResult": true],
        ["type": "Toggle", "label": "Blurry", "checkedByDefault": false],
        [
            "type": "BinaryImageChoice",
            "properties": [
                "option1": ["id": "a", "url": "https://x/a.png"], "option2": ["id": "b", "url": "https://x/b.png"],
            ],
        ],
    ]

    static func violations(_ type: String, _ answer: JSONObject, data: JSONObject) -> [SchemaViolation] {
        AnswerRules.violations(type: type, answer: answer, data: data, params: [:])
    }

    @Test func componentResultsFollowTheSeedsResultFields() {
        let data: JSONObject = ["components": Self.components]
        let valid: JSONObject = [
            "results": [
                ["component": 1, "type": "BinaryChoice", "result": ["selectedOption": "No"]],
                ["component": 2, "type": "Rating", "result": ["rating": 3.5]],
                ["component": 3, "type": "Stepper", "result": ["result": 8]],
                ["component": 5, "type": "Toggle", "result": ["checked": true]],
                ["component": 6, "type": "BinaryImageChoice", "result": ["selectedOption": "b"]],
            ]
        ]
        #expect(Self.violations("components", valid, data: data).isEmpty)
        let wrong: JSONObject = [
            "results": [
                ["component": 1, "type": "BinaryChoice", "result": ["selectedOption": "Maybe"]],
                ["component": 2, "type": "Rating", "result": ["rating": 3.25]],
                ["component": 3, "type": "Stepper", "result": ["result": 5]],
                ["component": 0, "type": "Text", "result": [:]],
                ["component": 6, "type": "BinaryImageChoice", "result": ["selectedOption": "a"]],
                ["component": 6, "type": "BinaryImageChoice", "result": ["selectedOption": "a"]],
            ]
        ]
        #expect(
            Self.violations("components", wrong, data: data).map(\.path) == [
                "/results/0/result/selectedOption", "/results/1/result/rating", "/results/2/result/result",
                "/results/3/component", "/results/5/component", "/results",
            ])
        #expect(Self.violations("components", [:], data: data).map(\.path) == ["/results"])
    }

    @Test func syntheticAnswersSatisfyTheNewTypes() {
        let cases: [(String, JSONObject)] = [
            ("components", ["components": Self.components]),
            ("text", [:]),
            ("transcription", ["fields": ["shop": "Shop"], "repeatable_fields": ["item": "Item"]]),
            (
                "imageannotation",
                ["geometries": ["polygon": ["objects_to_annotate": ["road"]]], "attachment": "https://x/1.png"]
            ),
            ("polygonannotation", ["objects_to_annotate": ["road"], "attachment": "https://x/1.png"]),
        ]
        for (type, data) in cases {
            let answer = SyntheticAnswer.make(type: type, data: data, params: [:], deliverySchema: nil)
            #expect(Self.violations(type, answer, data: data).isEmpty, "\(type): \(answer)")
        }
    }

    @Test func transcriptionRowsTextAndGeometriesAreChecked() {
        let receipt: JSONObject = [
            "fields": ["shop": "Shop"], "repeatable_fields": ["item": "Item", "price": "Price"],
        ]
        let rows: JSONObject = [
            "fields": ["shop": "ACME"], "repeatable_fields": [["item": "bread", "price": "2.10"], ["colour": "red"]],
        ]
        #expect(Self.violations("transcription", rows, data: receipt).map(\.path) == ["/repeatable_fields/1/colour"])
        let unexpected: JSONObject = ["fields": ["shop": "ACME"], "repeatable_fields": []]
        #expect(
            Self.violations("transcription", unexpected, data: ["fields": ["shop": "Shop"]]).map(\.path) == [
                "/repeatable_fields"
            ])
        #expect(Self.violations("text", ["text": "  "], data: [:]).map(\.path) == ["/text"])
        #expect(Self.violations("text", ["text": "fine"], data: [:]).isEmpty)
        let geometries: JSONObject = [
            "geometries": ["box": ["objects_to_annotate": ["car"]], "polygon": ["objects_to_annotate": ["road"]]]
        ]
        let shapes: JSONObject = [
            "annotations": [
                ["type": "box", "label": "car", "left": 1, "top": 2, "width": 3, "height": 4],
                ["type": "polygon", "label": "road", "vertices": [["x": 0, "y": 0], ["x": 5, "y": 0]]],
            ]
        ]
        #expect(Self.violations("imageannotation", shapes, data: geometries).map(\.path) == ["/annotations/1/vertices"])
        let boxesOnly: JSONObject = ["annotations": [["label": "car", "left": 1, "top": 2, "width": 3, "height": 4]]]
        #expect(Self.violations("imageannotation", boxesOnly, data: ["objects_to_annotate": ["car"]]).isEmpty)
    }

    @Test func boxesNeedALabelOnlyWhenTheTaskListsLabels() {
        let unlabeled: JSONObject = ["annotations": [["left": 1, "top": 2, "width": 3, "height": 4]]]
        #expect(Self.violations("boxes", unlabeled, data: ["image_width": 10, "image_height": 10]).isEmpty)
        #expect(Self.violations("boxes", unlabeled, data: ["labels": ["car"]]).map(\.path) == ["/annotations/0/label"])
        let numbered: JSONObject = ["annotations": [["label": 7, "left": 1, "top": 2, "width": 3, "height": 4]]]
        #expect(Self.violations("boxes", numbered, data: [:]).map(\.path) == ["/annotations/0/label"])
    }
}
