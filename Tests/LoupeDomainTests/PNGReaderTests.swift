import Foundation
import Testing

@testable import LoupeDomain

/// A 24×16 grayscale PNG made by zlib (a dynamic-Huffman block) with every row filter (row `y` uses
/// filter `y % 5`) and its data split over two IDAT chunks. Pixel (x, y) is 0 when `(7x + 3y) % 11 == 0`,
/// else one of 60, 120, 200, 255: 35 pixels are unset, the first at (0, 0).
private let zlibMadePNG = """
    iVBORw0KGgoAAAANSUhEUgAAABgAAAAQCAAAAAApT+BJAAAAFElEQVR42lWRvRHCMAxG5SRrMEdSKDvQQns1Q8cAAACcSURBVAN39Klc2BMk\
    hTagp8gOVHHhEXLHJFRG/sGg4t33VXqWDGB8wAxg7RCU70c8RgbMySxhxEZbmplFm5SMm5GzXS+n13Tdz1NM5rE9U3YaaXAmDiDGbc5S6iCVtYOS\
    ytKd7xupTF1R0LbdhZK5rfeYnVTGIfkZIJX1CkGBUH67Mo1U5j5YXzavysjhTWXzPyXxEF82F8rfJ3wA/hGzMtjXTawAAAAASUVORK5CYII=
    """

/// A PNG chunk with its length and CRC.
private func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
    let typed = Array(type.utf8) + data
    let crc = PNGWriter.crc32(typed)
    return withUnsafeBytes(of: UInt32(data.count).bigEndian, Array.init) + typed
        + withUnsafeBytes(of: crc.bigEndian, Array.init)
}

/// A `width`×`height` PNG of the given colour type whose image data is one stored (uncompressed) deflate block.
private func storedPNG(
    width: Int, height: Int, colorType: UInt8, depth: UInt8 = 8, rows: [[UInt8]], interlaced: Bool = false
) -> [UInt8] {
    let raw: [UInt8] = rows.flatMap { row -> [UInt8] in [0] + row }
    let length = UInt16(raw.count)
    let blockHeader: [UInt8] = [
        0x78, 0x01, 0x01, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8),
    ]
    let zlib: [UInt8] = blockHeader + raw + [0, 0, 0, 0]
    let size: [UInt8] =
        withUnsafeBytes(of: UInt32(width).bigEndian, Array.init)
        + withUnsafeBytes(of: UInt32(height).bigEndian, Array.init)
    let header: [UInt8] = size + [depth, colorType, 0, 0, interlaced ? 1 : 0]
    return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", zlib)
        + chunk("IEND", [])
}

