import HTTPTypes
public import Hummingbird
import LoupeDomain
import NIOCore

/// Cuts off request bodies that crawl. The connection's idle timeout closes a body that stops;
/// this stops one that trickles (a byte now and then keeps a connection and a handler busy for
/// good): once `graceSeconds` have passed since the request began, its body must have averaged at
/// least `minimumBytesPerSecond`, else the request ends with a 408.
public struct BodyPaceMiddleware<Context: RequestContext>: RouterMiddleware {
    let graceSeconds: Double
    let minimumBytesPerSecond: Double

    /// A middleware with the given grace period and minimum average rate.
    public init(graceSeconds: Double, minimumBytesPerSecond: Double) {
        self.graceSeconds = graceSeconds
        self.minimumBytesPerSecond = minimumBytesPerSecond
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        // A request without a body (most reads) has nothing to pace: no wrapper on that path.
        let length = request.headers[.contentLength]
        guard request.headers[.transferEncoding] != nil || (length != nil && length != "0") else {
            return try await next(request, context)
        }
        var request = request
        request.body = RequestBody(
            asyncSequence: PacedBody(
                base: request.body, start: .now, graceSeconds: graceSeconds,
                minimumBytesPerSecond: minimumBytesPerSecond))
        return try await next(request, context)
    }
}

/// A request body that throws when it falls below the minimum average rate after the grace period.
struct PacedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    let base: RequestBody
    let start: ContinuousClock.Instant
    let graceSeconds: Double
    let minimumBytesPerSecond: Double

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator
        let start: ContinuousClock.Instant
        let graceSeconds: Double
        let minimumBytesPerSecond: Double
        var received = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let chunk = try await base.next() else { return nil }
            received += chunk.readableBytes
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            if seconds > graceSeconds, Double(received) / seconds < minimumBytesPerSecond {
                throw DomainError(
                    .requestTimeout,
                    "the body arrived too slowly (\(received) bytes in \(Int(seconds)) s); send at least "
                        + "\(Int(minimumBytesPerSecond)) bytes per second on average")
            }
            return chunk
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(
            base: base.makeAsyncIterator(), start: start, graceSeconds: graceSeconds,
            minimumBytesPerSecond: minimumBytesPerSecond)
    }
}
