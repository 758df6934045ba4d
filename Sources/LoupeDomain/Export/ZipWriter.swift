/// Writes a zip archive one file at a time, so an archive can be streamed without holding more
/// than one entry: each entry's header, CRC and sizes are known when it is written (entries are
/// small and stored uncompressed), and only the central directory's records (name, CRC, size,
/// offset) are kept until `finish`. Past 65,535 entries or 4 GiB the end records are ZIP64, which
/// Python's `zipfile`, `unzip` 6 and every current tool read.
public struct ZipWriter: Sendable {
    private struct Record: Sendable {
        let name: [UInt8]
        let crc: UInt32
        let size: UInt64
        let offset: UInt64
    }

    private var records: [Record] = []
    private var offset: UInt64 = 0
    private let dosTime: UInt16
    private let dosDate: UInt16

    /// A writer stamping entries with `modificationTime` (seconds since the Unix epoch, UTC;
    /// fixed so archives are reproducible).
    public init(modificationTime: Int) {
        let days = modificationTime / 86_400
        let seconds = modificationTime % 86_400
        let (year, month, day) = CivilCalendar.civil(fromDays: Int64(days))
        dosTime = UInt16((seconds / 3_600) << 11 | (seconds % 3_600 / 60) << 5 | (seconds % 60) / 2)
        dosDate = UInt16(max(0, Int(year) - 1_980) << 9 | Int(month) << 5 | Int(day))
    }

    /// A stored file entry: its local header, then `contents`.
    public mutating func entry(name: String, contents: [UInt8]) -> [UInt8] {
        let nameBytes = Array(name.utf8)
        let crc = PNGWriter.crc32(contents)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(30 + nameBytes.count + contents.count)
        bytes.append(le32: 0x0403_4B50)
        bytes.append(le16: 20)  // version needed: 2.0
        bytes.append(le16: 0x0800)  // names are UTF-8
        bytes.append(le16: 0)  // stored
        bytes.append(le16: dosTime)
        bytes.append(le16: dosDate)
        bytes.append(le32: crc)
        bytes.append(le32: UInt32(contents.count))
        bytes.append(le32: UInt32(contents.count))
        bytes.append(le16: UInt16(nameBytes.count))
        bytes.append(le16: 0)
        bytes.append(contentsOf: nameBytes)
        bytes.append(contentsOf: contents)
        records.append(Record(name: nameBytes, crc: crc, size: UInt64(contents.count), offset: offset))
        offset += UInt64(bytes.count)
        return bytes
    }

    /// A file entry holding `text` as UTF-8.
    public mutating func entry(name: String, text: String) -> [UInt8] { entry(name: name, contents: Array(text.utf8)) }

    /// The central directory and the end records.
    public mutating func finish() -> [UInt8] {
        var bytes: [UInt8] = []
        let directoryStart = offset
        for record in records {
            let farOffset = record.offset >= 0xFFFF_FFFF
            bytes.append(le32: 0x0201_4B50)
            bytes.append(le16: 0x031E)  // made by: Unix, 3.0
            bytes.append(le16: farOffset ? 45 : 20)
            bytes.append(le16: 0x0800)
            bytes.append(le16: 0)
            bytes.append(le16: dosTime)
            bytes.append(le16: dosDate)
            bytes.append(le32: record.crc)
            bytes.append(le32: UInt32(record.size))
            bytes.append(le32: UInt32(record.size))
            bytes.append(le16: UInt16(record.name.count))
            bytes.append(le16: farOffset ? 12 : 0)
            bytes.append(le16: 0)  // comment
            bytes.append(le16: 0)  // disk
            bytes.append(le16: 0)  // internal attributes
            bytes.append(le32: 0o100644 << 16)  // a regular file, rw-r--r--
            bytes.append(le32: farOffset ? 0xFFFF_FFFF : UInt32(record.offset))
            bytes.append(contentsOf: record.name)
            if farOffset {
                bytes.append(le16: 0x0001)
                bytes.append(le16: 8)
                bytes.append(le64: record.offset)
            }
        }
        let directorySize = UInt64(bytes.count)
        let count = UInt64(records.count)
        if count > 0xFFFF || directoryStart >= 0xFFFF_FFFF || directorySize >= 0xFFFF_FFFF {
            let zip64End = directoryStart + directorySize
            bytes.append(le32: 0x0606_4B50)
            bytes.append(le64: 44)
            bytes.append(le16: 0x031E)
            bytes.append(le16: 45)
            bytes.append(le32: 0)
            bytes.append(le32: 0)
            bytes.append(le64: count)
            bytes.append(le64: count)
            bytes.append(le64: directorySize)
            bytes.append(le64: directoryStart)
            bytes.append(le32: 0x0706_4B50)
            bytes.append(le32: 0)
            bytes.append(le64: zip64End)
            bytes.append(le32: 1)
        }
        bytes.append(le32: 0x0605_4B50)
        bytes.append(le16: 0)
        bytes.append(le16: 0)
        bytes.append(le16: UInt16(min(count, 0xFFFF)))
        bytes.append(le16: UInt16(min(count, 0xFFFF)))
        bytes.append(le32: UInt32(min(directorySize, 0xFFFF_FFFF)))
        bytes.append(le32: UInt32(min(directoryStart, 0xFFFF_FFFF)))
        bytes.append(le16: 0)
        offset += UInt64(bytes.count)
        return bytes
    }
}

extension [UInt8] {
    fileprivate mutating func append(le16 value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }

    fileprivate mutating func append(le32 value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }

    fileprivate mutating func append(le64 value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { append(UInt8((value >> UInt64(shift)) & 0xFF)) }
    }
}
