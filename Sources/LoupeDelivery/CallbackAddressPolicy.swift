import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Synchronization

/// Where an outbound request may go, as the address policy decided.
public enum OutboundTarget: Sendable, Equatable {
    /// Not at all, and why.
    case refused(String)
    /// To the URL as given (its host is a public numeric address, or private ones are allowed).
    case asGiven
    /// To `address`, the vetted resolution of `host`: the connection goes there, with `host` kept
    /// for SNI, certificate checks and the `Host` header, so a second resolution cannot steer it.
    case pinned(host: String, address: String)

    /// The reason for a refusal, or nil.
    public var refusal: String? {
        if case .refused(let reason) = self { return reason }
        return nil
    }
}

/// Refuses callbacks to loopback, private, link-local and other non-public addresses unless the
/// configuration allows them (`LOUPE_ALLOW_PRIVATE_CALLBACKS=1`), so task creators cannot make
/// Loupe post into its own network. A host name is resolved once (the answer kept a minute), every
/// address must be public, and the request is pinned to the first of them (DNS rebinding between
/// the check and the connection cannot reach an inner address).
public final class CallbackAddressPolicy: Sendable {
    /// Resolves a host name to its addresses; nil when it cannot be resolved.
    public typealias Resolver = @Sendable (String) -> [ResolvedAddress]?

    private let allowPrivate: Bool
    private let resolver: Resolver
    private let resolved = Mutex<[String: (target: OutboundTarget, until: Date)]>([:])

    /// A policy; `allowPrivate` lets every address through; `resolver` defaults to the system's.
    public init(allowPrivate: Bool, resolver: @escaping Resolver = CallbackAddressPolicy.systemResolver) {
        self.allowPrivate = allowPrivate
        self.resolver = resolver
    }

    /// Nil when `url` may be called, else why not.
    public func refusal(for url: String) async -> String? { await target(for: url).refusal }

    /// Where a request to `url` may go.
    public func target(for url: String) async -> OutboundTarget {
        guard !allowPrivate else { return .asGiven }
        guard let host = URLComponents(string: url)?.host, !host.isEmpty else {
            return .refused("the callback URL has no host")
        }
        let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        if let numeric = ResolvedAddress(numeric: bare) {
            return numeric.privateReason.map { .refused("the callback host \(bare) is \($0)" + Self.hint) } ?? .asGiven
        }
        if let cached = resolved.withLock({ $0[bare] }), cached.until > Date() { return cached.target }
        let resolver = self.resolver
        let target = await Task.detached { Self.vet(host: bare, resolver: resolver) }.value
        resolved.withLock { cache in
            if cache.count >= 10_000 { cache.removeAll(keepingCapacity: true) }
            cache[bare] = (target, Date().addingTimeInterval(60))
        }
        return target
    }

    private static let hint = "; set LOUPE_ALLOW_PRIVATE_CALLBACKS=1 to allow it"

    private static func vet(host: String, resolver: Resolver) -> OutboundTarget {
        guard let addresses = resolver(host), let first = addresses.first else {
            return .refused("the callback host \(host) cannot be resolved")
        }
        if let reason = addresses.lazy.compactMap(\.privateReason).first {
            return .refused("the callback host \(host) is \(reason)" + hint)
        }
        return .pinned(host: host, address: first.text)
    }

    /// The system resolver (`getaddrinfo`).
    public static let systemResolver: Resolver = { host in
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return nil }
        defer { freeaddrinfo(list) }
        var addresses: [ResolvedAddress] = []
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            if let address = current.pointee.ai_addr { addresses.append(ResolvedAddress(address)) }
            entry = current.pointee.ai_next
        }
        return addresses
    }

    /// Why an IPv4 address (host order) is not public, or nil.
    static func privateReason(ipv4: UInt32) -> String? {
        func inRange(_ base: UInt32, _ bits: UInt32) -> Bool { ipv4 >> (32 - bits) == base >> (32 - bits) }
        if inRange(0x7F00_0000, 8) { return "a loopback address" }
        if inRange(0x0A00_0000, 8) || inRange(0xAC10_0000, 12) || inRange(0xC0A8_0000, 16) {
            return "a private address"
        }
        if inRange(0xA9FE_0000, 16) { return "a link-local address" }
        if inRange(0x6440_0000, 10) { return "a shared (carrier-grade NAT) address" }
        if inRange(0x0000_0000, 8) || inRange(0xE000_0000, 4) || inRange(0xF000_0000, 4) { return "a reserved address" }
        return nil
    }

    /// Why an IPv6 address is not public, or nil.
    static func privateReason(ipv6 bytes: [UInt8]) -> String? {
        guard bytes.count == 16 else { return "not an internet address" }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) && (bytes[15] == 1 || bytes[15] == 0) { return "a loopback address" }
        func embedded(at offset: Int) -> UInt32 {
            UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
                | UInt32(bytes[offset + 3])
        }
        // IPv4 carried inside IPv6 reaches the IPv4 address, so it is judged as that address:
        // mapped (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::/96 and the local-use
        // 64:ff9b:1::/48) and 6to4 (2002:a.b.c.d::/16).
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            return privateReason(ipv4: embedded(at: 12))
        }
        if bytes[0..<12].allSatisfy({ $0 == 0 }) {
            return privateReason(ipv4: embedded(at: 12)) ?? "an IPv4-compatible address"
        }
        if bytes[0..<12] == [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0] {
            return privateReason(ipv4: embedded(at: 12)).map { $0 + " behind NAT64" }
        }
        if bytes[0..<6] == [0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01] { return "a local-use NAT64 address" }
        if bytes[0] == 0x20 && bytes[1] == 0x02 {
            return privateReason(ipv4: embedded(at: 2)).map { $0 + " behind 6to4" }
        }
        if bytes[0] & 0xFE == 0xFC { return "a private address" }
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 { return "a link-local address" }
        if bytes[0] == 0xFF { return "a multicast address" }
        return nil
    }
}

/// An internet address a host name resolved to, with the policy's judgement of it.
public struct ResolvedAddress: Sendable, Equatable {
    /// Numeric form: `93.184.216.34` or `2606:4700::1111`.
    public var text: String
    /// Why it is not public (loopback, private…), or nil.
    public var privateReason: String?

    /// The address in `text` when it is a numeric IPv4 or IPv6 address.
    public init?(numeric text: String) {
        var ipv4 = in_addr()
        var ipv6 = in6_addr()
        if inet_pton(AF_INET, text, &ipv4) == 1 {
            self.text = text
            privateReason = CallbackAddressPolicy.privateReason(ipv4: UInt32(bigEndian: ipv4.s_addr))
        } else if inet_pton(AF_INET6, text, &ipv6) == 1 {
            self.text = text
            privateReason = CallbackAddressPolicy.privateReason(ipv6: withUnsafeBytes(of: ipv6) { Array($0) })
        } else {
            return nil
        }
    }

    init(_ address: UnsafeMutablePointer<sockaddr>) {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            var raw = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
            inet_ntop(AF_INET, &raw, &buffer, socklen_t(buffer.count))
            text = String(cString: buffer)
            privateReason = CallbackAddressPolicy.privateReason(ipv4: UInt32(bigEndian: raw.s_addr))
        case AF_INET6:
            var raw = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
            inet_ntop(AF_INET6, &raw, &buffer, socklen_t(buffer.count))
            text = String(cString: buffer)
            privateReason = CallbackAddressPolicy.privateReason(ipv6: withUnsafeBytes(of: raw) { Array($0) })
        default:
            text = ""
            privateReason = "not an internet address"
        }
    }
}
