import Foundation
import LoupeDomain
import Testing

/// Violation paths for creating a task of `type` with `params`.
private func paths(_ type: String, _ params: JSONObject) -> [String] {
    AnnotationTaskRules.violations(type: type, params: params).map(\.path)
}

/// Violation paths for `response` as an answer to a task of `type` created with `params`.
private func answerPaths(_ type: String, _ params: JSONObject, _ response: JSONObject) -> [String] {
    AnnotationResponseRules.violations(type: type, params: params, response: response).map(\.path)
}

/// A `vertices` list from coordinate pairs.
private func vertices(_ points: [(Int64, Int64)]) -> JSONValue {
    .array(points.map { .object(["x": .int($0.0), "y": .int($0.1)]) })
}

/// The seed's nested-label example: 2 top-level labels, 7 leaves, an attribute conditioned on 3 of them.
private let nestedBoxes: JSONObject = [
    "attachment": "https://i.imgur.com/VDPoOZE.jpg", "attachment_type": "image", "min_width": 30, "min_height": 30,
    "objects_to_annotate": [
        ["choice": "Vehicle", "subchoices": ["Car", "Truck", "Train", "Motorcycle"]],
        ["choice": "Pedestrian", "subchoices": ["Animal", "Adult", "Child"]],
    ],
    "annotation_attributes": [
        "occlusion": [
            "description": "What percent of the object is occluded?", "choices": ["0%", "25%", "50%", "75%"],
            "conditions": ["label_condition": ["label": ["Car", "Truck", "Motorcycle"]]],
        ]
    ],
]

/// The seed's attribute example: `heading` depends on `parked`.
private let parkedAttributes: JSONValue = [
    "parked": ["description": "Is the car currently parked?", "choices": ["Yes", "No"]],
    "heading": [
        "description": "Which direction is the car heading", "choices": ["left", "right", "back", "front"],
        "conditions": ["label_condition": ["label": "car"], "attribute_conditions": [["parked": "No"]]],
    ],
]

@Suite("Scale v1 task parameters")
struct ScaleTaskRulesTests {
    @Test func boxAnnotationAcceptsTheSeedExamplesIncludingNumbersSentAsText() {
        let seed: JSONObject = [
            "attachment": "http://i.imgur.com/XOJbalC.jpg", "attachment_type": "image",
            "objects_to_annotate": ["car", "pedestrian"], "with_labels": true, "min_width": "30", "min_height": "30",
        ]
        #expect(paths("annotation", seed) == [])
        #expect(paths("annotation", nestedBoxes) == [])
        var withAttributes = seed
        withAttributes["annotation_attributes"] = parkedAttributes
        withAttributes["objects_to_annotate"] = ["car", "bus"]
        #expect(paths("annotation", withAttributes) == [])
    }

