import LoupeDomain
import Testing

@Suite("Workflow rules")
struct WorkflowDomainTests {
    static let ids = ObjectIDGenerator()

    @Test func partitionSharesFollowWeightsWithinTwoPoints() {
        let weights = ["a": 10, "b": 20, "c": 30, "d": 40]
        let partition = WorkerPartition(workerIDs: ["a", "b", "c", "d"], weights: weights, workersPerInput: 1)
        var counts: [String: Int] = [:]
        for _ in 0..<10_000 {
            let key = WorkerPartition.key(forTaskID: Self.ids.next())
            let owners = partition.ranges.filter { $0.contains(key) }.map(\.workerID)
            #expect(owners.count == 1)
            for owner in owners { counts[owner, default: 0] += 1 }
        }
        for (worker, weight) in weights {
            let share = Double(counts[worker] ?? 0) / 10_000
            #expect(abs(share - Double(weight) / 100) < 0.02, "\(worker): \(share)")
        }
    }

    @Test func severalWorkersPerInputAreDistinctAndCapped() {
        // "big" would deserve more than every task; it is capped at all of them and the rest share the remainder.
        let partition = WorkerPartition(
            workerIDs: ["big", "x", "y", "z"], weights: ["big": 100, "x": 1, "y": 1, "z": 1], workersPerInput: 2)
        var bigCount = 0
        for _ in 0..<5_000 {
            let key = WorkerPartition.key(forTaskID: Self.ids.next())
            let owners = partition.ranges.filter { $0.contains(key) }.map(\.workerID)
            #expect(owners.count == 2 && Set(owners).count == 2)
            if owners.contains("big") { bigCount += 1 }
        }
        #expect(bigCount == 5_000)
    }

    @Test func settingsRejectImpossiblePartitions() {
        #expect(throws: DomainError.self) {
            try WorkflowSettings.parse([
                "workers": ["strategy": "partitioned", "user_ids": ["a"], "workers_per_input": 2]
            ])
        }
        #expect(throws: DomainError.self) {
            try WorkflowSettings.parse([
                "workers": ["strategy": "partitioned", "user_ids": ["a", "b"], "weights": ["c": 5]]
            ])
        }
        let full = try? WorkflowSettings.parse([
            "overlap": 5, "workers": ["strategy": "full", "user_ids": ["a", "b"]],
        ])
        #expect(full?.effectiveOverlap == 2)
    }

    static func results(_ answers: [String]) -> [ResultAnswer] {
        answers.enumerated().map {
            ResultAnswer(assignmentID: "a\($0)", workerID: "w\($0)", answer: ["category": .string($1)])
        }
    }

    @Test func consensusApprovesAtTheThresholdAndOtherwiseAsksAReviewer() {
        var settings = WorkflowSettings()
        settings.reviewStrategy = .consensus
        settings.approvalThreshold = 2
        let policy = CompletionPolicy(settings: settings)
        guard
            case .complete(let outcome) = policy.decide(
                taskID: "t", results: Self.results(["cat", "dog", "cat"]), extraResults: 0, model: nil)
        else { Issue.record("two equal answers should complete"); return }
        #expect(outcome.answer == ["category": "cat"])
        #expect(abs(outcome.agreement - 2.0 / 3) < 1e-9)
        #expect(outcome.method == "consensus")
        guard
            case .review = policy.decide(
                taskID: "t", results: Self.results(["cat", "dog", "bird"]), extraResults: 0, model: nil)
        else { Issue.record("disagreement should go to review"); return }
    }

    @Test func manualReviewSamplesTheRequestedShare() {
        let sampled = (0..<10_000).filter { _ in CompletionPolicy.isSampled(taskID: Self.ids.next(), share: 0.3) }.count
        #expect(abs(Double(sampled) / 10_000 - 0.3) < 0.02)
        #expect(CompletionPolicy.isSampled(taskID: "x", share: 1))
        #expect(!CompletionPolicy.isSampled(taskID: "x", share: 0))
    }

    @Test func aggregateAsksForOneMoreResultThenAReviewer() {
        var settings = WorkflowSettings()
        settings.reviewStrategy = .aggregate
        settings.minConfidence = 0.9
        settings.maxExtraResults = 1
        let policy = CompletionPolicy(settings: settings)
        let split = Self.results(["cat", "dog"])
        #expect(policy.decide(taskID: "t", results: split, extraResults: 0, model: nil) == .oneMoreResult)
        guard case .review = policy.decide(taskID: "t", results: split, extraResults: 1, model: nil) else {
            Issue.record("after the extra result a reviewer decides"); return
        }
    }

    @Test func answerRulesCheckCategoriesAndBoxes() {
        let params: JSONObject = ["categories": ["cat", "dog"]]
        #expect(
            AnswerRules.violations(type: "categorization", answer: ["category": "cat"], data: [:], params: params)
                .isEmpty)
        let wrong = AnswerRules.violations(
            type: "categorization", answer: ["category": "cow"], data: [:], params: params)
        #expect(wrong.first?.path == "/category")
        let image: JSONObject = ["image_width": 100, "image_height": 50]
        let inside: JSONObject = ["annotations": [["label": "car", "left": 10, "top": 10, "width": 20, "height": 20]]]
        let outside: JSONObject = ["annotations": [["label": "car", "left": 90, "top": 10, "width": 20, "height": 20]]]
        #expect(AnswerRules.violations(type: "annotation", answer: inside, data: image, params: [:]).isEmpty)
        #expect(
            AnswerRules.violations(type: "annotation", answer: outside, data: image, params: [:]).first?.path
                == "/annotations/0")
    }

    @Test func syntheticAnswersPassTheRules() throws {
        let params: JSONObject = ["categories": ["cat", "dog"], "objects_to_annotate": ["car"]]
        let data: JSONObject = ["image_width": 640, "image_height": 480]
        for type in ["categorization", "annotation", "transcription"] {
            let answer = SyntheticAnswer.make(type: type, data: data, params: params, deliverySchema: nil)
            #expect(AnswerRules.violations(type: type, answer: answer, data: data, params: params).isEmpty, "\(type)")
        }
        let schema: JSONValue = [
            "type": "object", "required": ["label", "score"],
            "properties": ["label": ["enum": ["yes", "no"]], "score": ["type": "integer", "minimum": 1]],
        ]
        let made = SyntheticAnswer.make(type: "custom", data: [:], params: [:], deliverySchema: schema)
        #expect(try JSONSchema(schema).validate(.object(made)).isEmpty)
    }

    @Test func multiLabelColdStartKeepsCategoriesMostWorkersChose() throws {
        let model = MultiLabelAnswerModel.coldStart(categories: ["a", "b", "c"])
        let results = [
            ResultAnswer(assignmentID: "1", workerID: "w1", answer: ["category": ["a", "b"]]),
            ResultAnswer(assignmentID: "2", workerID: "w2", answer: ["category": ["a", "b"]]),
            ResultAnswer(assignmentID: "3", workerID: "w3", answer: ["category": ["a"]]),
        ]
        let (answer, probability) = try #require(model.mostProbable(results))
        #expect(answer == ["category": ["a", "b"]])
        // a: unanimous (0.985), b: two against one (0.8), c: unanimous no (0.985).
        #expect(abs(probability - 0.98461538 * 0.8 * 0.98461538) < 1e-6)
        #expect(
            model.mostProbable([ResultAnswer(assignmentID: "4", workerID: "w", answer: ["category": ["d"]])]) == nil)
    }
}
