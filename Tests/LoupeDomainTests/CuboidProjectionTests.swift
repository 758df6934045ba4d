import Foundation
import Testing

@testable import LoupeDomain

/// A level camera looking along world x (camera y is world z, the seed's example quaternion), 100 px
/// focal length, principal point (50, 50). The cuboid spans x 1…3, y 0…1 (y down: 1 is the ground,
/// one unit below the camera), z 4…5, so every corner projects by hand to `u = 100·X/Z + 50`,
/// `v = 100·Y/Z + 50`; it sits right of the camera, so its left side shows.
private let camera: JSONObject = [
    "camera_intrinsics": ["fx": 100, "fy": 100, "cx": 50, "cy": 50],
    "camera_rotation_quaternion": ["w": 0.5, "x": 0.5, "y": 0.5, "z": 0.5],
]

/// The drawn vertices: the front face (z 4) and the left side's far edge (x 1, z 5).
private let drawnCuboid: JSONValue = [
    "label": "car",
    "vertices": [
        ["description": "face-topleft", "x": 75, "y": 50], ["description": "face-bottomleft", "x": 75, "y": 75],
        ["description": "face-topright", "x": 125, "y": 50], ["description": "face-bottomright", "x": 125, "y": 75],
        ["description": "side-topcorner", "x": 70, "y": 50], ["description": "side-bottomcorner", "x": 70, "y": 70],
    ],
    "edges": [["x1": 75, "y1": 50, "x2": 125, "y2": 50]],
]

/// Corner coordinates of a rendered field, as lists of numbers.
private func points(_ cuboid: JSONValue?, _ field: String, _ keys: [String]) -> [[Double]] {
    (cuboid?.objectValue?[field]?.arrayValue ?? []).map { point in
        keys.map { point.objectValue?[$0]?.doubleValue ?? .nan }
    }
}

private func close(_ lhs: [[Double]], _ rhs: [[Double]]) -> Bool {
    lhs.count == rhs.count
        && zip(lhs, rhs).allSatisfy { a, b in a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 1e-9 } }
}

@Suite("Cuboid points_2d and points_3d")
struct CuboidProjectionTests {
    /// The seed's order: top face front-left, front-right, back-right, back-left, then the bottom face.
    static let expected3D: [[Double]] = [
        [1, 0, 4], [3, 0, 4], [3, 0, 5], [1, 0, 5], [1, 1, 4], [3, 1, 4], [3, 1, 5], [1, 1, 5],
    ]
    static let expected2D: [[Double]] = [
        [75, 50], [125, 50], [110, 50], [70, 50], [75, 75], [125, 75], [110, 70], [70, 70],
    ]

    private func render(_ params: JSONObject, type: String = "cuboidannotation", _ cuboid: JSONValue = drawnCuboid)
        -> JSONValue?
    {
        let response: JSONValue = ["annotations": [cuboid]]
        return CuboidProjection.annotating(response, type: type, params: params).objectValue?["annotations"]?
            .arrayValue?.first
    }

    @Test func handComputedCuboidRecoversAllEightCornersInSeedOrder() {
        let cuboid = render(camera)
        #expect(close(points(cuboid, "points_3d", ["x", "y", "z"]), Self.expected3D), "\(String(describing: cuboid))")
        #expect(close(points(cuboid, "points_2d", ["x", "y"]), Self.expected2D))
        #expect(cuboid?.objectValue?["vertices"] == drawnCuboid.objectValue?["vertices"], "the drawn vertices stay")
    }

    @Test func scalefactorCorrectsIntrinsicsAndCameraHeightScales3DOnly() {
        var halved = camera
        halved["camera_intrinsics"] = ["fx": 200, "fy": 200, "cx": 100, "cy": 100, "scalefactor": 2, "skew": 0]
        halved["camera_height"] = 2
        let cuboid = render(halved)
        #expect(close(points(cuboid, "points_2d", ["x", "y"]), Self.expected2D))
        #expect(close(points(cuboid, "points_3d", ["x", "y", "z"]), Self.expected3D.map { $0.map { $0 * 2 } }))
    }

    @Test func perspectiveCorrectionAveragesDrawnTops() {
        // The worker drew face-topright 2 px too high; the top face is fitted, not taken as drawn.
        var vertices = drawnCuboid.objectValue?["vertices"]?.arrayValue ?? []
        vertices[2] = ["description": "face-topright", "x": 125, "y": 48]
        var sloppy = drawnCuboid.objectValue ?? [:]
        sloppy["vertices"] = .array(vertices)
        let corrected = points(render(camera, .object(sloppy)), "points_2d", ["x", "y"])
        #expect(corrected.count == 8)
        #expect(abs(corrected[0][1] - corrected[1][1]) < 1e-9, "the front top edge is level again")
        #expect(corrected[0][1] < 50 && corrected[0][1] > 48)
    }

    @Test func withoutBothCameraObjectsOrNeededVerticesNothingIsAdded() {
        var intrinsicsOnly = camera
        intrinsicsOnly["camera_rotation_quaternion"] = nil
        #expect(render(intrinsicsOnly) == drawnCuboid)
        let faceOnly: JSONValue = ["label": "car", "vertices": [["description": "face-topleft", "x": 75, "y": 50]]]
        #expect(render(camera, faceOnly) == faceOnly)
        #expect(render(camera, type: "annotation") == drawnCuboid)
    }

    @Test func imageAnnotationCuboidsUseTheirGeometrySettings() {
        var typed = drawnCuboid.objectValue ?? [:]
        typed["type"] = "cuboid"
        var settings = camera
        settings["objects_to_annotate"] = ["car"]
        let cuboid = render(["geometries": ["cuboid": .object(settings)]], type: "imageannotation", .object(typed))
        #expect(close(points(cuboid, "points_2d", ["x", "y"]), Self.expected2D))
    }

    @Test func theTaskObjectRendersThePointsInItsResponse() throws {
        var data = camera
        data["attachment"] = "https://x/a.jpg"
        data["objects_to_annotate"] = ["car"]
        let time = Timestamp(microseconds: 1_700_000_000_000_000)
        let task = WorkTask(
            id: "t1", organizationID: "o", projectID: "p", type: "cuboidannotation", data: RawJSON(.object(data)),
            status: .completed, response: RawJSON(["annotations": [drawnCuboid]]), createdAt: time, updatedAt: time)
        let object = ScaleTaskJSON.value(task, TaskContext(projectName: "p", batchName: nil)).objectValue
        let cuboid = object?["response"]?.objectValue?["annotations"]?.arrayValue?.first
        #expect(close(points(cuboid, "points_2d", ["x", "y"]), Self.expected2D))
    }
}
