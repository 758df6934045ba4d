/// A recursive-descent parser for ECMA-262 pattern syntax, producing a ``RegexNode``.
struct RegexParser {
    /// The pattern as scalar values.
    let scalars: [UInt32]
    /// The index of the next scalar to read.
    var position = 0
    /// How many groups are open.
    var nesting = 0

    /// A parser for `pattern`.
    init(_ pattern: String) { scalars = pattern.unicodeScalars.map(\.value) }

    /// The whole pattern as a tree.
    mutating func parse() throws(RegexSyntaxError) -> RegexNode {
        let tree = try parseDisjunction()
        if position < scalars.count {
            // Only an unmatched ")" stops a disjunction early.
            throw RegexSyntaxError(reason: "has an unmatched \")\"")
        }
        return tree
    }

    /// The next scalar, or nil at the end.
    var current: UInt32? { position < scalars.count ? scalars[position] : nil }

    /// The scalar `offset` places after the next one.
    func peek(_ offset: Int) -> UInt32? { position + offset < scalars.count ? scalars[position + offset] : nil }

    /// Reads `character` if it comes next.
    mutating func consume(_ character: Character) -> Bool {
        guard let current, let value = character.unicodeScalars.first?.value, current == value else { return false }
        position += 1
        return true
    }

    private mutating func parseDisjunction() throws(RegexSyntaxError) -> RegexNode {
        var choices = [try parseAlternative()]
        while consume("|") { choices.append(try parseAlternative()) }
        return choices.count == 1 ? choices[0] : .alternation(choices)
    }

    private mutating func parseAlternative() throws(RegexSyntaxError) -> RegexNode {
        var parts: [RegexNode] = []
        while let character = current, character != 0x7C /* | */, character != 0x29 /* ) */ {
            let atom = try parseTerm()
            parts.append(try parseQuantifier(applyingTo: atom))
        }
        switch parts.count {
        case 0: return .empty
        case 1: return parts[0]
        default: return .sequence(parts)
        }
    }

    /// One atom or assertion, without its quantifier.
    private mutating func parseTerm() throws(RegexSyntaxError) -> RegexNode {
        guard let character = current else { return .empty }
        position += 1
        switch character {
        case 0x5E: return .assertion(.start)  // ^
        case 0x24: return .assertion(.end)  // $
        case 0x2E: return .anyButNewline  // .
        case 0x28: return try parseGroup()  // (
        case 0x5B: return .set(try parseClass())  // [
        case 0x5C: return try parseAtomEscape()  // \
        case 0x2A, 0x2B, 0x3F: throw RegexSyntaxError(reason: "has a quantifier with nothing to repeat")  // * + ?
        case 0x7B where quantifierBounds(from: position - 1) != nil:
            throw RegexSyntaxError(reason: "has a quantifier with nothing to repeat")
        default: return .scalar(character)
        }
    }

    private mutating func parseGroup() throws(RegexSyntaxError) -> RegexNode {
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= LinearRegex.maximumNesting else {
            throw RegexSyntaxError(reason: "nests groups more than \(LinearRegex.maximumNesting) deep")
        }
        if consume("?") {
            if consume(":") {
                // Non-capturing group.
            } else if current == 0x3D || current == 0x21 {  // = !
                throw RegexSyntaxError(
                    reason: "uses lookahead ((?= or (?!), which is not supported (it cannot be matched in linear time)")
            } else if consume("<") {
                if current == 0x3D || current == 0x21 {
                    throw RegexSyntaxError(
                        reason:
                            "uses lookbehind ((?<= or (?<!), which is not supported (it cannot be matched in linear time)"
                    )
                }
                try skipGroupName()
            } else {
                throw RegexSyntaxError(reason: "has an unsupported group syntax \"(?\"")
            }
        }
        let inner = try parseDisjunction()
        guard consume(")") else { throw RegexSyntaxError(reason: "has an unclosed group \"(\"") }
        return inner
    }

    private mutating func skipGroupName() throws(RegexSyntaxError) {
        let start = position
        while let character = current, character != 0x3E /* > */ {
            guard Self.isNameCharacter(character, first: position == start) else {
                throw RegexSyntaxError(reason: "has an invalid group name")
            }
            position += 1
        }
        guard position > start, consume(">") else { throw RegexSyntaxError(reason: "has an invalid group name") }
    }

    /// Whether `value` may appear in a group name (at its start when `first`).
    static func isNameCharacter(_ value: UInt32, first: Bool) -> Bool {
        if value == 0x24 || value == 0x5F { return true }  // $ _
        guard let scalar = Unicode.Scalar(value) else { return false }
        return first ? scalar.properties.isIDStart : scalar.properties.isIDContinue
    }

    private mutating func parseQuantifier(applyingTo atom: RegexNode) throws(RegexSyntaxError) -> RegexNode {
        guard let character = current else { return atom }
        let bounds: (Int, Int?)
        switch character {
        case 0x2A: bounds = (0, nil); position += 1
        case 0x2B: bounds = (1, nil); position += 1
        case 0x3F: bounds = (0, 1); position += 1
        case 0x7B:
            guard let (minimum, maximum, end) = quantifierBounds(from: position) else { return atom }  // a literal "{"
            if let maximum, maximum < minimum {
                throw RegexSyntaxError(
                    reason: "has a quantifier {\(minimum),\(maximum)} whose numbers are out of order")
            }
            bounds = (minimum, maximum)
            position = end
        default: return atom
        }
        if case .assertion = atom { throw RegexSyntaxError(reason: "has a quantifier applied to an assertion") }
        _ = consume("?")  // Laziness changes which match is found, never whether there is one.
        if let next = current,
            [0x2A, 0x2B, 0x3F].contains(next) || (next == 0x7B && quantifierBounds(from: position) != nil)
        {
            throw RegexSyntaxError(reason: "has a quantifier with nothing to repeat")
        }
        return .repetition(atom, minimum: bounds.0, maximum: bounds.1)
    }

    /// `{n}`, `{n,}` or `{n,m}` starting at `start` (the "{"): the bounds and the index after "}".
    /// Numbers are capped so huge ones cannot overflow; the program size limit refuses them later.
    func quantifierBounds(from start: Int) -> (Int, Int?, Int)? {
        var index = start + 1
        func number() -> Int? {
            var value: Int?
            while index < scalars.count, (0x30...0x39).contains(scalars[index]) {
                value = min((value ?? 0) * 10 + Int(scalars[index] - 0x30), 1_000_000)
                index += 1
            }
            return value
        }
        guard let minimum = number() else { return nil }
        var maximum: Int? = minimum
        if index < scalars.count, scalars[index] == 0x2C {  // ,
            index += 1
            maximum = number()
        }
        guard index < scalars.count, scalars[index] == 0x7D else { return nil }  // }
        return (minimum, maximum, index + 1)
    }
}
