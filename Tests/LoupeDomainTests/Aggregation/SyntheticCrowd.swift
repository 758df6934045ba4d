import LoupeDomain

/// SplitMix64: a small seeded generator so every test crowd is reproducible.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// A random crowd: workers with accuracy `workerAccuracies[w]` answer the truth, otherwise a
/// uniformly random wrong class; each task is answered by `overlap` distinct random workers.
struct SyntheticCrowd {
    let truth: [Int32]
    let judgments: [Judgment]
    let classCount: Int
    let workerCount: Int

    init(taskCount: Int, classCount: Int, workerAccuracies: [Double], overlap: Int, seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        var truth: [Int32] = []
        var judgments: [Judgment] = []
        for task in 0..<taskCount {
            let trueClass = Int32.random(in: 0..<Int32(classCount), using: &random)
            truth.append(trueClass)
            let workers = Array(0..<workerAccuracies.count).shuffled(using: &random).prefix(overlap)
            for worker in workers {
                var label = trueClass
                if Double.random(in: 0..<1, using: &random) >= workerAccuracies[worker] {
                    label = (trueClass + Int32.random(in: 1..<Int32(classCount), using: &random)) % Int32(classCount)
                }
                judgments.append(Judgment(task: Int32(task), worker: Int32(worker), label: label))
            }
        }
        self.truth = truth
        self.judgments = judgments
        self.classCount = classCount
        self.workerCount = workerAccuracies.count
    }

    var taskCount: Int { truth.count }

    /// Fraction of tasks whose label equals the truth.
    func accuracy(of labels: [Int32]) -> Double {
        Double(zip(labels, truth).filter { $0 == $1 }.count) / Double(truth.count)
    }
}
