/// Labels made elsewhere — a model's predictions or another tool's work — read from COCO or
/// Label Studio JSON as starting answers for tasks: workers see them as editable shapes or a
/// chosen category, and they stay apart from results (a task's `prefill`).
public struct PreAnnotation: Sendable, Equatable {
    /// What names the image in the source (file name, URLs, ids), to find its task by.
    public var keys: [String]
    /// The starting answer, in the shape workers submit: `{"annotations": [...]}` or `{"category": …}`.
    public var answer: JSONObject
    /// The source's confidence (the mean of its scores), when it gave any.
    public var score: Double?
}

/// The formats pre-annotations are read from.
public enum PreAnnotationFormat: String, CaseIterable, Sendable {
    /// A COCO object-detection document (`images`, `annotations`, `categories`).
    case coco
    /// A Label Studio JSON export or import file: tasks with `data` and `predictions` or `annotations`.
    case labelstudio
}

extension PreAnnotation {
    /// The pre-annotations of `value` in `format`, and the parts that could not be used, each
    /// naming its path under `/data` and why (they fail alone, as a batch's bad items do).
    public static func read(_ value: JSONValue, format: PreAnnotationFormat) -> ([PreAnnotation], [SchemaViolation]) {
        var problems: [SchemaViolation] = []
        let items: [PreAnnotation]
        switch format {
        case .coco: items = coco(value, &problems)
        case .labelstudio: items = labelStudio(value, &problems)
        }
        return (items, problems)
    }

    private static func coco(_ value: JSONValue, _ problems: inout [SchemaViolation]) -> [PreAnnotation] {
        guard let document = value.objectValue, let images = document["images"]?.arrayValue else {
            problems.append(.init(path: "/data/images", reason: "is required: a COCO document's list of images"))
            return []
        }
        var names: [Int64: String] = [:]
        for (index, category) in (document["categories"]?.arrayValue ?? []).enumerated() {
            guard let id = category.objectValue?["id"]?.intValue, let name = category.objectValue?["name"]?.stringValue
            else {
                problems.append(.init(path: "/data/categories/\(index)", reason: "must have an id and a name"))
                continue
            }
            names[id] = name
        }
        var shapes: [Int64: [JSONValue]] = [:]
        var scores: [Int64: [Double]] = [:]
        for (index, item) in (document["annotations"]?.arrayValue ?? []).enumerated() {
            let path = "/data/annotations/\(index)"
            guard let annotation = item.objectValue, let imageID = annotation["image_id"]?.intValue else {
                problems.append(.init(path: path + "/image_id", reason: "is required"))
                continue
            }
            guard let label = annotation["category_id"]?.intValue.flatMap({ names[$0] }) else {
                problems.append(.init(path: path + "/category_id", reason: "must be the id of one of the categories"))
                continue
            }
            let box = annotation["bbox"]?.arrayValue?.compactMap(\.doubleValue) ?? []
            let polygon = annotation["segmentation"]?.arrayValue?.first?.arrayValue?.compactMap(\.doubleValue) ?? []
            if polygon.count >= 6, polygon.count % 2 == 0 {
                let vertices: [JSONValue] = stride(from: 0, to: polygon.count, by: 2).map {
                    ["x": .double(polygon[$0]), "y": .double(polygon[$0 + 1])]
                }
                shapes[imageID, default: []].append(
                    ["type": "polygon", "label": .string(label), "vertices": .array(vertices)])
            } else if box.count == 4 {
                shapes[imageID, default: []].append(
                    [
                        "left": .double(box[0]), "top": .double(box[1]), "width": .double(box[2]),
                        "height": .double(box[3]), "label": .string(label),
                    ])
            } else {
                problems.append(
                    .init(
                        path: path + "/bbox", reason: "must be [x, y, width, height] (or give a polygon segmentation)"))
                continue
            }
            if let score = annotation["score"]?.doubleValue { scores[imageID, default: []].append(score) }
        }
        return images.compactMap { image -> PreAnnotation? in
            guard let object = image.objectValue, let id = object["id"]?.intValue, let found = shapes[id] else {
                return nil
            }
            let keys = ["file_name", "coco_url", "flickr_url"].compactMap { object[$0]?.stringValue } + [String(id)]
            return PreAnnotation(keys: keys, answer: ["annotations": .array(found)], score: mean(scores[id]))
        }
    }

