#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Synchronization

/// Makes 24-character lowercase hex ids ordered by creation time, like MongoDB ObjectIds:
/// 4 bytes of seconds, 5 bytes of per-generator randomness, 3 bytes of a per-second counter.
///
/// Within one generator ids are strictly increasing, which keeps cursor pagination stable.
public final class ObjectIDGenerator: Sendable {
    private struct State {
        var second: UInt32 = 0
        var counter: UInt32 = 0
    }

    private let clock: LoupeClock
    private let processBytes: [UInt8]
    private let state = Mutex(State())

    /// A generator reading seconds from `clock` with fresh random process bytes.
    public init(clock: LoupeClock = .system) {
        self.clock = clock
        var generator = SystemRandomNumberGenerator()
        self.processBytes = (0..<5).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// A generator with fixed process bytes, for deterministic tests.
    public init(clock: LoupeClock, processBytes: [UInt8]) {
        precondition(processBytes.count == 5, "ObjectID process bytes must be 5 bytes")
        self.clock = clock
        self.processBytes = processBytes
    }

    /// The next id.
    public func next() -> String {
        let seconds = UInt32(clamping: max(0, clock.now().microseconds / 1_000_000))
        let (second, counter) = state.withLock { state -> (UInt32, UInt32) in
            if seconds > state.second {
                state.second = seconds
                state.counter = 0
            } else {
                state.counter += 1
                if state.counter > 0xFF_FFFF {
                    // A burst beyond 16M ids in one second borrows the next second to stay ordered.
                    state.second += 1
                    state.counter = 0
                }
            }
            return (state.second, state.counter)
        }
        var bytes = [UInt8](repeating: 0, count: 12)
        bytes[0] = UInt8(truncatingIfNeeded: second >> 24)
        bytes[1] = UInt8(truncatingIfNeeded: second >> 16)
        bytes[2] = UInt8(truncatingIfNeeded: second >> 8)
        bytes[3] = UInt8(truncatingIfNeeded: second)
        for index in 0..<5 { bytes[4 + index] = processBytes[index] }
        bytes[9] = UInt8(truncatingIfNeeded: counter >> 16)
        bytes[10] = UInt8(truncatingIfNeeded: counter >> 8)
        bytes[11] = UInt8(truncatingIfNeeded: counter)
        return Hex.encode(bytes)
    }

    /// Whether `text` has the shape of an id: 24 lowercase hex characters.
    @inlinable
    public static func isValid(_ text: some StringProtocol) -> Bool {
        text.utf8.count == 24 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}

/// Lowercase hexadecimal encoding.
public enum Hex {
    @usableFromInline static let digits = Array("0123456789abcdef".utf8)

    /// `bytes` as lowercase hex (inlinable: it runs per request on digests and ids, and a generic
    /// call across modules walks the sequence through witness tables).
    @inlinable
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(24)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
