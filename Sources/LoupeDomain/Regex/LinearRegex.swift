/// A regular expression in ECMA-262 syntax, compiled to a program that a Pike VM runs in time
/// proportional to (pattern size × input length), so no pattern can make matching take
/// exponential time the way a backtracking engine does with `^(a+)+$`.
///
/// Supported: literals and escapes (`\.`, `\/`, `\-`, `\n`, `\t`, `\v`, `\f`, `\r`, `\0`, `\cX`,
/// `\xHH`, `\uXXXX` (surrogate pairs combined), `\u{…}`), `.` (anything but a line terminator),
/// character classes with ranges, negation and escapes, `\d \w \s \D \W \S`, `\b \B`, `^ $`
/// (not multiline), groups `( )`, `(?: )`, `(?<name> )`, alternation, the quantifiers
/// `* + ? {n} {n,} {n,m}` and their lazy forms, and the common Unicode property classes
/// `\p{…}` / `\P{…}` (general categories such as `L`, `Lu`, `Letter`, `Nd`, and a few binary
/// properties such as `Alphabetic` and `White_Space`).
///
/// Refused, with a reason: backreferences (`\1`, `\k<name>`), lookahead and lookbehind,
/// Unicode script properties, and patterns whose program would exceed
/// ``maximumInstructions`` once counted repetition is expanded.
struct LinearRegex: Sendable {
    /// The pattern as written.
    let pattern: String
    /// The compiled program; instruction 0 is the entry point.
    let program: [RegexInstruction]
    /// Whether the pattern can only match at the start of the input (it begins with `^`
    /// on every path), so the search need not restart at later positions.
    let isAnchoredAtStart: Bool

    /// The most instructions a compiled pattern may have. Counted repetition is expanded,
    /// so `(a{1000}){1000}` would need a million and is refused.
    static let maximumInstructions = 20_000

    /// How deeply groups may nest; keeps the parser's recursion bounded.
    static let maximumNesting = 100

    /// Parses and compiles `pattern`, throwing for syntax errors and for what cannot run in linear time.
    init(_ pattern: String) throws(RegexSyntaxError) {
        var parser = RegexParser(pattern)
        let tree = try parser.parse()
        var compiler = RegexCompiler(limit: Self.maximumInstructions)
        try compiler.emit(tree)
        try compiler.append(.match)
        self.pattern = pattern
        self.program = compiler.program
        self.isAnchoredAtStart = tree.isAnchoredAtStart
    }
}

/// Why a pattern was refused.
struct RegexSyntaxError: Error, Sendable, Equatable {
    /// A sentence fragment explaining the problem, e.g. "backreferences (\\1) are not supported".
    let reason: String
}

/// A zero-width test of the position between two scalars.
enum RegexAssertion: Sendable, Equatable {
    /// `^`, `$`, `\b` and `\B` (never multiline).
    case start, end, wordBoundary, notWordBoundary
}

/// One step of a compiled program.
enum RegexInstruction: Sendable {
    /// Consumes exactly this scalar value.
    case scalar(UInt32)
    /// Consumes any scalar in the class.
    case set(ScalarClass)
    /// Consumes any scalar except a line terminator.
    case anyButNewline
    /// Continues at both targets.
    case split(Int, Int)
    /// Continues at the target.
    case jump(Int)
    /// Continues only if the position passes the test.
    case assert(RegexAssertion)
    /// The pattern has matched.
    case match
}

/// A parsed pattern.
indirect enum RegexNode: Sendable {
    /// Matches the empty string.
    case empty
    /// One literal scalar.
    case scalar(UInt32)
    /// One scalar from a class.
    case set(ScalarClass)
    /// `.`
    case anyButNewline
    /// A zero-width test.
    case assertion(RegexAssertion)
    /// Parts matched one after another.
    case sequence([RegexNode])
    /// Choices separated by `|`.
    case alternation([RegexNode])
    /// A quantified part; `maximum` nil means unbounded.
    case repetition(RegexNode, minimum: Int, maximum: Int?)

    /// Whether every match must begin at the start of the input.
    var isAnchoredAtStart: Bool {
        switch self {
        case .assertion(.start): true
        case .sequence(let parts): parts.first?.isAnchoredAtStart ?? false
        case .alternation(let choices): choices.allSatisfy(\.isAnchoredAtStart)
        default: false
        }
    }
}
