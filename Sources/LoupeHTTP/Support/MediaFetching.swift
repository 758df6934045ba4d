public import LoupeDomain

/// Fetches a file a task names (an attachment URL) for a person who may see the task, through
/// the outbound address policy; the composition root supplies it.
public protocol MediaFetching: Sendable {
    /// The bytes at `url`, at most `maxBytes`; a refused host, a failed fetch, a status other
    /// than 200 or a larger body is a `DomainError` (`invalid_request` for a refused host,
    /// `upstream_failed` otherwise).
    func fetch(_ url: String, maxBytes: Int) async throws(DomainError) -> [UInt8]
}
