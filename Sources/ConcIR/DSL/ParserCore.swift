/// A recursive-descent parser over the lexer's tokens.
///
/// Every loop consumes a token or throws, and nesting (types, grouped
/// operands) is bounded by `maxDepth`, so no input can hang the parser or
/// overflow its stack. The first error stops the file (`DSLError`).
struct Parser {
    let bytes: [UInt8]
    let tokens: [Token]
    let lineStarts: [UInt32]
    var names: NameTable
    let path: String
    var index = 0
    var module = Module()
    /// Names declared by `global` anywhere in the file (collected first, so
    /// a function may use a global declared after it).
    var globals: Set<String> = []
    /// Named variables of the function being parsed.
    var variables: Set<String> = []
    /// Block labels of the function being parsed, by interned name id.
    var labels: [Int32: Int] = [:]
    /// Method names (`(*pkg.T).M`) by the id of their source span, so a
    /// repeated callee is not re-parsed and re-printed.
    var spans: NameTable
    var spanNames: [Int32: String] = [:]
    /// How many tokens the last `methodSpan()` covered.
    var methodSpanTokens = 0
    /// Counts functions, to key the per-function name resolution cache.
    var functionNumber = 0
    var depth = 0

    static let maxDepth = 100

    init(bytes: [UInt8], path: String) {
        let lexer = Lexer(bytes: bytes)
        self.bytes = bytes
        self.tokens = lexer.tokens
        self.lineStarts = lexer.lineStarts
        self.names = lexer.names
        self.spans = NameTable(capacity: 64)
        self.path = path
    }

    // MARK: Tokens

    @inline(__always) var current: Token { tokens[index] }

    @inline(__always) func peek(_ ahead: Int = 1) -> Token {
        tokens[min(index + ahead, tokens.count - 1)]
    }

    @inline(__always) mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    /// The token's text; for names, the interned String (no decoding).
    func text(_ t: Token) -> String {
        if t.name >= 0 { return names.strings[Int(t.name)] }
        return String(decoding: bytes[Int(t.start)..<Int(t.end)], as: UTF8.self)
    }

    /// The operation a name token spells, if any.
    func opcode(_ t: Token) -> Opcode? {
        t.name >= 0 ? names.opcodes[Int(t.name)] : nil
    }

    /// Whether `t` is the keyword: one comparison of interned ids.
    @inline(__always) func isWord(_ t: Token, _ word: Keyword) -> Bool {
        t.name == word.rawValue
    }

    mutating func skipNewlines() {
        while current.kind == .newline { advance() }
    }

    /// Ends a line: a newline, or the end of the file; a `}` is left for the
    /// caller (a body may close right after its last line).
    mutating func endLine() throws {
        switch current.kind {
        case .newline: skipNewlines()
        case .eof, .rbrace: break
        default: throw error("expected end of line, found \(describe(current))", at: current)
        }
    }

    @discardableResult
    mutating func expect(_ kind: TokenKind, _ what: String) throws -> Token {
        let t = current
        guard t.kind == kind else { throw error("expected \(what), found \(describe(t))", at: t) }
        advance()
        return t
    }

    mutating func expectWord(_ word: Keyword) throws {
        guard isWord(current, word) else { throw error("expected '\(word.spelling)', found \(describe(current))", at: current) }
        advance()
    }

    /// A name token's text, or an error naming what was expected.
    mutating func expectName(_ what: String) throws -> String {
        let t = try expect(.name, what)
        return text(t)
    }

    /// Raises the nesting depth for a recursive construct.
    mutating func enter(_ what: String) throws {
        depth += 1
        if depth > Parser.maxDepth { throw error("\(what) nested too deeply", at: current) }
    }

    mutating func leave() { depth -= 1 }

    // MARK: Positions and errors