    @Test func boxAnnotationReportsEveryProblemInOrder() {
        let params: JSONObject = [
            "attachment_type": "video", "objects_to_annotate": ["a", "b", "c", "d", "e", "f", "g"],
            "with_labels": "yes", "min_width": -1, "min_height": "tall",
        ]
        let violations = AnnotationTaskRules.violations(type: "annotation", params: params)
        #expect(
            violations.map(\.path) == [
                "/attachment", "/attachment_type", "/objects_to_annotate/6", "/with_labels", "/min_width",
                "/min_height",
            ])
        #expect(violations[0].reason == "is required")
        #expect(violations[1].reason == "must be one of: image")
        #expect(violations[4].reason == "must not be negative")
        #expect(paths("annotation", ["attachment": "x", "objects_to_annotate": []]) == ["/objects_to_annotate"])
        #expect(paths("annotation", ["attachment": ""]) == ["/attachment", "/objects_to_annotate"])
    }

    @Test func malformedNestedLabelsAreReportedWhereTheyAre() {
        let params: JSONObject = [
            "attachment": "x",
            "objects_to_annotate": [
                ["choice": "Vehicle", "subchoices": []], ["subchoices": ["a"]], 5, "car",
                ["choice": "Pedestrian", "subchoices": ["car", ["choice": "Adult", "display": 3]]],
            ],
        ]
        #expect(
            paths("pointannotation", params) == [
                "/objects_to_annotate/0/subchoices", "/objects_to_annotate/1/choice", "/objects_to_annotate/2",
                "/objects_to_annotate/4/subchoices/0", "/objects_to_annotate/4/subchoices/1/display",
            ])
    }

    @Test func linesAllowThreeLabelsAndOrderedVertexBounds() {
        let good: JSONObject = [
            "attachment": "x", "objects_to_annotate": ["solid line", "dashed line"], "splines": true,
            "min_vertices": 2, "max_vertices": 2,
        ]
        #expect(paths("lineannotation", good) == [])
        let bad: JSONObject = [
            "attachment": "x", "objects_to_annotate": ["a", "b", "c", "d"], "splines": "curvy",
            "min_vertices": 0, "max_vertices": 2.5,
        ]
        #expect(
            paths("lineannotation", bad) == ["/objects_to_annotate/3", "/splines", "/min_vertices", "/max_vertices"])
        let inverted: JSONObject = [
            "attachment": "x", "objects_to_annotate": ["road"], "min_vertices": 5, "max_vertices": 4,
        ]
        #expect(paths("polygonannotation", inverted) == ["/max_vertices"])
        let sixLabels: JSONObject = [
            "attachment": "x", "objects_to_annotate": ["a", "b", "c", "d", "e", "f"], "min_vertices": 3,
        ]
        #expect(paths("polygonannotation", sixLabels) == [])
    }

    @Test func cuboidsCheckCameraAndAnnotationCounts() {
        let good: JSONObject = [
            "attachment": "x", "objects_to_annotate": ["car", "truck"], "min_annotations": 1, "max_annotations": 0,
            "camera_intrinsics": ["fx": 1300, "fy": 1300, "cx": 600, "cy": 300, "scalefactor": 2.75, "skew": 0],
            "camera_rotation_quaternion": ["w": 0.5, "x": 0.5, "y": 0.5, "z": 0.5],
        ]
        #expect(paths("cuboidannotation", good) == [])
        let bad: JSONObject = [
            "attachment": "x", "objects_to_annotate": ["car"], "min_annotations": 3, "max_annotations": 2,
            "camera_intrinsics": ["fx": 1300, "cx": 600, "cy": 300, "scale_factor": 0],
            "camera_rotation_quaternion": ["w": "a", "x": 0, "y": 0, "z": 0],
        ]
        #expect(
            paths("cuboidannotation", bad) == [
                "/max_annotations", "/camera_intrinsics/fy", "/camera_intrinsics/scale_factor",
                "/camera_rotation_quaternion/w",
            ])
    }

    @Test func layersAreCheckedShapeByShape() {
        var params: JSONObject = ["attachment": "x", "objects_to_annotate": ["car"]]
        params["layers"] = [
            "boxes": [["label": "car", "left": 300, "top": 229, "width": 147, "height": 97]],
            "polygons": [["label": "building", "vertices": vertices([(356, 145), (502, 103), (482, 264)])]],
            "lines": [["label": "crosswalk", "spline": true, "vertices": vertices([(414, 323), (616, 164)])]],
            "cuboids": [["label": "car", "vertices": [["description": "face-topleft", "x": 137, "y": 219]]]],
        ]
        #expect(paths("annotation", params) == [])
        params["layers"] = [
            "points": [],
            "boxes": [["left": 1, "top": 2, "width": 0, "height": 3]],
            "polygons": [["vertices": [["x": 1, "y": 2], ["x": 3]]]],
            "lines": [["vertices": vertices([(1, 1)]), "spline": "curvy"]],
            "cuboids": [["vertices": vertices([(1, 2)])]],
        ]
        #expect(
            paths("annotation", params) == [
                "/layers/points", "/layers/boxes/0/width", "/layers/polygons/0/vertices",
                "/layers/polygons/0/vertices/1/y",
                "/layers/lines/0/spline", "/layers/cuboids/0/vertices/0/description",
            ])
    }

    @Test func attributeDefinitionsAreChecked() {
        var params: JSONObject = ["attachment": "x", "objects_to_annotate": ["car", "bus"]]
        params["annotation_attributes"] = [
            "kind": ["type": "colour", "description": "?"],
            "shade": ["description": "Which shade?"],
            "speed": ["type": "number", "min": 10, "max": 5, "step": 0],
            "parked": ["choices": ["Yes", "No"]],
            "heading": [
                "choices": ["left", "right"],
                "conditions": [
                    "when": "always",
                    "label_condition": ["label": ["car", "plane"]],
                    "attribute_conditions": [["ghost": "Yes"], ["parked": "Maybe"]],
                ],
            ],
        ]
        #expect(
            paths("annotation", params) == [
                "/annotation_attributes/kind/type", "/annotation_attributes/shade/choices",
                "/annotation_attributes/speed/step", "/annotation_attributes/speed/max",
                "/annotation_attributes/heading/conditions/when",
                "/annotation_attributes/heading/conditions/label_condition/label/1",
                "/annotation_attributes/heading/conditions/attribute_conditions/0/ghost",
                "/annotation_attributes/heading/conditions/attribute_conditions/1/parked",
            ])
        params["annotation_attributes"] = [
            "size": ["type": "number", "description": "How big?", "min": 0, "max": 100, "step": 5],
            "yaw": ["type": "angle", "description": "Heading"],
            "plate": ["type": "text", "description": "Licence plate"],
        ]
        #expect(paths("annotation", params) == [])
    }

    @Test func circularAttributeConditionsAreRejectedAtEachAttributeOnTheCircle() {
        let base: JSONObject = ["attachment": "x", "objects_to_annotate": ["car"]]
        var twoCycle = base
        twoCycle["annotation_attributes"] = [
            "a": ["choices": ["x", "y"], "conditions": ["attribute_conditions": [["b": "x"]]]],
            "b": ["choices": ["x", "y"], "conditions": ["attribute_conditions": [["a": "y"]]]],
        ]
        let two = AnnotationTaskRules.violations(type: "annotation", params: twoCycle)
        #expect(two.map(\.path) == ["/annotation_attributes/a/conditions", "/annotation_attributes/b/conditions"])
        #expect(two[0].reason == "depends on itself through attribute_conditions: a → b → a")
        #expect(two[1].reason == "depends on itself through attribute_conditions: b → a → b")

        var threeCycle = base
        threeCycle["annotation_attributes"] = [
            "d": ["choices": ["x"], "conditions": ["attribute_conditions": ["a": "x"]]],
            "a": ["choices": ["x"], "conditions": ["attribute_conditions": [["b": "x"]]]],
            "b": ["choices": ["x"], "conditions": ["attribute_conditions": [["c": "x"]]]],
            "c": ["choices": ["x"], "conditions": ["attribute_conditions": ["a": "x"]]],
        ]
        let three = AnnotationTaskRules.violations(type: "annotation", params: threeCycle)
        #expect(
            three.map(\.path) == [
                "/annotation_attributes/a/conditions", "/annotation_attributes/b/conditions",
                "/annotation_attributes/c/conditions",
            ])
        #expect(three[0].reason.hasSuffix("a → b → c → a"))

        var selfCycle = base
        selfCycle["annotation_attributes"] = [
            "a": ["choices": ["x"], "conditions": ["attribute_conditions": ["a": "x"]]]
        ]
        #expect(paths("annotation", selfCycle) == ["/annotation_attributes/a/conditions"])
        var chain = base
        chain["annotation_attributes"] = parkedAttributes
        chain["objects_to_annotate"] = ["car"]
        #expect(paths("annotation", chain) == [])
    }

    @Test func segmentationNeedsLabelsWithinLimits() {
        let seed: JSONObject = [
            "attachment": "http://i.imgur.com/XOJbalC.jpg", "attachment_type": "image",
            "labels": ["background", "road", "vegetation", "lane marking"],
            "instance_labels": ["vehicle", "pedestrian"],
            "allow_unlabeled": false,
        ]
        #expect(paths("segmentannotation", seed) == [])
        #expect(paths("segmentannotation", ["attachment": "x", "labels": ["road"], "instance_labels": []]) == [])
        let tooMany: JSONObject = [
            "attachment": "x", "labels": .array((0..<51).map { .string("label \($0)") }),
            "instance_labels": .array((0..<11).map { .string("instance \($0)") }), "allow_unlabeled": "no",
        ]
        #expect(paths("segmentannotation", tooMany) == ["/labels/50", "/instance_labels/10", "/allow_unlabeled"])
        #expect(paths("segmentannotation", ["attachment": "x"]) == ["/labels"])
    }

    @Test func categorizationFollowsTheSeed() {
        let seed: JSONObject = [
            "attachment_type": "website", "attachment": "http://www.google.com/", "categories": ["public", "private"],
            "category_ids": ["123": "public", "124": "private"], "allow_multiple": true,
        ]
        #expect(paths("categorization", seed) == [])
        let bad: JSONObject = [
            "attachment": "tomato", "attachment_type": "text", "categories": ["a", "a", 3],
            "category_ids": ["1": "zzz", "2": "a", "3": "a"], "allow_multiple": "often", "layers": ["boxes": []],
        ]
        #expect(
            paths("categorization", bad) == [
                "/categories/1", "/categories/2", "/category_ids/1", "/category_ids/3", "/allow_multiple", "/layers",
            ])
        let hologram: JSONObject = ["attachment": "x", "attachment_type": "hologram"]
        #expect(paths("categorization", hologram) == ["/attachment_type", "/categories"])
        #expect(paths("categorization", ["attachment": "x", "categories": []]) == ["/categories"])
    }

    @Test func comparisonNeedsAttachmentsAndChoicesOrFields() {
        let seed: JSONObject = [
            "attachment_type": "image", "choices": ["yes", "no"],
            "attachments": ["http://i.ebayimg.com/00/a.JPG", "http://images.wisegeek.com/checkered-tablecloth.jpg"],
        ]
        #expect(paths("comparison", seed) == [])
        let typed: JSONObject = [
            "attachments": [["type": "text", "content": "tomato"], ["type": "image", "content": "https://x/a.png"]],
            "fields": ["difference": "How do they differ?"],
        ]
        #expect(paths("comparison", typed) == [])
        #expect(paths("comparison", [:]) == ["/attachments", "/choices"])
        let bad: JSONObject = [
            "attachments": [["type": "hologram", "content": "x"], ["content": 3], ""], "choices": ["yes"],
            "fields": ["difference": 4],
        ]
        #expect(
            paths("comparison", bad) == [
                "/attachments/0/type", "/attachments/1/type", "/attachments/1/content", "/attachments/2", "/choices",
                "/fields/difference",
            ])
    }

    @Test func transcriptionNeedsFieldsOrRepeatableFields() {
        let seed: JSONObject = [
            "attachment_type": "website", "attachment": "http://news.ycombinator.com/",
            "fields": ["title": "Title of Webpage", "top_result": "Title of the top result"],
        ]
        #expect(paths("transcription", seed) == [])
        let rows: JSONObject = [
            "attachment": "https://x/invoice.pdf", "attachment_type": "pdf",
            "repeatable_fields": [
                "description": "Item", "kind": ["description": "Kind", "choices": ["food", "drink"]],
            ],
        ]
        #expect(paths("transcription", rows) == [])
        #expect(
            paths("transcription", ["attachment": "x", "attachment_type": "text"]) == ["/attachment_type", "/fields"])
        let bad: JSONObject = [
            "attachment": "x", "fields": [:],
            "repeatable_fields": ["amount": 5, "kind": ["description": "Kind", "choices": []]],
        ]
        #expect(
            paths("transcription", bad) == ["/fields", "/repeatable_fields/amount", "/repeatable_fields/kind/choices"])
    }

    @Test func imageAnnotationChecksEachGeometry() {
        let smoke: JSONObject = [
            "attachment": "https://example.com/images/cat-0.jpg", "attachment_type": "image",
            "geometries": ["box": ["objects_to_annotate": ["cat"], "min_height": 5, "min_width": 5]],
        ]
        #expect(paths("imageannotation", smoke) == [])
        let rich: JSONObject = [
            "attachment": "https://x/street.jpg", "context_attachments": [["attachment": "https://x/context.jpg"]],
            "geometries": [
                "box": [
                    "objects_to_annotate": [
                        "traffic_sign",
                        [
                            "choice": "vehicle",
                            "subchoices": ["Car", ["choice": "truck_suv", "display": "truck or SUV"]],
                        ],
                    ],
                    "min_height": 5, "min_width": 5, "can_rotate": false,
                ],
                "polygon": ["objects_to_annotate": ["road"], "min_vertices": 4, "max_vertices": 15],
                "point": [
                    "objects_to_annotate": ["hand", "elbow"],
                    "connections": [["pair": ["hand", "elbow"], "connection_attribute": "side"]],
                ],
                "cuboid": ["objects_to_annotate": ["car"], "camera_height": -0.3],
                "ellipse": ["objects_to_annotate": ["wheel"]],
            ],
            "annotation_attributes": [
                "side": [
                    "choices": ["left", "right"], "conditions": ["label_condition": ["label": ["hand", "road"]]],
                ]
            ],
        ]
        #expect(paths("imageannotation", rich) == [])
        let bad: JSONObject = [
            "attachment": "https://x/a.jpg", "context_attachments": [["attachment": "https://x/a.jpg"]],
            "geometries": [
                "circle": ["objects_to_annotate": ["ball"]],
                "box": ["min_width": -5],
                "polygon": ["objects_to_annotate": [], "max_vertices": 0],
                "point": [
                    "objects_to_annotate": ["hand"],
                    "connections": [["pair": ["hand", "foot"], "connection_attribute": "person"]],
                ],
                "line": "yes",
            ],
            "annotation_attributes": [
                "side": ["choices": ["left"], "conditions": ["label_condition": ["label": "ball"]]]
            ],
        ]
        #expect(
            paths("imageannotation", bad) == [
                "/context_attachments/0/attachment", "/geometries/circle", "/geometries/box/objects_to_annotate",
                "/geometries/box/min_width", "/geometries/polygon/objects_to_annotate",
                "/geometries/polygon/max_vertices",
                "/geometries/point/connections/0/pair/1", "/geometries/point/connections/0/connection_attribute",
                "/geometries/line", "/annotation_attributes/side/conditions/label_condition/label",
            ])
        #expect(paths("imageannotation", ["attachment": "x"]) == ["/geometries"])
        #expect(paths("imageannotation", ["attachment": "x", "geometries": [:]]) == ["/geometries"])
    }

    @Test func otherTypesAreStoredAsGiven() {
        #expect(paths("textcollection", ["anything": 1]) == [])
        #expect(paths("namedentityrecognition", [:]) == [])
        #expect(!AnnotationTaskRules.checkedTypes.contains("textcollection"))
    }

    @Test func leavesOfNestedLabelsThreeDeep() {
        let entries: [JSONValue] = [
            "road",
            [
                "choice": "Vehicle",
                "subchoices": [
                    "Car",
                    ["choice": "Truck", "subchoices": ["Pickup", ["choice": "Semi", "display": "Semi truck"]]],
                ],
            ],
            ["choice": "Sign"], 5, ["display": "no choice"],
        ]
        #expect(AnnotationLabels.leaves(entries) == ["road", "Car", "Pickup", "Semi", "Sign"])
        #expect(AnnotationLabels.leaves(["a", ["choice": "group", "subchoices": ["a", "b"]]]) == ["a", "b"])
        #expect(AnnotationLabels.leaves([]) == [])
    }
}

