/// (Weighted) majority vote: each task gets the label with the highest total weight.
///
/// Ties are broken deterministically, first by the labels' total weight over the whole batch
/// (the more common label wins, an empirical class prior), then by the label that reached the
/// winning total first when the task's judgments are read in input order. Unlike breaking
/// ties by label number, neither rule favours low label indices.
public enum MajorityVote {
    /// Aggregates `judgments` by majority vote.
    ///
    /// - Parameters:
    ///   - weights: optional per-worker vote weight (linear, ≥ 0); every vote counts 1 when nil.
    /// - Returns: labels (-1 for tasks without judgments), the winning weight fraction as
    ///   confidence, and each worker's agreement rate with the consensus as `workerAccuracy`.
    public static func aggregate(
        _ judgments: [Judgment],
        taskCount: Int,
        workerCount: Int,
        classCount: Int,
        weights: [Double]? = nil
    ) -> AggregateResult {
        if let weights {
            precondition(weights.count == workerCount, "one weight per worker")
            precondition(weights.allSatisfy { $0 >= 0 }, "weights must be non-negative")
        }
        let index = TaskIndex(judgments, taskCount: taskCount, workerCount: workerCount, classCount: classCount)
        let weight = { (position: Int) in weights?[Int(index.workers[position])] ?? 1 }
        var batchTotals = [Double](repeating: 0, count: classCount)
        for position in 0..<index.count { batchTotals[Int(index.labels[position])] += weight(position) }

        var labels = [Int32](repeating: -1, count: taskCount)
        var confidence = [Double](repeating: 0, count: taskCount)
        var totals = [Double](repeating: 0, count: classCount)
        var running = [Double](repeating: 0, count: classCount)
        var voted = [Bool](repeating: false, count: classCount)
        for task in 0..<taskCount where index.hasJudgments(task) {
            let positions = index.offsets[task]..<index.offsets[task + 1]
            for label in 0..<classCount {
                totals[label] = 0
                running[label] = 0
                voted[label] = false
            }
            for position in positions {
                totals[Int(index.labels[position])] += weight(position)
                voted[Int(index.labels[position])] = true
            }
            var best = -Double.infinity, mostCommon = -Double.infinity, sum = 0.0
            for label in 0..<classCount where voted[label] {
                sum += totals[label]
                if totals[label] > best {
                    best = totals[label]
                    mostCommon = batchTotals[label]
                } else if totals[label] == best {
                    mostCommon = max(mostCommon, batchTotals[label])
                }
            }
            // Replay in input order; summing in the same order reproduces `totals` exactly.
            for position in positions {
                let label = Int(index.labels[position])
                running[label] += weight(position)
                if running[label] == best && totals[label] == best && batchTotals[label] == mostCommon {
                    labels[task] = Int32(label)
                    break
                }
            }
            confidence[task] = sum > 0 ? best / sum : 0
        }
        return AggregateResult(
            labels: labels,
            confidence: confidence,
            workerAccuracy: index.agreementRates(with: labels),
            iterations: 0
        )
    }
}
