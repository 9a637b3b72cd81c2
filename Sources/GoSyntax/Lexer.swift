/// The Go scanner: bytes in, tokens out, with automatic semicolons.
///
/// Works on a raw byte buffer that the caller keeps alive for the lexer's
/// lifetime (the parser runs inside `withUnsafeBufferPointer`). Tokens are
/// not stored: the parser pulls one at a time, so a file costs no token
/// array. Comments are collected on the side, in order.
struct Lexer {
    let buf: UnsafeBufferPointer<UInt8>
    /// Offset of the next byte to scan.
    private(set) var cursor: Int = 0

    // The current token.
    private(set) var token: Token = .eof
    private(set) var tokenStart: Int = 0
    private(set) var tokenEnd: Int = 0
    /// For `.semicolon`: true when it was inserted at a newline or EOF
    /// (messages then say "newline"), false for a written `;`.
    private(set) var semicolonIsAutomatic = false

    /// Whether a newline now ends a statement (the previous token was an
    /// identifier, a literal, `break`, `)` and so on).
    private var insertSemicolon = false

    var comments: [Comment] = []
    var errors: [SyntaxError] = []

    init(buffer: UnsafeBufferPointer<UInt8>) {
        buf = buffer
        // A byte order mark is allowed at the very start only.
        if buf.count >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { cursor = 3 }
    }

    /// The bytes of the current token.
    var tokenLength: Int { tokenEnd - tokenStart }

    private mutating func error(_ offset: Int, _ message: String) {
        guard errors.count < Lexer.maxErrors else { return }
        errors.append(SyntaxError(offset: UInt32(offset), message: message))
    }

    // MARK: Scanning

    mutating func next() {
        // An invalid character is reported and skipped, as Go's scanner
        // does, so that the parser sees the next real token.
        repeat {
            scan()
        } while token == .illegal
    }

    /// Errors the lexer records at most: a file of garbage must not turn
    /// into millions of messages.
    static let maxErrors = 100

    private mutating func scan() {
        let n = buf.count
        // Skip white space; a newline ends the statement when a semicolon is due.
        while cursor < n {
            let c = buf[cursor]
            if c == 0x20 || c == 0x09 || c == 0x0D {
                cursor += 1
            } else if c == 0x0A {
                if insertSemicolon {
                    emitAutomaticSemicolon(at: cursor)
                    cursor += 1
                    return
                }
                cursor += 1
            } else if c == 0x2F, cursor + 1 < n, buf[cursor + 1] == 0x2F || buf[cursor + 1] == 0x2A {
                // A comment: if a semicolon is due and the comment runs to
                // the end of the line (or contains a newline), the
                // semicolon comes first, at the comment's start.
                let start = cursor
                let containsNewline = scanComment()
                if insertSemicolon && (containsNewline || buf[start + 1] == 0x2F) {
                    emitAutomaticSemicolon(at: start)
                    return
                }
            } else {
                break
            }
        }
        tokenStart = cursor
        if cursor >= n {
            if insertSemicolon {
                emitAutomaticSemicolon(at: cursor)
                return
            }
            token = .eof
            tokenEnd = cursor
            return
        }
        let c = buf[cursor]
        insertSemicolon = false
        if isLetter(c) {
            scanIdentifier()
            return
        }
        if isDecimal(c) || (c == 0x2E && cursor + 1 < n && isDecimal(buf[cursor + 1])) {
            scanNumber()
            insertSemicolon = true
            return
        }
        cursor += 1
        switch c {
        case 0x22: // "
            scanString()
            token = .string
            insertSemicolon = true
        case 0x60: // `
            scanRawString()
            token = .string
            insertSemicolon = true
        case 0x27: // '
            scanRune()
            token = .char
            insertSemicolon = true
        case 0x28: token = .lparen
        case 0x29: token = .rparen; insertSemicolon = true
        case 0x5B: token = .lbrack
        case 0x5D: token = .rbrack; insertSemicolon = true
        case 0x7B: token = .lbrace
        case 0x7D: token = .rbrace; insertSemicolon = true
        case 0x2C: token = .comma
        case 0x3B: token = .semicolon; semicolonIsAutomatic = false
        case 0x7E: token = .tilde
        case 0x2E: // .
            if peek(0) == 0x2E, peek(1) == 0x2E {
                cursor += 2
                token = .ellipsis
            } else {
                token = .period
            }
        case 0x3A: // :
            token = eat(0x3D) ? .define : .colon
        case 0x2B: // +
            if eat(0x2B) { token = .inc; insertSemicolon = true } else { token = eat(0x3D) ? .addAssign : .add }
        case 0x2D: // -
            if eat(0x2D) { token = .dec; insertSemicolon = true } else { token = eat(0x3D) ? .subAssign : .sub }
        case 0x2A: token = eat(0x3D) ? .mulAssign : .mul
        case 0x2F: token = eat(0x3D) ? .quoAssign : .quo
        case 0x25: token = eat(0x3D) ? .remAssign : .rem
        case 0x5E: token = eat(0x3D) ? .xorAssign : .xor
        case 0x3C: // <
            if eat(0x2D) {
                token = .arrow
            } else if eat(0x3C) {
                token = eat(0x3D) ? .shlAssign : .shl
            } else {
                token = eat(0x3D) ? .leq : .lss
            }
        case 0x3E: // >
            if eat(0x3E) {
                token = eat(0x3D) ? .shrAssign : .shr
            } else {
                token = eat(0x3D) ? .geq : .gtr
            }
        case 0x3D: token = eat(0x3D) ? .eql : .assign
        case 0x21: token = eat(0x3D) ? .neq : .not
        case 0x26: // &
            if eat(0x5E) {
                token = eat(0x3D) ? .andNotAssign : .andNot
            } else if eat(0x26) {
                token = .land
            } else {
                token = eat(0x3D) ? .andAssign : .and
            }
        case 0x7C: // |
            if eat(0x7C) { token = .lor } else { token = eat(0x3D) ? .orAssign : .or }
        default:
            cursor -= 1
            scanInvalid()
        }
        tokenEnd = cursor
    }