@Suite("PNG masks are read back")
struct PNGReaderTests {
    @Test func readsWhatPNGWriterWrites() throws {
        let pixels: [UInt8] = [0, 5, 5, 5, 0, 9, 9, 9, 9, 9, 0, 0, 0, 0, 7]
        let gray = try #require(
            PNGReader.setPixels(PNGWriter.encode(width: 5, height: 3, color: .gray, pixels: pixels), maxPixels: 100))
        #expect(gray.width == 5 && gray.height == 3 && gray.isSet == pixels.map { $0 > 0 })
        let rgb = try #require(
            PNGReader.setPixels(
                PNGWriter.encode(width: 2, height: 1, color: .rgb, pixels: [0, 0, 0, 0, 0, 1]), maxPixels: 100))
        #expect(rgb.isSet == [false, true])
    }

    @Test func readsZlibDynamicHuffmanWithEveryFilter() throws {
        let png = try #require(Data(base64Encoded: zlibMadePNG)).map { $0 }
        let image = try #require(PNGReader.setPixels(png, maxPixels: 1_000))
        #expect(image.width == 24 && image.height == 16)
        let expected = (0..<16).flatMap { y in (0..<24).map { x in (7 * x + 3 * y) % 11 != 0 } }
        #expect(image.isSet == expected)
        #expect(image.isSet.filter { !$0 }.count == 35)
    }

    @Test func readsStoredBlocksAndAlpha() throws {
        // Gray + alpha: set only where the gray is above zero and the alpha is visible.
        let png = storedPNG(width: 3, height: 1, colorType: 4, rows: [[9, 255, 9, 0, 0, 255]])
        #expect(PNGReader.setPixels(png, maxPixels: 100)?.isSet == [true, false, false])
        // 1-bit gray, most significant bit first, the last byte padded.
        let bits = storedPNG(width: 10, height: 1, colorType: 0, depth: 1, rows: [[0b1010_0000, 0b0100_0000]])
        #expect(
            PNGReader.setPixels(bits, maxPixels: 100)?.isSet == [
                true, false, true, false, false, false, false, false, false, true,
            ])
        // 16-bit RGBA: a colour in the low byte counts; alpha 0 hides it.
        let wide = storedPNG(
            width: 2, height: 1, colorType: 6, depth: 16, rows: [[0, 0, 0, 0, 0, 1, 0, 1, 0, 9, 0, 0, 0, 0, 0, 0]])
        #expect(PNGReader.setPixels(wide, maxPixels: 100)?.isSet == [true, false])
    }

    @Test func refusesWhatItCannotReadOrWhatIsTooLarge() {
        let good = PNGWriter.encode(width: 4, height: 4, color: .gray, pixels: [UInt8](repeating: 1, count: 16))
        #expect(PNGReader.setPixels(good, maxPixels: 15) == nil, "over the pixel limit")
        #expect(PNGReader.setPixels(Array(good.prefix(40)), maxPixels: 100) == nil, "truncated")
        #expect(
            PNGReader.setPixels(
                storedPNG(width: 1, height: 1, colorType: 0, rows: [[1]], interlaced: true), maxPixels: 100) == nil)
        // Data for 2 rows under a header that claims 1: more output than the header allows.
        #expect(
            PNGReader.setPixels(storedPNG(width: 1, height: 1, colorType: 0, rows: [[1], [1]]), maxPixels: 100) == nil)
        #expect(PNGReader.setPixels([UInt8](repeating: 0, count: 64), maxPixels: 100) == nil)
    }
}

@Suite("Scale allow_unlabeled with uploaded masks")
struct ScaleMaskCoverageTests {
    static let params: JSONObject = [
        "attachment": "https://x/a.jpg", "labels": ["road", "car"], "instance_labels": ["car"],
    ]

    private func mask(_ pixels: [UInt8]) -> JSONValue {
        .string(Data(PNGWriter.encode(width: 3, height: 2, color: .gray, pixels: pixels)).base64EncodedString())
    }

    @Test func masksTogetherMustCoverEveryPixel() {
        let road = mask([255, 255, 0, 255, 255, 0])
        let car = mask([0, 0, 255, 0, 0, 0])
        let complete: JSONObject = [
            "width": 3, "height": 2, "masks": ["road": road, "car": [car, mask([0, 0, 0, 0, 0, 255])]],
        ]
        #expect(
            AnnotationResponseRules.violations(type: "segmentannotation", params: Self.params, response: complete)
                .isEmpty)
        let partial: JSONObject = ["width": 3, "height": 2, "masks": ["road": road, "car": [car]]]
        let violations = AnnotationResponseRules.violations(
            type: "segmentannotation", params: Self.params, response: partial)
        #expect(violations.map(\.path) == ["/masks"])
        #expect(violations.first?.reason.hasPrefix("leave 1 pixel unlabelled, the first at x 2, y 1;") == true)
        var allowing = Self.params
        allowing["allow_unlabeled"] = true
        #expect(
            AnnotationResponseRules.violations(type: "segmentannotation", params: allowing, response: partial).isEmpty)
    }

    @Test func unreadableMasksAreRefusedOnlyWhenCoverageMatters() {
        let interlaced = storedPNG(width: 3, height: 2, colorType: 0, rows: [[1, 1, 1], [1, 1, 1]], interlaced: true)
        let answer: JSONObject = [
            "width": 3, "height": 2, "masks": ["road": .string(Data(interlaced).base64EncodedString())],
        ]
        #expect(
            AnnotationResponseRules.violations(type: "segmentannotation", params: Self.params, response: answer).map(
                \.path)
                == ["/masks"])
        var allowing = Self.params
        allowing["allow_unlabeled"] = "true"
        #expect(
            AnnotationResponseRules.violations(type: "segmentannotation", params: allowing, response: answer).isEmpty)
    }
}
