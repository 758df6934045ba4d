/// Emits the program for a ``RegexNode``, refusing once it would exceed the instruction limit.
struct RegexCompiler {
    /// The most instructions the program may have.
    let limit: Int
    /// The instructions emitted so far.
    var program: [RegexInstruction] = []

    /// A compiler that refuses programs longer than `limit`.
    init(limit: Int) { self.limit = limit }

    /// Appends one instruction.
    mutating func append(_ instruction: RegexInstruction) throws(RegexSyntaxError) {
        guard program.count < limit else {
            throw RegexSyntaxError(
                reason:
                    "is too large: it compiles to more than \(limit) instructions once repetition counts are expanded")
        }
        program.append(instruction)
    }

    /// Appends the instructions for `node`.
    mutating func emit(_ node: RegexNode) throws(RegexSyntaxError) {
        switch node {
        case .empty: break
        case .scalar(let value): try append(.scalar(value))
        case .set(let set): try append(.set(set))
        case .anyButNewline: try append(.anyButNewline)
        case .assertion(let assertion): try append(.assert(assertion))
        case .sequence(let parts): for part in parts { try emit(part) }
        case .alternation(let choices): try emitAlternation(choices[...])
        case .repetition(let body, let minimum, let maximum):
            try emitRepetition(body, minimum: minimum, maximum: maximum)
        }
    }

    /// `a|b|c` as `split(a, split(b, c))`, each branch jumping to the end.
    private mutating func emitAlternation(_ choices: ArraySlice<RegexNode>) throws(RegexSyntaxError) {
        guard let first = choices.first else { return }
        guard choices.count > 1 else { return try emit(first) }
        let split = program.count
        try append(.split(0, 0))
        try emit(first)
        let jump = program.count
        try append(.jump(0))
        let rest = program.count
        try emitAlternation(choices.dropFirst())
        program[split] = .split(split + 1, rest)
        program[jump] = .jump(program.count)
    }

    private mutating func emitRepetition(_ body: RegexNode, minimum: Int, maximum: Int?) throws(RegexSyntaxError) {
        for _ in 0..<minimum { try emit(body) }
        if let maximum {
            // Optional copies: each may be skipped straight to the end.
            var skips: [Int] = []
            for _ in minimum..<maximum {
                skips.append(program.count)
                try append(.split(0, 0))
                try emit(body)
            }
            for skip in skips { program[skip] = .split(skip + 1, program.count) }
        } else {
            let loop = program.count
            try append(.split(0, 0))
            try emit(body)
            try append(.jump(loop))
            program[loop] = .split(loop + 1, program.count)
        }
    }
}