    private mutating func emitAutomaticSemicolon(at offset: Int) {
        insertSemicolon = false
        token = .semicolon
        semicolonIsAutomatic = true
        tokenStart = offset
        tokenEnd = offset
    }

    @inline(__always) private func peek(_ k: Int) -> UInt8 {
        let i = cursor + k
        return i < buf.count ? buf[i] : 0
    }

    @inline(__always) private mutating func eat(_ c: UInt8) -> Bool {
        if cursor < buf.count, buf[cursor] == c {
            cursor += 1
            return true
        }
        return false
    }

    /// An unexpected byte or a non-ASCII character that cannot start a token.
    private mutating func scanInvalid() {
        let c = buf[cursor]
        if c >= 0x80 {
            let (scalar, width) = decodeScalar(at: cursor)
            if let scalar, isUnicodeLetter(scalar) {
                scanIdentifier()
                return
            }
            if scalar == nil {
                error(cursor, "invalid UTF-8 encoding")
            } else if let s = scalar {
                error(cursor, "invalid character U+\(hex4(s.value)) '\(String(Character(s)))'")
            }
            cursor += width
        } else if c == 0 {
            error(cursor, "invalid NUL character")
            cursor += 1
        } else {
            let shown = c >= 0x20 && c < 0x7F ? "'\(String(UnicodeScalar(c)))'" : "U+\(hex4(UInt32(c)))"
            error(cursor, "invalid character \(shown)")
            cursor += 1
        }
        token = .illegal
        tokenEnd = cursor
        insertSemicolon = false
    }

    // MARK: Identifiers and keywords

    private mutating func scanIdentifier() {
        let start = cursor
        let n = buf.count
        var ascii = true
        while cursor < n {
            let c = buf[cursor]
            if c < 0x80 {
                if isLetter(c) || isDecimal(c) { cursor += 1 } else { break }
            } else {
                let (scalar, width) = decodeScalar(at: cursor)
                guard let scalar else {
                    // Invalid UTF-8 inside a name ends the name; the byte is
                    // reported by the next token.
                    break
                }
                if isUnicodeLetter(scalar) || isUnicodeDigit(scalar) {
                    ascii = false
                    cursor += width
                } else {
                    break
                }
            }
        }
        tokenStart = start
        tokenEnd = cursor
        if ascii, let kw = keyword(start: start, length: cursor - start) {
            token = kw
            switch kw {
            case .kwBreak, .kwContinue, .kwFallthrough, .kwReturn: insertSemicolon = true
            default: insertSemicolon = false
            }
        } else {
            token = .ident
            insertSemicolon = true
        }
    }

