extension LinearRegex {
    /// Whether the pattern matches anywhere in `string` (ECMA-262 `RegExp.prototype.test`:
    /// not implicitly anchored). Runs a Pike VM over the Unicode scalars: every program counter
    /// is live at most once per position, so time is O(pattern × input).
    func matches(_ string: String) -> Bool {
        let count = program.count
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: count * 4) { buffer in
            // Four regions: the generation at which each pc was last added, the current
            // and next thread lists, and the stack for following epsilon edges.
            guard let base = buffer.baseAddress else { return false }
            let marks = base
            var current = base + count
            var next = base + 2 * count
            let stack = base + 3 * count
            marks.initialize(repeating: -1, count: count)
            var currentCount = 0
            var nextCount = 0
            var generation = 0

            var scalars = string.unicodeScalars.makeIterator()
            var previous: UInt32?
            var upcoming = scalars.next()?.value

            // Adds `start` and everything reachable from it without consuming, at the position
            // between `previous` and `upcoming`; true when that reaches `match`.
            func addThread(_ start: Int, into list: UnsafeMutablePointer<Int>, count listCount: inout Int) -> Bool {
                guard marks[start] != generation else { return false }
                marks[start] = generation
                var depth = 1
                stack[0] = start
                while depth > 0 {
                    depth -= 1
                    let pc = stack[depth]
                    func push(_ target: Int) {
                        if marks[target] != generation {
                            marks[target] = generation
                            stack[depth] = target
                            depth += 1
                        }
                    }
                    switch program[pc] {
                    case .match: return true
                    case .jump(let target): push(target)
                    case .split(let first, let second):
                        push(second)
                        push(first)
                    case .assert(let assertion):
                        if Self.holds(assertion, previous: previous, upcoming: upcoming) { push(pc + 1) }
                    case .scalar, .set, .anyButNewline:
                        list[listCount] = pc
                        listCount += 1
                    }
                }
                return false
            }

            if addThread(0, into: current, count: &currentCount) { return true }
            while let scalar = upcoming {
                previous = scalar
                upcoming = scalars.next()?.value
                generation += 1
                nextCount = 0
                for index in 0..<currentCount {
                    let pc = current[index]
                    let consumes: Bool
                    switch program[pc] {
                    case .scalar(let value): consumes = value == scalar
                    case .set(let set): consumes = set.contains(scalar)
                    case .anyButNewline: consumes = !ScalarClass.isLineTerminator(scalar)
                    default: consumes = false
                    }
                    if consumes, addThread(pc + 1, into: next, count: &nextCount) { return true }
                }
                if !isAnchoredAtStart, addThread(0, into: next, count: &nextCount) { return true }
                swap(&current, &next)
                currentCount = nextCount
                if currentCount == 0, isAnchoredAtStart { return false }
            }
            return false
        }
    }

    /// Whether `assertion` holds between `previous` and `upcoming` (nil at either end of the input).
    static func holds(_ assertion: RegexAssertion, previous: UInt32?, upcoming: UInt32?) -> Bool {
        switch assertion {
        case .start: return previous == nil
        case .end: return upcoming == nil
        case .wordBoundary, .notWordBoundary:
            let before = previous.map(ScalarClass.isWordCharacter) ?? false
            let after = upcoming.map(ScalarClass.isWordCharacter) ?? false
            return (before != after) == (assertion == .wordBoundary)
        }
    }
}
