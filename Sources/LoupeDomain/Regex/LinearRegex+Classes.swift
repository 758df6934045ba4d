/// A set of scalars: sorted, merged ranges plus Unicode property tests, possibly negated.
struct ScalarClass: Sendable {
    /// Sorted, non-overlapping ranges of scalar values.
    private(set) var ranges: [ClosedRange<UInt32>] = []
    /// Property tests; a scalar passing any of them is in the class.
    var properties: [UnicodeProperty] = []
    /// Whether the class matches scalars *not* described by `ranges` and `properties`.
    var isNegated = false

    /// An empty class.
    init() {}

    /// A class holding `ranges`.
    init(_ ranges: [ClosedRange<UInt32>], negated: Bool = false) {
        for range in ranges { insert(range) }
        isNegated = negated
    }

    /// Adds a range, keeping `ranges` sorted and merged.
    mutating func insert(_ range: ClosedRange<UInt32>) {
        var lower = range.lowerBound
        var upper = range.upperBound
        var kept: [ClosedRange<UInt32>] = []
        kept.reserveCapacity(ranges.count + 1)
        var placed = false
        for existing in ranges {
            if existing.upperBound &+ 1 < lower {
                kept.append(existing)
            } else if upper &+ 1 < existing.lowerBound {
                if !placed { kept.append(lower...upper); placed = true }
                kept.append(existing)
            } else {
                lower = min(lower, existing.lowerBound)
                upper = max(upper, existing.upperBound)
            }
        }
        if !placed { kept.append(lower...upper) }
        ranges = kept
    }

    /// Adds every member of `other` (which may itself be negated).
    mutating func formUnion(_ other: ScalarClass) {
        if other.isNegated {
            for range in other.complementOfRanges() { insert(range) }
            for property in other.properties { properties.append(property.negated()) }
        } else {
            for range in other.ranges { insert(range) }
            properties += other.properties
        }
    }

    /// The scalar values outside `ranges`.
    private func complementOfRanges() -> [ClosedRange<UInt32>] {
        var result: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in ranges {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            next = range.upperBound + 1
        }
        if next <= 0x10FFFF { result.append(next...0x10FFFF) }
        return result
    }

    /// Whether `value` is in the class.
    func contains(_ value: UInt32) -> Bool {
        var found = false
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound < value {
                low = middle + 1
            } else if ranges[middle].lowerBound > value {
                high = middle - 1
            } else {
                found = true
                break
            }
        }
        if !found, !properties.isEmpty, let scalar = Unicode.Scalar(value) {
            found = properties.contains { $0.matches(scalar) }
        }
        return found != isNegated
    }

    /// `[0-9]`.
    static let digits = ScalarClass([0x30...0x39])
    /// `[A-Za-z0-9_]`.
    static let wordCharacters = ScalarClass([0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    /// ECMA-262 white space and line terminators.
    static let whiteSpace = ScalarClass([
        0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A, 0x2028...0x2029,
        0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
    ])

    /// Whether `value` is a word character for `\b`.
    static func isWordCharacter(_ value: UInt32) -> Bool {
        (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || value == 0x5F || (0x61...0x7A).contains(value)
    }

    /// Whether `value` is a line terminator, which `.` does not match.
    static func isLineTerminator(_ value: UInt32) -> Bool {
        value == 0x0A || value == 0x0D || value == 0x2028 || value == 0x2029
    }
}

/// A Unicode property that `\p{…}` can name.
struct UnicodeProperty: Sendable {
    /// What the property tests.
    enum Kind: Sendable {
        case categories([Unicode.GeneralCategory])
        case alphabetic, whiteSpace, uppercase, lowercase, ascii, any, emoji, hexDigit, asciiHexDigit
    }
    /// What the property tests.
    let kind: Kind
    /// Whether the test is inverted (`\P{…}`, or `\P` inside a negated class).
    let isNegated: Bool

    /// The same property, inverted.
    func negated() -> UnicodeProperty { UnicodeProperty(kind: kind, isNegated: !isNegated) }

    /// Whether `scalar` has the property (or lacks it, when negated).
    func matches(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        let has: Bool
        switch kind {
        case .categories(let categories): has = categories.contains(properties.generalCategory)
        case .alphabetic: has = properties.isAlphabetic
        case .whiteSpace: has = properties.isWhitespace
        case .uppercase: has = properties.isUppercase
        case .lowercase: has = properties.isLowercase
        case .ascii: has = scalar.isASCII
        case .any: has = true
        case .emoji: has = properties.isEmoji
        case .hexDigit: has = properties.isHexDigit
        case .asciiHexDigit: has = properties.isASCIIHexDigit
        }
        return has != isNegated
    }
}
