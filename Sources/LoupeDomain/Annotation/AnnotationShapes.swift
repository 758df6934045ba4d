/// The geometries annotation tasks draw: each annotation type draws one, `imageannotation` several.
enum AnnotationGeometry: String, CaseIterable {
    /// Each geometry under the name `geometries` and an answer's `type` use.
    case box, polygon, line, point, cuboid, ellipse

    /// The geometry a single-geometry v1 type draws (`annotation` draws boxes); nil for other types.
    init?(legacyType: String) {
        switch legacyType {
        case "annotation": self = .box
        case "pointannotation": self = .point
        case "lineannotation": self = .line
        case "polygonannotation": self = .polygon
        case "cuboidannotation": self = .cuboid
        default: return nil
        }
    }

    /// The largest `min_annotations` a cuboid task may ask for: a bound on what an answer (and the
    /// synthetic worker) must hold, far above what one image shows.
    static let mostCuboidsRequired: Int64 = 10_000
    /// The most vertices a task may require of a line or polygon (`min_vertices`).
    static let mostVerticesRequired: Int64 = 10_000

    /// How many entries `objects_to_annotate` may have in the v1 type: 3 lines, 6 of anything else.
    var legacyLabelLimit: Int { self == .line ? 3 : 6 }

    /// The fewest vertices an answer of this geometry may have before `min_vertices` is applied.
    var fewestVertices: Int {
        switch self {
        case .polygon: 3
        case .ellipse: 4
        default: 1
        }
    }
}

/// Checks of drawn shapes, shared by `layers` (pre-drawn shapes) and by workers' answers.
enum AnnotationShapes {
    /// A box: numeric `left` and `top`, a positive `width` and `height` of at least the given minimums.
    static func box(
        _ object: JSONObject, at path: String, minWidth: Double = 0, minHeight: Double = 0,
        into findings: inout AnnotationFindings
    ) {
        findings.coordinates(object, ["left", "top"], at: path)
        for (key, minimum) in [("width", minWidth), ("height", minHeight)] {
            guard let size = object[key]?.doubleValue else {
                findings.add(AnnotationValue.path(path, key), object[key] == nil ? "is required" : "must be a number")
                continue
            }
            if size <= 0 {
                findings.add(AnnotationValue.path(path, key), "must be positive")
            } else if size < minimum {
                findings.add(
                    AnnotationValue.path(path, key), "must be at least min_\(key) (\(AnnotationValue.show(minimum)))")
            }
        }
    }

    /// `vertices`: an array of `{x, y}` whose length lies in `count`.
    static func vertices(
        _ object: JSONObject, at path: String, count: ClosedRange<Int>, into findings: inout AnnotationFindings
    ) {
        guard let vertices = findings.array(object, "vertices", at: path, required: true) else { return }
        let listPath = AnnotationValue.path(path, "vertices")
        if !count.contains(vertices.count) {
            findings.add(listPath, "must have \(describe(count)) vertices, got \(vertices.count)")
        }
        for (index, vertex) in vertices.enumerated() {
            guard let vertex = vertex.objectValue else {
                findings.add(AnnotationValue.path(listPath, index), "must be an object with x and y")
                continue
            }
            findings.coordinates(vertex, ["x", "y"], at: AnnotationValue.path(listPath, index))
        }
    }

    /// A cuboid: 1 to 8 visible `vertices` (`{x, y, description}`, `type` "vertex") and up to 12 `edges`
    /// (`{x1, y1, x2, y2, description}`, `type` "edge"). Answers need edges; layers need vertex descriptions.
    static func cuboid(_ object: JSONObject, at path: String, isAnswer: Bool, into findings: inout AnnotationFindings) {
        vertices(object, at: path, count: 1...8, into: &findings)
        for (index, vertex) in (object["vertices"]?.arrayValue ?? []).enumerated() {
            guard let vertex = vertex.objectValue else { continue }
            let vertexPath = AnnotationValue.path(AnnotationValue.path(path, "vertices"), index)
            findings.string(vertex, "description", at: vertexPath, required: !isAnswer)
            findings.oneOf(vertex, "type", ["vertex"], at: vertexPath)
        }
        guard let edges = findings.array(object, "edges", at: path, required: isAnswer) else { return }
        let edgesPath = AnnotationValue.path(path, "edges")
        if edges.count > 12 { findings.add(edgesPath, "must have at most 12 edges, got \(edges.count)") }
        for (index, edge) in edges.enumerated() {
            let edgePath = AnnotationValue.path(edgesPath, index)
            guard let edge = edge.objectValue else {
                findings.add(edgePath, "must be an object with x1, y1, x2 and y2")
                continue
            }
            findings.coordinates(edge, ["x1", "y1", "x2", "y2"], at: edgePath)
            findings.string(edge, "description", at: edgePath, required: false)
            findings.oneOf(edge, "type", ["edge"], at: edgePath)
        }
    }

    private static func describe(_ count: ClosedRange<Int>) -> String {
        if count.lowerBound == count.upperBound { return "exactly \(count.lowerBound)" }
        if count.upperBound == Int.max { return "at least \(count.lowerBound)" }
        return "from \(count.lowerBound) to \(count.upperBound)"
    }
}

/// `layers`: read-only shapes pre-drawn on the image, each in the format of its type's answers.
enum AnnotationLayers {
    /// The kinds of layer the seed names.
    static let kinds = ["boxes", "polygons", "lines", "cuboids"]

    /// Problems with `layers` at `path`: an object of arrays of boxes, polygons (3 or more vertices),
    /// lines (with an optional `spline` flag) and cuboids (vertices with descriptions); labels optional.
    static func violations(_ value: JSONValue, path: String) -> [SchemaViolation] {
        var findings = AnnotationFindings()
        guard let layers = value.objectValue else {
            findings.add(path, "must be an object, got \(value.typeName)")
            return findings.violations
        }
        for (kind, _) in layers where !kinds.contains(kind) {
            findings.add(AnnotationValue.path(path, kind), "is not a layer kind (\(kinds.joined(separator: ", ")))")
        }
        for kind in kinds {
            guard let shapes = findings.array(layers, kind, at: path, required: false) else { continue }
            for (index, shape) in shapes.enumerated() {
                let shapePath = AnnotationValue.path(AnnotationValue.path(path, kind), index)
                guard let shape = shape.objectValue else {
                    findings.add(shapePath, "must be an object, got \(shape.typeName)")
                    continue
                }
                findings.string(shape, "label", at: shapePath, required: false)
                switch kind {
                case "boxes": AnnotationShapes.box(shape, at: shapePath, into: &findings)
                case "polygons": AnnotationShapes.vertices(shape, at: shapePath, count: 3...Int.max, into: &findings)
                case "lines":
                    AnnotationShapes.vertices(shape, at: shapePath, count: 1...Int.max, into: &findings)
                    findings.flag(shape, "spline", at: shapePath)
                default: AnnotationShapes.cuboid(shape, at: shapePath, isAnswer: false, into: &findings)
                }
            }
        }
        return findings.violations
    }
}
