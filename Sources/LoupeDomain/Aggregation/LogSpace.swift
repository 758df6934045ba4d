#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Natural logarithm (the C library's `log`, kept in one place so no other file needs a libc import).
@inline(__always)
func logarithm(_ value: Double) -> Double { log(value) }

/// Turns unnormalised log probabilities into probabilities in place (max-shifted to avoid
/// underflow) and returns the log of their normaliser, i.e. log Σ_c exp(values[c]).
@inline(__always)
func normalizeLogProbabilities(_ values: UnsafeMutableBufferPointer<Double>) -> Double {
    var largest = -Double.infinity
    for value in values { largest = max(largest, value) }
    var sum = 0.0
    for index in values.indices {
        let probability = exp(values[index] - largest)
        values[index] = probability
        sum += probability
    }
    for index in values.indices { values[index] /= sum }
    return largest + log(sum)
}

/// Per-judgment log-likelihood table of a model, laid out for the E-step's inner loop:
/// `logConfusion[(worker·K + answer)·K + trueClass]` = log P(answer | trueClass) for `worker`,
/// so the K values a judgment contributes are contiguous.
struct LogLikelihoodTable {
    /// Number of classes K.
    let classCount: Int
    /// log P(true class = c).
    let logPriors: [Double]
    /// log P(answer | true class) per worker, laid out as described above.
    let logConfusion: [Double]

    /// Builds the table for `workerCount` workers; workers the model does not know get its
    /// pooled matrix.
    init(_ model: DawidSkeneModel, workerCount: Int) {
        let classes = model.classCount
        var table = [Double](repeating: 0, count: workerCount * classes * classes)
        for worker in 0..<workerCount {
            let matrix = model.confusion(forWorker: Int32(worker))
            let start = matrix.startIndex
            for trueClass in 0..<classes {
                for answer in 0..<classes {
                    table[(worker * classes + answer) * classes + trueClass] =
                        log(matrix[start + trueClass * classes + answer])
                }
            }
        }
        classCount = classes
        logPriors = model.classPriors.map { log($0) }
        logConfusion = table
    }

    /// E-step: writes each task's posterior into `posteriors` (T·K, row per task; tasks
    /// without judgments get the priors) and returns the log-likelihood of all judged tasks.
    func computePosteriors(_ index: TaskIndex, into posteriors: inout [Double]) -> Double {
        let classes = classCount
        var logLikelihood = 0.0
        logConfusion.withUnsafeBufferPointer { table in
            posteriors.withUnsafeMutableBufferPointer { output in
                for task in 0..<index.taskCount {
                    let row = UnsafeMutableBufferPointer(rebasing: output[(task * classes)..<((task + 1) * classes)])
                    for trueClass in 0..<classes { row[trueClass] = logPriors[trueClass] }
                    for position in index.offsets[task]..<index.offsets[task + 1] {
                        let base = (Int(index.workers[position]) * classes + Int(index.labels[position])) * classes
                        for trueClass in 0..<classes { row[trueClass] += table[base + trueClass] }
                    }
                    let logEvidence = normalizeLogProbabilities(row)
                    if index.hasJudgments(task) { logLikelihood += logEvidence }
                }
            }
        }
        return logLikelihood
    }
}
