extension AnnotationTaskRules {
    /// `annotation`, `pointannotation`, `lineannotation`, `polygonannotation` and `cuboidannotation`: an
    /// image, up to 6 labels (3 for lines) in `objects_to_annotate`, the geometry's options, attributes, layers.
    static func singleGeometry(
        _ geometry: AnnotationGeometry, _ params: JSONObject, into findings: inout AnnotationFindings
    ) {
        attachment(params, allowed: ["image"], into: &findings)
        findings.add(
            AnnotationLabels.violations(
                params["objects_to_annotate"], path: "/objects_to_annotate", limit: geometry.legacyLabelLimit))
        findings.flag(params, "with_labels", at: "")
        if geometry == .line { findings.flag(params, "splines", at: "") }
        let labels = AnnotationLabels.leaves(params["objects_to_annotate"]?.arrayValue ?? [])
        geometryOptions(geometry, params, at: "", labels: labels, attributes: nil, into: &findings)
        attributesAndLayers(params, labels: labels, into: &findings)
    }

    /// `segmentannotation`: an image, up to 50 `labels`, up to 10 `instance_labels`.
    static func segmentation(_ params: JSONObject, into findings: inout AnnotationFindings) {
        attachment(params, allowed: ["image"], into: &findings)
        findings.add(AnnotationLabels.violations(params["labels"], path: "/labels", limit: 50))
        // instance_labels defaults to [], so an empty list is fine here.
        if let instanceLabels = params["instance_labels"], instanceLabels.arrayValue?.isEmpty != true {
            findings.add(AnnotationLabels.violations(instanceLabels, path: "/instance_labels", limit: 10))
        }
        findings.flag(params, "allow_unlabeled", at: "")
    }

    /// `imageannotation`: an image and `geometries`, an object of geometry name → that geometry's labels
    /// (`objects_to_annotate`) and options; then attributes, whose label conditions may name any geometry's labels.
    static func imageAnnotation(_ params: JSONObject, into findings: inout AnnotationFindings) {
        let image = findings.string(params, "attachment", at: "", required: true)
        findings.oneOf(params, "attachment_type", ["image"], at: "")
        if let context = findings.array(params, "context_attachments", at: "", required: false) {
            for (index, entry) in context.enumerated() {
                let path = AnnotationValue.path("/context_attachments", index)
                guard let object = entry.objectValue else {
                    findings.add(path, "must be an object with an attachment")
                    continue
                }
                if let url = findings.string(object, "attachment", at: path, required: true), url == image {
                    findings.add(AnnotationValue.path(path, "attachment"), "must differ from the task's attachment")
                }
            }
        }
        var labels: [String] = []
        if let geometries = findings.object(params, "geometries", at: "", required: true) {
            let names = AnnotationGeometry.allCases.map(\.rawValue).joined(separator: ", ")
            if geometries.isEmpty { findings.add("/geometries", "must name at least one geometry (\(names))") }
            for (name, settings) in geometries {
                let path = AnnotationValue.path("/geometries", name)
                guard let geometry = AnnotationGeometry(rawValue: name) else {
                    findings.add(path, "is not a geometry (\(names))")
                    continue
                }
                guard let settings = settings.objectValue else {
                    findings.add(path, "must be an object, got \(settings.typeName)")
                    continue
                }
                let labelsPath = AnnotationValue.path(path, "objects_to_annotate")
                findings.add(AnnotationLabels.violations(settings["objects_to_annotate"], path: labelsPath, limit: nil))
                let own = AnnotationLabels.leaves(settings["objects_to_annotate"]?.arrayValue ?? [])
                let attributes = params["annotation_attributes"]?.objectValue
                geometryOptions(geometry, settings, at: path, labels: own, attributes: attributes, into: &findings)
                labels += own.filter { !labels.contains($0) }
            }
        }
        attributesAndLayers(params, labels: labels, into: &findings)
    }

    private static func attributesAndLayers(
        _ params: JSONObject, labels: [String], into findings: inout AnnotationFindings
    ) {
        if let attributes = params["annotation_attributes"] {
            findings.add(AnnotationAttributes.violations(attributes, labels: labels, path: "/annotation_attributes"))
        }
        if let layers = params["layers"] { findings.add(AnnotationLayers.violations(layers, path: "/layers")) }
    }

