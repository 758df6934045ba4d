import Foundation
import Testing

@testable import LoupeDomain

/// A segmentation answer of one polygon over a `width`×`height` image.
private func oneSegment(width: Int64, height: Int64, label: String, _ corners: [(Int64, Int64)]) -> JSONObject {
    let vertices = JSONValue.array(corners.map { .object(["x": .int($0.0), "y": .int($0.1)]) })
    return [
        "width": .int(width), "height": .int(height), "polygons": [["label": .string(label), "vertices": vertices]],
    ]
}

@Suite("Scale allow_unlabeled")
struct ScaleUnlabeledPixelTests {
    static let params: JSONObject = ["attachment": "https://x/a.jpg", "labels": ["road", "sky"]]
    /// Covers columns 0–2 of a 4×2 image: column 3 stays unlabelled.
    static let partial = oneSegment(width: 4, height: 2, label: "road", [(0, 0), (3, 0), (3, 2), (0, 2)])
    static let complete = oneSegment(width: 4, height: 2, label: "road", [(0, 0), (4, 0), (4, 2), (0, 2)])

    @Test func unlabelledPixelsAreRefusedByDefaultNamingCountAndFirstPixel() throws {
        let violations = AnnotationResponseRules.violations(
            type: "segmentannotation", params: Self.params, response: Self.partial)
        #expect(violations.map(\.path) == ["/polygons"])
        let reason = try #require(violations.first?.reason)
        #expect(reason.hasPrefix("leave 2 pixels unlabelled, the first at x 3, y 0;"), "\(reason)")
        #expect(reason.contains("allow_unlabeled"))
        var explicit = Self.params
        explicit["allow_unlabeled"] = "false"
        #expect(
            AnnotationResponseRules.violations(type: "segmentannotation", params: explicit, response: Self.partial)
                .count
                == 1)
    }

    @Test func allowUnlabeledOrFullCoverageIsAccepted() {
        for flag: JSONValue in [true, "true"] {
            var params = Self.params
            params["allow_unlabeled"] = flag
            #expect(
                AnnotationResponseRules.violations(type: "segmentannotation", params: params, response: Self.partial)
                    .isEmpty
            )
        }
        #expect(
            AnnotationResponseRules.violations(type: "segmentannotation", params: Self.params, response: Self.complete)
                .isEmpty)
    }

    @Test func coverageCountsEveryUnlabelledPixelInOnePass() throws {
        let partial = try #require(Segmentation(answer: Self.partial, params: Self.params))
        #expect(partial.coverage == Segmentation.Coverage(unlabeledCount: 2, firstUnlabeled: (x: 3, y: 0)))
        let complete = try #require(Segmentation(answer: Self.complete, params: Self.params))
        #expect(complete.coverage?.isComplete == true && complete.coverage?.firstUnlabeled == nil)
        // A single pixel: the message says "pixel".
        let one = oneSegment(width: 2, height: 1, label: "sky", [(0, 0), (1, 0), (1, 1), (0, 1)])
        let reason = AnnotationResponseRules.violations(type: "segmentannotation", params: Self.params, response: one)
            .first?
            .reason
        #expect(reason?.hasPrefix("leave 1 pixel unlabelled, the first at x 1, y 0;") == true)
    }

    @Test func malformedAnswersReportTheirOwnProblemsNotCoverage() {
        let badLabel = oneSegment(width: 4, height: 2, label: "tree", [(0, 0), (1, 0), (1, 1)])
        #expect(
            AnnotationResponseRules.violations(type: "segmentannotation", params: Self.params, response: badLabel).map(
                \.path)
                == ["/polygons/0/label"])
    }

    @Test func syntheticSegmentationCoversEveryPixel() throws {
        let answer = try #require(AnnotationSyntheticAnswer.make(type: "segmentannotation", params: Self.params))
        #expect(
            AnnotationResponseRules.violations(type: "segmentannotation", params: Self.params, response: answer).isEmpty
        )
        let segmentation = try #require(Segmentation(answer: answer, params: Self.params))
        #expect(segmentation.coverage?.isComplete == true)
    }
}

