/// A point of a polygon, in image pixels.
struct ExportPoint: Sendable, Equatable {
    /// Distance from the image's left edge.
    var x: Double
    /// Distance from the image's top edge.
    var y: Double
}

/// A labeled region of an image answer: a box, or a polygon together with its extent.
struct ExportShape: Sendable, Equatable {
    /// The object's label.
    var label: String
    /// The left edge of the box (of the polygon's extent).
    var left: Double
    /// The top edge of the box (of the polygon's extent).
    var top: Double
    /// The box's width.
    var width: Double
    /// The box's height.
    var height: Double
    /// The polygon's vertices; empty for a box.
    var vertices: [ExportPoint] = []

    /// Whether this is a polygon rather than a box.
    var isPolygon: Bool { !vertices.isEmpty }

    /// The covered area: the box's, or the polygon's by the shoelace formula.
    var area: Double {
        guard isPolygon else { return width * height }
        var twice = 0.0
        for (index, point) in vertices.enumerated() {
            let next = vertices[(index + 1) % vertices.count]
            twice += point.x * next.y - next.x * point.y
        }
        return abs(twice) / 2
    }

    /// A polygon, with its extent as the box.
    init(label: String, polygon vertices: [ExportPoint]) {
        let xs = vertices.map(\.x)
        let ys = vertices.map(\.y)
        let left = xs.min() ?? 0
        let top = ys.min() ?? 0
        self.init(label: label, left: left, top: top, width: (xs.max() ?? 0) - left, height: (ys.max() ?? 0) - top)
        self.vertices = vertices
    }

    /// A box.
    init(label: String, left: Double, top: Double, width: Double, height: Double) {
        self.label = label
        self.left = left
        self.top = top
        self.width = width
        self.height = height
    }
}

/// What the exporters read from a task's answer: its categories and its labeled shapes.
///
/// Accepts `{"category": "a"}`, `{"category": ["a", "b"]}` and `{"annotations": [...]}` where an
/// annotation is a box (`left`, `top`, `width`, `height`) or a polygon (`vertices` of `{x, y}`), either
/// told apart by `type` (Scale's imageannotation style) or by its fields. Anything else is skipped:
/// a missing or unparseable answer, annotations without a label or with incomplete geometry, and
/// other annotation types (lines, points, cuboids), which cover no region.
struct ExportAnswer: Sendable, Equatable {
    /// The chosen categories, in answer order.
    var categories: [String] = []
    /// The labeled boxes and polygons, in answer order.
    var shapes: [ExportShape] = []

    /// The answer read from a task's response.
    init(response: RawJSON?) {
        guard let text = response?.text, let answer = (try? JSONParser.parse(text))?.objectValue else { return }
        switch answer["category"] {
        case .string(let category): categories = [category]
        case .array(let list): categories = list.compactMap(\.stringValue)
        default: break
        }
        shapes = (answer["annotations"]?.arrayValue ?? []).compactMap { Self.shape($0.objectValue) }
    }

    private static func shape(_ annotation: JSONObject?) -> ExportShape? {
        guard let annotation, let label = annotation["label"]?.stringValue else { return nil }
        let type = annotation["type"]?.stringValue
        let isPolygon = type == "polygon" || (type == nil && annotation["vertices"] != nil)
        if isPolygon {
            let points = (annotation["vertices"]?.arrayValue ?? []).map { vertex -> ExportPoint? in
                guard let x = vertex.objectValue?["x"]?.doubleValue, let y = vertex.objectValue?["y"]?.doubleValue
                else { return nil }
                return ExportPoint(x: x, y: y)
            }
            let vertices = points.compactMap { $0 }
            // A polygon needs three corners to enclose anything, and a bad vertex makes the shape unknowable.
            guard vertices.count >= 3, vertices.count == points.count else { return nil }
            return ExportShape(label: label, polygon: vertices)
        }
        guard type == nil || type == "box",
            let left = annotation["left"]?.doubleValue, let top = annotation["top"]?.doubleValue,
            let width = annotation["width"]?.doubleValue, let height = annotation["height"]?.doubleValue,
            width >= 0, height >= 0
        else { return nil }
        return ExportShape(label: label, left: left, top: top, width: width, height: height)
    }
}

/// The image a task shows, read from its `data`.
struct ExportImage: Sendable {
    /// The image's address: `attachment`, else `image`, else `url`, else `image_url`.
    var location: String?
    /// Width and height in pixels from `image_width`/`image_height`, else `width`/`height`; nil when unknown.
    var size: (width: Double, height: Double)?

    /// The image of a task.
    init(data: RawJSON) {
        guard let data = (try? JSONParser.parse(data.text))?.objectValue else { return }
        location = ["attachment", "image", "url", "image_url"].lazy.compactMap { data[$0]?.stringValue }.first
        let pairs = [("image_width", "image_height"), ("width", "height")]
        for (widthKey, heightKey) in pairs {
            if let width = data[widthKey]?.doubleValue, let height = data[heightKey]?.doubleValue,
                width > 0, height > 0
            {
                size = (width, height)
                break
            }
        }
    }
}

/// Labels numbered 0, 1, 2… in the order they were first seen.
struct LabelIndex: Sendable {
    /// The labels in number order.
    private(set) var labels: [String] = []
    private var numbers: [String: Int] = [:]

    /// An index numbering `seed` first, in its order (repeats once).
    init(seed: [String] = []) {
        for label in seed { _ = number(of: label) }
    }

    /// The label's number, assigning the next one to a new label.
    mutating func number(of label: String) -> Int {
        if let number = numbers[label] { return number }
        numbers[label] = labels.count
        labels.append(label)
        return labels.count - 1
    }
}

/// Number and text formatting shared by the exporters.
enum ExportText {
    /// The shortest text for a number: `12` for whole numbers, else Swift's shortest round-tripping form.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// `value` with exactly `digits` decimals (rounded half away from zero), never in exponent form.
    static func fixed(_ value: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        let unit = Int64(scale)
        let fraction = String(scaled % unit)
        let padding = String(repeating: "0", count: max(0, digits - fraction.count))
        let sign = value < 0 && scaled != 0 ? "-" : ""
        return digits == 0 ? sign + String(scaled) : sign + String(scaled / unit) + "." + padding + fraction
    }

    /// A label as one line of a text file: line breaks become spaces.
    static func line(_ label: String) -> String {
        String(label.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }

    /// A task id as a safe file name part: letters, digits, `-` and `_` kept, anything else `_`, at most 64 bytes.
    static func fileName(_ id: String) -> String {
        let safe = id.utf8.prefix(64).map { byte -> Character in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                Character(Unicode.Scalar(byte))
            default: "_"
            }
        }
        return safe.isEmpty ? "_" : String(safe)
    }
}
