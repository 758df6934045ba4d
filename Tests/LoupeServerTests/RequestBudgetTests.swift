import HTTPTypes
import LoupeDomain
import LoupeServer
import LoupeTestSupport
import Testing

/// Each API key and organization has a request budget; past it the answer is a 429 saying when to
/// come back, in the native shape and in each dialect's own.
@Suite("Request budgets")
struct RequestBudgetTests {
    @Test func aKeyOverItsBudgetGets429WithRetryAfterAndRateLimitHeaders() async throws {
        try await TestApp.run(configure: { $0.keyRequestsPerSecond = 0.001 }) { app in
            var refused: Reply?
            for _ in 0..<20 {
                let reply = try await app.send(.get, "/api/v1/projects")
                if reply.status == .tooManyRequests {
                    refused = reply
                    break
                }
            }
            // A bucket of one refilled in 1,000 s: even a loaded CI machine cannot refill it mid-test.
            let native = try #require(refused, "a key sending 20 requests past a budget of 0.001/s is refused")
            #expect(native.errorCode == "rate_limited")
            #expect(Int(native.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(native.headers[HTTPField.Name("RateLimit-Limit")!] == "1")
            #expect(native.headers[HTTPField.Name("RateLimit-Remaining")!] == "0")
            let scale = try await app.send(.get, "/scale/v1/projects")
            #expect(scale.status == .tooManyRequests)
            #expect(scale.json["status_code"] == 429, "Scale's own error shape")
            #expect(scale.headers[.retryAfter] != nil)
            // Another key has its own budget.
            let other = try await app.send(.get, "/api/v1/projects", headers: TestApp.test)
            #expect(other.status == .ok)
        }
    }

    @Test func anOrganizationsKeysShareItsBudget() async throws {
        try await TestApp.run(configure: { $0.organizationRequestsPerSecond = 0.001 }) { app in
            var statuses: [HTTPResponse.Status] = []
            for index in 0..<12 {
                statuses.append(
                    try await app.send(.get, "/api/v1/projects", headers: index % 2 == 0 ? TestApp.live : TestApp.test)
                        .status)
            }
            #expect(statuses.contains(.tooManyRequests))
            #expect(statuses.filter { $0 == .ok }.count == 1, "a burst of one, refilled in 1,000 s")
        }
    }
}
