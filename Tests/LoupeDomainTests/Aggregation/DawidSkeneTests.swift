import LoupeDomain
import Foundation
import Testing

/// Three honest workers and two workers who always answer class 0 label every task. On every
/// fifth task whose truth is not 0, one honest worker slips and also answers 0, so the vote is
/// 3 (wrong) to 2 (right).
private func adversarialCrowd() -> (judgments: [Judgment], truth: [Int32]) {
    let taskCount = 90
    var judgments: [Judgment] = []
    var truth: [Int32] = []
    for task in 0..<taskCount {
        let trueClass = Int32(task % 3)
        truth.append(trueClass)
        let slippingWorker = trueClass != 0 && task % 5 == 0 ? (task / 5) % 3 : -1
        for honest in 0..<3 {
            let label = honest == slippingWorker ? 0 : trueClass
            judgments.append(Judgment(task: Int32(task), worker: Int32(honest), label: label))
        }
        for adversary in 3..<5 {
            judgments.append(Judgment(task: Int32(task), worker: Int32(adversary), label: 0))
        }
    }
    return (judgments, truth)
}

@Test func dawidSkeneIgnoresConstantAnswerersThatFoolMajorityVote() {
    let (judgments, truth) = adversarialCrowd()
    let majority = MajorityVote.aggregate(judgments, taskCount: 90, workerCount: 5, classCount: 3)
    let (_, fitted) = DawidSkene().fit(judgments, taskCount: 90, workerCount: 5, classCount: 3)

    let majorityErrors = zip(majority.labels, truth).filter { $0 != $1 }.count
    #expect(majorityErrors == 12)
    #expect(fitted.labels == truth)
    for honest in 0..<3 {
        for adversary in 3..<5 {
            #expect(fitted.workerAccuracy[honest] > fitted.workerAccuracy[adversary] + 0.3)
        }
    }
}

@Test func dawidSkeneBeatsMajorityVoteOnASpammyCrowd() {
    let accuracies = [0.9, 0.85, 0.8, 0.75, 0.7, 0.34, 0.34, 0.34]  // three near-random spammers
    let crowd = SyntheticCrowd(taskCount: 2_000, classCount: 3, workerAccuracies: accuracies, overlap: 3, seed: 7)
    let majority = MajorityVote.aggregate(
        crowd.judgments, taskCount: crowd.taskCount, workerCount: crowd.workerCount, classCount: 3)
    let (_, fitted) = DawidSkene().fit(
        crowd.judgments, taskCount: crowd.taskCount, workerCount: crowd.workerCount, classCount: 3)

    #expect(crowd.accuracy(of: fitted.labels) > crowd.accuracy(of: majority.labels) + 0.02)
    for (estimated, actual) in zip(fitted.workerAccuracy, accuracies) {
        #expect(abs(estimated - actual) < 0.06)
    }
}

@Test func modelPosteriorReproducesTheFittedConfidence() {
    let crowd = SyntheticCrowd(
        taskCount: 500, classCount: 4, workerAccuracies: [0.9, 0.7, 0.6, 0.5, 0.3],
        overlap: 3, seed: 11)
    let (model, fitted) = DawidSkene().fit(
        crowd.judgments, taskCount: crowd.taskCount, workerCount: crowd.workerCount, classCount: 4)
    for task in [0, 17, 499] {
        let answers = crowd.judgments.filter { $0.task == Int32(task) }.map { (worker: $0.worker, label: $0.label) }
        let posterior = model.posterior(for: answers)
        #expect(abs(posterior.reduce(0, +) - 1) < 1e-12)
        #expect(abs(posterior.max()! - fitted.confidence[task]) < 1e-9)
        #expect(Int32(posterior.firstIndex(of: posterior.max()!)!) == fitted.labels[task])
    }
    for (probability, prior) in zip(model.posterior(for: []), model.classPriors) {
        #expect(abs(probability - prior) < 1e-12)
    }
}