    /// Keyword recognition by length and first byte: no hashing, no strings.
    private func keyword(start: Int, length: Int) -> Token? {
        guard length >= 2, length <= 11 else { return nil }
        let c0 = buf[start]
        guard c0 >= 0x61, c0 <= 0x7A else { return nil }
        @inline(__always) func matches(_ word: StaticString) -> Bool {
            guard word.utf8CodeUnitCount == length else { return false }
            let p = word.utf8Start
            for i in 1..<length where buf[start + i] != p[i] { return false }
            return true
        }
        switch c0 {
        case 0x62: return matches("break") ? .kwBreak : nil                       // b
        case 0x63:                                                                // c
            if matches("case") { return .kwCase }
            if matches("chan") { return .kwChan }
            if matches("const") { return .kwConst }
            if matches("continue") { return .kwContinue }
            return nil
        case 0x64:                                                                // d
            if matches("default") { return .kwDefault }
            if matches("defer") { return .kwDefer }
            return nil
        case 0x65: return matches("else") ? .kwElse : nil                        // e
        case 0x66:                                                                // f
            if matches("for") { return .kwFor }
            if matches("func") { return .kwFunc }
            if matches("fallthrough") { return .kwFallthrough }
            return nil
        case 0x67:                                                                // g
            if matches("go") { return .kwGo }
            if matches("goto") { return .kwGoto }
            return nil
        case 0x69:                                                                // i
            if matches("if") { return .kwIf }
            if matches("import") { return .kwImport }
            if matches("interface") { return .kwInterface }
            return nil
        case 0x6D: return matches("map") ? .kwMap : nil                          // m
        case 0x70: return matches("package") ? .kwPackage : nil                  // p
        case 0x72:                                                                // r
            if matches("range") { return .kwRange }
            if matches("return") { return .kwReturn }
            return nil
        case 0x73:                                                                // s
            if matches("select") { return .kwSelect }
            if matches("struct") { return .kwStruct }
            if matches("switch") { return .kwSwitch }
            return nil
        case 0x74: return matches("type") ? .kwType : nil                        // t
        case 0x76: return matches("var") ? .kwVar : nil                          // v
        default: return nil
        }
    }

    // MARK: Comments

    /// Scans a comment starting at `cursor`; returns whether it spans a newline.
    private mutating func scanComment() -> Bool {
        let start = cursor
        let n = buf.count
        var containsNewline = false
        if buf[cursor + 1] == 0x2F {
            cursor += 2
            while cursor < n, buf[cursor] != 0x0A { cursor += 1 }
            // The newline itself is not part of the comment.
        } else {
            cursor += 2
            var closed = false
            while cursor < n {
                let c = buf[cursor]
                if c == 0x2A, cursor + 1 < n, buf[cursor + 1] == 0x2F {
                    cursor += 2
                    closed = true
                    break
                }
                if c == 0x0A { containsNewline = true }
                cursor += 1
            }
            if !closed {
                error(start, "comment not terminated")
                containsNewline = true
            }
        }
        comments.append(Comment(start: UInt32(start), end: UInt32(cursor)))
        return containsNewline
    }

    // MARK: Strings and runes

    private mutating func scanString() {
        let start = cursor - 1
        let n = buf.count
        while true {
            guard cursor < n else {
                error(start, "string literal not terminated")
                return
            }
            let c = buf[cursor]
            if c == 0x22 {
                cursor += 1
                return
            }
            if c == 0x0A {
                error(start, "newline in string")
                return
            }
            if c == 0x5C {
                cursor += 1
                scanEscape(quote: 0x22)
            } else {
                cursor += 1
            }
        }
    }

    private mutating func scanRawString() {
        let start = cursor - 1
        let n = buf.count
        while cursor < n {
            if buf[cursor] == 0x60 {
                cursor += 1
                return
            }
            cursor += 1
        }
        error(start, "raw string literal not terminated")
    }

    private mutating func scanRune() {
        let start = cursor - 1
        let n = buf.count
        var count = 0
        while true {
            guard cursor < n, buf[cursor] != 0x0A else {
                error(start, "rune literal not terminated")
                return
            }
            let c = buf[cursor]
            if c == 0x27 {
                cursor += 1
                if count != 1 { error(start, count == 0 ? "empty rune literal or unescaped ' in rune literal" : "more than one character in rune literal") }
                return
            }
            if c == 0x5C {
                cursor += 1
                scanEscape(quote: 0x27)
            } else if c >= 0x80 {
                let (_, width) = decodeScalar(at: cursor)
                cursor += width
            } else {
                cursor += 1
            }
            count += 1
        }
    }

