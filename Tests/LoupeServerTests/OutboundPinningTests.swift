import Foundation
import LoupeDelivery
import Synchronization
import Testing

@Suite("Outbound requests go where they were vetted")
struct OutboundPinningTests {
    /// A sender behind `policy`; the connect timeout bounds the wait on 192.0.2.1, which never answers.
    static func sender(_ policy: CallbackAddressPolicy, connectTimeout: Double = 0.5) -> WebhookSender {
        let configuration = OutboundHTTP.configuration(
            connectTimeout: connectTimeout, readTimeout: 20, connectionsPerEndpoint: 1)
        return WebhookSender(
            outbound: OutboundHTTP(policy: policy, configuration: configuration), requestTimeout: connectTimeout + 20)
    }

    @Test func aNameThatRebindsToLoopbackAfterTheCheckSendsNothingInside() async throws {
        let sink = WebhookSink { _ in 200 }
        try await sink.run { base in
            let port = try #require(URLComponents(string: base)?.port)
            let url = "http://localhost:\(port)/hook"
            // The system resolves localhost to the sink on loopback, so an unpinned request reaches it.
            let open = Self.sender(CallbackAddressPolicy(allowPrivate: true), connectTimeout: 10)
            let reached = await open.post(url: url, headers: [], body: Array("{}".utf8))
            #expect(reached.statusCode == 200, "\(reached.error ?? "")")
            #expect(sink.requests.count == 1)
            await open.outbound.shutdown()

            // A rebinding resolver: a public address when Loupe vets the name, loopback afterwards.
            let lookups = Mutex(0)
            let policy = CallbackAddressPolicy(allowPrivate: false) { _ in
                let first = lookups.withLock { count in
                    count += 1
                    return count == 1
                }
                return [ResolvedAddress(numeric: first ? "192.0.2.1" : "127.0.0.1")!]
            }
            let guarded = Self.sender(policy)
            for _ in 0..<3 {
                let response = await guarded.post(url: url, headers: [], body: Array("{}".utf8))
                #expect(response.statusCode == nil, "the request went to the vetted 192.0.2.1, which does not answer")
                #expect(!response.refused)
            }
            #expect(sink.requests.count == 1, "nothing more reached loopback")
            #expect(lookups.withLock { $0 } == 1, "the name was resolved once and the answer kept")
            await guarded.outbound.shutdown()
        }
    }

    @Test func aNameResolvingToAnyInnerAddressIsRefusedBeforeSending() async throws {
        let policy = CallbackAddressPolicy(allowPrivate: false) { host in
            host == "mixed.example"
                ? [ResolvedAddress(numeric: "93.184.216.34")!, ResolvedAddress(numeric: "10.0.0.7")!] : nil
        }
        let sender = Self.sender(policy)
        let response = await sender.post(url: "https://mixed.example/hook", headers: [], body: [])
        await sender.outbound.shutdown()
        #expect(response.refused)
        #expect(
            response.error
                == "the callback host mixed.example is a private address; set LOUPE_ALLOW_PRIVATE_CALLBACKS=1 to allow it"
        )
        #expect(
            await policy.target(for: "https://nowhere.example/")
                == .refused("the callback host nowhere.example cannot be resolved"))
        #expect(await policy.target(for: "http://93.184.216.34/") == .asGiven)
        #expect(await policy.target(for: "http://[::ffff:10.0.0.1]/").refusal != nil)
    }
}
