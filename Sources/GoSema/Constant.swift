import GoSyntax

/// Values of constant expressions: what a buffered channel's capacity, a
/// `make` size, an array length or a loop bound is, when the source says.
///
/// Integers use 128 bits, enough for every typed Go integer and for the
/// usual untyped intermediate values (`1<<64 - 1`); anything larger becomes
/// a float, and an operation that cannot be evaluated yields nil
/// ("unknown"), never a wrong value.
public enum Constant: Hashable, Sendable, CustomStringConvertible {
    case bool(Bool)
    case string(String)
    case int(Int128)
    case float(Double)
    case complex(Double, Double)

    public var description: String {
        switch self {
        case .bool(let b): return String(b)
        case .string(let s): return "\"\(s)\""
        case .int(let i): return String(i)
        case .float(let f): return String(f)
        case .complex(let r, let i): return "(\(r) + \(i)i)"
        }
    }

    /// The value as an Int when it is an integer that fits.
    public var intValue: Int? {
        switch self {
        case .int(let i): return Int(exactly: i)
        case .float(let f): return f.rounded() == f && abs(f) < 9.0e18 ? Int(f) : nil
        default: return nil
        }
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .float(let f): return f
        default: return nil
        }
    }

    // MARK: Literals

    /// The value of an INT, FLOAT, IMAG, CHAR or STRING literal's text.
    static func literal(_ kind: LitKindValue, _ text: String) -> Constant? {
        switch kind {
        case .int:
            return parseInteger(text).map { .int($0) } ?? Double(cleanFloat(text)).map { .float($0) }
        case .float:
            return parseFloat(text).map { .float($0) }
        case .imag:
            let body = String(text.dropLast())
            if let v = parseFloat(body) ?? parseInteger(body).map(Double.init) { return .complex(0, v) }
            return nil
        case .char:
            guard let s = unquote(text), let scalar = s.unicodeScalars.first else {
                // A byte escape such as '\xff' is a value, not a scalar.
                return byteRuneValue(text).map { .int(Int128($0)) }
            }
            return .int(Int128(scalar.value))
        case .string:
            return unquote(text).map { .string($0) }
        }
    }

    enum LitKindValue { case int, float, imag, char, string }

    /// The literal without `_` separators.
    private static func cleanFloat(_ s: String) -> String {
        s.utf8.contains(0x5F) ? String(s.filter { $0 != "_" }) : s
    }

    /// Reads the literal's bytes in place: the checker reads every integer
    /// literal of the program, and the `Substring` prefix tests and the
    /// copy without separators this did cost more than the digits.
    static func parseInteger(_ text: String) -> Int128? {
        var text = text
        if text.utf8.contains(0x5F) { text = cleanFloat(text) }
        return text.withUTF8 { parseInteger(digits: $0) }
    }

    /// An integer literal without `_` separators: `0x`/`0o`/`0b` prefixes,
    /// a leading `0` for octal.
    private static func parseInteger(digits s: UnsafeBufferPointer<UInt8>) -> Int128? {
        var start = 0
        var radix = 10
        if s.count >= 2 && s[0] == 0x30 {
            switch s[1] {
            case 0x78, 0x58: radix = 16; start = 2
            case 0x6F, 0x4F: radix = 8; start = 2
            case 0x62, 0x42: radix = 2; start = 2
            default: radix = 8; start = 1
            }
        }
        guard start < s.count else { return radix == 8 ? 0 : nil }
        var value: Int128 = 0
        for c in s[start...] {
            let d: Int
            switch c {
            case 0x30...0x39: d = Int(c - 0x30)
            case 0x61...0x66: d = Int(c - 0x61 + 10)
            case 0x41...0x46: d = Int(c - 0x41 + 10)
            default: return nil
            }
            guard d < radix else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: Int128(radix))
            let (a, o2) = m.addingReportingOverflow(Int128(d))
            if o1 || o2 { return nil }
            value = a
        }
        return value
    }

    static func parseFloat(_ text: String) -> Double? {
        let s = cleanFloat(text)
        if s.hasPrefix("0x") || s.hasPrefix("0X") { return Double(s) }  // Swift reads hex floats with p exponents
        if let d = Double(s) { return d }
        // Legacy forms Swift does not take: "1." and ".5".
        if s.hasSuffix(".") { return Double(s + "0") }
        if s.hasPrefix(".") { return Double("0" + s) }
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }), s[s.index(before: e)] == "." {
            return Double(String(s[..<e]) + "0" + String(s[e...]))
        }
        return nil
    }

    private static func byteRuneValue(_ text: String) -> UInt32? {
        let bytes = Array(text.utf8)
        guard bytes.count == 6, bytes[1] == 0x5C, bytes[2] == 0x78 else { return nil }
        return UInt32(String(decoding: bytes[3...4], as: UTF8.self), radix: 16)
    }

    /// Interprets a Go string or rune literal (quotes included). Byte
    /// escapes that do not form valid UTF-8 are kept as U+FFFD, which only
    /// affects messages.
    static func unquote(_ text: String) -> String? {
        let utf8 = text.utf8
        // A literal the lexer found unterminated (`"c` at the end of a
        // damaged file) has no value.
        guard utf8.count >= 2, let open = utf8.first, open == 0x22 || open == 0x27 || open == 0x60, utf8.last == open else { return nil }
        // Most literals have no escape: their value is what is between the quotes.
        if utf8.first != 0x60 && !utf8.contains(0x5C) {
            return String(decoding: utf8.dropFirst().dropLast(), as: UTF8.self)
        }
        let bytes = Array(utf8)
        let quote = bytes[0]
        if quote == 0x60 { return String(decoding: bytes[1..<(bytes.count - 1)].filter { $0 != 0x0D }, as: UTF8.self) }
        var out: [UInt8] = []
        var i = 1
        let end = bytes.count - 1
        while i < end {
            let c = bytes[i]
            // `"\"`: the closing quote is escaped, so the literal is not closed.
            if c == 0x5C && i + 1 == end { return nil }
            guard c == 0x5C, i + 1 < end else {
                out.append(c)
                i += 1
                continue
            }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case 0x61: out.append(7)
            case 0x62: out.append(8)
            case 0x66: out.append(12)
            case 0x6E: out.append(10)
            case 0x72: out.append(13)
            case 0x74: out.append(9)
            case 0x76: out.append(11)
            case 0x5C, 0x27, 0x22: out.append(e)
            case 0x30...0x37:
                guard i + 1 < end + 1, let v = UInt8(String(decoding: bytes[(i - 1)...min(i + 1, end - 1)], as: UTF8.self), radix: 8) else { return nil }
                out.append(v)
                i += 2
            case 0x78:
                guard i + 1 < end + 1, let v = UInt8(String(decoding: bytes[i...min(i + 1, end - 1)], as: UTF8.self), radix: 16) else { return nil }
                out.append(v)
                i += 2
            case 0x75, 0x55:
                let n = e == 0x75 ? 4 : 8
                guard i + n <= end, let v = UInt32(String(decoding: bytes[i..<(i + n)], as: UTF8.self), radix: 16),
                      let scalar = Unicode.Scalar(v) else { return nil }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                i += n
            default:
                return nil
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Operations

    static func unary(_ op: Token, _ x: Constant) -> Constant? {
        switch (op, x) {
        case (.add, _): return x
        case (.sub, .int(let i)): return i == Int128.min ? nil : .int(-i)
        case (.sub, .float(let f)): return .float(-f)
        case (.sub, .complex(let r, let i)): return .complex(-r, -i)
        case (.xor, .int(let i)): return .int(~i)
        case (.not, .bool(let b)): return .bool(!b)
        default: return nil
        }
    }

    /// The longest string a concatenation of constants is folded to; a
    /// longer one is a string value of unknown content. Generated files
    /// spell blobs as thousands of `"..." +` lines (time/tzdata's
    /// zipdata.go: 7,000 lines, 1.4 MB): folded whole, every prefix is a
    /// constant of its own, and recording them took the checker to 2.3 GB
    /// and seconds of copying on that one file. No analysis reads a string
    /// constant that long.
    static let maxFoldedStringBytes = 64 * 1024

    static func binary(_ op: Token, _ x: Constant, _ y: Constant, integerDivision: Bool) -> Constant? {
        switch (x, y) {
        case (.int(let a), .int(let b)):
            return integerBinary(op, a, b, integerDivision: integerDivision)
        case (.bool(let a), .bool(let b)):
            switch op {
            case .land: return .bool(a && b)
            case .lor: return .bool(a || b)
            case .eql: return .bool(a == b)
            case .neq: return .bool(a != b)
            default: return nil
            }
        case (.string(let a), .string(let b)):
            switch op {
            case .add:
                guard a.utf8.count + b.utf8.count <= Constant.maxFoldedStringBytes else { return nil }
                return .string(a + b)
            case .eql: return .bool(a == b)
            case .neq: return .bool(a != b)
            case .lss: return .bool(a < b)
            case .leq: return .bool(a <= b)
            case .gtr: return .bool(a > b)
            case .geq: return .bool(a >= b)
            default: return nil
            }
        default:
            guard let a = x.doubleValue, let b = y.doubleValue else { return nil }
            switch op {
            case .add: return .float(a + b)
            case .sub: return .float(a - b)
            case .mul: return .float(a * b)
            case .quo: return b == 0 ? nil : .float(a / b)
            case .eql: return .bool(a == b)
            case .neq: return .bool(a != b)
            case .lss: return .bool(a < b)
            case .leq: return .bool(a <= b)
            case .gtr: return .bool(a > b)
            case .geq: return .bool(a >= b)
            default: return nil
            }
        }
    }

    private static func integerBinary(_ op: Token, _ a: Int128, _ b: Int128, integerDivision: Bool) -> Constant? {
        func checked(_ r: (partialValue: Int128, overflow: Bool)) -> Constant? { r.overflow ? nil : .int(r.partialValue) }
        switch op {
        case .add: return checked(a.addingReportingOverflow(b))
        case .sub: return checked(a.subtractingReportingOverflow(b))
        case .mul: return checked(a.multipliedReportingOverflow(by: b))
        case .quo:
            guard b != 0 else { return nil }
            return integerDivision ? checked(a.dividedReportingOverflow(by: b)) : .float(Double(a) / Double(b))
        case .rem: return b == 0 ? nil : checked(a.remainderReportingOverflow(dividingBy: b))
        case .and: return .int(a & b)
        case .or: return .int(a | b)
        case .xor: return .int(a ^ b)
        case .andNot: return .int(a & ~b)
        case .shl:
            guard b >= 0, b < 127 else { return nil }
            let r = a << b
            return r >> b == a ? .int(r) : nil
        case .shr:
            guard b >= 0 else { return nil }
            return .int(b >= 127 ? (a < 0 ? -1 : 0) : a >> b)
        case .eql: return .bool(a == b)
        case .neq: return .bool(a != b)
        case .lss: return .bool(a < b)
        case .leq: return .bool(a <= b)
        case .gtr: return .bool(a > b)
        case .geq: return .bool(a >= b)
        default: return nil
        }
    }

    /// The value converted to a basic type: integers truncated to their
    /// width would be a compile error for constants, so out-of-range
    /// values are dropped (nil) rather than wrapped.
    func converted(to kind: BasicKind) -> Constant? {
        if kind.isInteger {
            switch self {
            case .int: return self
            case .float(let f): return f.rounded() == f && abs(f) < 1.0e38 ? .int(Int128(f)) : nil
            default: return nil
            }
        }
        if kind.isFloat {
            return doubleValue.map { .float($0) }
        }
        if kind.isString {
            if case .int(let i) = self, let v = UInt32(exactly: i) {
                return .string(Unicode.Scalar(v).map { String(Character($0)) } ?? "\u{FFFD}")
            }
            return self.stringValue.map { .string($0) }
        }
        return self
    }
}
