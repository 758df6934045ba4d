public import AsyncHTTPClient
import Foundation
public import NIOCore
import NIOHTTP1
import Synchronization

/// A request the address policy refused before anything was sent.
public struct OutboundRefusal: Error, CustomStringConvertible {
    /// Why.
    public var reason: String
    public var description: String { reason }
}

/// The one way Loupe makes HTTP requests to addresses users give it (callbacks, attachment
/// fetches): each URL is vetted by the address policy, and a host name is pinned to the address
/// that was vetted — the request connects there, keeping the name for SNI, the certificate check
/// and `Host` — so a resolver that answers differently the second time cannot steer it inward.
/// Redirects are never followed.
public final class OutboundHTTP: Sendable {
    /// The address policy.
    public let policy: CallbackAddressPolicy
    private let configuration: HTTPClient.Configuration
    private let direct: HTTPClient
    private let pinned = Mutex<PinnedClients>(PinnedClients())

    /// Clients pinned to one host's vetted address each, kept for connection reuse.
    static let maxPinnedClients = 64

    /// An outbound client with `configuration` (its redirects are turned off) behind `policy`.
    public init(policy: CallbackAddressPolicy, configuration: HTTPClient.Configuration) {
        var configuration = configuration
        configuration.redirectConfiguration = .disallow
        self.policy = policy
        self.configuration = configuration
        direct = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// A configuration with connect and read timeouts in seconds and `connectionsPerEndpoint`
    /// connections kept open per host.
    public static func configuration(connectTimeout: Double, readTimeout: Double, connectionsPerEndpoint: Int)
        -> HTTPClient.Configuration
    {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(
                connect: .milliseconds(Int64(connectTimeout * 1_000)), read: .milliseconds(Int64(readTimeout * 1_000))))
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, connectionsPerEndpoint))
        configuration.httpVersion = .http1Only
        return configuration
    }

    /// Sends `request` where the policy allows; throws `OutboundRefusal` when it does not.
    public func execute(_ request: HTTPClientRequest, timeout: TimeAmount) async throws -> HTTPClientResponse {
        switch await policy.target(for: request.url) {
        case .refused(let reason):
            throw OutboundRefusal(reason: reason)
        case .asGiven:
            return try await direct.execute(request, timeout: timeout)
        case .pinned(let host, let address):
            return try await client(host: host, address: address).execute(request, timeout: timeout)
        }
    }

    /// Shuts every client down.
    public func shutdown() async {
        let clients = pinned.withLock { $0.removeAll() }
        for client in clients + [direct] { try? await client.shutdown() }
    }

    private func client(host: String, address: String) -> HTTPClient {
        let (client, evicted) = pinned.withLock { clients in
            clients.client(for: host + " " + address, limit: Self.maxPinnedClients) {
                var configuration = self.configuration
                configuration.dnsOverride = [host: address]
                configuration.dnsOverride[host.lowercased()] = address
                return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            }
        }
        // A client pushed out (64 other hosts were used since) finishes what it has, then closes.
        if let evicted { Task { try? await evicted.shutdown() } }
        return client
    }
}

/// Pinned clients by "host address", least recently used first out.
private struct PinnedClients: ~Copyable {
    private var clients: [String: (client: HTTPClient, lastUse: UInt64)] = [:]
    private var clock: UInt64 = 0

    mutating func client(
        for key: String, limit: Int, make: () -> HTTPClient
    ) -> (client: HTTPClient, evicted: HTTPClient?) {
        clock += 1
        if let found = clients[key] {
            clients[key]?.lastUse = clock
            return (found.client, nil)
        }
        var evicted: HTTPClient?
        if clients.count >= limit, let oldest = clients.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            evicted = oldest.value.client
            clients[oldest.key] = nil
        }
        let made = make()
        clients[key] = (made, clock)
        return (made, evicted)
    }

    mutating func removeAll() -> [HTTPClient] {
        defer { clients.removeAll() }
        return clients.values.map(\.client)
    }
}

/// Why a fetch through `OutboundHTTP.fetch` failed.
public enum OutboundFetchFailure: Error, Sendable {
    /// The address policy refused the host.
    case refused(String)
    /// The host answered with another status than 200.
    case status(Int)
    /// The body is larger than allowed.
    case tooLarge(Int)
    /// The connection or the transfer failed.
    case transport(String)
}

extension OutboundHTTP {
    /// The body of a GET of `url` that answered 200, at most `maxBytes`; with `keepingBody` false
    /// the body is only measured (an attachment check) and the result is empty.
    public func fetch(
        _ url: String, maxBytes: Int, timeout: TimeAmount, keepingBody: Bool = true
    ) async throws(OutboundFetchFailure) -> [UInt8] {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: "Loupe-Attachments/1")
        do {
            let response = try await execute(request, timeout: timeout)
            guard response.status == .ok else { throw OutboundFetchFailure.status(Int(response.status.code)) }
            var bytes: [UInt8] = []
            var received = 0
            for try await chunk in response.body {
                received += chunk.readableBytes
                guard received <= maxBytes else { throw OutboundFetchFailure.tooLarge(maxBytes) }
                if keepingBody { bytes += chunk.readableBytesView }
            }
            return bytes
        } catch let failure as OutboundFetchFailure {
            throw failure
        } catch let refusal as OutboundRefusal {
            throw .refused(refusal.reason)
        } catch {
            throw .transport(String(String(describing: error).prefix(200)))
        }
    }
}
