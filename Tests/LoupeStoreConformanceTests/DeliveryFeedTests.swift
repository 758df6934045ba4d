import LoupeDomain
import LoupeStore
import LoupeTestSupport
import Testing

@Suite("Delivery feeds and the outbox")
struct DeliveryFeedTests {
    static func ids(_ tasks: [WorkTask]) -> [String] { tasks.map(\.id) }

    @Test func consumersAreIndependentAndReworkIsDeliveredAgain() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let project = try await Fixtures.project(store, org: org)
            let tasks = try (0..<3).map { _ in try Fixtures.task(project) }
            for task in tasks { try await Fixtures.add(store, task) }
            func complete() async throws -> WorkTask {
                try #require(
                    try await Fixtures.work(
                        store, org: org, worker: "w-\(Fixtures.ids.next())", answer: #"{"category":"cat"}"#))
            }
            let first = try await complete()
            let second = try await complete()
            #expect(first.status == .completed && first.deliverySequence == 1 && second.deliverySequence == 2)
            var query = DeliveryQuery(projectID: project.id, testMode: false)
            query.limit = 10
            let a1 = try await store.consumeDeliveries(query, consumer: "a", now: .now())
            #expect(Self.ids(a1.tasks) == [first.id, second.id] && a1.position == 2)
            #expect(a1.tasks.allSatisfy { $0.status == .delivered })
            var one = query
            one.limit = 1
            let b1 = try await store.consumeDeliveries(one, consumer: "b", now: .now())
            #expect(Self.ids(b1.tasks) == [first.id] && b1.position == 1)
            let third = try await complete()
            #expect(Self.ids(try await store.consumeDeliveries(query, consumer: "a", now: .now()).tasks) == [third.id])
            #expect(
                Self.ids(try await store.consumeDeliveries(query, consumer: "b", now: .now()).tasks) == [
                    second.id, third.id,
                ])
            let empty = try await store.consumeDeliveries(query, consumer: "a", now: .now())
            #expect(empty.tasks.isEmpty && empty.position == 3)
            // Acknowledgement up to what the consumer received, not beyond.
            await #expect(throws: DomainError.self) {
                try await store.acknowledgeDeliveries(
                    projectID: project.id, testMode: false, position: 9, consumer: "a", now: .now())
            }
            let acknowledged = try await store.acknowledgeDeliveries(
                projectID: project.id, testMode: false, position: 2, consumer: "a", now: .now())
            #expect(acknowledged == 2)
            #expect(try await store.task(id: first.id, organizationID: org)?.status == .acknowledged)
            #expect(try await store.task(id: third.id, organizationID: org)?.status == .delivered)
            // A reworked task leaves the feed, then comes back at a new, later place for everyone.
            let reworked = try await store.reworkTask(id: first.id, organizationID: org, reason: "wrong", now: .now())
            #expect(reworked.deliverySequence == nil && reworked.status == .pending)
            let again = try await complete()
            #expect(again.id == first.id && again.deliverySequence == 4)
            #expect(Self.ids(try await store.consumeDeliveries(query, consumer: "a", now: .now()).tasks) == [first.id])
            #expect(Self.ids(try await store.consumeDeliveries(query, consumer: "b", now: .now()).tasks) == [first.id])
            #expect(Self.ids(try await store.deliveries(query)) == [second.id, third.id, first.id])
        }
    }

    @Test func eventsOfOneTaskGoOutInOrderAndLeasesKeepNodesApart() async throws {
        try await TestDatabase.withTwoNodes { (one: Store, two: Store) async throws in
            let org = try await Fixtures.organization(one)
            let project = try await Fixtures.project(
                one, org: org, name: "hooked", settings: ["callback": ["url": "https://example.com/hook"]])
            let task = try Fixtures.task(project)
            try await Fixtures.add(one, task)
            let done = try #require(
                try await Fixtures.work(one, org: org, worker: "w1", answer: #"{"category":"cat"}"#))
            _ = try await one.reworkTask(id: done.id, organizationID: org, reason: "redo", now: .now())
            _ = try #require(try await Fixtures.work(one, org: org, worker: "w2", answer: #"{"category":"dog"}"#))
            let now = Timestamp.now()
            let lease = now.adding(seconds: 30)
            let claimed = try await one.claimDueEvents(owner: "one", now: now, leaseUntil: lease, limit: 10)
            #expect(claimed.map(\.kind) == [.taskCompleted], "only the oldest event of the task is due")
            #expect(try await two.claimDueEvents(owner: "two", now: now, leaseUntil: lease, limit: 10).isEmpty)
            let event = try #require(claimed.first)
            try await one.recordDeliveries([Self.outcome(event, .delivered, now)], owner: "one", now: now)
            let next = try await two.claimDueEvents(
                owner: "two", now: now, leaseUntil: now.adding(seconds: 1), limit: 10)
            #expect(next.map(\.kind) == [.taskReworked])
            // Node two "crashes": once its lease has run out, node one takes the event over.
            let later = now.adding(seconds: 2)
            let taken = try await one.claimDueEvents(
                owner: "one", now: later, leaseUntil: later.adding(seconds: 30), limit: 10)
            #expect(taken.map(\.id) == next.map(\.id))
            // The late node's outcome no longer counts; the holder's does.
            try await two.recordDeliveries([Self.outcome(next[0], .delivered, later)], owner: "two", now: later)
            #expect(try await one.event(id: next[0].id, organizationID: org, testMode: false)?.0.status == .delivering)
            try await one.recordDeliveries(
                [Self.outcome(taken[0], .retry(retryAfter: nil), later)], owner: "one", now: later)
            let retried = try #require(try await one.event(id: next[0].id, organizationID: org, testMode: false))
            #expect(retried.0.status == .pending && retried.0.attempts == 1)
            #expect(retried.1.count == 2, "both attempts are in the delivery log")
            let last = try await one.claimDueEvents(
                owner: "one", now: later, leaseUntil: later.adding(seconds: 30), limit: 10)
            #expect(last.map(\.kind) == [.taskReworked], "the retry comes before the next event of the task")
        }
    }

    @Test func creationAndBatchEventsAreWrittenWhenTheProjectAsks() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let project = try await Fixtures.project(
                store, org: org, name: "events",
                settings: [
                    "callback": ["url": "https://example.com/hook", "events": ["task.created", "batch.finished"]]
                ])
            let quiet = try await Fixtures.project(store, org: org, name: "quiet", settings: [:])
            let now = Timestamp.now()
            let batch = Batch(
                id: Fixtures.ids.next(), organizationID: org, projectID: project.id, clientBatchID: "b-1",
                status: .pending,
                priority: 0, testMode: false, createdAt: now, updatedAt: now)
            try await store.createBatch(batch, uploadTokenHash: nil)
            try await Fixtures.add(store, try Fixtures.task(project))
            try await Fixtures.add(store, try Fixtures.task(quiet))
            _ = try await store.transitionBatch(
                id: batch.id, organizationID: org, from: [.pending], to: .completed, at: now)
            let later = Timestamp.now().adding(seconds: 1)
            let events = try await store.claimDueEvents(
                owner: "n", now: later, leaseUntil: later.adding(seconds: 30), limit: 10)
            #expect(events.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.batchFinished, .taskCreated])
            #expect(
                events.allSatisfy { $0.projectID == project.id }, "the project without a callback URL writes no events")
            let batchEvent = try #require(events.first { $0.kind == .batchFinished })
            let body = try JSONParser.parse(batchEvent.payload.text).objectValue
            #expect(body?["client_batch_id"] == "b-1" && body?["status"] == "completed")
        }
    }

    @Test func deliveredEventsArePurgedAfterRetentionAndDeadLettersStay() async throws {
        try await TestDatabase.withStore { (store: Store) async throws in
            let org = try await Fixtures.organization(store)
            let project = try await Fixtures.project(
                store, org: org, name: "kept",
                settings: ["callback": ["url": "https://example.com/hook", "events": ["task.created"]]])
            for _ in 0..<2 { try await Fixtures.add(store, try Fixtures.task(project)) }
            let now = Timestamp.now().adding(seconds: 1)
            let events = try await store.claimDueEvents(
                owner: "n", now: now, leaseUntil: now.adding(seconds: 30), limit: 10)
            #expect(events.count == 2)
            try await store.recordDeliveries(
                [Self.outcome(events[0], .delivered, now), Self.outcome(events[1], .final, now)], owner: "n", now: now)
            #expect(
                try await store.purgeDeliveredEvents(deliveredBefore: now) == 0, "nothing is older than the cutoff yet")
            #expect(try await store.purgeDeliveredEvents(deliveredBefore: now.adding(seconds: 60)) == 1)
            #expect(try await store.event(id: events[0].id, organizationID: org, testMode: false) == nil)
            #expect(try await store.event(id: events[1].id, organizationID: org, testMode: false)?.0.status == .dead)
        }
    }

    static func outcome(_ event: OutboxEvent, _ verdict: DeliveryVerdict, _ now: Timestamp) -> DeliveryOutcome {
        let status: Int? = verdict == .delivered ? 200 : 500
        return DeliveryOutcome(
            event: event,
            attempt: DeliveryAttempt(
                eventID: event.id, number: event.attempts + 1, startedAt: now, statusCode: status,
                latencyMicroseconds: 1_000, error: nil),
            verdict: verdict, retryAt: now)
    }
}
