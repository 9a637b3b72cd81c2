/// The kinds of DSL tokens. One byte each, so a token is 16 bytes.
enum TokenKind: UInt8 {
    case eof, newline, name, number, string, temp
    case at, colon, comma, semicolon, dot, ellipsis
    case lparen, rparen, lbracket, rbracket, lbrace, rbrace
    case star, equals, arrow, chanArrow, question
    /// A byte that starts no token, or an unterminated string.
    case invalid
}

/// A token: its kind, its byte range, and for a name its id in the
/// `NameTable`. Lines are found from the offset when needed (for errors and
/// for operations written without a position), which keeps tokens small.
struct Token {
    var kind: TokenKind
    var start: UInt32
    var end: UInt32
    var name: Int32 = -1
}

/// Splits DSL text into tokens in one pass over the bytes.
///
/// Newlines are tokens (one instruction per line); runs of blank lines and
/// comment-only lines collapse into one. `//` starts a comment to the end of
/// the line. The lexer never fails: what it cannot read becomes an
/// `.invalid` token for the parser to report with its position.
struct Lexer {
    let bytes: [UInt8]
    private(set) var tokens: [Token] = []
    /// Offset of the first byte of each line; `lineStarts[0] == 0`.
    private(set) var lineStarts: [UInt32] = [0]
    private(set) var names: NameTable

    init(bytes: [UInt8]) {
        self.bytes = bytes
        names = NameTable(capacity: min(bytes.count / 64 + 16, 1 << 20))
        tokens.reserveCapacity(bytes.count / 4 + 2)
        lineStarts.reserveCapacity(bytes.count / 24 + 1)
        bytes.withUnsafeBufferPointer { buf in
            Lexical.classes.withUnsafeBufferPointer { run(buf, classes: $0) }
        }
    }

    private mutating func run(_ buf: UnsafeBufferPointer<UInt8>, classes: UnsafeBufferPointer<UInt8>) {
        let n = buf.count
        var i = 0
        func emit(_ kind: TokenKind, _ start: Int, _ end: Int) {
            tokens.append(Token(kind: kind, start: UInt32(truncatingIfNeeded: start),
                                end: UInt32(truncatingIfNeeded: end)))
        }
        while i < n {
            let b = buf[i]
            switch b {
            case 0x20, 0x09, 0x0D:
                i += 1
            case 0x0A:
                if let last = tokens.last, last.kind != .newline { emit(.newline, i, i + 1) }
                i += 1
                lineStarts.append(UInt32(truncatingIfNeeded: i))
            case 0x2F where i + 1 < n && buf[i + 1] == 0x2F:
                while i < n && buf[i] != 0x0A { i += 1 }
            case _ where classes[Int(b)] == Lexical.nameStart:
                let start = i
                i += 1
                while i < n {
                    let c = classes[Int(buf[i])]
                    if c & Lexical.nameContinue != 0 {
                        i += 1
                    } else if c == Lexical.joiner, i + 1 < n, classes[Int(buf[i + 1])] & Lexical.nameContinue != 0 {
                        i += 2
                    } else {
                        break
                    }
                }
                tokens.append(Token(kind: .name, start: UInt32(truncatingIfNeeded: start),
                                    end: UInt32(truncatingIfNeeded: i), name: names.intern(buf, start, i)))
            case _ where Lexical.isDigit(b) || (b == 0x2D && i + 1 < n && Lexical.isDigit(buf[i + 1])):
                let start = i
                i += 1
                while i < n {
                    if Lexical.isDigit(buf[i]) {
                        i += 1
                    } else if buf[i] == 0x2E, i + 1 < n, Lexical.isDigit(buf[i + 1]) {
                        i += 2
                    } else {
                        break
                    }
                }
                emit(.number, start, i)
            case 0x22:
                let start = i
                i += 1
                var closed = false
                while i < n {
                    let c = buf[i]
                    if c == 0x22 { closed = true; i += 1; break }
                    if c == 0x0A { break }
                    i += (c == 0x5C && i + 1 < n && buf[i + 1] != 0x0A) ? 2 : 1
                }
                emit(closed ? .string : .invalid, start, i)
            case 0x25:
                let start = i
                i += 1
                while i < n && Lexical.isDigit(buf[i]) { i += 1 }
                emit(i > start + 1 ? .temp : .invalid, start, i)
            case 0x2E:
                if i + 2 < n && buf[i + 1] == 0x2E && buf[i + 2] == 0x2E {
                    emit(.ellipsis, i, i + 3)
                    i += 3
                } else {
                    emit(.dot, i, i + 1)
                    i += 1
                }
            case 0x2D where i + 1 < n && buf[i + 1] == 0x3E:
                emit(.arrow, i, i + 2)
                i += 2
            case 0x3C where i + 1 < n && buf[i + 1] == 0x2D:
                emit(.chanArrow, i, i + 2)
                i += 2
            default:
                let kind = Lexer.punctuation[Int(b)]
                emit(kind, i, i + 1)
                i += 1
            }
        }
        emit(.eof, n, n)
    }

    /// Single-byte tokens by byte value; everything else is `.invalid`.
    private static let punctuation: [TokenKind] = {
        var table = [TokenKind](repeating: .invalid, count: 256)
        let pairs: [(Character, TokenKind)] = [
            ("@", .at), (":", .colon), (",", .comma), (";", .semicolon),
            ("(", .lparen), (")", .rparen), ("[", .lbracket), ("]", .rbracket),
            ("{", .lbrace), ("}", .rbrace), ("*", .star), ("=", .equals), ("?", .question),
        ]
        for (c, k) in pairs { table[Int(c.asciiValue ?? 0)] = k }
        return table
    }()
}
