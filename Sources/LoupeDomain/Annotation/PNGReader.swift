/// Reads a PNG far enough to tell which pixels are set: the counterpart of `PNGWriter` for masks that
/// workers upload. Any non-interlaced PNG of a standard colour type and bit depth is read; the work is
/// linear in the file and the image, and the inflated data may not exceed what the header's size needs
/// (nor 4 bytes a pixel of `maxPixels`).
enum PNGReader {
    /// Which pixels of a `width`×`height` image are set (rows top to bottom): a colour sample above zero,
    /// and, when the image has alpha, a visible one. Nil for anything unreadable or over `maxPixels`.
    static func setPixels(_ png: [UInt8], maxPixels: Int) -> (width: Int, height: Int, isSet: [Bool])? {
        guard let header = PNGWriter.size(of: png), png.count >= 29, header.width > 0, header.height > 0,
            header.width <= maxPixels / header.height
        else { return nil }
        let (depth, colorType, interlace) = (Int(png[24]), Int(png[25]), png[28])
        let channels: Int
        switch (colorType, depth) {
        case (0, 1), (0, 2), (0, 4), (0, 8), (0, 16), (3, 1), (3, 2), (3, 4), (3, 8): channels = 1
        case (2, 8), (2, 16): channels = 3
        case (4, 8), (4, 16): channels = 2
        case (6, 8), (6, 16): channels = 4
        default: return nil
        }
        guard interlace == 0, let chunks = imageChunks(png) else { return nil }
        let (width, height) = header
        let bitsPerPixel = channels * depth
        let stride = (width * bitsPerPixel + 7) / 8
        // At most 4 bytes a pixel at the largest size: 16-bit samples only on smaller images.
        let rawSize = height * (stride + 1)
        guard rawSize <= 4 * maxPixels + height, let raw = Inflater.zlib(chunks.data, limit: rawSize),
            raw.count == rawSize,
            let rows = unfilter(raw, height: height, stride: stride, bytesPerPixel: max(1, bitsPerPixel / 8))
        else { return nil }
        // The common mask: 8-bit gray, one byte per pixel.
        if colorType == 0, depth == 8 { return (width, height, rows.map { $0 > 0 }) }
        let hasAlpha = colorType == 4 || colorType == 6
        var isSet = [Bool](repeating: false, count: width * height)
        for y in 0..<height {
            let row = y * stride
            for x in 0..<width {
                var visibleColor = false
                var visible = true
                for channel in 0..<channels {
                    let bit = (x * channels + channel) * depth
                    var sample = 0
                    if depth >= 8 {
                        for byte in 0..<(depth / 8) { sample = sample << 8 | Int(rows[row + bit / 8 + byte]) }
                    } else {
                        sample = Int(rows[row + bit / 8] >> (8 - depth - bit % 8)) & ((1 << depth) - 1)
                    }
                    if hasAlpha, channel == channels - 1 {
                        visible = sample > 0
                    } else if colorType == 3 {
                        visibleColor = chunks.palette.indices.contains(sample) && chunks.palette[sample]
                    } else if sample > 0 {
                        visibleColor = true
                    }
                }
                isSet[y * width + x] = visibleColor && visible
            }
        }
        return (width, height, isSet)
    }

    /// The concatenated IDAT data, and for each palette entry whether its colour is not black.
    private static func imageChunks(_ png: [UInt8]) -> (data: [UInt8], palette: [Bool])? {
        var offset = 8
        var data: [UInt8] = []
        var palette: [Bool] = []
        while offset + 12 <= png.count {
            let length = png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let start = offset + 8
            guard length <= png.count - start - 4 else { return nil }
            let type = String(decoding: png[(offset + 4)..<start], as: UTF8.self)
            let body = png[start..<(start + length)]
            switch type {
            case "IDAT": data.append(contentsOf: body)
            case "PLTE":
                palette = stride(from: body.startIndex, to: body.endIndex - 2, by: 3).map {
                    body[$0] != 0 || body[$0 + 1] != 0 || body[$0 + 2] != 0
                }
            case "IEND": return (data, palette)
            default: break
            }
            offset = start + length + 4
        }
        return nil
    }

    /// Undoes PNG's per-row filters (none, sub, up, average, Paeth); nil for an unknown filter.
    private static func unfilter(_ raw: [UInt8], height: Int, stride: Int, bytesPerPixel: Int) -> [UInt8]? {
        var rows = [UInt8](repeating: 0, count: height * stride)
        for y in 0..<height {
            let filter = raw[y * (stride + 1)]
            let source = y * (stride + 1) + 1
            let row = y * stride
            guard filter <= 4 else { return nil }
            if filter == 0 || (filter == 2 && y == 0) {
                rows.replaceSubrange(row..<(row + stride), with: raw[source..<(source + stride)])
                continue
            }
            for i in 0..<stride {
                let left = i >= bytesPerPixel ? Int(rows[row + i - bytesPerPixel]) : 0
                let up = y > 0 ? Int(rows[row - stride + i]) : 0
                let predicted: Int
                switch filter {
                case 1: predicted = left
                case 2: predicted = up
                case 3: predicted = (left + up) / 2
                default:
                    let upLeft = y > 0 && i >= bytesPerPixel ? Int(rows[row - stride + i - bytesPerPixel]) : 0
                    let estimate = left + up - upLeft
                    let (a, b, c) = (abs(estimate - left), abs(estimate - up), abs(estimate - upLeft))
                    predicted = a <= b && a <= c ? left : (b <= c ? up : upLeft)
                }
                rows[row + i] = UInt8(truncatingIfNeeded: Int(raw[source + i]) + predicted)
            }
        }
        return rows
    }
}
