import LoupeDomain
import Testing

@Test func multiLabelRecoversLabelSetsDespiteASelectEverythingWorker() {
    // Four labels; the true set of task t is the labels whose bit is set in t % 16.
    let taskCount = 400, labelCount = 4
    var random = SeededGenerator(seed: 5)
    var judgments: [LabelSetJudgment] = []
    var truth: [[Int32]] = []
    for task in 0..<taskCount {
        let trueSet = (0..<labelCount).filter { (task % 16) & (1 << $0) != 0 }.map(Int32.init)
        truth.append(trueSet)
        for worker in 0..<3 {  // careful workers: each label decision flips with probability 0.1
            let selected = (0..<Int32(labelCount)).filter { label in
                trueSet.contains(label) != (Double.random(in: 0..<1, using: &random) < 0.1)
            }
            judgments.append(LabelSetJudgment(task: Int32(task), worker: Int32(worker), labels: selected))
        }
        judgments.append(LabelSetJudgment(task: Int32(task), worker: 3, labels: [0, 1, 2, 3]))
    }
    let result = MultiLabel.aggregate(judgments, taskCount: taskCount, workerCount: 4, labelCount: labelCount)

    // Per label, three careful votes are wrong with probability ≈ 0.028 (the Bayes error);
    // the select-everything worker must not add false positives on top of that.
    let decisions = zip(result.labelSets, truth).map { chosen, trueSet in
        (0..<Int32(labelCount)).filter { chosen.contains($0) == trueSet.contains($0) }.count
    }
    #expect(Double(decisions.reduce(0, +)) / Double(taskCount * labelCount) > 0.965)
    let exact = zip(result.labelSets, truth).filter { $0 == $1 }.count
    #expect(Double(exact) / Double(taskCount) > 0.85)
    for task in 0..<taskCount {
        for label in 0..<labelCount {
            let probability = result.probabilities[task][label]
            #expect((probability >= 0.5) == result.labelSets[task].contains(Int32(label)))
        }
    }
}

@Test func multiLabelLeavesUnjudgedTasksEmpty() {
    let judgments = [LabelSetJudgment(task: 0, worker: 0, labels: [1])]
    let result = MultiLabel.aggregate(judgments, taskCount: 2, workerCount: 1, labelCount: 2)
    #expect(result.labelSets[1].isEmpty)
    #expect(result.probabilities[1] == [0, 0])
}
