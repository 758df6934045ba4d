/// Plausible answers to annotation test tasks, made without a person and valid under
/// `AnnotationResponseRules`: the first leaf label, a shape large enough for the task's minimums, the
/// first category or choice, every transcription field filled.
public enum AnnotationSyntheticAnswer {
    /// An answer for a task of `type` created with `params`, or nil for types without a known format.
    public static func make(type: String, params: JSONObject) -> JSONObject? {
        if let geometry = AnnotationGeometry(legacyType: type) {
            let one = JSONValue.object(shape(geometry, settings: params, typed: false))
            let count = geometry == .cuboid ? max(1, fewestCuboids(params)) : 1
            return ["annotations": .array(Array(repeating: one, count: count))]
        }
        switch type {
        case "imageannotation":
            let geometries = params["geometries"]?.objectValue ?? JSONObject()
            let name = geometries.keys.first { $0 == "box" } ?? geometries.keys.first
            guard let name, let geometry = AnnotationGeometry(rawValue: name) else { return ["annotations": []] }
            var annotations = [
                JSONValue.object(shape(geometry, settings: geometries[name]?.objectValue ?? JSONObject(), typed: true))
            ]
            if let cuboidSettings = geometries["cuboid"]?.objectValue {
                let cuboid = JSONValue.object(shape(.cuboid, settings: cuboidSettings, typed: true))
                let missing = fewestCuboids(cuboidSettings) - (geometry == .cuboid ? 1 : 0)
                annotations += Array(repeating: cuboid, count: max(0, missing))
            }
            return ["annotations": .array(annotations)]
        case "categorization":
            let first = JSONValue.string(
                AnnotationLabels.leaves(params["categories"]?.arrayValue ?? []).first ?? "test")
            let multiple = params["allow_multiple"].flatMap(AnnotationValue.flag) ?? false
            return ["category": multiple ? .array([first]) : first]
        case "comparison":
            var answer = JSONObject()
            if let choice = AnnotationValue.strings(params["choices"]).first { answer["choice"] = .string(choice) }
            if let fields = params["fields"]?.objectValue { answer["fields"] = .object(filled(fields)) }
            return answer
        case "transcription":
            // `fields` only when the task declares some: the answer rules refuse it otherwise.
            var answer = JSONObject()
            if let fields = params["fields"]?.objectValue { answer["fields"] = .object(filled(fields)) }
            if let repeatable = params["repeatable_fields"]?.objectValue {
                answer["repeatable_fields"] = [.object(filled(repeatable))]
            }
            return answer
        case "segmentannotation":
            let labels = AnnotationLabels.leaves(params["labels"]?.arrayValue ?? [])
            let instances = Set(AnnotationLabels.leaves(params["instance_labels"]?.arrayValue ?? []))
            guard let label = labels.first(where: { !instances.contains($0) }) ?? labels.first else { return nil }
            // A square in the middle where unlabelled pixels are allowed; else the whole frame.
            let allowsUnlabeled = params["allow_unlabeled"].flatMap(AnnotationValue.flag) ?? false
            let area: JSONValue =
                allowsUnlabeled
                ? [["x": 16, "y": 12], ["x": 48, "y": 12], ["x": 48, "y": 36], ["x": 16, "y": 36]]
                : [["x": 0, "y": 0], ["x": 64, "y": 0], ["x": 64, "y": 48], ["x": 0, "y": 48]]
            return ["width": 64, "height": 48, "polygons": [["label": .string(label), "vertices": area]]]
        default:
            return nil
        }
    }

    /// The task's `min_annotations`, within the bound task creation enforces.
    private static func fewestCuboids(_ settings: JSONObject) -> Int {
        let asked = settings["min_annotations"].flatMap(AnnotationValue.integer) ?? 0
        return Int(max(0, min(asked, AnnotationGeometry.mostCuboidsRequired)))
    }

    /// Every field with its first choice, or "test".
    private static func filled(_ definitions: JSONObject) -> JSONObject {
        var values = JSONObject()
        for (name, definition) in definitions {
            let choices = AnnotationValue.strings(definition.objectValue?["choices"])
            values[name] = .string(choices.first ?? "test")
        }
        return values
    }

    /// One shape of `geometry` labelled with the first leaf of the geometry's `objects_to_annotate`.
    private static func shape(_ geometry: AnnotationGeometry, settings: JSONObject, typed: Bool) -> JSONObject {
        var shape = JSONObject()
        if typed { shape["type"] = .string(geometry.rawValue) }
        if let label = AnnotationLabels.leaves(settings["objects_to_annotate"]?.arrayValue ?? []).first {
            shape["label"] = .string(label)
        }
        func points(_ count: Int) -> JSONValue {
            var list: [JSONValue] = []
            for index in 0..<count {
                let point: JSONObject = [
                    "x": .double(10 + Double(index) * 10), "y": .double(10 + Double(index % 2) * 10),
                ]
                list.append(.object(point))
            }
            return .array(list)
        }
        let fewest = Int(
            clamping: min(
                settings["min_vertices"].flatMap(AnnotationValue.integer) ?? 0, AnnotationGeometry.mostVerticesRequired)
        )
        switch geometry {
        case .box:
            shape["left"] = 10
            shape["top"] = 10
            shape["width"] = .double(max(settings["min_width"].flatMap(AnnotationValue.number) ?? 0, 20) + 1)
            shape["height"] = .double(max(settings["min_height"].flatMap(AnnotationValue.number) ?? 0, 20) + 1)
        case .point:
            shape["x"] = 10
            shape["y"] = 10
        case .line:
            shape["vertices"] = points(max(2, fewest))
        case .polygon:
            shape["vertices"] = points(max(3, fewest))
        case .ellipse:
            shape["vertices"] = points(4)
        case .cuboid:
            var corners: [JSONValue] = []
            for index in 0..<4 {
                let x = 10 + Double(index % 2) * 20
                let y = 10 + Double(index / 2) * 20
                let corner: JSONObject = ["x": .double(x), "y": .double(y), "type": "vertex"]
                corners.append(.object(corner))
            }
            shape["vertices"] = .array(corners)
            shape["edges"] = [["x1": 10, "y1": 10, "x2": 30, "y2": 10, "type": "edge"]]
        }
        return shape
    }
}
