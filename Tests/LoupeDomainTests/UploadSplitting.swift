import LoupeDomain

/// Feeding an upload to a `BatchFileSplitter` in chunks of one size, as the ingester reads a file.
enum UploadSplitting {
    /// The items of `text` fed `chunk` bytes at a time, and the shape the splitter found.
    static func split(_ text: String, chunk: Int) throws -> (
        elements: [JSONStreamElement], mode: BatchFileSplitter.Mode?
    ) {
        var splitter = BatchFileSplitter()
        var elements: [JSONStreamElement] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            elements += try bytes[start..<end].withUnsafeBytes { try splitter.feed($0) }
            start = end
        }
        elements += try splitter.finish()
        return (elements, splitter.mode)
    }
}
