import LoupeDomain
import Testing

@Test func majorityVoteBreaksTiesByBatchFrequencyThenFirstReached() {
    let judgments = [
        // task 0: 1 vs 2 tie; label 2 is more common in the batch, so 2 wins.
        Judgment(task: 0, worker: 0, label: 1), Judgment(task: 0, worker: 1, label: 2),
        // task 1: unanimous 2 (makes 2 the most common label).
        Judgment(task: 1, worker: 0, label: 2), Judgment(task: 1, worker: 1, label: 2),
        // task 2: 0 vs 1, equally common in the batch (2 votes each): 0 reaches 1 vote first.
        Judgment(task: 2, worker: 0, label: 0), Judgment(task: 2, worker: 1, label: 1),
        Judgment(task: 3, worker: 0, label: 0),
    ]
    let result = MajorityVote.aggregate(judgments, taskCount: 5, workerCount: 2, classCount: 3)
    #expect(result.labels == [2, 2, 0, 0, -1])
    #expect(result.confidence == [0.5, 1, 0.5, 1, 0])
    #expect(result.iterations == 0)
}

@Test func weightedMajorityVoteFollowsTheHeavierWorker() {
    let judgments = [
        Judgment(task: 0, worker: 0, label: 1), Judgment(task: 0, worker: 1, label: 0),
        Judgment(task: 0, worker: 2, label: 0),
    ]
    let result = MajorityVote.aggregate(
        judgments, taskCount: 1, workerCount: 3, classCount: 2,
        weights: [3, 1, 1])
    #expect(result.labels == [1])
    #expect(result.confidence == [0.6])
    #expect(result.workerAccuracy == [1, 0, 0])
}

@Test func workersWithoutJudgmentsHaveUndefinedAgreement() {
    let result = MajorityVote.aggregate(
        [Judgment(task: 0, worker: 0, label: 1)],
        taskCount: 1, workerCount: 2, classCount: 2)
    #expect(result.workerAccuracy[0] == 1)
    #expect(result.workerAccuracy[1].isNaN)
}
