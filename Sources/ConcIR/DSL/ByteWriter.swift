/// An append-only UTF-8 buffer: the printer writes bytes, never builds
/// intermediate strings, and converts once at the end.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Empties the buffer, keeping its storage.
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    @inline(__always) mutating func byte(_ b: UInt8) { bytes.append(b) }

    @inline(__always) mutating func write(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    @inline(__always) mutating func write(_ s: Substring) { bytes.append(contentsOf: s.utf8) }

    /// Decimal, without allocating.
    mutating func write(_ value: Int64) {
        if value < 0 {
            byte(0x2D)
            // The magnitude of Int64.min does not fit an Int64.
            writeUnsigned(UInt64(bitPattern: value).magnitudeOfNegative)
        } else {
            writeUnsigned(UInt64(value))
        }
    }

    mutating func write(_ value: Int) { write(Int64(value)) }

    mutating func write(_ value: UInt32) { writeUnsigned(UInt64(value)) }

    mutating func writeUnsigned(_ value: UInt64) {
        if value < 10 {
            bytes.append(UInt8(truncatingIfNeeded: value) &+ 0x30)
            return
        }
        var divisor: UInt64 = 10
        while value / divisor >= 10 { divisor &*= 10 }
        var rest = value
        while divisor > 0 {
            let digit = rest / divisor
            bytes.append(UInt8(truncatingIfNeeded: digit) &+ 0x30)
            rest -= digit &* divisor
            divisor /= 10
        }
    }

    /// A Go double-quoted string literal. Quotes, backslashes and control
    /// characters are escaped; everything else is written as UTF-8.
    mutating func writeQuoted(_ s: String) {
        byte(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22: write("\\\"")
            case 0x5C: write("\\\\")
            case 0x0A: write("\\n")
            case 0x09: write("\\t")
            case 0x0D: write("\\r")
            case 0..<0x20, 0x7F:
                write("\\x")
                byte(Self.hex[Int(b >> 4)])
                byte(Self.hex[Int(b & 0xF)])
            default: byte(b)
            }
        }
        byte(0x22)
    }

    /// A name bare when it lexes as one, quoted otherwise.
    mutating func writeName(_ s: String) {
        if Lexical.isPlainName(s) { write(s) } else { writeQuoted(s) }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    var string: String { String(decoding: bytes, as: UTF8.self) }
}

private extension UInt64 {
    /// For a bit pattern of a negative Int64, its magnitude.
    var magnitudeOfNegative: UInt64 { ~self &+ 1 }
}
