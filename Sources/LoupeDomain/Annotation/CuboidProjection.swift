/// The seed's `points_2d` and `points_3d` for perspective cuboids: "If camera_rotation_quaternion,
/// camera_intrinsics were provided", each cuboid of the response gains "2d points of all 8 vertices of the
/// cuboid after perspective correction" and "3d coordinates (arbitrarily scaled, relative to the camera
/// location)", both in the seed's corner order: 0–3 the top face (front left, front right, back right,
/// back left), 4–7 the bottom face below them.
///
/// The worker draws only the visible 2D vertices (`face-topleft`, `face-bottomleft`, `face-topright`,
/// `face-bottomright`, `side-topcorner`, `side-bottomcorner`), so the 3D cuboid is recovered from them.
/// The seed leaves the method open; these are the assumptions:
/// - Pinhole camera with the seed's intrinsics: `u = (fx·X + skew·Y) / Z + cx`, `v = fy·Y / Z + cy`
///   (camera x right, y down, z the optical axis, as the seed says), `fx`, `fy`, `cx`, `cy` and `skew`
///   divided by `scalefactor` (or `scale_factor`), "if the attachment is half the original, set
///   scalefactor to 2".
/// - The quaternion rotates camera coordinates into world coordinates, and the world's z axis is vertical
///   (its sign does not matter). The seed's example `{w: 0.5, x: 0.5, y: 0.5, z: 0.5}` is then a level camera.
/// - The cuboid stands upright: its vertical edges follow world z and its bottom face is level. The three
///   bottom vertices fix the bottom face; the height is the least-squares fit of the drawn top vertices;
///   the hidden back corner completes the parallelogram.
/// - The scale is "arbitrary": the bottom face lies `camera_height` (default 1) from the camera along the
///   vertical. `points_2d` project the recovered corners back, so the drawn vertices come out corrected.
/// A cuboid missing a needed vertex, or one that cannot stand in front of the camera, gets neither field.
enum CuboidProjection {
    /// The response with `points_2d` and `points_3d` on each cuboid, for `cuboidannotation` and the
    /// cuboids of `imageannotation` when their parameters carry both camera objects; otherwise unchanged.
    static func annotating(_ response: JSONValue, type: String, params: JSONObject) -> JSONValue {
        let settings: JSONObject?
        switch type {
        case "cuboidannotation": settings = params
        case "imageannotation": settings = params["geometries"]?.objectValue?["cuboid"]?.objectValue
        default: settings = nil
        }
        guard let settings, let camera = PinholeCamera(settings: settings), var body = response.objectValue,
            let annotations = body["annotations"]?.arrayValue
        else { return response }
        let cameraHeight =
            settings["camera_height"].flatMap(AnnotationValue.number).map(abs).flatMap { $0 > 0 ? $0 : nil } ?? 1
        body["annotations"] = .array(
            annotations.map { entry in
                guard var cuboid = entry.objectValue,
                    type == "cuboidannotation" || cuboid["type"]?.stringValue == "cuboid",
                    let corners = corners(of: cuboid, camera: camera, cameraHeight: cameraHeight)
                else { return entry }
                cuboid["points_2d"] = .array(
                    corners.map { corner in
                        let (x, y) = camera.project(corner)
                        return ["x": .double(x), "y": .double(y)]
                    })
                cuboid["points_3d"] = .array(
                    corners.map { ["x": .double($0.x), "y": .double($0.y), "z": .double($0.z)] })
                return .object(cuboid)
            })
        return .object(body)
    }

    /// The 8 corners in camera coordinates, in the seed's order, recovered from the drawn vertices.
    static func corners(of cuboid: JSONObject, camera: PinholeCamera, cameraHeight: Double) -> [Vector3]? {
        var drawn: [String: (x: Double, y: Double)] = [:]
        for vertex in (cuboid["vertices"]?.arrayValue ?? []).compactMap(\.objectValue) {
            guard let name = vertex["description"]?.stringValue, drawn[name] == nil,
                let x = vertex["x"].flatMap(AnnotationValue.number), let y = vertex["y"].flatMap(AnnotationValue.number)
            else { continue }
            drawn[name] = (x, y)
        }
        guard let bottomLeft = drawn["face-bottomleft"], let bottomRight = drawn["face-bottomright"],
            let sideBottom = drawn["side-bottomcorner"]
        else { return nil }
        let up = camera.vertical
        // Fix the scale on the bottom-left corner, then put the other bottom corners on the same level.
        let leftRay = camera.ray(bottomLeft.x, bottomLeft.y)
        guard abs(leftRay.dot(up)) > 1e-9 else { return nil }
        let frontLeft = leftRay * (cameraHeight / abs(leftRay.dot(up)))
        let level = frontLeft.dot(up)
        func onBottomLevel(_ point: (x: Double, y: Double)) -> Vector3? {
            let ray = camera.ray(point.x, point.y)
            let depth = level / ray.dot(up)
            return depth.isFinite && depth > 0 ? ray * depth : nil
        }
        guard let frontRight = onBottomLevel(bottomRight), let side = onBottomLevel(sideBottom) else { return nil }
        let tops: [(String, Vector3)] = [
            ("face-topleft", frontLeft), ("face-topright", frontRight), ("side-topcorner", side),
        ]
        let heights = tops.compactMap { name, base in
            drawn[name].flatMap { height(from: base, along: up, toRay: camera.ray($0.x, $0.y)) }
        }
        guard !heights.isEmpty else { return nil }
        let rise = up * (heights.reduce(0, +) / Double(heights.count))
        let sideIsLeft = sideBottom.x < (bottomLeft.x + bottomRight.x) / 2
        let backLeft = sideIsLeft ? side : frontLeft + (side - frontRight)
        let backRight = sideIsLeft ? frontRight + (side - frontLeft) : side
        let bottom = [frontLeft, frontRight, backRight, backLeft]
        let corners = bottom.map { $0 + rise } + bottom
        guard corners.allSatisfy({ $0.z > 0 && $0.x.isFinite && $0.y.isFinite && $0.z.isFinite }) else { return nil }
        return corners
    }