@Suite("Scale v1 answers")
struct ScaleResponseRulesTests {
    @Test func boxAnswersUseLeafLabelsSizesAndAttributes() {
        let seed: JSONObject = [
            "annotations": [
                [
                    "left": 123, "top": 10, "width": 121, "height": 39, "label": "Motorcycle",
                    "attributes": ["occlusion": "0%"],
                ],
                ["left": 82, "top": 56, "width": 64, "height": 30, "label": "Animal"],
            ]
        ]
        #expect(answerPaths("annotation", nestedBoxes, seed) == [])
        let bad: JSONObject = [
            "annotations": [
                [
                    "left": 1, "top": 2, "width": 20, "height": 40, "label": "Vehicle",
                    "attributes": ["occlusion": "10%"],
                ],
                [
                    "left": 1, "width": 40, "height": 40, "label": "Adult",
                    "attributes": ["occlusion": "25%", "speed": 3],
                ],
                "x",
            ]
        ]
        let violations = AnnotationResponseRules.violations(type: "annotation", params: nestedBoxes, response: bad)
        #expect(
            violations.map(\.path) == [
                "/annotations/0/label", "/annotations/0/width", "/annotations/0/attributes/occlusion",
                "/annotations/0/attributes/occlusion", "/annotations/1/top", "/annotations/1/attributes/occlusion",
                "/annotations/1/attributes/speed", "/annotations/2",
            ])
        #expect(violations[1].reason == "must be at least min_width (30)")
        #expect(violations[5].reason == "is only collected for the labels \"Car\", \"Truck\", \"Motorcycle\"")
        #expect(answerPaths("annotation", nestedBoxes, [:]) == ["/annotations"])
        let unlabeled: JSONObject = ["annotations": [["left": 1, "top": 2, "width": 40, "height": 40]]]
        #expect(answerPaths("annotation", nestedBoxes, unlabeled) == [])
        var labeled = nestedBoxes
        labeled["with_labels"] = true
        #expect(answerPaths("annotation", labeled, unlabeled) == ["/annotations/0/label"])
    }

    @Test func attributeAnswersMatchTheirTypes() {
        var params: JSONObject = ["attachment": "x", "objects_to_annotate": ["car"]]
        params["annotation_attributes"] = [
            "count": ["type": "number", "min": 0, "max": 10],
            "heading": ["type": "angle"],
            "note": ["type": "text"],
            "colors": [
                "choices": ["red", ["choice": "blue", "subchoices": ["navy", "sky"]]], "allow_multiple": true,
            ],
            "parked": ["choices": ["Yes", "No"]],
        ]
        func answer(_ attributes: JSONValue) -> JSONObject {
            ["annotations": [["x": 1, "y": 2, "label": "car", "attributes": attributes]]]
        }
        let good = answer(["count": 3, "heading": 270.5, "note": "dented", "colors": ["red", "navy"], "parked": "No"])
        #expect(answerPaths("pointannotation", params, good) == [])
        let bad = answer(["count": 11, "heading": 400, "note": 5, "colors": ["blue"], "parked": ["Yes"]])
        #expect(
            answerPaths("pointannotation", params, bad) == [
                "/annotations/0/attributes/count", "/annotations/0/attributes/heading",
                "/annotations/0/attributes/note",
                "/annotations/0/attributes/colors/0", "/annotations/0/attributes/parked",
            ])
        #expect(answerPaths("pointannotation", params, answer("yes")) == ["/annotations/0/attributes"])
    }

    @Test func pointLineAndPolygonAnswers() {
        let points: JSONObject = [
            "attachment": "x", "objects_to_annotate": ["headlight", "brakelight"], "with_labels": true,
        ]
        let goodPoints: JSONObject = [
            "annotations": [["label": "headlight", "x": 123, "y": 10], ["label": "brakelight", "x": 67, "y": 34]]
        ]
        #expect(answerPaths("pointannotation", points, goodPoints) == [])
        let badPoints: JSONObject = [
            "annotations": [["label": "headlight", "x": "12"], ["label": "wheel", "x": 1, "y": 1]]
        ]
        #expect(
            answerPaths("pointannotation", points, badPoints) == [
                "/annotations/0/x", "/annotations/0/y", "/annotations/1/label",
            ])

        let lines: JSONObject = [
            "attachment": "x", "objects_to_annotate": ["solid line"], "min_vertices": 2, "max_vertices": 3,
        ]
        let goodLine: JSONObject = [
            "annotations": [["label": "solid line", "vertices": vertices([(123, 10), (140, 49), (67, 34)])]]
        ]
        #expect(answerPaths("lineannotation", lines, goodLine) == [])
        let badLine: JSONObject = [
            "annotations": [
                ["label": "solid line", "vertices": vertices([(1, 1), (2, 2), (3, 3), (4, 4)])],
                ["label": "solid line", "vertices": [["x": 1, "y": 1], ["x": 1]]],
            ]
        ]
        #expect(
            answerPaths("lineannotation", lines, badLine) == ["/annotations/0/vertices", "/annotations/1/vertices/1/y"])

        let polygons: JSONObject = ["attachment": "x", "objects_to_annotate": ["car", "truck"], "max_vertices": 3]
        let goodPolygon: JSONObject = [
            "annotations": [["label": "car", "vertices": vertices([(123, 10), (140, 49), (67, 34)])]]
        ]
        #expect(answerPaths("polygonannotation", polygons, goodPolygon) == [])
        let badPolygon: JSONObject = [
            "annotations": [
                ["label": "car", "vertices": vertices([(1, 1), (2, 2)])],
                ["label": "truck", "vertices": vertices([(1, 1), (2, 2), (3, 1), (2, 0)])],
                ["label": "car"],
            ]
        ]
        let violations = AnnotationResponseRules.violations(
            type: "polygonannotation", params: polygons, response: badPolygon)
        #expect(
            violations.map(\.path) == ["/annotations/0/vertices", "/annotations/1/vertices", "/annotations/2/vertices"])
        #expect(violations[0].reason == "must have exactly 3 vertices, got 2")
    }

    @Test func cuboidAnswersNeedVerticesAndEdges() {
        let params: JSONObject = ["attachment": "x", "objects_to_annotate": ["car", "truck"]]
        let vertex: JSONValue = ["description": "face-topleft", "x": 293, "y": 270, "type": "vertex"]
        let edge: JSONValue = ["description": "face-top", "x1": 293, "y1": 270, "x2": 471, "y2": 270, "type": "edge"]
        let good: JSONObject = ["annotations": [["label": "car", "vertices": [vertex, vertex], "edges": [edge]]]]
        #expect(answerPaths("cuboidannotation", params, good) == [])
        let bad: JSONObject = [
            "annotations": [
                ["label": "car", "vertices": [["x": 1, "y": 2, "type": "corner"]]],
                ["label": "truck", "vertices": [vertex], "edges": [["x1": 1, "y1": 2, "x2": 3, "type": "edge"]]],
            ]
        ]
        #expect(
            answerPaths("cuboidannotation", params, bad) == [
                "/annotations/0/vertices/0/type", "/annotations/0/edges", "/annotations/1/edges/0/y2",
            ])
    }

    @Test func categorizationAnswers() {
        let single: JSONObject = ["attachment": "x", "categories": ["public", "private"]]
        #expect(answerPaths("categorization", single, ["category": "public"]) == [])
        #expect(answerPaths("categorization", single, ["category": "secret"]) == ["/category"])
        #expect(answerPaths("categorization", single, ["category": ["public"]]) == ["/category"])
        #expect(answerPaths("categorization", single, [:]) == ["/category"])
        #expect(answerPaths("categorization", single, ["category": "public", "category_id": "1"]) == ["/category_id"])

        let multiple: JSONObject = [
            "attachment": "x", "categories": ["Blue Cross", "Red Cross", "Green Cross"], "allow_multiple": true,
            "category_ids": ["123": "Blue Cross", "124": "Red Cross"],
        ]
        let good: JSONObject = ["category": ["Blue Cross", "Red Cross"], "category_id": ["123", "124"]]
        #expect(answerPaths("categorization", multiple, good) == [])
        #expect(answerPaths("categorization", multiple, ["category_id": ["124"]]) == [])
        let swapped: JSONObject = ["category": ["Blue Cross", "Red Cross"], "category_id": ["124", "123"]]
        #expect(answerPaths("categorization", multiple, swapped) == ["/category_id"])
        #expect(answerPaths("categorization", multiple, ["category": "Blue Cross"]) == ["/category"])
        #expect(answerPaths("categorization", multiple, ["category": ["Blue Cross", "Blue Cross"]]) == ["/category/1"])
        #expect(answerPaths("categorization", multiple, ["category_id": ["999"]]) == ["/category_id/0"])
    }

    @Test func comparisonAnswers() {
        let params: JSONObject = [
            "attachments": ["a", "b"], "choices": ["yes", "no"], "fields": ["difference": "How do they differ?"],
        ]
        let seed: JSONObject = ["choice": "yes", "fields": ["difference": "The patterns are identical."]]
        #expect(answerPaths("comparison", params, seed) == [])
        let bad: JSONObject = ["choice": "maybe", "fields": ["difference": 3, "extra": "x"]]
        #expect(answerPaths("comparison", params, bad) == ["/choice", "/fields/difference", "/fields/extra"])
        #expect(answerPaths("comparison", params, [:]) == ["/choice", "/fields"])
        let choicesOnly: JSONObject = ["attachments": ["a", "b"], "choices": ["yes", "no"]]
        #expect(answerPaths("comparison", choicesOnly, ["choice": "no", "fields": ["note": "x"]]) == ["/fields"])
    }

    @Test func transcriptionAnswers() {
        let params: JSONObject = [
            "attachment": "x", "fields": ["title": "Title of Webpage", "top_result": "Title of the top result"],
            "repeatable_fields": [
                "description": "Item", "kind": ["description": "Kind", "choices": ["food", "drink"]],
            ],
        ]
        let good: JSONObject = [
            "fields": ["title": "Some Title", "top_result": "The Top Result"],
            "repeatable_fields": [
                ["description": "Espresso", "kind": "drink"], ["description": "Ice Cream", "kind": "food"],
            ],
        ]
        #expect(answerPaths("transcription", params, good) == [])
        let bad: JSONObject = [
            "fields": ["title": "T", "author": "x"],
            "repeatable_fields": [["description": "Cake", "kind": "furniture"], ["kind": "food"], 3],
        ]
        #expect(
            answerPaths("transcription", params, bad) == [
                "/fields/top_result", "/fields/author", "/repeatable_fields/0/kind", "/repeatable_fields/1/description",
                "/repeatable_fields/2",
            ])
        #expect(answerPaths("transcription", params, [:]) == ["/fields", "/repeatable_fields"])
        let fieldsOnly: JSONObject = ["attachment": "x", "fields": ["title": "Title"]]
        let unexpectedRows: JSONObject = ["fields": ["title": "T"], "repeatable_fields": []]
        #expect(answerPaths("transcription", fieldsOnly, unexpectedRows) == ["/repeatable_fields"])
    }

    @Test func imageAnnotationAnswersMapTypesToGeometries() {
        let params: JSONObject = [
            "attachment": "x",
            "geometries": [
                "box": [
                    "objects_to_annotate": ["cat", ["choice": "dog", "subchoices": ["puppy", "adult dog"]]],
                    "min_width": 5,
                ],
                "polygon": ["objects_to_annotate": ["road"], "max_vertices": 4],
                "ellipse": ["objects_to_annotate": ["wheel"]],
            ],
            "annotation_attributes": ["occluded": ["choices": ["yes", "no"]]],
        ]
        let good: JSONObject = [
            "annotations": [
                [
                    "type": "box", "label": "puppy", "left": 1, "top": 1, "width": 10, "height": 10,
                    "attributes": ["occluded": "no"],
                ],
                ["type": "polygon", "label": "road", "vertices": vertices([(0, 0), (10, 0), (10, 10)])],
                [
                    "type": "ellipse", "label": "wheel",
                    "vertices": vertices([(123, 92), (173, 113), (123, 134), (73, 113)]),
                ],
            ]
        ]
        #expect(answerPaths("imageannotation", params, good) == [])
        let bad: JSONObject = [
            "annotations": [
                ["type": "box", "label": "road", "left": 1, "top": 1, "width": 4, "height": 10],
                ["type": "line", "label": "road", "vertices": vertices([(0, 0), (1, 1)])],
                ["label": "cat", "left": 1, "top": 1, "width": 10, "height": 10],
                ["type": "polygon", "label": "dog", "vertices": vertices([(0, 0), (1, 0), (2, 1), (1, 2), (0, 1)])],
                ["type": "ellipse", "label": "wheel", "vertices": vertices([(0, 0), (1, 0), (2, 1)])],
            ]
        ]
        let violations = AnnotationResponseRules.violations(type: "imageannotation", params: params, response: bad)
        #expect(
            violations.map(\.path) == [
                "/annotations/0/label", "/annotations/0/width", "/annotations/1/type", "/annotations/2/type",
                "/annotations/3/label", "/annotations/3/vertices", "/annotations/4/vertices",
            ])
        #expect(violations[0].reason == "must be one of the leaf labels: \"cat\", \"puppy\", \"adult dog\"")
        #expect(violations[2].reason == "must be one of the task's geometries: \"box\", \"polygon\", \"ellipse\"")
    }

    @Test func typesWithoutAnAnswerFormatAcceptAnything() {
        #expect(answerPaths("textcollection", [:], [:]) == [])
        // Segmentation answers have a format now: polygons or masks of a given size.
        #expect(
            answerPaths("segmentannotation", ["labels": ["road"]], ["anything": 1]) == [
                "/width", "/height", "/polygons",
            ])
    }
}

