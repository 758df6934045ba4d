/// What each worker's confusion counts are shrunk toward in the M-step.
public enum ShrinkageTarget: Sendable, Hashable, Codable {
    /// The pooled confusion matrix of all workers (the REPORT.md §7 recipe).
    case pooledConfusion
    /// A hierarchical prior: a "one-coin" matrix at the worker's own accuracy (itself smoothed
    /// with K pseudo-judgments at the pooled accuracy) whose error mass is spread like the
    /// pooled matrix's errors. Sparse workers keep their skill level instead of collapsing to
    /// the crowd average, while well-observed workers keep their full confusion structure.
    case workerSkill

    /// Default shrinkage strength for this target: 5 for `.pooledConfusion` (REPORT.md §7),
    /// 30 for `.workerSkill` (chosen on fresh-seed validation data; empirical-Bayes estimates
    /// of the strength land at 20–30 on such data too).
    public var recommendedShrinkage: Double {
        switch self {
        case .pooledConfusion: 5
        case .workerSkill: 30
        }
    }
}

extension DawidSkeneModel {
    /// M-step: estimates priors and confusion matrices from task posteriors (T·K).
    ///
    /// Worker w's row for true class c is `(n_w[c, ·] + s·target_w[c, ·]) / (n_w[c] + s)`,
    /// where n_w are the posterior-weighted answer counts. The pooled matrix gets one
    /// pseudo-judgment per row spread uniformly, so every probability stays positive.
    /// Priors are smoothed: `(n_c + 1) / (T + K)` over judged tasks.
    init(estimatingFrom posteriors: [Double], index: TaskIndex, shrinkage: Double, target: ShrinkageTarget) {
        let classes = index.classCount
        let workerCount = index.workerCount
        let matrixSize = classes * classes
        // counts[(worker·K + answer)·K + trueClass]: posterior mass of answers, contiguous per judgment.
        var counts = [Double](repeating: 0, count: workerCount * matrixSize)
        var classMass = [Double](repeating: 0, count: classes)
        var judgedTasks = 0
        for task in 0..<index.taskCount where index.hasJudgments(task) {
            judgedTasks += 1
            let row = task * classes
            for trueClass in 0..<classes { classMass[trueClass] += posteriors[row + trueClass] }
            for position in index.offsets[task]..<index.offsets[task + 1] {
                let base = (Int(index.workers[position]) * classes + Int(index.labels[position])) * classes
                for trueClass in 0..<classes { counts[base + trueClass] += posteriors[row + trueClass] }
            }
        }

        var pooledCounts = [Double](repeating: 0, count: matrixSize)
        for worker in 0..<workerCount {
            for answer in 0..<classes {
                for trueClass in 0..<classes {
                    pooledCounts[trueClass * classes + answer] +=
                        counts[(worker * classes + answer) * classes + trueClass]
                }
            }
        }
        var pooled = pooledCounts
        for trueClass in 0..<classes {
            let rowRange = (trueClass * classes)..<((trueClass + 1) * classes)
            let rowTotal = pooledCounts[rowRange].reduce(0, +)
            for entry in rowRange { pooled[entry] = (pooledCounts[entry] + 1 / Double(classes)) / (rowTotal + 1) }
        }
        // Smoothed like the pooled matrix, so it is 1/K when there are no judgments yet.
        let pooledAgreement = (0..<classes).reduce(0) { $0 + pooledCounts[$1 * classes + $1] }
        let pooledAccuracy = (pooledAgreement + 1) / Double(index.count + classes)

        var confusion = [Double](repeating: 0, count: workerCount * matrixSize)
        var targetMatrix = pooled
        var rowTotals = [Double](repeating: 0, count: classes)
        for worker in 0..<workerCount {
            var agreement = 0.0
            for trueClass in 0..<classes {
                rowTotals[trueClass] = 0
                for answer in 0..<classes {
                    rowTotals[trueClass] += counts[(worker * classes + answer) * classes + trueClass]
                }
                agreement += counts[(worker * classes + trueClass) * classes + trueClass]
            }
            if target == .workerSkill {
                let judged = rowTotals.reduce(0, +)
                let accuracy = (agreement + Double(classes) * pooledAccuracy) / (judged + Double(classes))
                for trueClass in 0..<classes {
                    let errorMass = 1 - pooled[trueClass * classes + trueClass]
                    for answer in 0..<classes {
                        let entry = trueClass * classes + answer
                        targetMatrix[entry] =
                            answer == trueClass ? accuracy : (1 - accuracy) * pooled[entry] / errorMass
                    }
                }
            }
            for trueClass in 0..<classes {
                for answer in 0..<classes {
                    let entry = trueClass * classes + answer
                    let count = counts[(worker * classes + answer) * classes + trueClass]
                    confusion[worker * matrixSize + entry] =
                        (count + shrinkage * targetMatrix[entry]) / (rowTotals[trueClass] + shrinkage)
                }
            }
        }

        let priorDenominator = Double(judgedTasks + classes)
        self.init(
            classPriors: classMass.map { ($0 + 1) / priorDenominator },
            workerConfusion: confusion,
            pooledConfusion: pooled
        )
    }
}
