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
    /// The address policy refused the target: nothing was sent, and retrying cannot help.
    public var refused = false
}

/// Posts deliveries with connect and read timeouts, never following redirects, reusing
/// connections per endpoint, only to addresses the address policy vetted.
public struct WebhookSender: Sendable {
    /// The outbound client (owned by whoever made it).
    public let outbound: OutboundHTTP
    /// Whole-request deadline.
    public let requestTimeout: TimeAmount

    /// A sender over `outbound`.
    public init(outbound: OutboundHTTP, requestTimeout: Double) {
        self.outbound = outbound
        self.requestTimeout = .milliseconds(Int64(requestTimeout * 1_000))
    }

    /// Posts `body` to `url` with `headers`.
    public func post(url: String, headers: [(String, String)], body: [UInt8]) async -> WebhookResponse {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await outbound.execute(request, timeout: requestTimeout)
            // Drain (at most 64 KiB kept) so the connection can be reused.
            var kept = 0
            for try await chunk in response.body {
                kept += chunk.readableBytes
                if kept > 65_536 { break }
            }
            let retryAfter = response.headers.first(name: "retry-after").flatMap(Self.seconds(retryAfter:))
            return WebhookResponse(statusCode: Int(response.status.code), retryAfter: retryAfter, error: nil)
        } catch let refusal as OutboundRefusal {
            return WebhookResponse(statusCode: nil, retryAfter: nil, error: refusal.reason, refused: true)
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
