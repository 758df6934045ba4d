import Foundation

/// Segmentation answers for `segmentannotation` tasks, and the label images a response points to.
///
/// A worker answers `{"width", "height", "polygons": [{"label", "vertices": [{"x", "y"}, …]}]}`
/// (Loupe rasterizes the polygons, later ones over earlier ones) or `{"width", "height", "masks":
/// {"<label>": "<base64 PNG>" or [one per instance]}}`. The task's response then carries Scale's
/// `labelMapping` (index and colour per label, a list per instance label) and `annotations` with
/// the URLs of `unlabeled`, per-label and `combined` images, all served by Loupe.
public struct Segmentation: Sendable {
    /// One label (or one instance of an instance label) with its place in the label map.
    public struct Entry: Sendable, Equatable {
        /// The label.
        public var label: String
        /// Its value in the indexed image (1…255; 0 is unlabeled).
        public var index: Int
        /// Its colour in the combined image, `#rrggbb`.
        public var color: String
        /// Whether it is one instance of an instance label.
        public var isInstance: Bool
    }

    /// Image width and height.
    public var width: Int
    public var height: Int
    /// Every label and instance, in index order.
    public var entries: [Entry]
    /// The rasterized label map (rows top to bottom), nil when the answer uploaded masks.
    public var indexMap: [UInt8]?
    /// Uploaded PNG masks by image name, when the answer gave masks.
    public var uploadedMasks: [String: [UInt8]]

    /// Reads a stored answer; nil when it is not a segmentation answer.
    public init?(answer: JSONObject, params: JSONObject) {
        guard let width = answer["width"].flatMap(AnnotationValue.integer),
            let height = answer["height"].flatMap(AnnotationValue.integer),
            (1...20_000).contains(width), (1...20_000).contains(height), width * height <= Self.maxPixels
        else { return nil }
        self.width = Int(width)
        self.height = Int(height)
        let instanceLabels = Set(AnnotationLabels.leaves(params["instance_labels"]?.arrayValue ?? []))
        entries = AnnotationLabels.leaves(params["labels"]?.arrayValue ?? []).filter { !instanceLabels.contains($0) }
            .enumerated().map {
                Entry(label: $1, index: $0 + 1, color: Self.palette($0 + 1), isInstance: false)
            }
        uploadedMasks = [:]
        if let polygons = answer["polygons"]?.arrayValue {
            var map = [UInt8](repeating: 0, count: self.width * self.height)
            for polygon in polygons.compactMap(\.objectValue) {
                guard let label = polygon["label"]?.stringValue else { continue }
                let index: Int
                if instanceLabels.contains(label) {
                    index = entries.count + 1
                    entries.append(Entry(label: label, index: index, color: Self.palette(index), isInstance: true))
                } else if let known = entries.first(where: { $0.label == label }) {
                    index = known.index
                } else {
                    continue
                }
                let points = (polygon["vertices"]?.arrayValue ?? []).compactMap { vertex -> (Double, Double)? in
                    guard let x = vertex.objectValue?["x"].flatMap(AnnotationValue.number),
                        let y = vertex.objectValue?["y"].flatMap(AnnotationValue.number)
                    else { return nil }
                    return (x, y)
                }
                Self.fill(points, with: UInt8(clamping: index), width: self.width, height: self.height, into: &map)
            }
            indexMap = map
        } else if let masks = answer["masks"]?.objectValue {
            for (label, value) in masks {
                let images = value.arrayValue ?? [value]
                for image in images {
                    guard let bytes = image.stringValue.flatMap(Segmentation.decodeBase64) else { continue }
                    let isInstance = instanceLabels.contains(label)
                    let index = isInstance ? entries.count + 1 : (entries.first { $0.label == label }?.index ?? 0)
                    guard index > 0 else { continue }
                    if isInstance {
                        entries.append(Entry(label: label, index: index, color: Self.palette(index), isInstance: true))
                    }
                    uploadedMasks["label-\(index)"] = bytes
                }
            }
            indexMap = nil
        } else {
            return nil
        }
    }

