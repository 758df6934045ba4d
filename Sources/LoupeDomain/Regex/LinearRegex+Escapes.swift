extension RegexParser {
    /// An escape outside a class (after the backslash).
    mutating func parseAtomEscape() throws(RegexSyntaxError) -> RegexNode {
        guard let character = current else { throw RegexSyntaxError(reason: "ends with a lone backslash") }
        switch character {
        case 0x62: position += 1; return .assertion(.wordBoundary)  // b
        case 0x42: position += 1; return .assertion(.notWordBoundary)  // B
        case 0x31...0x39:
            throw RegexSyntaxError(
                reason:
                    "uses a backreference (\\\(character - 0x30)), which is not supported (it cannot be matched in linear time)"
            )
        case 0x6B:  // k
            throw RegexSyntaxError(
                reason:
                    "uses a named backreference (\\k<…>), which is not supported (it cannot be matched in linear time)")
        default:
            switch try parseClassOrCharacterEscape(insideClass: false) {
            case .single(let value): return .scalar(value)
            case .set(let set): return .set(set)
            }
        }
    }

    /// What an escape stands for: one scalar or a whole class.
    enum Escaped {
        case single(UInt32)
        case set(ScalarClass)
    }

    /// An escape valid both inside and outside classes (after the backslash).
    mutating func parseClassOrCharacterEscape(insideClass: Bool) throws(RegexSyntaxError) -> Escaped {
        guard let character = current else { throw RegexSyntaxError(reason: "ends with a lone backslash") }
        position += 1
        switch character {
        case 0x64: return .set(.digits)  // d
        case 0x44: return .set(ScalarClass.digits.inverted)  // D
        case 0x77: return .set(.wordCharacters)  // w
        case 0x57: return .set(ScalarClass.wordCharacters.inverted)  // W
        case 0x73: return .set(.whiteSpace)  // s
        case 0x53: return .set(ScalarClass.whiteSpace.inverted)  // S
        case 0x74: return .single(0x09)  // t
        case 0x6E: return .single(0x0A)  // n
        case 0x76: return .single(0x0B)  // v
        case 0x66: return .single(0x0C)  // f
        case 0x72: return .single(0x0D)  // r
        case 0x62 where insideClass: return .single(0x08)  // b: backspace inside a class
        case 0x30 where !(peek(0).map { (0x30...0x39).contains($0) } ?? false): return .single(0)  // \0
        case 0x63:  // cX
            if let letter = current, (0x41...0x5A).contains(letter) || (0x61...0x7A).contains(letter) {
                position += 1
                return .single(letter % 32)
            }
            throw RegexSyntaxError(reason: "has \\c without a control letter")
        case 0x78:  // xHH
            guard let value = hexDigits(count: 2) else {
                throw RegexSyntaxError(reason: "has \\x without two hex digits")
            }
            return .single(value)
        case 0x75: return .single(try parseUnicodeEscape())  // u
        case 0x70, 0x50:  // p P
            return .set(try parseProperty(negated: character == 0x50))
        case 0x41, 0x5A, 0x7A:
            throw RegexSyntaxError(reason: "uses \\A, \\Z or \\z, which are not ECMA-262; use ^ and $")
        default:
            if let scalar = Unicode.Scalar(character), scalar.properties.isIDContinue, !insideClass || character != 0x2D
            {
                throw RegexSyntaxError(reason: "has an unknown escape \\\(Character(scalar))")
            }
            return .single(character)  // \. \/ \- \\ and other punctuation stand for themselves
        }
    }

    private mutating func hexDigits(count: Int) -> UInt32? {
        var value: UInt32 = 0
        for offset in 0..<count {
            guard let digit = peek(offset).flatMap(Self.hexValue) else { return nil }
            value = value * 16 + digit
        }
        position += count
        return value
    }

    private static func hexValue(_ character: UInt32) -> UInt32? {
        switch character {
        case 0x30...0x39: character - 0x30
        case 0x41...0x46: character - 0x41 + 10
        case 0x61...0x66: character - 0x61 + 10
        default: nil
        }
    }

    /// `\uXXXX` (joining a surrogate pair written as two escapes) or `\u{…}`.
    private mutating func parseUnicodeEscape() throws(RegexSyntaxError) -> UInt32 {
        if consume("{") {
            var value: UInt32 = 0
            var digits = 0
            while let character = current, let digit = Self.hexValue(character) {
                value = min(value * 16 + digit, 0x110000)
                digits += 1
                position += 1
            }
            guard digits > 0, consume("}"), value <= 0x10FFFF else {
                throw RegexSyntaxError(reason: "has an invalid \\u{…} escape")
            }
            return value
        }
        guard let high = hexDigits(count: 4) else { throw RegexSyntaxError(reason: "has \\u without four hex digits") }
        if (0xD800...0xDBFF).contains(high), peek(0) == 0x5C, peek(1) == 0x75 {
            let saved = position
            position += 2
            if let low = hexDigits(count: 4), (0xDC00...0xDFFF).contains(low) {
                return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            }
            position = saved
        }
        return high
    }

    private mutating func parseProperty(negated: Bool) throws(RegexSyntaxError) -> ScalarClass {
        guard consume("{") else { throw RegexSyntaxError(reason: "has \\p without {…}") }
        var name = ""
        while let character = current, character != 0x7D, let scalar = Unicode.Scalar(character) {
            name.unicodeScalars.append(scalar)
            position += 1
        }
        guard consume("}") else { throw RegexSyntaxError(reason: "has an unclosed \\p{") }
        var set = ScalarClass()
        set.properties = [try UnicodeProperty(named: name, negated: negated)]
        return set
    }

    /// A bracketed class (after the "[").
    mutating func parseClass() throws(RegexSyntaxError) -> ScalarClass {
        var set = ScalarClass()
        set.isNegated = consume("^")
        while let character = current, character != 0x5D /* ] */ {
            let first = try parseClassAtom()
            if current == 0x2D, let next = peek(1), next != 0x5D {  // a range "x-y"
                position += 1
                let second = try parseClassAtom()
                guard case .single(let low) = first, case .single(let high) = second else {
                    throw RegexSyntaxError(reason: "has a class range with a class escape (like \\d) at one end")
                }
                guard low <= high else { throw RegexSyntaxError(reason: "has a class range out of order") }
                set.insert(low...high)
            } else {
                switch first {
                case .single(let value): set.insert(value...value)
                case .set(let other): set.formUnion(other)
                }
            }
        }
        guard consume("]") else { throw RegexSyntaxError(reason: "has an unclosed character class \"[\"") }
        return set
    }

    private mutating func parseClassAtom() throws(RegexSyntaxError) -> Escaped {
        guard let character = current else { throw RegexSyntaxError(reason: "has an unclosed character class \"[\"") }
        position += 1
        guard character == 0x5C else { return .single(character) }
        return try parseClassOrCharacterEscape(insideClass: true)
    }
}

extension ScalarClass {
    /// The same set, negated.
    var inverted: ScalarClass {
        var copy = self
        copy.isNegated.toggle()
        return copy
    }
}