@Suite("Scale synthetic answers")
struct ScaleSyntheticAnswerTests {
    /// Valid creation params for each type the synthetic worker answers.
    static let cases: [(String, JSONObject)] = [
        (
            "annotation",
            [
                "attachment": "https://x/a.jpg",
                "objects_to_annotate": ["car", ["choice": "person", "subchoices": ["adult", "child"]]],
                "with_labels": true, "min_width": 30, "min_height": 25,
            ]
        ),
        (
            "pointannotation",
            ["attachment": "https://x/a.jpg", "objects_to_annotate": ["headlight"], "with_labels": true]
        ),
        ("lineannotation", ["attachment": "https://x/a.jpg", "objects_to_annotate": ["lane"], "min_vertices": 3]),
        (
            "polygonannotation",
            ["attachment": "https://x/a.jpg", "objects_to_annotate": ["roof"], "min_vertices": 5, "max_vertices": 8]
        ),
        ("cuboidannotation", ["attachment": "https://x/a.jpg", "objects_to_annotate": ["car"]]),
        (
            "imageannotation",
            [
                "attachment": "https://x/a.jpg",
                "geometries": [
                    "polygon": ["objects_to_annotate": ["roof"]],
                    "box": [
                        "objects_to_annotate": [["choice": "vehicle", "subchoices": ["car", "bus"]]], "min_width": 40,
                    ],
                ],
            ]
        ),
        (
            "categorization",
            ["attachment": "a cat", "attachment_type": "text", "categories": ["cat", "dog"], "allow_multiple": true]
        ),
        (
            "comparison",
            [
                "attachments": ["https://x/a.jpg", "https://x/b.jpg"], "choices": ["left", "right"],
                "fields": ["why": "Explain"],
            ]
        ),
        (
            "transcription",
            [
                "attachment": "https://x/r.pdf", "attachment_type": "pdf",
                "fields": ["total": ["description": "Total", "choices": ["1", "2"]], "date": "Date"],
                "repeatable_fields": ["item": "Line item"],
            ]
        ),
    ]

