import HTTPTypes
import LoupeDomain
import Testing

@Suite("Pre-annotations")
struct PredictionsAPITests {
    /// A COCO document's boxes and polygons become the starting answers of the tasks whose image
    /// it names (by file name here), with their source and score in `metadata.prediction`; the
    /// worker's lease carries them to the editor; images without a task are reported; a second
    /// import keeps what is there unless told to overwrite; a bad annotation fails alone naming its
    /// path, and a request without data is a 400.
    @Test func cocoBoxesAndPolygonsBecomeStartingAnswers() async throws {
        try await TestApp.run { app in
            let project = try #require(
                try await app.send(
                    .post, "/api/v1/projects",
                    json: [
                        "name": "Streets", "type": "annotation", "params": ["objects_to_annotate": ["car", "tree"]],
                    ]
                ).json["id"]?.stringValue)
            var tasks: [String] = []
            for name in ["a", "b"] {
                let data: JSONValue = ["image": .string("https://cdn.example.com/street/\(name).jpg?v=2")]
                tasks.append(try #require(try await app.createTask(project, ["data": data]).json["id"]?.stringValue))
            }
            let coco: JSONValue = [
                "images": [
                    ["id": 1, "file_name": "a.jpg", "width": 640, "height": 480],
                    ["id": 2, "file_name": "b.jpg"], ["id": 3, "file_name": "elsewhere.jpg"],
                ],
                "categories": [["id": 7, "name": "car"], ["id": 8, "name": "tree"]],
                "annotations": [
                    ["image_id": 1, "category_id": 7, "bbox": [10, 20, 30, 40], "score": 0.9],
                    [
                        "image_id": 1, "category_id": 8, "bbox": [0, 0, 50, 60],
                        "segmentation": [[1, 1, 50, 1, 50, 60]],
                    ],
                    ["image_id": 2, "category_id": 7, "bbox": [5, 5, 5, 5], "score": 0.5],
                    ["image_id": 3, "category_id": 7, "bbox": [1, 1, 1, 1]],
                ],
            ]
            let imported = try await app.send(
                .post, "/api/v1/projects/\(project)/predictions",
                json: ["format": "coco", "source": "detector-v2", "data": coco])
            #expect(imported.status == .ok)
            #expect(imported.json["read"] == 3 && imported.json["set"] == 2 && imported.json["kept"] == 0)
            #expect(imported.json["unmatched"] == ["elsewhere.jpg"])
            let first = try await app.send(.get, "/api/v1/tasks/\(tasks[0])").json
            #expect(
                first["prefill"] == [
                    "annotations": [
                        ["left": 10, "top": 20, "width": 30, "height": 40, "label": "car"],
                        [
                            "type": "polygon", "label": "tree",
                            "vertices": [["x": 1, "y": 1], ["x": 50, "y": 1], ["x": 50, "y": 60]],
                        ],
                    ]
                ])
            #expect(
                first["metadata"]?.objectValue?["prediction"]
                    == ["source": "detector-v2", "format": "coco", "score": 0.9])
            #expect(first["response"] == nil || first["response"] == .null, "a starting answer is not a result")

            let (worker, _) = try await ReviewAPITests.login(app, "p@x.io", roles: ["worker"])
            let lease = try await app.send(
                .post, "/api/v1/work/next", json: ["project_id": .string(project)], headers: worker)
            let leased = try #require(lease.json["assignment"]?.objectValue?["task"]?.objectValue)
            #expect(leased["prefill"]?.objectValue?["annotations"]?.arrayValue?.isEmpty == false)

            let again = try await app.send(
                .post, "/api/v1/projects/\(project)/predictions", json: ["format": "coco", "data": coco])
            #expect(again.json["set"] == 0 && again.json["kept"] == 2)
            let forced = try await app.send(
                .post, "/api/v1/projects/\(project)/predictions",
                json: ["format": "coco", "data": coco, "overwrite": true])
            #expect(forced.json["set"] == 2)

            var broken = coco.objectValue ?? [:]
            broken["annotations"] = [["image_id": 1, "category_id": 99, "bbox": [1, 1, 1, 1]]]
            let refused = try await app.send(
                .post, "/api/v1/projects/\(project)/predictions", json: ["format": "coco", "data": .object(broken)])
            #expect(refused.status == .ok && refused.json["set"] == 0)
            #expect(
                refused.json["failures"] == [
                    ["path": "/data/annotations/0/category_id", "reason": "must be the id of one of the categories"]
                ])
            let shapeless = try await app.send(
                .post, "/api/v1/projects/\(project)/predictions", json: ["format": "coco", "data": []])
            #expect(shapeless.json["failures"]?.arrayValue?.first?.objectValue?["path"] == "/data/images")
            let missing = try await app.send(.post, "/api/v1/projects/\(project)/predictions", json: ["format": "coco"])
            #expect(missing.status == .badRequest && missing.errorPaths == ["/data"])
            let badFormat = try await app.send(
                .post, "/api/v1/projects/\(project)/predictions", json: ["format": "yaml", "data": [:]])
            #expect(badFormat.status == .badRequest && badFormat.errorPaths == ["/format"])
        }
    }

    /// Label Studio tasks: the most confident prediction's rectangles (percentages turned into
    /// pixels) or choice, matched by the task's image URL.
    @Test func labelStudioPredictionsByURL() async throws {
        try await TestApp.run { app in
            let project = try #require(
                try await app.send(
                    .post, "/api/v1/projects",
                    json: ["name": "Pets", "type": "categorization", "params": ["categories": ["cat", "dog"]]]
                ).json["id"]?.stringValue)
            let task = try #require(
                try await app.createTask(project, ["data": ["image": "https://x.io/1.jpg"]]).json["id"]?.stringValue)
            let studio: JSONValue = [
                [
                    "id": 5, "data": ["image": "https://x.io/1.jpg"],
                    "predictions": [
                        [
                            "model_version": "a", "score": 0.4,
                            "result": [["type": "choices", "value": ["choices": ["dog"]]]],
                        ],
                        [
                            "model_version": "b", "score": 0.8,
                            "result": [["type": "choices", "value": ["choices": ["cat"]]]],
                        ],
                    ],
                ]
            ]
            let imported = try await app.send(
                .post, "/api/v1/projects/\(project)/predictions", json: ["format": "labelstudio", "data": studio])
            #expect(imported.json["set"] == 1, "\(imported.json)")
            let read = try await app.send(.get, "/api/v1/tasks/\(task)").json
            #expect(read["prefill"] == ["category": "cat"])
            #expect(read["metadata"]?.objectValue?["prediction"]?.objectValue?["score"] == 0.8)
            let (boxes, _) = PreAnnotation.read(
                [
                    [
                        "data": ["image": "u"],
                        "annotations": [
                            [
                                "result": [
                                    [
                                        "type": "rectanglelabels", "original_width": 200, "original_height": 100,
                                        "value": [
                                            "x": 10, "y": 20, "width": 50, "height": 50, "rectanglelabels": ["car"],
                                        ],
                                    ]
                                ]
                            ]
                        ],
                    ]
                ], format: .labelstudio)
            #expect(
                boxes.first?.answer == [
                    "annotations": [["left": 20.0, "top": 20.0, "width": 100.0, "height": 50.0, "label": "car"]]
                ])
        }
    }
}
