import Crypto
import Foundation
import HummingbirdBcrypt
import LoupeDomain
import NIOPosix
import Synchronization

/// Hashes and checks passwords with bcrypt on a thread of its own at a low priority, off the
/// request threads: a flood of wrong logins then gets the CPU the requests leave, and reads and
/// claims keep their latency.
/// Work waiting beyond `queueLimit` is refused with a 429 and `Retry-After` instead of queueing.
///
/// New hashes are bcrypt over the base64 SHA-256 of the password (stored with the `sha256:`
/// prefix), so every byte of a long password counts (bcrypt alone reads only the first 72).
/// Hashes made before keep working and are upgraded at the next successful login.
public final class PasswordHasher: Sendable {
    /// One pool for the process (bcrypt at cost 10 is ~70 ms of CPU).
    public static let shared = PasswordHasher()

    private static let prehashedPrefix = "sha256:"
    private let pool: NIOThreadPool
    private let waiting = Atomic<Int>(0)
    private let queueLimit: Int
    private let decoys = Mutex<[Int: String]>([:])

    /// A hasher with `threads` threads, refusing work past `queueLimit` waiting requests.
    public init(threads: Int = 1, queueLimit: Int = 32) {
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        self.queueLimit = queueLimit
    }

    /// A stored hash of `password` at bcrypt `cost` (pre-hashed, so all of it counts).
    public func hash(_ password: String, cost: Int) async throws -> String {
        try await run { Self.hashNow(password, cost: cost) }
    }

    /// A hash of no one's password at `cost`, checked for unknown e-mails so that the time a
    /// login takes does not tell which e-mails exist.
    public func decoy(cost: Int) -> String {
        if let known = decoys.withLock({ $0[cost] }) { return known }
        let made = Self.hashNow(UUID().uuidString, cost: cost)
        decoys.withLock { $0[cost] = made }
        return made
    }

    /// The same, on the caller's thread: for start-up and the command line, never a request.
    public static func hashNow(_ password: String, cost: Int = 10) -> String {
        prehashedPrefix + Bcrypt.hash(prehash(password), cost: UInt8(cost))
    }

    /// Whether `password` matches `stored`, and whether `stored` is of the older kind that
    /// should be replaced now that the password is known.
    public func verify(_ password: String, against stored: String) async throws -> (matches: Bool, needsUpgrade: Bool) {
        try await run {
            if stored.hasPrefix(Self.prehashedPrefix) {
                return (
                    Bcrypt.verify(Self.prehash(password), hash: String(stored.dropFirst(Self.prehashedPrefix.count))),
                    false
                )
            }
            return (Bcrypt.verify(password, hash: stored), true)
        }
    }

    private static func prehash(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }

    private func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        guard waiting.wrappingAdd(1, ordering: .relaxed).newValue <= queueLimit else {
            waiting.wrappingSubtract(1, ordering: .relaxed)
            throw DomainError.rateLimited("too many logins are being checked right now; try again", retryAfter: 1)
        }
        defer { waiting.wrappingSubtract(1, ordering: .relaxed) }
        return try await pool.runIfActive {
            // bcrypt then takes the CPU the request threads leave, instead of half of it.
            ThreadPriority.lower(to: 10)
            return work()
        }
    }
}