    @Test func everyAnswerPassesTheResponseRules() throws {
        for (type, params) in Self.cases {
            #expect(AnnotationTaskRules.violations(type: type, params: params).isEmpty, "params of \(type)")
            let answer = try #require(AnnotationSyntheticAnswer.make(type: type, params: params), "\(type)")
            #expect(
                AnnotationResponseRules.violations(type: type, params: params, response: answer).isEmpty,
                "\(type): \(answer)")
        }
        let box = AnnotationSyntheticAnswer.make(type: "imageannotation", params: Self.cases[5].1)?["annotations"]?
            .arrayValue?.first
        #expect(box?.objectValue?["type"] == "box" && box?.objectValue?["label"] == "car")
        #expect(AnnotationSyntheticAnswer.make(type: "textcollection", params: [:]) == nil)
    }
}

@Suite("Scale segmentation")
struct ScaleSegmentationTests {
    static let params: JSONObject = [
        "attachment": "https://x/a.jpg", "labels": ["road", "sky", "car"], "instance_labels": ["car"],
    ]

    @Test func polygonsAreRasterizedAtPixelCentres() throws {
        let answer: JSONObject = [
            "width": 6, "height": 5,
            "polygons": [
                [
                    "label": "road",
                    "vertices": [["x": 0, "y": 0], ["x": 6, "y": 0], ["x": 6, "y": 5], ["x": 0, "y": 5]],
                ],
                [
                    "label": "car",
                    "vertices": [["x": 1, "y": 1], ["x": 3, "y": 1], ["x": 3, "y": 3], ["x": 1, "y": 3]],
                ],
                ["label": "car", "vertices": [["x": 4, "y": 3], ["x": 6, "y": 3], ["x": 6, "y": 5]]],
            ],
        ]
        #expect(
            AnnotationResponseRules.violations(type: "segmentannotation", params: Self.params, response: answer).isEmpty
        )
        let segmentation = try #require(Segmentation(answer: answer, params: Self.params))
        #expect(segmentation.entries.map(\.label) == ["road", "sky", "car", "car"])
        #expect(segmentation.entries.map(\.index) == [1, 2, 3, 4])
        let map = try #require(segmentation.indexMap)
        let rows = (0..<5).map { Array(map[($0 * 6)..<($0 * 6 + 6)]) }
        #expect(rows[0] == [1, 1, 1, 1, 1, 1])
        #expect(rows[1] == [1, 3, 3, 1, 1, 1])
        #expect(rows[2] == [1, 3, 3, 1, 1, 1])
        // The triangle's hypotenuse runs from (4, 3) to (6, 5): centres right of it are inside.
        #expect(rows[3] == [1, 1, 1, 1, 4, 4])
        #expect(rows[4] == [1, 1, 1, 1, 1, 4])
        let response = segmentation.response(base: "/scale/v1/task/t/segmentation").objectValue
        let mapping = response?["labelMapping"]?.objectValue
        #expect(mapping?["car"]?.arrayValue?.count == 2 && mapping?["road"]?.objectValue?["index"] == 1)
        let annotations = response?["annotations"]?.objectValue
        #expect(annotations?["unlabeled"] == .null, "every pixel is labelled")
        #expect(annotations?["labeled"]?.objectValue?["sky"] == "/scale/v1/task/t/segmentation/label-2.png")
        #expect(annotations?["combined"]?.objectValue?["indexedImage"] == "/scale/v1/task/t/segmentation/indexed.png")
    }

    @Test func pngsHaveValidChunksAndCompressRuns() throws {
        let pixels = [UInt8](repeating: 7, count: 1_000 * 800)
        let png = PNGWriter.encode(width: 1_000, height: 800, color: .gray, pixels: pixels)
        #expect(PNGWriter.size(of: png).map { [$0.width, $0.height] } == [1_000, 800])
        #expect(png.count < 20_000, "runs compress: \(png.count) bytes")
        var offset = 8
        var types: [String] = []
        while offset + 8 <= png.count {
            let length = png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let typed = Array(png[(offset + 4)..<(offset + 8 + length)])
            let stored = png[(offset + 8 + length)..<(offset + 12 + length)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            #expect(PNGWriter.crc32(typed) == stored)
            types.append(String(decoding: typed.prefix(4), as: UTF8.self))
            offset += 12 + length
        }
        #expect(types == ["IHDR", "IDAT", "IEND"])
    }

    @Test func badSegmentationAnswersNameTheirFields() {
        let paths = AnnotationResponseRules.violations(
            type: "segmentannotation", params: Self.params,
            response: ["width": 0, "polygons": [["label": "tree", "vertices": [["x": 1, "y": 1]]]]]
        ).map(\.path)
        #expect(paths.contains("/width") && paths.contains("/height"))
        #expect(paths.contains("/polygons/0/label") && paths.contains("/polygons/0/vertices"))
    }

    @Test func hugeCoordinatesAndImagesAreHandled() throws {
        let far: JSONObject = [
            "width": 4, "height": 2,
            "polygons": [
                [
                    "label": "road",
                    "vertices": [
                        ["x": -1e300, "y": 0], ["x": 1e300, "y": 0], ["x": 1e300, "y": 2], ["x": -1e300, "y": 2],
                    ],
                ]
            ],
        ]
        #expect(try #require(Segmentation(answer: far, params: Self.params)).indexMap == [1, 1, 1, 1, 1, 1, 1, 1])
        let huge: JSONObject = ["width": 20_000, "height": 20_000, "polygons": []]
        #expect(Segmentation(answer: huge, params: Self.params) == nil)
        #expect(
            AnnotationResponseRules.violations(type: "segmentannotation", params: Self.params, response: huge).map(
                \.path)
                == ["/width"])
    }

    @Test func uploadedMasksAreCheckedAndServedAsTheyCame() throws {
        let mask = PNGWriter.encode(width: 4, height: 3, color: .gray, pixels: [UInt8](repeating: 255, count: 12))
        let encoded = Data(mask).base64EncodedString()
        let answer: JSONObject = [
            "width": 4, "height": 3, "masks": ["road": .string(encoded), "car": [.string(encoded)]],
        ]
        #expect(
            AnnotationResponseRules.violations(type: "segmentannotation", params: Self.params, response: answer).isEmpty
        )
        let wrongSize: JSONObject = ["width": 5, "height": 3, "masks": ["road": .string(encoded)]]
        #expect(
            AnnotationResponseRules.violations(type: "segmentannotation", params: Self.params, response: wrongSize).map(
                \.path) == ["/masks/road"])
        let segmentation = try #require(Segmentation(answer: answer, params: Self.params))
        #expect(segmentation.image(named: "label-1") == mask)
        #expect(segmentation.response(base: "").objectValue?["annotations"]?.objectValue?["combined"] == .null)
    }
}
