/// Decompresses zlib streams (RFC 1950 around RFC 1951 deflate: stored, fixed and dynamic Huffman
/// blocks), for reading uploaded PNGs. Output is capped, so a small stream cannot expand without bound.
enum Inflater {
    /// The data a zlib stream holds, or nil when it is malformed or would exceed `limit` bytes.
    /// The Adler-32 trailer is not checked: PNG chunks carry their own CRCs.
    static func zlib(_ stream: [UInt8], limit: Int) -> [UInt8]? {
        guard stream.count >= 2, stream[0] & 0x0F == 8, stream[1] & 0x20 == 0,
            (Int(stream[0]) << 8 | Int(stream[1])) % 31 == 0
        else { return nil }
        var reader = BitReader(bytes: stream, position: 2)
        var output: [UInt8] = []
        // Deflate expands at most about 1032 to 1, so a small stream never reserves much.
        output.reserveCapacity(min(limit, stream.count * 1_032))
        while true {
            guard let final = reader.bits(1), let type = reader.bits(2) else { return nil }
            switch type {
            case 0: guard reader.storedBlock(into: &output, limit: limit) else { return nil }
            case 1:
                guard codes(&reader, Huffman.fixedLiterals, Huffman.fixedDistances, into: &output, limit: limit) else {
                    return nil
                }
            case 2:
                guard let (literals, distances) = Huffman.dynamic(&reader),
                    codes(&reader, literals, distances, into: &output, limit: limit)
                else { return nil }
            default: return nil
            }
            if final == 1 { return output }
        }
    }

    private static let lengthBases = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227,
        258,
    ]
    private static let lengthExtras = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    private static let distanceBases = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
        6145,
        8193, 12289, 16385, 24577,
    ]
    private static let distanceExtras = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]

    /// One Huffman-coded block: literals, and length/distance copies of earlier output.
    private static func codes(
        _ reader: inout BitReader, _ literals: Huffman, _ distances: Huffman, into output: inout [UInt8], limit: Int
    ) -> Bool {
        while true {
            guard let symbol = literals.decode(&reader) else { return false }
            if symbol < 256 {
                guard output.count < limit else { return false }
                output.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return true }
            let slot = symbol - 257
            guard slot < lengthBases.count, let extra = reader.bits(lengthExtras[slot]),
                let distanceSlot = distances.decode(&reader), distanceSlot < distanceBases.count,
                let distanceExtra = reader.bits(distanceExtras[distanceSlot])
            else { return false }
            let length = lengthBases[slot] + extra
            let distance = distanceBases[distanceSlot] + distanceExtra
            guard distance <= output.count, output.count + length <= limit else { return false }
            for _ in 0..<length { output.append(output[output.count - distance]) }
        }
    }
}

/// Deflate's bit order: least significant bit of each byte first.
struct BitReader {
    /// The stream.
    let bytes: [UInt8]
    /// The next byte to read from.
    var position: Int
    private var bitOffset = 0

    /// A reader at byte `position`.
    init(bytes: [UInt8], position: Int) {
        self.bytes = bytes
        self.position = position
    }

    /// The next `count` bits as a number, first bit lowest; nil past the end.
    mutating func bits(_ count: Int) -> Int? {
        var value = 0
        for index in 0..<count {
            guard position < bytes.count else { return nil }
            value |= Int((bytes[position] >> bitOffset) & 1) << index
            bitOffset += 1
            if bitOffset == 8 {
                bitOffset = 0
                position += 1
            }
        }
        return value
    }

    /// A stored block: skips to a byte boundary, reads LEN and its complement, copies LEN bytes.
    mutating func storedBlock(into output: inout [UInt8], limit: Int) -> Bool {
        if bitOffset > 0 {
            bitOffset = 0
            position += 1
        }
        guard position + 4 <= bytes.count else { return false }
        let length = Int(bytes[position]) | Int(bytes[position + 1]) << 8
        let complement = Int(bytes[position + 2]) | Int(bytes[position + 3]) << 8
        position += 4
        guard length == complement ^ 0xFFFF, position + length <= bytes.count, output.count + length <= limit else {
            return false
        }
        output.append(contentsOf: bytes[position..<(position + length)])
        position += length
        return true
    }
}

/// A canonical Huffman code, decoded a bit at a time from the count of codes of each length.
struct Huffman {
    private var counts = [Int](repeating: 0, count: 16)
    private var symbols: [Int] = []

    /// Whether more codes were given than the lengths allow: the stream is malformed.
    private(set) var isOversubscribed = false

    /// The code for the given code length (0…15, 0 unused) of each symbol.
    init(lengths: [Int]) {
        for length in lengths { counts[length] += 1 }
        counts[0] = 0
        var left = 1
        for length in 1...15 {
            left = left << 1 - counts[length]
            if left < 0 { isOversubscribed = true }
        }
        var offsets = [Int](repeating: 0, count: 16)
        for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
        symbols = [Int](repeating: 0, count: lengths.count)
        for (symbol, length) in lengths.enumerated() where length > 0 {
            symbols[offsets[length]] = symbol
            offsets[length] += 1
        }
    }

    /// The next symbol; nil past the end or for a code not in the table.
    func decode(_ reader: inout BitReader) -> Int? {
        var (code, first, index) = (0, 0, 0)
        for length in 1...15 {
            guard let bit = reader.bits(1) else { return nil }
            code |= bit
            let count = counts[length]
            if code - count < first { return symbols[index + code - first] }
            index += count
            first = (first + count) << 1
            code <<= 1
        }
        return nil
    }

    /// Block type 1's fixed literal/length code.
    static let fixedLiterals = Huffman(lengths: (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 })
    /// Block type 1's fixed distance code.
    static let fixedDistances = Huffman(lengths: [Int](repeating: 5, count: 30))

    /// Block type 2's header: the code-length code, then the literal/length and distance codes.
    static func dynamic(_ reader: inout BitReader) -> (Huffman, Huffman)? {
        guard let literalCount = reader.bits(5).map({ $0 + 257 }), let distanceCount = reader.bits(5).map({ $0 + 1 }),
            let lengthCodeCount = reader.bits(4).map({ $0 + 4 }), literalCount <= 286, distanceCount <= 30
        else { return nil }
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var lengthCodeLengths = [Int](repeating: 0, count: 19)
        for index in 0..<lengthCodeCount {
            guard let length = reader.bits(3) else { return nil }
            lengthCodeLengths[order[index]] = length
        }
        let lengthCode = Huffman(lengths: lengthCodeLengths)
        guard !lengthCode.isOversubscribed else { return nil }
        var lengths: [Int] = []
        while lengths.count < literalCount + distanceCount {
            guard let symbol = lengthCode.decode(&reader) else { return nil }
            let repeated: (value: Int, count: Int?)
            switch symbol {
            case 0..<16: repeated = (symbol, 1)
            case 16:
                guard let previous = lengths.last else { return nil }
                repeated = (previous, reader.bits(2).map { $0 + 3 })
            case 17: repeated = (0, reader.bits(3).map { $0 + 3 })
            default: repeated = (0, reader.bits(7).map { $0 + 11 })
            }
            guard let count = repeated.count, lengths.count + count <= literalCount + distanceCount else { return nil }
            lengths += Array(repeating: repeated.value, count: count)
        }
        let literals = Huffman(lengths: Array(lengths[..<literalCount]))
        let distances = Huffman(lengths: Array(lengths[literalCount...]))
        guard !literals.isOversubscribed, !distances.isOversubscribed else { return nil }
        return (literals, distances)
    }
}
