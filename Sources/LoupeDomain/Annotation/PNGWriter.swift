/// Writes 8-bit grayscale and RGB PNG images. The image data is deflated with fixed Huffman
/// codes and run-length matches (distance 1), which suits masks and label maps: long runs of one
/// value compress to a few bits each.
public enum PNGWriter {
    /// Pixel layouts.
    public enum ColorType: UInt8, Sendable {
        /// One byte per pixel.
        case gray = 0
        /// Three bytes per pixel.
        case rgb = 2

        var bytesPerPixel: Int { self == .gray ? 1 : 3 }
    }

    /// A PNG of `width`×`height` pixels; `pixels` holds the rows top to bottom.
    public static func encode(width: Int, height: Int, color: ColorType, pixels: [UInt8]) -> [UInt8] {
        precondition(pixels.count == width * height * color.bytesPerPixel, "pixel count must match the size")
        var raw: [UInt8] = []
        raw.reserveCapacity(pixels.count + height)
        let rowLength = width * color.bytesPerPixel
        for row in 0..<height {
            raw.append(0)  // filter: none
            raw.append(contentsOf: pixels[(row * rowLength)..<((row + 1) * rowLength)])
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header.append(contentsOf: bigEndian(UInt32(width)))
        header.append(contentsOf: bigEndian(UInt32(height)))
        header.append(contentsOf: [8, color.rawValue, 0, 0, 0])
        chunk("IHDR", header, into: &png)
        chunk("IDAT", zlib(raw), into: &png)
        chunk("IEND", [], into: &png)
        return png
    }

    /// Width and height from a PNG's header, if `bytes` starts like a PNG.
    public static func size(of bytes: [UInt8]) -> (width: Int, height: Int)? {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count >= 24, Array(bytes[0..<8]) == signature, Array(bytes[12..<16]) == Array("IHDR".utf8) else {
            return nil
        }
        func read(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (read(16), read(20))
    }

    private static func chunk(_ type: String, _ data: [UInt8], into png: inout [UInt8]) {
        png.append(contentsOf: bigEndian(UInt32(data.count)))
        let typed = Array(type.utf8) + data
        png.append(contentsOf: typed)
        png.append(contentsOf: bigEndian(crc32(typed)))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    private static let crcTable: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    /// The CRC-32 of PNG chunks (and zip, gzip).
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    /// A zlib stream: header, one fixed-Huffman deflate block, Adler-32.
    static func zlib(_ data: [UInt8]) -> [UInt8] {
        var bits = BitWriter()
        bits.write(0x78, count: 8)
        bits.write(0x01, count: 8)
        bits.write(1, count: 1)  // final block
        bits.write(1, count: 2)  // fixed Huffman
        var index = 0
        while index < data.count {
            var run = 0
            if index > 0 {
                while index + run < data.count, run < 258, data[index + run] == data[index - 1] { run += 1 }
            }
            if run >= 3 {
                bits.writeLength(run)
                bits.write(0, count: 5)  // distance code 0 = distance 1, no extra bits
                index += run
            } else {
                bits.writeLiteral(Int(data[index]))
                index += 1
            }
        }
        bits.writeLiteral(256)
        var output = bits.finish()
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        output.append(contentsOf: bigEndian(b << 16 | a))
        return output
    }
}

/// Deflate's bit order: values least significant bit first, Huffman codes most significant first.
private struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var current: UInt32 = 0
    private var filled = 0

    mutating func write(_ value: Int, count: Int) {
        for bit in 0..<count {
            current |= UInt32((value >> bit) & 1) << filled
            filled += 1
            if filled == 8 {
                bytes.append(UInt8(current))
                current = 0
                filled = 0
            }
        }
    }

    /// A Huffman code of `length` bits, most significant first.
    mutating func writeCode(_ code: Int, length: Int) {
        var reversed = 0
        for bit in 0..<length { reversed |= ((code >> bit) & 1) << (length - 1 - bit) }
        write(reversed, count: length)
    }

    /// A literal byte or end-of-block (256) in the fixed code.
    mutating func writeLiteral(_ symbol: Int) {
        switch symbol {
        case 0...143: writeCode(0x30 + symbol, length: 8)
        case 144...255: writeCode(0x190 + symbol - 144, length: 9)
        case 256...279: writeCode(symbol - 256, length: 7)
        default: writeCode(0xC0 + symbol - 280, length: 8)
        }
    }

    /// A match length (3…258) as its fixed code and extra bits.
    mutating func writeLength(_ length: Int) {
        let bases = [
            3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195,
            227, 258,
        ]
        let extras = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
        let slot = bases.lastIndex { $0 <= length } ?? 0
        writeLiteral(257 + slot)
        write(length - bases[slot], count: extras[slot])
    }

    mutating func finish() -> [UInt8] {
        if filled > 0 { bytes.append(UInt8(current)) }
        return bytes
    }
}