    /// Problems with a worker's segmentation answer.
    public static func violations(params: JSONObject, answer: JSONObject) -> [SchemaViolation] {
        var findings = AnnotationFindings()
        let width = answer["width"].flatMap(AnnotationValue.integer)
        let height = answer["height"].flatMap(AnnotationValue.integer)
        if width.map({ !(1...20_000).contains($0) }) ?? true {
            findings.add("/width", "is required: the image width, 1 to 20000")
        }
        if height.map({ !(1...20_000).contains($0) }) ?? true {
            findings.add("/height", "is required: the image height, 1 to 20000")
        }
        if let width, let height, (1...20_000).contains(width), (1...20_000).contains(height),
            width * height > maxPixels
        {
            findings.add("/width", "times height must be at most \(maxPixels) pixels")
        }
        let labels =
            AnnotationLabels.leaves(params["labels"]?.arrayValue ?? [])
            + AnnotationLabels.leaves(params["instance_labels"]?.arrayValue ?? [])
        if let polygons = answer["polygons"]?.arrayValue {
            for (index, entry) in polygons.enumerated() {
                let path = AnnotationValue.path("/polygons", index)
                guard let polygon = entry.objectValue else {
                    findings.add(path, "must be an object with label and vertices")
                    continue
                }
                if !(polygon["label"]?.stringValue.map(labels.contains) ?? false) {
                    findings.add(
                        AnnotationValue.path(path, "label"), "must be one of: \(AnnotationValue.quoted(labels))")
                }
                AnnotationShapes.vertices(polygon, at: path, count: 3...100_000, into: &findings)
            }
        } else if let masks = answer["masks"]?.objectValue {
            for (label, value) in masks {
                let path = AnnotationValue.path("/masks", label)
                if !labels.contains(label) { findings.add(path, "is not one of the task's labels") }
                for image in value.arrayValue ?? [value] {
                    let size = image.stringValue.flatMap(Segmentation.decodeBase64).flatMap(PNGWriter.size(of:))
                    if size == nil || size?.width != width.map(Int.init) || size?.height != height.map(Int.init) {
                        findings.add(path, "must be a base64 PNG of the answer's width and height")
                    }
                }
            }
        } else {
            findings.add("/polygons", "is required (or masks): the segments to rasterize")
        }
        // Coverage is only worth rasterizing for an answer that is otherwise well formed.
        if findings.violations.isEmpty, let uncovered = coverageViolation(params: params, answer: answer) {
            findings.add(uncovered.path, uncovered.reason)
        }
        return findings.violations
    }

    /// Scale's response: `annotations` (URLs under `base`) and `labelMapping`.
    public func response(base: String) -> JSONValue {
        var labeled = JSONObject()
        var mapping = JSONObject()
        for entry in entries {
            let url = JSONValue.string("\(base)/label-\(entry.index).png")
            let mapped: JSONValue = ["index": .int(Int64(entry.index)), "color": .string(entry.color)]
            if entry.isInstance {
                labeled[entry.label] = .array((labeled[entry.label]?.arrayValue ?? []) + [url])
                mapping[entry.label] = .array((mapping[entry.label]?.arrayValue ?? []) + [mapped])
            } else {
                labeled[entry.label] = url
                mapping[entry.label] = mapped
            }
        }
        let hasUnlabeled = indexMap?.contains(0) ?? false
        let combined: JSONValue =
            indexMap == nil
            ? .null : ["image": .string("\(base)/combined.png"), "indexedImage": .string("\(base)/indexed.png")]
        return [
            "annotations": [
                "unlabeled": hasUnlabeled ? .string("\(base)/unlabeled.png") : .null, "labeled": .object(labeled),
                "combined": combined,
            ],
            "labelMapping": .object(mapping), "instances": .object(JSONObject()),
        ]
    }

