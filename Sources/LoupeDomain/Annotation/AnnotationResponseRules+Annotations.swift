extension AnnotationResponseRules {
    /// A v1 single-geometry answer: `{"annotations": [...]}`, each of the type's geometry. A `label` is
    /// required when `with_labels` is true and must always be a leaf of `objects_to_annotate`.
    static func singleGeometryAnswer(
        _ geometry: AnnotationGeometry, params: JSONObject, response: JSONObject,
        into findings: inout AnnotationFindings
    ) {
        let labelRequired = params["with_labels"].flatMap(AnnotationValue.flag) ?? false
        forEachAnnotation(response, into: &findings) { annotation, path, findings in
            check(
                annotation, at: path, geometry: geometry, settings: params, labelRequired: labelRequired,
                params: params,
                into: &findings)
        }
        if geometry == .cuboid, let list = response["annotations"]?.arrayValue {
            cuboidCount(list.count, settings: params, into: &findings)
        }
    }

    /// An `imageannotation` answer: `{"annotations": [...]}`, each with a `type` among the task's
    /// `geometries` and a `label` among that geometry's leaf labels, plus the geometry's own fields.
    static func imageAnnotationAnswer(params: JSONObject, response: JSONObject, into findings: inout AnnotationFindings)
    {
        let geometries = params["geometries"]?.objectValue ?? JSONObject()
        forEachAnnotation(response, into: &findings) { annotation, path, findings in
            let typePath = AnnotationValue.path(path, "type")
            guard let type = annotation["type"]?.stringValue else {
                findings.add(typePath, annotation["type"] == nil ? "is required" : "must be a string")
                return
            }
            guard let geometry = AnnotationGeometry(rawValue: type), let settings = geometries[type]?.objectValue else {
                findings.add(
                    typePath, "must be one of the task's geometries: \(AnnotationValue.quoted(geometries.keys))")
                return
            }
            check(
                annotation, at: path, geometry: geometry, settings: settings, labelRequired: true, params: params,
                into: &findings)
        }
        if let settings = geometries["cuboid"]?.objectValue, let list = response["annotations"]?.arrayValue {
            let cuboids = list.filter { $0.objectValue?["type"]?.stringValue == "cuboid" }
            cuboidCount(cuboids.count, settings: settings, into: &findings)
        }
    }

    /// The seed's bounds on how many cuboids an answer holds: `min_annotations` (default 0) and
    /// `max_annotations` ("A value of 0 (default) means no limit").
    static func cuboidCount(_ count: Int, settings: JSONObject, into findings: inout AnnotationFindings) {
        let fewest = settings["min_annotations"].flatMap(AnnotationValue.integer) ?? 0
        let most = settings["max_annotations"].flatMap(AnnotationValue.integer) ?? 0
        if count < fewest {
            findings.add("/annotations", "must have at least \(fewest) cuboids (min_annotations), got \(count)")
        }
        if most > 0, count > most {
            findings.add("/annotations", "must have at most \(most) cuboids (max_annotations), got \(count)")
        }
    }

    /// Calls `body` with each annotation object and its path, in answer order; records a problem for a
    /// missing or malformed `annotations` and for entries that are not objects.
    private static func forEachAnnotation(
        _ response: JSONObject, into findings: inout AnnotationFindings,
        _ body: (JSONObject, String, inout AnnotationFindings) -> Void
    ) {
        guard let list = findings.array(response, "annotations", at: "", required: true) else { return }
        for (index, entry) in list.enumerated() {
            let path = AnnotationValue.path("/annotations", index)
            if let annotation = entry.objectValue {
                body(annotation, path, &findings)
            } else {
                findings.add(path, "must be an object, got \(entry.typeName)")
            }
        }
    }

    /// One annotation: its label, its geometry's fields within `settings` (the geometry's options), its attributes.
    private static func check(
        _ annotation: JSONObject, at path: String, geometry: AnnotationGeometry, settings: JSONObject,
        labelRequired: Bool,
        params: JSONObject, into findings: inout AnnotationFindings
    ) {
        let labels = AnnotationLabels.leaves(settings["objects_to_annotate"]?.arrayValue ?? [])
        let label = annotation["label"]?.stringValue
        if annotation["label"] != nil {
            if !(label.map { labels.contains($0) } ?? false) {
                findings.add(
                    AnnotationValue.path(path, "label"),
                    "must be one of the leaf labels: \(AnnotationValue.quoted(labels))")
            }
        } else if labelRequired {
            findings.add(AnnotationValue.path(path, "label"), "is required")
        }
        switch geometry {
        case .box:
            let minWidth = settings["min_width"].flatMap(AnnotationValue.number) ?? 0
            let minHeight = settings["min_height"].flatMap(AnnotationValue.number) ?? 0
            AnnotationShapes.box(annotation, at: path, minWidth: minWidth, minHeight: minHeight, into: &findings)
        case .point:
            findings.coordinates(annotation, ["x", "y"], at: path)
        case .line, .polygon, .ellipse:
            AnnotationShapes.vertices(annotation, at: path, count: vertexCount(geometry, settings), into: &findings)
        case .cuboid:
            AnnotationShapes.cuboid(annotation, at: path, isAnswer: true, into: &findings)
        }
        let definitions = params["annotation_attributes"]?.objectValue
        findings.add(
            AnnotationAttributes.answerViolations(
                annotation["attributes"], definitions: definitions, label: label,
                path: AnnotationValue.path(path, "attributes")))
    }

    /// How many vertices an answer may have: the geometry's own floor raised by `min_vertices`, capped by
    /// `max_vertices`; an ellipse always has its 4 extremal points.
    private static func vertexCount(_ geometry: AnnotationGeometry, _ settings: JSONObject) -> ClosedRange<Int> {
        guard geometry != .ellipse else { return 4...4 }
        let minimum = max(
            geometry.fewestVertices, Int(clamping: settings["min_vertices"].flatMap(AnnotationValue.integer) ?? 1))
        let maximum = Int(clamping: settings["max_vertices"].flatMap(AnnotationValue.integer) ?? Int64(Int.max))
        return minimum...max(minimum, maximum)
    }
}
