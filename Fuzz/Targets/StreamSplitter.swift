// BatchFileSplitter (JSON array, JSONL or CSV): the first 4 bytes pick chunk sizes, the rest is the upload. The elements (and
// any error) must not depend on the chunking; resuming at any element's endOffset must give the
// remaining elements; and an upload that JSONParser reads as an array must split into its items.
#if !FUZZ_SINGLE_MODULE
    @testable import LoupeDomain
#endif

private struct Outcome: Equatable {
    var elements: [Element] = []
    var error: JSONSyntaxError?
    var mode: BatchFileSplitter.Mode?
    var csvHeader: [String]?

    struct Element: Equatable {
        var index: Int
        var bytes: [UInt8]
        var endOffset: Int64
        var problem: String?

        init(_ element: JSONStreamElement) {
            index = element.index
            bytes = element.bytes
            endOffset = element.endOffset
            problem = element.problem
        }
    }
}

private func split(
    _ upload: UnsafeRawBufferPointer, chunkSizes: [Int], splitter start: BatchFileSplitter = BatchFileSplitter()
) -> Outcome {
    var splitter = start
    var outcome = Outcome()
    var offset = 0
    var turn = 0
    do throws(JSONSyntaxError) {
        while offset < upload.count {
            let length = min(chunkSizes[turn % chunkSizes.count], upload.count - offset)
            turn += 1
            let chunk = UnsafeRawBufferPointer(rebasing: upload[offset..<(offset + length)])
            offset += length
            outcome.elements += try splitter.feed(chunk).map(Outcome.Element.init)
        }
        outcome.elements += try splitter.finish().map(Outcome.Element.init)
    } catch {
        outcome.error = error
    }
    outcome.mode = splitter.mode
    outcome.csvHeader = splitter.csvHeader
    return outcome
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzBytes(data, size)
    // Chunk sizes 0…63 (0 feeds empty chunks, which must be harmless); at least one non-zero.
    var sizes = (0..<4).map { _ in Int(input.byte() % 64) }
    if sizes.allSatisfy({ $0 == 0 }) { sizes[0] = 1 }
    let upload = UnsafeRawBufferPointer(input.rest)

    let whole = split(upload, chunkSizes: [max(1, upload.count)])
    let chunked = split(upload, chunkSizes: sizes)
    if whole.error != nil || chunked.error != nil {
        // Elements completed before the error are lost with the failing chunk, so compare only the error.
        guard whole.error == chunked.error else {
            fuzzFinding(
                "error depends on chunking: \(String(describing: whole.error)) vs \(String(describing: chunked.error))")
        }
    } else if whole != chunked {
        fuzzFinding(
            "elements depend on chunking (sizes \(sizes)): \(whole.elements.count) vs \(chunked.elements.count)")
    }
    // An upload the parser reads as a JSON array must split into exactly its items.
    if case .array(let items)? = parseJSON(UnsafeBufferPointer(rebasing: input.bytes[input.position...])) {
        guard whole.error == nil, whole.mode == .array, whole.elements.count == items.count else {
            fuzzFinding(
                "a valid JSON array of \(items.count) items splits into \(whole.elements.count) elements, "
                    + "mode \(String(describing: whole.mode)), error \(String(describing: whole.error))")
        }
        for (element, item) in zip(whole.elements, items) {
            guard let parsed = try? JSONParser.parse(element.bytes), parsed == item else {
                fuzzFinding(
                    "element \(element.index) \(String(decoding: element.bytes, as: UTF8.self)) is not item \(item.serialized())"
                )
            }
        }
    }
    guard whole.error == nil else { return 0 }

    // Resuming after any element gives the rest.
    if let mode = whole.mode {
        for (position, element) in whole.elements.enumerated().prefix(8) {
            guard element.endOffset <= Int64(upload.count) else { continue }
            let resumed =
                switch mode {
                case .array: BatchFileSplitter(resumeAt: element.endOffset, nextIndex: element.index + 1, mode: .array)
                case .lines: BatchFileSplitter(resumeAt: element.endOffset, nextIndex: element.index + 1, mode: .lines)
                case .csv:
                    BatchFileSplitter(
                        resumeAt: element.endOffset, nextIndex: element.index + 1, csvHeader: whole.csvHeader ?? [])
                }
            let rest = split(
                UnsafeRawBufferPointer(rebasing: upload[Int(element.endOffset)...]), chunkSizes: sizes,
                splitter: resumed)
            let expected = Array(whole.elements[(position + 1)...])
            if rest.error != nil || rest.elements != expected {
                fuzzFinding(
                    "resuming after element \(element.index) at \(element.endOffset) gives \(rest.elements.count) elements "
                        + "(error \(String(describing: rest.error))) instead of \(expected.count)")
            }
        }
    }
    return 0
}
