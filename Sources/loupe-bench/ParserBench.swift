import ArgumentParser
import Foundation
import LoupeDomain

/// `loupe-bench parsers`: every parser a request body meets, timed in process at 1, 4 and 16 MiB
/// of ordinary and of hostile input. A linear parser takes the same time per MiB at every size;
/// the last column (time per MiB at 16 MiB over time per MiB at 1 MiB) stays near 1.
struct Parsers: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Parser throughput and linearity, in process.")
    @Option(help: "Runs per size; the fastest is reported.") var repeats = 3

    /// One input shape and the parser it feeds.
    struct Case: Sendable {
        let name: String
        let make: @Sendable (Int) -> [UInt8]
        let parse: @Sendable ([UInt8]) throws -> Void
    }

    static let cases: [Case] = [
        Case(
            name: "JSON: array of small objects",
            make: { repeated("{\"url\":\"https://e.com/1.jpg\",\"n\":12345}", $0, "[", ",", "]") },
            parse: { _ = try JSONParser.parse($0) }),
        Case(
            name: "JSON: one string of \\u escapes", make: { repeated("\\u00e9", $0, "[\"", "", "\"]") },
            parse: { _ = try JSONParser.parse($0) }),
        Case(
            name: "JSON: nesting 200 deep, repeated",
            make: {
                repeated(String(repeating: "[", count: 200) + String(repeating: "]", count: 200), $0, "[", ",", "]")
            }, parse: { _ = try JSONParser.parse($0) }),
        Case(
            name: "form: many short pairs", make: { repeated("name=value+1", $0, "", "&", "") },
            parse: { _ = try FormDecoder.pairs($0) }),
        Case(
            name: "form: one value of %XX escapes", make: { repeated("%C3%A9", $0, "v=", "", "") },
            parse: { _ = try FormDecoder.pairs($0) }),
        Case(
            name: "upload: JSONL lines",
            make: { repeated("{\"data\":{\"url\":\"https://e.com/1.jpg\"}}", $0, "", "\n", "\n") }, parse: split),
        Case(
            name: "upload: JSON array",
            make: { repeated("{\"data\":{\"url\":\"https://e.com/1.jpg\"}}", $0, "[", ",", "]") }, parse: split),
        Case(
            name: "upload: CSV rows",
            make: { repeated("https://e.com/1.jpg,cat,\"a, b\"", $0, "url,label,note\r\n", "\r\n", "\r\n") },
            parse: split),
        Case(
            name: "upload: CSV, one quoted field of \"\" escapes",
            make: { repeated("\"\"", $0, "a\r\n\"", "", "\"\r\n") }, parse: split),
    ]

    func run() throws {
        print("parser | MiB | ms (best of \(repeats)) | MiB/s | per-MiB time vs 1 MiB")
        for parserCase in Self.cases {
            var perMiBAtOne = 0.0
            for mebibytes in [1, 4, 16] {
                let input = parserCase.make(mebibytes << 20)
                var best = Double.infinity
                for _ in 0..<repeats {
                    let start = ContinuousClock.now
                    try parserCase.parse(input)
                    best = min(best, (ContinuousClock.now - start).seconds)
                }
                let size = Double(input.count) / Double(1 << 20)
                if mebibytes == 1 { perMiBAtOne = best / size }
                print(
                    String(
                        format: "%@ | %.0f | %.1f | %.0f | %.2f", parserCase.name, size, best * 1_000, size / best,
                        best / size / perMiBAtOne))
            }
        }
    }

    /// `unit` repeated with `separator` between, inside `prefix` and `suffix`, to about `bytes`.
    static func repeated(_ unit: String, _ bytes: Int, _ prefix: String, _ separator: String, _ suffix: String)
        -> [UInt8]
    {
        let count = max(1, bytes / max(1, unit.utf8.count + separator.utf8.count))
        var output = Array(prefix.utf8)
        output.reserveCapacity(bytes + prefix.utf8.count + suffix.utf8.count)
        let unitBytes = Array(unit.utf8)
        let separatorBytes = Array(separator.utf8)
        for index in 0..<count {
            if index > 0 { output += separatorBytes }
            output += unitBytes
        }
        output += Array(suffix.utf8)
        return output
    }

    /// An upload split as the ingester reads it, in 1 MiB chunks.
    static func split(_ bytes: [UInt8]) throws {
        var splitter = BatchFileSplitter()
        var start = 0
        var items = 0
        while start < bytes.count {
            let end = min(start + (1 << 20), bytes.count)
            items += try bytes[start..<end].withUnsafeBytes { try splitter.feed($0) }.count
            start = end
        }
        items += try splitter.finish().count
        guard items > 0 else { throw ValidationError("no items") }
    }
}
