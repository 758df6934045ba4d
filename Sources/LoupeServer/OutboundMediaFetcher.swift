import LoupeDelivery
import LoupeDomain
import LoupeHTTP
import NIOCore
import ServiceLifecycle

/// Attachments fetched for viewers through the outbound client (vetted and pinned addresses,
/// no redirects), within a size limit and a timeout.
struct OutboundMediaFetcher: MediaFetching {
    let outbound: OutboundHTTP
    let timeoutSeconds: Double

    func fetch(_ url: String, maxBytes: Int) async throws(DomainError) -> [UInt8] {
        guard CallbackURL.isWebURL(url) else {
            throw DomainError(
                .notFound, "the attachment is not at an http or https URL, so there is nothing to fetch",
                details: [.init(path: "url", reason: "must be an absolute http or https URL")])
        }
        do {
            return try await outbound.fetch(
                url, maxBytes: maxBytes, timeout: .milliseconds(Int64(timeoutSeconds * 1_000)))
        } catch {
            switch error {
            case .refused(let reason):
                throw DomainError(.forbidden, reason, details: [.init(path: "url", reason: reason)])
            case .status(let code):
                throw DomainError(.upstreamFailed, "the attachment's host answered \(code)")
            case .tooLarge(let limit):
                throw DomainError(.upstreamFailed, "the attachment is larger than \(limit) bytes")
            case .transport(let reason):
                throw DomainError(.upstreamFailed, "the attachment could not be fetched: \(reason)")
            }
        }
    }
}

/// Closes an outbound client when the application stops (a client must be shut down before it
/// is released).
struct OutboundClientCloser: Service {
    let outbound: OutboundHTTP

    func run() async throws {
        try? await gracefulShutdown()
        await outbound.shutdown()
    }
}
