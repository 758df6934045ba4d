public import LoupeDomain
public import LoupeStore

/// Test mode's worker: takes test-mode tasks through the same queue and completion path as people,
/// submitting valid synthetic answers as `synthetic-1`, `synthetic-2`, … (one name per result a
/// task needs), and approves test-mode work that lands in review.
public struct SyntheticWorker: Sendable {
    /// Where tasks live.
    public let store: Store
    /// Ids and time.
    public let factory: TaskFactory
    /// Answer checks, so synthetic answers are held to the same rules as people's.
    public let validator: AnswerValidator
    /// The aggregate strategy's models, so test tasks are decided as live ones are.
    public let models: AnswerModels
    /// Most tasks handled per pass.
    public var batchLimit = 500

    /// A synthetic worker.
    public init(store: Store, factory: TaskFactory, validator: AnswerValidator, models: AnswerModels) {
        self.store = store
        self.factory = factory
        self.validator = validator
        self.models = models
    }

    /// Does every available test-mode task once per synthetic name until none is left or the
    /// pass limit is reached; returns how many results were submitted.
    @discardableResult
    public func runOnce() async throws -> Int {
        var submitted = 0
        var projects: [String: Project] = [:]
        var idleNames = 0
        var name = 1
        while submitted < batchLimit, idleNames < 2, name <= 100 {
            let request = Store.WorkRequest(organizationID: nil, workerID: "synthetic-\(name)", testMode: true)
            var claimedAny = false
            while submitted < batchLimit,
                let (assignment, task) = try await store.claimNextTask(
                    request, assignmentID: factory.ids.next(), now: factory.clock.now())
            {
                claimedAny = true
                if projects[task.projectID] == nil {
                    projects[task.projectID] = try await store.project(
                        id: task.projectID, organizationID: task.organizationID)
                }
                guard let project = projects[task.projectID] else { continue }
                let data = (try? JSONParser.parse(task.data.text))?.objectValue ?? JSONObject()
                let dialectAnswer = validator.dialects.dialect(task.dialect).syntheticAnswer(
                    type: task.type, data: data)
                let answer =
                    dialectAnswer
                    ?? SyntheticAnswer.make(
                        type: task.type, data: data, params: project.params, deliverySchema: project.deliverySchema)
                do {
                    try validator.validate(answer, task: task, project: project)
                } catch {
                    // An answer we cannot make valid is given back; the task stays for a person to see.
                    try await store.release(
                        assignmentID: assignment.id, workerID: assignment.workerID, now: factory.clock.now())
                    continue
                }
                _ = try await store.submitAnswer(
                    assignmentID: assignment.id, workerID: assignment.workerID, answer: RawJSON(.object(answer)),
                    now: factory.clock.now(), model: try await models.model(for: project))
                submitted += 1
            }
            idleNames = claimedAny ? 0 : idleNames + 1
            name += 1
        }
        try await store.autoApproveDueReviews(now: factory.clock.now(), testModeOnly: true)
        return submitted
    }
}
