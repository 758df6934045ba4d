public import AsyncHTTPClient
import Foundation
public import NIOCore
import NIOHTTP1

/// What one POST came back with.
public struct WebhookResponse: Sendable {
    /// The receiver's HTTP status, nil when none came (timeout, refused connection…).
    public var statusCode: Int?
    /// Its `Retry-After`, in seconds.
    public var retryAfter: Double?
    /// The transport failure, if any.
    public var error: String?
}

/// Posts deliveries with connect and read timeouts, never following redirects, reusing
/// connections per endpoint.
public struct WebhookSender: Sendable {
    /// The client (owned by whoever made it).
    public let client: HTTPClient
    /// Whole-request deadline.
    public let requestTimeout: TimeAmount

    /// A client configured for webhooks: `connectTimeout` and `readTimeout` in seconds,
    /// `connectionsPerEndpoint` kept open per host.
    public static func makeClient(connectTimeout: Double, readTimeout: Double, connectionsPerEndpoint: Int)
        -> HTTPClient
    {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(
                connect: .milliseconds(Int64(connectTimeout * 1_000)), read: .milliseconds(Int64(readTimeout * 1_000))))
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, connectionsPerEndpoint))
        configuration.httpVersion = .http1Only
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// A sender over `client`.
    public init(client: HTTPClient, requestTimeout: Double) {
        self.client = client
        self.requestTimeout = .milliseconds(Int64(requestTimeout * 1_000))
    }

    /// Posts `body` to `url` with `headers`.
    public func post(url: String, headers: [(String, String)], body: [UInt8]) async -> WebhookResponse {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client.execute(request, timeout: requestTimeout)
            // Drain (at most 64 KiB kept) so the connection can be reused.
            var kept = 0
            for try await chunk in response.body {
                kept += chunk.readableBytes
                if kept > 65_536 { break }
            }
            let retryAfter = response.headers.first(name: "retry-after").flatMap(Self.seconds(retryAfter:))
            return WebhookResponse(statusCode: Int(response.status.code), retryAfter: retryAfter, error: nil)
        } catch {
            return WebhookResponse(statusCode: nil, retryAfter: nil, error: Self.describe(error))
        }
    }

    /// `Retry-After` as seconds: a number, or an HTTP date from now.
    static func seconds(retryAfter text: String) -> Double? {
        if let seconds = Double(text.trimmingCharacters(in: .whitespaces)) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text).map { max(0, $0.timeIntervalSinceNow) }
    }

    private static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}
