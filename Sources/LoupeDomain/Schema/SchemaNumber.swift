/// A JSON number as Loupe holds it: an exact integer or a double. Comparisons between the two
/// are exact, so 9007199254740993 is greater than 9007199254740992.0.
enum SchemaNumber: Sendable {
    /// An integer that fits in 64 bits.
    case int(Int64)
    /// Any other number.
    case double(Double)

    /// The number in `value`, if it is one.
    init?(_ value: JSONValue) {
        switch value {
        case .int(let number): self = .int(number)
        case .double(let number): self = .double(number)
        default: return nil
        }
    }

    /// -1, 0 or 1 as `self` is less than, equal to or greater than `other`.
    func compare(to other: SchemaNumber) -> Int {
        switch (self, other) {
        case (.int(let a), .int(let b)): return a < b ? -1 : (a > b ? 1 : 0)
        case (.double(let a), .double(let b)): return a < b ? -1 : (a > b ? 1 : 0)
        case (.int(let a), .double(let b)): return Self.compare(a, b)
        case (.double(let a), .int(let b)): return -Self.compare(b, a)
        }
    }

    private static func compare(_ integer: Int64, _ double: Double) -> Int {
        if double.isNaN { return 0 }
        if double >= 9_223_372_036_854_775_808.0 { return -1 }
        if double < -9_223_372_036_854_775_808.0 { return 1 }
        let whole = double.rounded(.down)
        let wholeInteger = Int64(whole)
        if integer != wholeInteger { return integer < wholeInteger ? -1 : 1 }
        return whole == double ? 0 : -1
    }

    /// The number as written in messages: integers without a fraction.
    var text: String {
        switch self {
        case .int(let value): String(value)
        case .double(let value): JSONSchema.show(value)
        }
    }

    /// Whether `self` is an integer multiple of `divisor` (which is positive), exactly for
    /// integers and for doubles taken as the shortest decimal that round-trips
    /// (so 0.0075 is a multiple of 0.0001, and 1e308 is not a multiple of 0.123456789).
    func isMultiple(of divisor: SchemaNumber) -> Bool {
        if case .int(let value) = self, case .int(let step) = divisor { return value % step == 0 }
        guard let value = DecimalParts(self), let step = DecimalParts(divisor), step.significand != 0 else {
            return false
        }
        if value.significand == 0 { return true }
        if value.exponent >= step.exponent {
            // value = a·10^k·step.unit with a = value.significand, k = value.exponent − step.exponent.
            let remainder = value.significand % step.significand
            let power = DecimalParts.powerOfTen(value.exponent - step.exponent, modulo: step.significand)
            return DecimalParts.multiply(remainder, power, modulo: step.significand) == 0
        }
        // The step has more trailing zeros than the value, so the value must be larger by a multiple.
        let shift = step.exponent - value.exponent
        guard shift < 20 else { return false }
        let (scaled, overflow) = step.significand.multipliedReportingOverflow(by: DecimalParts.pow10(shift))
        return !overflow && value.significand % scaled == 0
    }
}

/// A finite number as significand × 10^exponent, from the shortest decimal that round-trips.
struct DecimalParts {
    /// The digits, without trailing zeros.
    var significand: UInt64
    /// The power of ten the digits are scaled by.
    var exponent: Int

    /// The parts of `number` (its magnitude; the sign never matters for multiples), or nil if not finite.
    init?(_ number: SchemaNumber) {
        switch number {
        case .int(let value):
            significand = value.magnitude
            exponent = 0
        case .double(let value):
            guard value.isFinite else { return nil }
            // "1.5e-08", "123.25", "1e+30": digits, an optional point, an optional exponent.
            let text = "\(value.magnitude)"
            var digits: UInt64 = 0
            var exponent = 0
            var afterPoint = false
            var exponentText = ""
            var inExponent = false
            for character in text {
                if inExponent {
                    exponentText.append(character)
                } else if character == "." {
                    afterPoint = true
                } else if character == "e" || character == "E" {
                    inExponent = true
                } else if let digit = character.wholeNumberValue {
                    guard digits < UInt64.max / 10 - 10 else { return nil }
                    digits = digits * 10 + UInt64(digit)
                    if afterPoint { exponent -= 1 }
                }
            }
            guard let parsed = exponentText.isEmpty ? 0 : Int(exponentText.filter { $0 != "+" }) else { return nil }
            significand = digits
            self.exponent = exponent + parsed
        }
        while significand != 0, significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
    }

    /// 10 to the power `exponent` (which must be below 20).
    static func pow10(_ exponent: Int) -> UInt64 {
        var result: UInt64 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    /// `a × b mod m` without overflow (`a` and `b` below `m`).
    static func multiply(_ a: UInt64, _ b: UInt64, modulo m: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return m.dividingFullWidth(product).remainder
    }

    /// `10^exponent mod m`, by repeated squaring.
    static func powerOfTen(_ exponent: Int, modulo m: UInt64) -> UInt64 {
        var result: UInt64 = 1 % m
        var base: UInt64 = 10 % m
        var remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 { result = multiply(result, base, modulo: m) }
            base = multiply(base, base, modulo: m)
            remaining >>= 1
        }
        return result
    }
}