    /// The PNG named `name` (`unlabeled`, `label-<index>`, `combined`, `indexed`), if it exists.
    public func image(named name: String) -> [UInt8]? {
        if let uploaded = uploadedMasks[name] { return uploaded }
        guard let map = indexMap else { return nil }
        switch name {
        case "indexed": return PNGWriter.encode(width: width, height: height, color: .gray, pixels: map)
        case "unlabeled":
            return PNGWriter.encode(width: width, height: height, color: .gray, pixels: map.map { $0 == 0 ? 255 : 0 })
        case "combined":
            var colors = [[UInt8]](repeating: [0, 0, 0], count: 256)
            for entry in entries { colors[entry.index] = Self.rgb(entry.color) }
            var pixels: [UInt8] = []
            pixels.reserveCapacity(map.count * 3)
            for value in map { pixels.append(contentsOf: colors[Int(value)]) }
            return PNGWriter.encode(width: width, height: height, color: .rgb, pixels: pixels)
        default:
            guard name.hasPrefix("label-"), let index = Int(name.dropFirst(6)),
                entries.contains(where: { $0.index == index })
            else { return nil }
            return PNGWriter.encode(
                width: width, height: height, color: .gray, pixels: map.map { Int($0) == index ? 255 : 0 })
        }
    }

    /// The largest image rasterized (50 megapixels: one byte each per label map).
    public static let maxPixels: Int64 = 50_000_000

    /// Fills a polygon (even-odd rule, pixel centres) with `value`.
    static func fill(_ points: [(Double, Double)], with value: UInt8, width: Int, height: Int, into map: inout [UInt8])
    {
        guard points.count >= 3 else { return }
        for row in 0..<height {
            let y = Double(row) + 0.5
            var crossings: [Double] = []
            for index in points.indices {
                let (x1, y1) = points[index]
                let (x2, y2) = points[(index + 1) % points.count]
                if (y1 <= y && y < y2) || (y2 <= y && y < y1) {
                    crossings.append(x1 + (y - y1) / (y2 - y1) * (x2 - x1))
                }
            }
            crossings.sort()
            var pair = 0
            let limit = Double(width) + 1
            // Coordinates far outside the image are clamped before becoming pixel columns.
            crossings = crossings.map { max(-1, min(limit, $0)) }
            while pair + 1 < crossings.count {
                let first = max(0, Int((crossings[pair] - 0.5).rounded(.up)))
                let last = min(width - 1, Int((crossings[pair + 1] - 0.5).rounded(.up)) - 1)
                if first <= last { for column in first...last { map[row * width + column] = value } }
                pair += 2
            }
        }
    }

    /// The bytes of base64 text (a data URL's prefix is skipped).
    static func decodeBase64(_ text: String) -> [UInt8]? {
        let payload = text.range(of: "base64,").map { String(text[$0.upperBound...]) } ?? text
        return Data(base64Encoded: payload).map { Array($0) }
    }

    /// A distinct colour per index.
    static func palette(_ index: Int) -> String {
        let hue = Double((index * 47) % 360)
        let (r, g, b) = hsv(hue)
        return "#"
            + [r, g, b].map { value in
                let hex = String(value, radix: 16)
                return value < 16 ? "0" + hex : hex
            }.joined()
    }

    private static func hsv(_ hue: Double) -> (Int, Int, Int) {
        let sector = hue / 60
        let x = 1 - abs(sector.truncatingRemainder(dividingBy: 2) - 1)
        let (r, g, b): (Double, Double, Double) =
            switch Int(sector) {
            case 0: (1, x, 0)
            case 1: (x, 1, 0)
            case 2: (0, 1, x)
            case 3: (0, x, 1)
            case 4: (x, 0, 1)
            default: (1, 0, x)
            }
        return (Int(r * 255), Int(g * 255), Int(b * 255))
    }

    private static func rgb(_ color: String) -> [UInt8] {
        let hex = color.dropFirst()
        return stride(from: 0, to: 6, by: 2).map { offset in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16) ?? 0
        }
    }
}