@Test func unknownWorkersAreScoredWithThePooledMatrix() {
    let pooled = [0.8, 0.2, 0.3, 0.7]
    let model = DawidSkeneModel(
        classPriors: [0.5, 0.5],
        workerConfusion: [0.99, 0.01, 0.01, 0.99],  // worker 0 is nearly perfect
        pooledConfusion: pooled)

    let unknown = model.posterior(for: [(worker: 42, label: 1)])
    let expectedClass1 = 0.5 * 0.7 / (0.5 * 0.2 + 0.5 * 0.7)
    #expect(abs(unknown[1] - expectedClass1) < 1e-12)
    #expect(abs(unknown[0] - (1 - expectedClass1)) < 1e-12)
    #expect(model.posterior(for: [(worker: -1, label: 1)]) == unknown)
    #expect(model.posterior(for: [(worker: 0, label: 1)])[1] > 0.98)
    #expect(Array(model.confusion(forWorker: 42)) == pooled)
    #expect(abs(model.expectedAccuracy(ofWorker: 42) - 0.75) < 1e-12)
}

@Test func warmStartConvergesInFewerIterations() {
    let crowd = SyntheticCrowd(
        taskCount: 3_000, classCount: 5,
        workerAccuracies: [0.9, 0.85, 0.8, 0.7, 0.6, 0.55, 0.3, 0.2, 0.9, 0.75],
        overlap: 3, seed: 3)
    let earlier = Array(crowd.judgments.prefix(crowd.judgments.count * 9 / 10))
    let dawidSkene = DawidSkene()
    let (previousModel, _) = dawidSkene.fit(
        earlier, taskCount: crowd.taskCount, workerCount: crowd.workerCount, classCount: 5)
    let (_, cold) = dawidSkene.fit(
        crowd.judgments, taskCount: crowd.taskCount, workerCount: crowd.workerCount, classCount: 5)
    let (_, warm) = dawidSkene.fit(
        crowd.judgments, taskCount: crowd.taskCount, workerCount: crowd.workerCount, classCount: 5,
        warmStart: previousModel)

    #expect(warm.iterations < cold.iterations)
    let agreement = zip(warm.labels, cold.labels).filter { $0 == $1 }.count
    #expect(Double(agreement) / Double(crowd.taskCount) > 0.995)
}

@Test func tasksWithoutJudgmentsGetNoLabel() {
    let judgments = [Judgment(task: 0, worker: 0, label: 1), Judgment(task: 2, worker: 1, label: 0)]
    let (_, fitted) = DawidSkene().fit(judgments, taskCount: 3, workerCount: 2, classCount: 2)
    #expect(fitted.labels[1] == -1)
    #expect(fitted.confidence[1] == 0)
    #expect(fitted.labels[0] == 1 && fitted.labels[2] == 0)

    let (emptyModel, empty) = DawidSkene().fit([], taskCount: 2, workerCount: 1, classCount: 3)
    #expect(empty.labels == [-1, -1])
    let posterior = emptyModel.posterior(for: [(worker: 0, label: 2)])
    #expect(posterior.allSatisfy { $0.isFinite && $0 > 0 })
}

@Test func pooledTargetRecipeAlsoRecoversTheTruth() {
    let (judgments, truth) = adversarialCrowd()
    let recipe = DawidSkene(target: .pooledConfusion)
    #expect(recipe.shrinkage == 5)
    let (_, fitted) = recipe.fit(judgments, taskCount: 90, workerCount: 5, classCount: 3)
    #expect(fitted.labels == truth)
}

@Test func modelSurvivesACodableRoundTrip() throws {
    let crowd = SyntheticCrowd(taskCount: 200, classCount: 3, workerAccuracies: [0.9, 0.6, 0.4], overlap: 2, seed: 1)
    let (model, _) = DawidSkene().fit(crowd.judgments, taskCount: 200, workerCount: 3, classCount: 3)
    let decoded = try JSONDecoder().decode(DawidSkeneModel.self, from: JSONEncoder().encode(model))
    #expect(decoded == model)
}
