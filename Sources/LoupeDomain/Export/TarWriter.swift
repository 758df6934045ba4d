/// Writes a POSIX ustar archive one regular file at a time, so an archive can be streamed
/// without holding more than one entry.
public struct TarWriter: Sendable {
    /// The size of a tar block; headers take one, contents are padded to whole blocks.
    public static let blockSize = 512

    /// Every entry's modification time, in seconds since the Unix epoch (fixed so archives are reproducible).
    public var modificationTime: Int

    /// A writer stamping entries with `modificationTime`.
    public init(modificationTime: Int) { self.modificationTime = modificationTime }

    /// A file entry: its header block, then `contents` padded with zero bytes to whole blocks.
    ///
    /// A `name` longer than 100 bytes is split at a `/` into the ustar prefix and name fields;
    /// one that cannot be split keeps its last 100 bytes.
    public func entry(name: String, contents: [UInt8]) -> [UInt8] {
        var bytes = header(name: name, size: contents.count)
        bytes.reserveCapacity(Self.blockSize + Self.padded(contents.count))
        bytes.append(contentsOf: contents)
        bytes.append(contentsOf: repeatElement(0, count: Self.padded(contents.count) - contents.count))
        return bytes
    }

    /// A file entry holding `text` as UTF-8.
    public func entry(name: String, text: String) -> [UInt8] { entry(name: name, contents: Array(text.utf8)) }

    /// The end of the archive: two zero blocks.
    public func finish() -> [UInt8] { [UInt8](repeating: 0, count: 2 * Self.blockSize) }

    /// `count` rounded up to whole blocks.
    static func padded(_ count: Int) -> Int { (count + blockSize - 1) / blockSize * blockSize }

    private func header(name: String, size: Int) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: Self.blockSize)
        func put(_ field: some Collection<UInt8>, at offset: Int) {
            for (index, byte) in field.enumerated() { block[offset + index] = byte }
        }
        let (prefix, shortName) = Self.split(Array(name.utf8))
        put(shortName, at: 0)
        put(Self.octal(0o644, width: 8), at: 100)
        put(Self.octal(0, width: 8), at: 108)
        put(Self.octal(0, width: 8), at: 116)
        put(Self.octal(size, width: 12), at: 124)
        put(Self.octal(modificationTime, width: 12), at: 136)
        put(repeatElement(UInt8(ascii: " "), count: 8), at: 148)
        block[156] = UInt8(ascii: "0")
        put("ustar\0".utf8, at: 257)
        put("00".utf8, at: 263)
        put("loupe".utf8, at: 265)
        put("loupe".utf8, at: 297)
        put(prefix, at: 345)
        // The checksum is the byte sum of the header with its own field read as spaces.
        let checksum = block.reduce(0) { $0 + Int($1) }
        put(Self.octal(checksum, width: 7), at: 148)
        block[155] = UInt8(ascii: " ")
        return block
    }

    /// `value` as zero-padded octal digits filling `width - 1` bytes, then a NUL.
    /// Negative values write as 0; values too large keep their low digits.
    static func octal(_ value: Int, width: Int) -> [UInt8] {
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width - 1)
        var rest = max(0, value)
        var index = digits.count - 1
        while rest > 0, index >= 0 {
            digits[index] = UInt8(ascii: "0") + UInt8(rest & 7)
            rest >>= 3
            index -= 1
        }
        return digits + [0]
    }

    /// The ustar (prefix, name) fields for a path.
    private static func split(_ path: [UInt8]) -> (prefix: [UInt8], name: [UInt8]) {
        guard path.count > 100 else { return ([], path) }
        // Split at the first `/` that leaves a name of at most 100 bytes and a prefix of at most 155.
        for index in path.indices where path[index] == UInt8(ascii: "/") {
            if path.count - index - 1 <= 100 {
                return index <= 155 && index > 0
                    ? (Array(path[..<index]), Array(path[(index + 1)...])) : ([], Array(path.suffix(100)))
            }
        }
        return ([], Array(path.suffix(100)))
    }
}
