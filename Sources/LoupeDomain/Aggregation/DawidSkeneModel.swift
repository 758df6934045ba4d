/// Fitted Dawid–Skene parameters: class priors, one K×K confusion matrix per worker and the
/// pooled confusion matrix of all workers.
///
/// Confusion matrices are row-major with rows = true class and columns = answered label:
/// entry `[c][k]` is P(worker answers k | true class c); every row sums to 1 and every entry
/// of a fitted model is positive. Workers outside the model (new workers) are scored with
/// the pooled matrix.
public struct DawidSkeneModel: Sendable, Codable, Hashable {
    /// Number of classes K.
    public let classCount: Int
    /// P(true class = c), length K.
    public let classPriors: [Double]
    /// Per-worker confusion matrices, flattened as `[worker][trueClass][answer]` (W·K·K).
    public let workerConfusion: [Double]
    /// Confusion matrix of all workers' judgments pooled, flattened as `[trueClass][answer]`.
    public let pooledConfusion: [Double]

    /// Number of workers with their own confusion matrix.
    public var workerCount: Int { workerConfusion.count / (classCount * classCount) }

    /// Creates a model from its parameters. Traps when the sizes do not match `classPriors`.
    public init(classPriors: [Double], workerConfusion: [Double], pooledConfusion: [Double]) {
        let classCount = classPriors.count
        precondition(classCount >= 2, "at least two classes are needed")
        precondition(pooledConfusion.count == classCount * classCount, "pooled matrix must be K×K")
        precondition(workerConfusion.count % (classCount * classCount) == 0, "worker matrices must be K×K")
        self.classCount = classCount
        self.classPriors = classPriors
        self.workerConfusion = workerConfusion
        self.pooledConfusion = pooledConfusion
    }

    /// The confusion matrix (`[trueClass][answer]`, K·K) used for `worker`: its own matrix,
    /// or the pooled matrix when the worker is unknown to the model.
    public func confusion(forWorker worker: Int32) -> ArraySlice<Double> {
        let size = classCount * classCount
        guard worker >= 0, Int(worker) < workerCount else { return pooledConfusion[...] }
        let start = Int(worker) * size
        return workerConfusion[start..<(start + size)]
    }

    /// Expected accuracy Σ_c p_c·e_w[c, c] of `worker` (pooled matrix for unknown workers).
    public func expectedAccuracy(ofWorker worker: Int32) -> Double {
        let matrix = confusion(forWorker: worker)
        let start = matrix.startIndex
        var accuracy = 0.0
        for trueClass in 0..<classCount {
            accuracy += classPriors[trueClass] * matrix[start + trueClass * classCount + trueClass]
        }
        return accuracy
    }

    /// Posterior over the true class of one task, given its answers, in O(answers·K).
    ///
    /// This is the incremental path: score a task from the current model without refitting.
    /// Workers unknown to the model use the pooled matrix. With no answers it returns the priors.
    /// Traps on a label outside `0 ..< classCount`.
    public func posterior(for answers: [(worker: Int32, label: Int32)]) -> [Double] {
        var logPosterior = classPriors.map(logarithm)
        for answer in answers {
            precondition(answer.label >= 0 && Int(answer.label) < classCount, "label out of range")
            let matrix = confusion(forWorker: answer.worker)
            let column = matrix.startIndex + Int(answer.label)
            for trueClass in 0..<classCount {
                logPosterior[trueClass] += logarithm(matrix[column + trueClass * classCount])
            }
        }
        logPosterior.withUnsafeMutableBufferPointer { _ = normalizeLogProbabilities($0) }
        return logPosterior
    }
}
