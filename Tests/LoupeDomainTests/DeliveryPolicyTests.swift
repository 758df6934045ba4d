import LoupeDomain
import Testing

@Suite("Delivery policies")
struct DeliveryPolicyTests {
    @Test func scalePresetSpreadsTwentyAttemptsOverAboutADay() {
        let policy = RetryPolicy.day
        #expect(policy.maxAttempts == 20)
        let waits = (1..<policy.maxAttempts).map { policy.backoff(afterAttempt: $0) }
        let hours = waits.reduce(0, +) / 3_600
        #expect(hours > 23 && hours < 25)
        #expect(waits.first == 30 && waits.max() == 7_200)
        let standard = (1..<RetryPolicy.standard.maxAttempts).map { RetryPolicy.standard.backoff(afterAttempt: $0) }
        #expect(standard == [30, 60, 120, 240])
    }

    @Test func jitterStaysWithinAFifthAndRetryAfterIsAFloor() {
        let policy = RetryPolicy(maxAttempts: 5, initialBackoff: 10, maxBackoff: 100)
        #expect(abs(policy.delay(afterAttempt: 2, jitterUnit: 0) - 16) < 1e-9)
        #expect(abs(policy.delay(afterAttempt: 2, jitterUnit: 1) - 24) < 1e-9)
        #expect(policy.delay(afterAttempt: 1, jitterUnit: 0.5, retryAfter: 90) == 90)
        #expect(policy.delay(afterAttempt: 1, jitterUnit: 0.5, retryAfter: 1) == 10)
    }

    @Test func answersAreSortedIntoDeliveredRetryAndFinal() {
        #expect(DeliveryVerdict.forStatus(200) == .delivered)
        #expect(DeliveryVerdict.forStatus(204) == .delivered)
        #expect(DeliveryVerdict.forStatus(429, retryAfter: 7) == .retry(retryAfter: 7))
        #expect(DeliveryVerdict.forStatus(503, retryAfter: 3) == .retry(retryAfter: 3))
        #expect(DeliveryVerdict.forStatus(500, retryAfter: 3) == .retry(retryAfter: nil))
        #expect(DeliveryVerdict.forStatus(408) == .retry(retryAfter: nil))
        #expect(DeliveryVerdict.forStatus(302) == .final)
        #expect(DeliveryVerdict.forStatus(404) == .final)
        #expect(DeliveryVerdict.forStatus(401) == .final)
    }

    @Test func callbackSettingsNameTheirBadFields() {
        func path(_ callback: JSONValue) -> String? {
            do {
                _ = try WorkflowSettings.parse(["callback": callback])
                return nil
            } catch { return error.details.first?.path }
        }
        #expect(path(["url": "ftp://x"]) == "/settings/callback/url")
        #expect(path(["events": ["task.completed", "task.exploded"]]) == "/settings/callback/events/1")
        #expect(path(["auth": ["type": "basic", "username": "u"]]) == "/settings/callback/auth/password")
        #expect(path(["auth": ["type": "kerberos"]]) == "/settings/callback/auth/type")
        #expect(path(["retry": ["preset": "forever"]]) == "/settings/callback/retry/preset")
        #expect(path(["retry": ["initial_backoff": 60, "max_backoff": 5]]) == "/settings/callback/retry/max_backoff")
        #expect(path(["max_concurrency": 0]) == "/settings/callback/max_concurrency")
        #expect(path(["surprise": 1]) == "/settings/callback/surprise")
        let parsed = try? WorkflowSettings.parse([
            "callback": [
                "url": "https://example.com/h", "auth": ["type": "hmac", "secret": "s"],
                "retry": ["preset": "day", "max_attempts": 3],
            ]
        ])
        #expect(parsed?.callback.auth == .hmac(keyID: "loupe", secret: "s"))
        #expect(parsed?.callback.retry.maxAttempts == 3 && parsed?.callback.retry.maxBackoff == 7_200)
        #expect(parsed?.callback.events == EventKind.defaultKinds)
    }
}