    /// The token's place in the .cir file: what an operation without
    /// `@line:col` is given.
    func position(of t: Token) -> Position {
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= t.start { lo = mid } else { hi = mid - 1 }
        }
        return Position(line: UInt32(lo + 1), column: t.start &- lineStarts[lo] &+ 1)
    }

    func error(_ message: String, at t: Token) -> DSLError {
        let p = position(of: t)
        return DSLError(path: path, line: Int(p.line), column: Int(p.column), message: message)
    }

    /// A token as error messages show it.
    func describe(_ t: Token) -> String {
        switch t.kind {
        case .newline: return "newline"
        case .eof: return "end of file"
        case .invalid where t.end > t.start && bytes[Int(t.start)] == 0x22: return "unterminated string"
        default:
            let shownBytes = bytes[Int(t.start)..<min(Int(t.end), Int(t.start) + 40)]
            var shown = ""
            for scalar in String(decoding: shownBytes, as: UTF8.self).unicodeScalars {
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    shown += "\\x" + String(scalar.value, radix: 16)
                } else {
                    shown.unicodeScalars.append(scalar)
                }
            }
            return "'\(shown)'"
        }
    }

    // MARK: Literals

    mutating func parseInt() throws -> Int64 {
        let t = current
        guard t.kind == .number else { throw error("expected an integer, found \(describe(t))", at: t) }
        guard let v = integerValue(t, limit: UInt64(Int64.max) + 1) else {
            throw error("expected an integer in range, found \(describe(t))", at: t)
        }
        advance()
        return v
    }

    mutating func parseUInt32(_ what: String) throws -> UInt32 {
        let t = current
        guard t.kind == .number, let v = integerValue(t, limit: UInt64(UInt32.max)), v >= 0 else {
            throw error("expected \(what), found \(describe(t))", at: t)
        }
        advance()
        return UInt32(v)
    }

    /// A decimal number token's value, read from the bytes; nil when it has
    /// a fraction or its magnitude exceeds `limit` (Int64.min's magnitude is
    /// allowed for negative numbers only).
    private func integerValue(_ t: Token, limit: UInt64) -> Int64? {
        var i = Int(t.start)
        let end = Int(t.end)
        let negative = bytes[i] == 0x2D
        if negative { i += 1 }
        var magnitude: UInt64 = 0
        while i < end {
            let d = bytes[i]
            guard Lexical.isDigit(d) else { return nil }
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(d - 0x30))
            guard !o1, !o2, sum <= limit else { return nil }
            magnitude = sum
            i += 1
        }
        if negative { return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude) }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// `@line:col`, or the position of `fallback` when absent.
    mutating func parsePosition(default fallback: Token) throws -> Position {
        guard current.kind == .at else { return position(of: fallback) }
        advance()
        let line = try parseUInt32("a line number")
        try expect(.colon, "':'")
        let column = try parseUInt32("a column number")
        return Position(line: line, column: column)
    }

    /// The value of a string token, with Go's escapes decoded.
    func stringValue(_ t: Token) throws -> String {
        var out: [UInt8] = []
        var i = Int(t.start) + 1
        let end = Int(t.end) - 1
        out.reserveCapacity(end - i)
        while i < end {
            let b = bytes[i]
            guard b == 0x5C else {
                out.append(b)
                i += 1
                continue
            }
            guard i + 1 < end else { throw error("invalid escape in string", at: t) }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case 0x6E: out.append(0x0A)
            case 0x74: out.append(0x09)
            case 0x72: out.append(0x0D)
            case 0x61: out.append(0x07)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x76: out.append(0x0B)
            case 0x5C, 0x22, 0x27: out.append(e)
            case 0x78, 0x75, 0x55:
                let digits = e == 0x78 ? 2 : (e == 0x75 ? 4 : 8)
                guard i + digits <= end, let v = UInt32(String(decoding: bytes[i..<i + digits], as: UTF8.self), radix: 16) else {
                    throw error("invalid escape in string", at: t)
                }
                i += digits
                if e == 0x78 {
                    out.append(UInt8(v))
                } else {
                    guard let scalar = UnicodeScalar(v) else { throw error("invalid Unicode escape in string", at: t) }
                    out.append(contentsOf: String(Character(scalar)).utf8)
                }
            case 0x30...0x37:
                guard i + 2 <= end,
                      let v = UInt8(String(decoding: bytes[(i - 1)..<(i + 2)], as: UTF8.self), radix: 8) else {
                    throw error("invalid escape in string", at: t)
                }
                i += 2
                out.append(v)
            default:
                throw error("invalid escape in string", at: t)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