    /// A geometry's own options: size minimums for boxes and cuboids, vertex bounds for lines and polygons,
    /// camera parameters for cuboids, keypoint connections for points.
    private static func geometryOptions(
        _ geometry: AnnotationGeometry, _ settings: JSONObject, at path: String, labels: [String],
        attributes: JSONObject?,
        into findings: inout AnnotationFindings
    ) {
        switch geometry {
        case .box, .cuboid:
            findings.number(settings, "min_width", at: path, minimum: 0)
            findings.number(settings, "min_height", at: path, minimum: 0)
            if geometry == .box {
                findings.flag(settings, "can_rotate", at: path)
                findings.flag(settings, "integer_pixels", at: path)
            } else {
                cuboidOptions(settings, at: path, into: &findings)
            }
        case .line, .polygon:
            let minimum = findings.integer(settings, "min_vertices", at: path, minimum: 1)
            if let minimum, minimum > AnnotationGeometry.mostVerticesRequired {
                findings.add(
                    AnnotationValue.path(path, "min_vertices"),
                    "must be at most \(AnnotationGeometry.mostVerticesRequired)")
            }
            if let maximum = findings.integer(settings, "max_vertices", at: path, minimum: 1), maximum < (minimum ?? 1)
            {
                findings.add(
                    AnnotationValue.path(path, "max_vertices"), "must be at least min_vertices (\(minimum ?? 1))")
            }
        case .point:
            connections(settings, at: path, labels: labels, attributes: attributes, into: &findings)
        case .ellipse:
            break
        }
    }

    private static func cuboidOptions(_ settings: JSONObject, at path: String, into findings: inout AnnotationFindings)
    {
        var fewest = findings.integer(settings, "min_annotations", at: path, minimum: 0)
        if let count = fewest, count > AnnotationGeometry.mostCuboidsRequired {
            findings.add(
                AnnotationValue.path(path, "min_annotations"),
                "must be at most \(AnnotationGeometry.mostCuboidsRequired)")
            fewest = nil
        }
        // max_annotations 0 means no limit.
        if let most = findings.integer(settings, "max_annotations", at: path, minimum: 0), most > 0,
            most < (fewest ?? 0)
        {
            findings.add(
                AnnotationValue.path(path, "max_annotations"), "must be 0 (no limit) or at least min_annotations")
        }
        if let intrinsics = findings.object(settings, "camera_intrinsics", at: path, required: false) {
            let intrinsicsPath = AnnotationValue.path(path, "camera_intrinsics")
            requiredNumbers(intrinsics, ["fx", "fy", "cx", "cy"], at: intrinsicsPath, into: &findings)
            findings.number(intrinsics, "skew", at: intrinsicsPath)
            // The v1 docs spell it scalefactor, the current examples scale_factor.
            for key in ["scalefactor", "scale_factor"] {
                if let factor = findings.number(intrinsics, key, at: intrinsicsPath), factor <= 0 {
                    findings.add(AnnotationValue.path(intrinsicsPath, key), "must be positive")
                }
            }
        }
        if let rotation = findings.object(settings, "camera_rotation_quaternion", at: path, required: false) {
            let rotationPath = AnnotationValue.path(path, "camera_rotation_quaternion")
            requiredNumbers(rotation, ["w", "x", "y", "z"], at: rotationPath, into: &findings)
        }
        findings.number(settings, "camera_height", at: path)
    }

    private static func requiredNumbers(
        _ object: JSONObject, _ keys: [String], at path: String, into findings: inout AnnotationFindings
    ) {
        for key in keys {
            if object[key] == nil {
                findings.add(AnnotationValue.path(path, key), "is required")
            } else {
                findings.number(object, key, at: path)
            }
        }
    }

    /// Point `connections`: `{"pair": [label, label], "connection_attribute"?: attribute name}`.
    private static func connections(
        _ settings: JSONObject, at path: String, labels: [String], attributes: JSONObject?,
        into findings: inout AnnotationFindings
    ) {
        guard let connections = findings.array(settings, "connections", at: path, required: false) else { return }
        let listPath = AnnotationValue.path(path, "connections")
        for (index, connection) in connections.enumerated() {
            let connectionPath = AnnotationValue.path(listPath, index)
            guard let connection = connection.objectValue else {
                findings.add(connectionPath, "must be an object with a pair of labels")
                continue
            }
            let pairPath = AnnotationValue.path(connectionPath, "pair")
            let pair = connection["pair"]?.arrayValue ?? []
            if pair.count != 2 || pair.contains(where: { $0.stringValue == nil }) {
                findings.add(pairPath, "must be two labels")
            } else {
                for (position, label) in pair.enumerated() where !labels.contains(label.stringValue ?? "") {
                    let reason = "must be one of the point labels: \(AnnotationValue.quoted(labels))"
                    findings.add(AnnotationValue.path(pairPath, position), reason)
                }
            }
            if let name = findings.string(connection, "connection_attribute", at: connectionPath, required: false),
                attributes?[name] == nil
            {
                let attributePath = AnnotationValue.path(connectionPath, "connection_attribute")
                findings.add(attributePath, "names no attribute of annotation_attributes")
            }
        }
    }
}
