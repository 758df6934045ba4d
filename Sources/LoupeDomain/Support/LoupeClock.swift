/// The source of the current time, injected so tests can control it.
public struct LoupeClock: Sendable {
    private let nowFunction: @Sendable () -> Timestamp

    /// A clock reading the given function.
    public init(_ now: @escaping @Sendable () -> Timestamp) { self.nowFunction = now }

    /// The current time.
    public func now() -> Timestamp { nowFunction() }

    /// The system's wall clock.
    public static let system = LoupeClock { Timestamp.now() }
}