    /// The signed height `h` that brings `base + h·up` closest to the ray `t·ray` (least squares).
    private static func height(from base: Vector3, along up: Vector3, toRay ray: Vector3) -> Double? {
        // Minimize |t·ray − h·up − base|²: the normal equations of (t, h), solved by Cramer's rule.
        let (aa, ad, dd) = (ray.dot(ray), ray.dot(up), up.dot(up))
        let (ap, dp) = (ray.dot(base), up.dot(base))
        let determinant = ad * ad - aa * dd
        guard abs(determinant) > 1e-12 else { return nil }
        let h = (aa * dp - ad * ap) / determinant
        return h.isFinite ? h : nil
    }
}

/// A point or direction in camera coordinates: x right, y down, z along the optical axis.
struct Vector3: Equatable {
    /// The coordinates.
    var x, y, z: Double

    /// The dot product.
    func dot(_ other: Vector3) -> Double { x * other.x + y * other.y + z * other.z }

    /// Component-wise sum.
    static func + (lhs: Vector3, rhs: Vector3) -> Vector3 {
        Vector3(x: lhs.x + rhs.x, y: lhs.y + rhs.y, z: lhs.z + rhs.z)
    }
    /// Component-wise difference.
    static func - (lhs: Vector3, rhs: Vector3) -> Vector3 {
        Vector3(x: lhs.x - rhs.x, y: lhs.y - rhs.y, z: lhs.z - rhs.z)
    }
    /// Scaled by a factor.
    static func * (lhs: Vector3, factor: Double) -> Vector3 {
        Vector3(x: lhs.x * factor, y: lhs.y * factor, z: lhs.z * factor)
    }
}

/// The camera of a cuboid task: the seed's `camera_intrinsics` (corrected by `scalefactor`) and the world's
/// vertical in camera coordinates, from `camera_rotation_quaternion`.
struct PinholeCamera {
    /// Focal lengths, principal point and skew, in the attachment's pixels.
    var fx, fy, cx, cy, skew: Double
    /// The world's z axis in camera coordinates, a unit vector.
    var vertical: Vector3

    /// The camera `settings` describe; nil unless both objects are present and usable.
    init?(settings: JSONObject) {
        guard let intrinsics = settings["camera_intrinsics"]?.objectValue,
            let rotation = settings["camera_rotation_quaternion"]?.objectValue
        else { return nil }
        func number(_ object: JSONObject, _ key: String) -> Double? { object[key].flatMap(AnnotationValue.number) }
        let factor = number(intrinsics, "scalefactor") ?? number(intrinsics, "scale_factor") ?? 1
        guard factor > 0, let fx = number(intrinsics, "fx"), let fy = number(intrinsics, "fy"), fx != 0, fy != 0,
            let cx = number(intrinsics, "cx"), let cy = number(intrinsics, "cy"),
            let w = number(rotation, "w"), let x = number(rotation, "x"), let y = number(rotation, "y"),
            let z = number(rotation, "z")
        else { return nil }
        let norm = (w * w + x * x + y * y + z * z).squareRoot()
        guard norm > 1e-12, norm.isFinite else { return nil }
        let (qw, qx, qy, qz) = (w / norm, x / norm, y / norm, z / norm)
        (self.fx, self.fy, self.cx, self.cy) = (fx / factor, fy / factor, cx / factor, cy / factor)
        skew = (number(intrinsics, "skew") ?? 0) / factor
        // The third row of the camera-to-world rotation: world z expressed in camera coordinates.
        vertical = Vector3(x: 2 * (qx * qz - qy * qw), y: 2 * (qy * qz + qx * qw), z: 1 - 2 * (qx * qx + qy * qy))
    }

    /// The ray through pixel (u, v), scaled to depth 1.
    func ray(_ u: Double, _ v: Double) -> Vector3 {
        let y = (v - cy) / fy
        return Vector3(x: (u - cx - skew * y) / fx, y: y, z: 1)
    }

    /// The pixel a point in front of the camera lands on.
    func project(_ point: Vector3) -> (x: Double, y: Double) {
        ((fx * point.x + skew * point.y) / point.z + cx, fy * point.y / point.z + cy)
    }
}
