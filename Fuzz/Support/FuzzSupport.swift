// Shared helpers compiled into every fuzz target (see Fuzz/run.sh).
import Foundation
#if !FUZZ_SINGLE_MODULE
@testable import LoupeDomain
#endif

/// Stops the run with a message; libFuzzer records the input that got here as a crash.
func fuzzFinding(_ message: @autoclosure () -> String) -> Never {
    fatalError("FUZZ FINDING: " + message())
}

/// Reads a fuzz input front to back.
struct FuzzBytes {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(_ data: UnsafePointer<UInt8>, _ size: Int) { bytes = UnsafeBufferPointer(start: data, count: size) }

    var isEmpty: Bool { position >= bytes.count }

    /// The next byte, or 0 past the end.
    mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    /// Everything not read yet.
    var rest: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[min(position, bytes.count)...]) }
}

/// Equality of parsed JSON where an integral double and the same integer count as equal: the writer
/// prints integral doubles below 1e15 without a fraction, so `1.0` comes back as `1`.
/// Set LOUPE_FUZZ_STRICT_NUMBERS=1 to compare with `==` instead.
func jsonEquivalent(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.int(let int), .double(let double)), (.double(let double), .int(let int)):
        return !fuzzStrictNumbers && Int64(exactly: double) == int
    case (.array(let left), .array(let right)):
        return left.count == right.count && zip(left, right).allSatisfy { jsonEquivalent($0, $1) }
    case (.object(let left), .object(let right)):
        guard left.count == right.count else { return false }
        return left.allSatisfy { member in right[member.key].map { jsonEquivalent(member.value, $0) } ?? false }
    default:
        return lhs == rhs
    }
}

let fuzzStrictNumbers: Bool = {
    guard let value = getenv("LOUPE_FUZZ_STRICT_NUMBERS") else { return false }
    return String(cString: value) == "1"
}()

/// Parses without throwing.
func parseJSON(_ bytes: UnsafeBufferPointer<UInt8>, rejectDuplicateKeys: Bool = false) -> JSONValue? {
    try? JSONParser.parse(UnsafeRawBufferPointer(bytes), rejectDuplicateKeys: rejectDuplicateKeys)
}
