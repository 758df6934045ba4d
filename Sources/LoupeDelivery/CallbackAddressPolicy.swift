import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Synchronization

/// Refuses callbacks to loopback, private, link-local and other non-public addresses unless the
/// configuration allows them (`LOUPE_ALLOW_PRIVATE_CALLBACKS=1`), so task creators cannot make
/// Loupe post into its own network. Host names are resolved and every address must be public.
public final class CallbackAddressPolicy: Sendable {
    private let allowPrivate: Bool
    private let resolved = Mutex<[String: (refusal: String?, until: Date)]>([:])

    /// A policy; `allowPrivate` lets every address through.
    public init(allowPrivate: Bool) { self.allowPrivate = allowPrivate }

    /// Nil when `url` may be called, else why not.
    public func refusal(for url: String) async -> String? {
        guard !allowPrivate else { return nil }
        guard let host = URLComponents(string: url)?.host, !host.isEmpty else { return "the callback URL has no host" }
        let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        if let cached = resolved.withLock({ $0[bare] }), cached.until > Date() { return cached.refusal }
        let refusal = await Task.detached { Self.check(host: bare) }.value
        resolved.withLock { $0[bare] = (refusal, Date().addingTimeInterval(60)) }
        return refusal
    }

    private static func check(host: String) -> String? {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else {
            return "the callback host \(host) cannot be resolved"
        }
        defer { freeaddrinfo(list) }
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            if let address = current.pointee.ai_addr, let reason = privateReason(address) {
                return "the callback host \(host) is \(reason); set LOUPE_ALLOW_PRIVATE_CALLBACKS=1 to allow it"
            }
            entry = current.pointee.ai_next
        }
        return nil
    }

    private static func privateReason(_ address: UnsafeMutablePointer<sockaddr>) -> String? {
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            let ipv4 = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                UInt32(bigEndian: $0.pointee.sin_addr.s_addr)
            }
            return privateReason(ipv4: ipv4)
        case AF_INET6:
            let bytes = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                withUnsafeBytes(of: pointer.pointee.sin6_addr) { Array($0) }
            }
            return privateReason(ipv6: bytes)
        default:
            return "not an internet address"
        }
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