@Suite("Scale cuboid counts")
struct ScaleCuboidCountTests {
    static let cuboid: JSONValue = [
        "label": "car", "vertices": [["x": 1, "y": 2, "type": "vertex"]],
        "edges": [["x1": 1, "y1": 2, "x2": 3, "y2": 4]],
    ]

    private func reasons(_ type: String, _ params: JSONObject, _ annotations: [JSONValue]) -> [String] {
        AnnotationResponseRules.violations(type: type, params: params, response: ["annotations": .array(annotations)])
            .map { "\($0.path) \($0.reason)" }
    }

    @Test func minAndMaxAnnotationsBoundTheCuboidCount() {
        let params: JSONObject = [
            "attachment": "x", "objects_to_annotate": ["car"], "min_annotations": 2, "max_annotations": "3",
        ]
        #expect(
            reasons("cuboidannotation", params, [Self.cuboid]) == [
                "/annotations must have at least 2 cuboids (min_annotations), got 1"
            ])
        #expect(reasons("cuboidannotation", params, [Self.cuboid, Self.cuboid, Self.cuboid]) == [])
        #expect(
            reasons("cuboidannotation", params, Array(repeating: Self.cuboid, count: 4)) == [
                "/annotations must have at most 3 cuboids (max_annotations), got 4"
            ])
        let unlimited: JSONObject = ["attachment": "x", "objects_to_annotate": ["car"], "max_annotations": 0]
        #expect(reasons("cuboidannotation", unlimited, Array(repeating: Self.cuboid, count: 20)) == [])
        #expect(reasons("cuboidannotation", unlimited, []) == [])
    }

    @Test func imageAnnotationCountsOnlyItsCuboids() {
        let params: JSONObject = [
            "attachment": "x",
            "geometries": [
                "box": ["objects_to_annotate": ["car"]],
                "cuboid": ["objects_to_annotate": ["car"], "min_annotations": 1],
            ],
        ]
        let box: JSONValue = ["type": "box", "label": "car", "left": 1, "top": 1, "width": 5, "height": 5]
        #expect(
            reasons("imageannotation", params, [box]) == [
                "/annotations must have at least 1 cuboids (min_annotations), got 0"
            ])
        var typed = Self.cuboid.objectValue ?? [:]
        typed["type"] = "cuboid"
        #expect(reasons("imageannotation", params, [box, .object(typed)]) == [])
    }

    @Test func taskCreationBoundsMinAnnotationsAndSyntheticAnswersMeetIt() throws {
        let tooMany: JSONObject = ["attachment": "x", "objects_to_annotate": ["car"], "min_annotations": 10_001]
        #expect(
            AnnotationTaskRules.violations(type: "cuboidannotation", params: tooMany).map(\.path) == [
                "/min_annotations"
            ])
        let params: JSONObject = [
            "attachment": "x", "objects_to_annotate": ["car"], "min_annotations": 3, "max_annotations": 3,
        ]
        let answer = try #require(AnnotationSyntheticAnswer.make(type: "cuboidannotation", params: params))
        #expect(answer["annotations"]?.arrayValue?.count == 3)
        #expect(AnnotationResponseRules.violations(type: "cuboidannotation", params: params, response: answer).isEmpty)
        let mixed: JSONObject = [
            "attachment": "x",
            "geometries": [
                "box": ["objects_to_annotate": ["car"]],
                "cuboid": ["objects_to_annotate": ["car"], "min_annotations": 2],
            ],
        ]
        let mixedAnswer = try #require(AnnotationSyntheticAnswer.make(type: "imageannotation", params: mixed))
        #expect(
            AnnotationResponseRules.violations(type: "imageannotation", params: mixed, response: mixedAnswer).isEmpty)
    }
}
