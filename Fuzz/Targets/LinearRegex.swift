// LinearRegex: the input (lossy UTF-8) as an ECMA-262 pattern, matched against the pattern itself,
// short strings and long repetitive ones. Must never crash and must stay linear (libFuzzer's
// -timeout catches a hang). Plain alphanumeric patterns must match exactly where `contains` does.
#if !FUZZ_SINGLE_MODULE
@testable import LoupeDomain
#endif

private let fixedSubjects: [String] = [
    "", "a", "ab", "abc", "0", "_", " ", "\n", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!",
    String(repeating: "a", count: 1024), String(repeating: "ab", count: 512), String(repeating: "a0 ", count: 300) + "\n",
    String(repeating: "é", count: 256), "x\u{2028}y", "\u{1F600}\u{1F600}", "2026-11-22T13:50:00Z", "foo@example.com",
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // Patterns come from schemas (`pattern`, `patternProperties`), which are small; 4 KiB is plenty.
    guard size <= 4096 else { return 0 }
    let pattern = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let regex = try? LinearRegex(pattern) else { return 0 }
    var subjects = fixedSubjects
    subjects.append(pattern)
    subjects.append(String(repeating: pattern, count: max(1, 1024 / max(1, pattern.unicodeScalars.count))))
    if let first = pattern.unicodeScalars.first {
        subjects.append(String(repeating: String(first), count: 1024))
    }
    let isPlainWord = !pattern.isEmpty && pattern.unicodeScalars.allSatisfy {
        $0.isASCII && (("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0))
    }
    for subject in subjects {
        let found = regex.matches(subject)
        if isPlainWord, found != subject.contains(pattern) {
            fuzzFinding("literal pattern \(pattern) gives \(found) on \(subject.prefix(80))")
        }
    }
    return 0
}