    /// Scans the escape after a backslash (already consumed).
    private mutating func scanEscape(quote: UInt8) {
        guard cursor < buf.count else { return }
        let c = buf[cursor]
        var digits = 0
        var base: UInt32 = 0
        var limit: UInt32 = 0
        switch c {
        case 0x61, 0x62, 0x66, 0x6E, 0x72, 0x74, 0x76, 0x5C, quote: // a b f n r t v \ quote
            cursor += 1
            return
        case 0x30...0x37:
            digits = 3; base = 8; limit = 255
        case 0x78: // x
            cursor += 1; digits = 2; base = 16; limit = 255
        case 0x75: // u
            cursor += 1; digits = 4; base = 16; limit = 0x10FFFF
        case 0x55: // U
            cursor += 1; digits = 8; base = 16; limit = 0x10FFFF
        default:
            if c == 0x0A {
                error(cursor - 1, "escape sequence not terminated")
            } else {
                error(cursor - 1, "unknown escape sequence")
                cursor += 1
            }
            return
        }
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard cursor < buf.count, let d = digitValue(buf[cursor]), d < base else {
                error(cursor, "invalid character in escape sequence")
                return
            }
            value = value &* base &+ d
            cursor += 1
        }
        if value > limit || (base == 16 && digits >= 4 && (0xD800...0xDFFF).contains(value)) {
            error(cursor - digits, "escape sequence is invalid Unicode code point")
        }
    }

    // MARK: Numbers

    /// Scans an integer, floating-point or imaginary literal with the full
    /// Go 1.13+ syntax (prefixes, `_` separators, hex floats), reporting the
    /// same problems the Go scanner reports.
    private mutating func scanNumber() {
        let start = cursor
        var base = 10
        var prefix: UInt8 = 0        // 0 decimal, 'x', 'o', 'b', or '0' for legacy octal
        var sawDigit = false
        var sawSeparator = false
        var invalidDigit = -1
        var kind: Token = .int

        /// Consumes digits of `base` and `_`. For bases up to 10 any decimal
        /// digit is consumed, and the first one too large is remembered.
        func digits(_ base: Int) {
            while cursor < buf.count {
                let c = buf[cursor]
                if c == 0x5F {
                    sawSeparator = true
                } else if base <= 10 ? isDecimal(c) : isHexDigit(c) {
                    if base <= 10, Int(c - 0x30) >= base, invalidDigit < 0 { invalidDigit = cursor }
                    sawDigit = true
                } else {
                    break
                }
                cursor += 1
            }
        }

        if buf[cursor] != 0x2E {
            if buf[cursor] == 0x30 {
                cursor += 1
                switch lower(peek(0)) {
                case 0x78: cursor += 1; base = 16; prefix = 0x78
                case 0x6F: cursor += 1; base = 8; prefix = 0x6F
                case 0x62: cursor += 1; base = 2; prefix = 0x62
                default: base = 8; prefix = 0x30; sawDigit = true  // the leading 0 is a digit
                }
            }
            digits(base)
        }
        if cursor < buf.count, buf[cursor] == 0x2E {
            kind = .float
            if prefix == 0x6F || prefix == 0x62 { error(cursor, "invalid radix point in \(litName(prefix))") }
            cursor += 1
            digits(base)
        }
        if !sawDigit { error(start, "\(litName(prefix)) has no digits") }

        let e = lower(peek(0))
        if e == 0x65 || e == 0x70 {
            if e == 0x65, prefix != 0, prefix != 0x30 {
                error(cursor, "'e' exponent requires decimal mantissa")
            } else if e == 0x70, prefix != 0x78 {
                error(cursor, "'p' exponent requires hexadecimal mantissa")
            }
            cursor += 1
            kind = .float
            if peek(0) == 0x2B || peek(0) == 0x2D { cursor += 1 }
            let mantissaInvalid = invalidDigit
            sawDigit = false
            digits(10)
            invalidDigit = mantissaInvalid
            if !sawDigit { error(cursor, "exponent has no digits") }
        } else if prefix == 0x78, kind == .float {
            error(start, "hexadecimal mantissa requires a 'p' exponent")
        }
        if peek(0) == 0x69 {
            cursor += 1
            kind = .imag
        }
        if kind == .int, invalidDigit >= 0 {
            let d = String(UnicodeScalar(buf[invalidDigit]))
            error(invalidDigit, "invalid digit '\(d)' in \(litName(prefix))")
        }
        if sawSeparator, let bad = invalidSeparator(start: start, end: cursor) {
            error(bad, "'_' must separate successive digits")
        }
        token = kind
        tokenStart = start
        tokenEnd = cursor
    }

    private func litName(_ prefix: UInt8) -> String {
        switch prefix {
        case 0x78: return "hexadecimal literal"
        case 0x6F, 0x30: return "octal literal"
        case 0x62: return "binary literal"
        default: return "decimal literal"
        }
    }

    /// Offset of the first `_` that does not separate two digits (a base
    /// prefix counts as a digit), or nil.
    private func invalidSeparator(start: Int, end: Int) -> Int? {
        enum Previous { case digit, separator, other }
        var previous = Previous.other
        var hex = false
        var i = start
        if end - start >= 2, buf[start] == 0x30 {
            let p = lower(buf[start + 1])
            if p == 0x78 || p == 0x6F || p == 0x62 {
                hex = p == 0x78
                previous = .digit
                i += 2
            }
        }
        while i < end {
            let c = buf[i]
            if c == 0x5F {
                if previous != .digit { return i }
                previous = .separator
            } else if isDecimal(c) || (hex && isHexDigit(c)) {
                previous = .digit
            } else {
                if previous == .separator { return i - 1 }
                previous = .other
            }
            i += 1
        }
        return previous == .separator ? end - 1 : nil
    }

    // MARK: UTF-8

    /// Decodes the scalar at `i`; nil (and width 1) for invalid UTF-8.
    func decodeScalar(at i: Int) -> (Unicode.Scalar?, Int) {
        let b0 = buf[i]
        let n = buf.count
        func cont(_ k: Int) -> UInt32? {
            guard i + k < n else { return nil }
            let b = buf[i + k]
            return b & 0xC0 == 0x80 ? UInt32(b & 0x3F) : nil
        }
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        if b0 & 0xE0 == 0xC0 {
            guard let c1 = cont(1) else { return (nil, 1) }
            let v = (UInt32(b0 & 0x1F) << 6) | c1
            return v >= 0x80 ? (Unicode.Scalar(v), 2) : (nil, 1)
        }
        if b0 & 0xF0 == 0xE0 {
            guard let c1 = cont(1), let c2 = cont(2) else { return (nil, 1) }
            let v = (UInt32(b0 & 0x0F) << 12) | (c1 << 6) | c2
            guard v >= 0x800, let s = Unicode.Scalar(v) else { return (nil, 1) }
            return (s, 3)
        }
        if b0 & 0xF8 == 0xF0 {
            guard let c1 = cont(1), let c2 = cont(2), let c3 = cont(3) else { return (nil, 1) }
            let v = (UInt32(b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3
            guard v >= 0x10000, let s = Unicode.Scalar(v) else { return (nil, 1) }
            return (s, 4)
        }
        return (nil, 1)
    }
}

// MARK: Character classes

@inline(__always) func isLetter(_ c: UInt8) -> Bool {
    (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == 0x5F
}

@inline(__always) func isDecimal(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

@inline(__always) func isHexDigit(_ c: UInt8) -> Bool {
    isDecimal(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)
}

@inline(__always) func lower(_ c: UInt8) -> UInt8 { c | 0x20 }

@inline(__always) func digitValue(_ c: UInt8) -> UInt32? {
    if isDecimal(c) { return UInt32(c - 0x30) }
    let l = lower(c)
    if l >= 0x61 && l <= 0x66 { return UInt32(l - 0x61 + 10) }
    return nil
}

/// `unicode.IsLetter`: the general categories Lu, Ll, Lt, Lm, Lo.
func isUnicodeLetter(_ s: Unicode.Scalar) -> Bool {
    switch s.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
    default: return false
    }
}

/// `unicode.IsDigit`: the general category Nd.
func isUnicodeDigit(_ s: Unicode.Scalar) -> Bool {
    s.properties.generalCategory == .decimalNumber
}

func hex4(_ v: UInt32) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
}
