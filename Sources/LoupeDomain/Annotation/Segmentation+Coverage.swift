/// `allow_unlabeled`: the seed's default (false) means "all pixels in the image will be classified".
extension Segmentation {
    /// How many pixels no label covers, and the first of them in reading order.
    public struct Coverage: Sendable, Equatable {
        /// Pixels left unlabelled.
        public var unlabeledCount: Int
        /// The first unlabelled pixel (rows top to bottom, columns left to right), nil when there is none.
        public var firstUnlabeled: (x: Int, y: Int)?

        /// Whether every pixel has a label.
        public var isComplete: Bool { unlabeledCount == 0 }

        /// The same count and the same first pixel.
        public static func == (lhs: Coverage, rhs: Coverage) -> Bool {
            lhs.unlabeledCount == rhs.unlabeledCount && lhs.firstUnlabeled?.x == rhs.firstUnlabeled?.x
                && lhs.firstUnlabeled?.y == rhs.firstUnlabeled?.y
        }
    }

    /// Whether a task created with `params` accepts unlabelled pixels (`allow_unlabeled`, default false).
    public static func allowsUnlabeled(_ params: JSONObject) -> Bool {
        params["allow_unlabeled"].flatMap(AnnotationValue.flag) ?? false
    }

    /// The coverage of the rasterized label map, or nil when the answer uploaded masks instead
    /// (`maskCoverage` reads those). One pass over the pixels; the image is at most `maxPixels`.
    public var coverage: Coverage? {
        guard let map = indexMap else { return nil }
        return Self.coverage(width: width, count: map.count) { map[$0] == 0 }
    }

    /// The coverage of uploaded masks taken together (a pixel is labelled when any mask sets it), or nil
    /// when one of them is not a PNG of `width`×`height` that `PNGReader` can read.
    public static func maskCoverage(_ masks: JSONObject, width: Int, height: Int) -> Coverage? {
        var labelled = [Bool](repeating: false, count: width * height)
        for (_, value) in masks {
            for image in value.arrayValue ?? [value] {
                guard let bytes = image.stringValue.flatMap(decodeBase64),
                    let mask = PNGReader.setPixels(bytes, maxPixels: Int(maxPixels)), mask.width == width,
                    mask.height == height
                else { return nil }
                for (offset, isSet) in mask.isSet.enumerated() where isSet { labelled[offset] = true }
            }
        }
        return coverage(width: width, count: labelled.count) { !labelled[$0] }
    }

    private static func coverage(width: Int, count: Int, isUnlabeled: (Int) -> Bool) -> Coverage {
        var unlabeled = 0
        var first: Int?
        for offset in 0..<count where isUnlabeled(offset) {
            unlabeled += 1
            if first == nil { first = offset }
        }
        return Coverage(unlabeledCount: unlabeled, firstUnlabeled: first.map { (x: $0 % width, y: $0 / width) })
    }

    /// The problem with an otherwise valid answer that leaves pixels unlabelled when the task does not
    /// allow it; nil when every pixel is labelled or unlabelled pixels are allowed.
    static func coverageViolation(params: JSONObject, answer: JSONObject) -> SchemaViolation? {
        guard !allowsUnlabeled(params) else { return nil }
        let path: String
        let found: Coverage?
        if let masks = answer["masks"]?.objectValue, answer["polygons"] == nil {
            path = "/masks"
            let width = answer["width"].flatMap(AnnotationValue.integer).map(Int.init) ?? 0
            let height = answer["height"].flatMap(AnnotationValue.integer).map(Int.init) ?? 0
            found = maskCoverage(masks, width: width, height: height)
            guard found != nil else {
                return SchemaViolation(
                    path: path,
                    reason: "could not be read to check that every pixel is labelled (allow_unlabeled is false):"
                        + " send non-interlaced PNGs")
            }
        } else {
            path = "/polygons"
            found = Segmentation(answer: answer, params: params)?.coverage
        }
        guard let coverage = found, let first = coverage.firstUnlabeled else { return nil }
        let noun = coverage.unlabeledCount == 1 ? "pixel" : "pixels"
        return SchemaViolation(
            path: path,
            reason: "leave \(coverage.unlabeledCount) \(noun) unlabelled, the first at x \(first.x), y \(first.y);"
                + " allow_unlabeled is false, so every pixel needs a label")
    }
}