    private static func labelStudio(_ value: JSONValue, _ problems: inout [SchemaViolation]) -> [PreAnnotation] {
        guard let tasks = value.arrayValue ?? value.objectValue.map({ [.object($0)] }) else {
            problems.append(.init(path: "/data", reason: "must be a Label Studio task list"))
            return []
        }
        var found: [PreAnnotation] = []
        for (index, task) in tasks.enumerated() {
            let path = "/data/\(index)"
            guard let object = task.objectValue else {
                problems.append(.init(path: path, reason: "must be a task object"))
                continue
            }
            let sets = (object["predictions"]?.arrayValue ?? []) + (object["annotations"]?.arrayValue ?? [])
            // The most confident set of results (the first when none is scored).
            guard
                let chosen = sets.enumerated().max(by: {
                    ($0.element.objectValue?["score"]?.doubleValue ?? 0, -$0.offset)
                        < ($1.element.objectValue?["score"]?.doubleValue ?? 0, -$1.offset)
                })
            else { continue }
            let results = chosen.element.objectValue?["result"]?.arrayValue ?? []
            let answer = labelStudioAnswer(results, path: "\(path)/predictions/\(chosen.offset)/result", &problems)
            guard !answer.isEmpty else { continue }
            var keys = (object["data"]?.objectValue ?? [:]).compactMap { $0.value.stringValue }
            if let id = object["id"]?.intValue { keys.append(String(id)) }
            found.append(
                PreAnnotation(keys: keys, answer: answer, score: chosen.element.objectValue?["score"]?.doubleValue))
        }
        return found
    }

    private static func labelStudioAnswer(_ results: [JSONValue], path: String, _ problems: inout [SchemaViolation])
        -> JSONObject
    {
        var shapes: [JSONValue] = []
        var category: String?
        for (index, result) in results.enumerated() {
            guard let item = result.objectValue, let value = item["value"]?.objectValue else { continue }
            let width = item["original_width"]?.doubleValue
            let height = item["original_height"]?.doubleValue
            guard let width, let height else {
                if item["type"]?.stringValue != "choices" {
                    problems.append(
                        .init(
                            path: "\(path)/\(index)/original_width",
                            reason: "is needed (with original_height) to turn percentages into pixels"))
                    continue
                }
                category = category ?? value["choices"]?.arrayValue?.first?.stringValue
                continue
            }
            func pixels(_ percent: Double?, _ side: Double) -> JSONValue { .double((percent ?? 0) / 100 * side) }
            switch item["type"]?.stringValue {
            case "rectanglelabels":
                guard let label = value["rectanglelabels"]?.arrayValue?.first?.stringValue else { continue }
                shapes.append(
                    [
                        "left": pixels(value["x"]?.doubleValue, width),
                        "top": pixels(value["y"]?.doubleValue, height),
                        "width": pixels(value["width"]?.doubleValue, width),
                        "height": pixels(value["height"]?.doubleValue, height), "label": .string(label),
                    ])
            case "polygonlabels":
                guard let label = value["polygonlabels"]?.arrayValue?.first?.stringValue else { continue }
                var vertices: [JSONValue] = []
                for point in value["points"]?.arrayValue ?? [] {
                    let pair = point.arrayValue?.compactMap(\.doubleValue) ?? []
                    guard pair.count == 2 else { continue }
                    vertices.append(["x": pixels(pair[0], width), "y": pixels(pair[1], height)])
                }
                shapes.append(["type": "polygon", "label": .string(label), "vertices": .array(vertices)])
            case "choices":
                category = category ?? value["choices"]?.arrayValue?.first?.stringValue
            default: continue
            }
        }
        if !shapes.isEmpty { return ["annotations": .array(shapes)] }
        return category.map { ["category": .string($0)] } ?? [:]
    }

    private static func mean(_ values: [Double]?) -> Double? {
        guard let values, !values.isEmpty else { return nil }
        return values.reduce(0, +) / Double(values.count)
    }
}
