/// Parses one Go source file. Never fails: syntax errors are recorded in
/// the returned tree, and what did not parse becomes `.bad` nodes.
///
/// With `functionBodies: false` the body of each function declaration is
/// read as far as its closing brace and kept as an empty block with the
/// body's span: for the packages a run only imports, whose declarations
/// are checked and whose bodies nothing reads, building their syntax is
/// most of the parse. Syntax errors inside skipped bodies go unreported.
public func parseGoFile(_ source: SourceFile, functionBodies: Bool = true) -> SyntaxTree {
    source.bytes.withUnsafeBufferPointer { buf in
        var parser = Parser(source: source, buffer: buf)
        parser.skipsFunctionBodies = !functionBodies
        parser.parseFile()
        return parser.finish()
    }
}

/// A recursive-descent parser for Go 1.22, written after the grammar of
/// the Go specification. The file is split by concern: this file holds the
/// token handling, errors and node building; the grammar lives in
/// `Parser+Declarations`, `Parser+Types`, `Parser+Expressions` and
/// `Parser+Statements`.
struct Parser {
    var lexer: Lexer
    var tree: SyntaxTree.Parts
    var interner: NameInterner
    let buffer: UnsafeBufferPointer<UInt8>

    /// End of the last consumed token that was not an automatic semicolon:
    /// the end offset of the node being finished.
    var previousEnd = 0
    /// Below zero inside the header of `if`, `for` and `switch`, where `{`
    /// opens the body and not a composite literal; parentheses and brackets
    /// reset it.
    var expressionLevel = 0
    /// Nesting of expressions, types and blocks: bounded so that hostile
    /// input (100,000 nested parentheses) cannot exhaust the stack.
    var depth = 0
    static let maxDepth = 1000
    var depthExceeded = false
    /// The real limit behind `maxDepth`: the thread's remaining stack.
    let stackGuard = StackGuard()
    /// Line of the last reported error: one error per line, as the Go
    /// compiler does, so that one mistake does not cascade.
    private var lastErrorLine = -1
    /// Children of lists under construction (see `beginList`/`endList`).
    var scratch: [NodeID] = []
    /// Function declarations' bodies are skipped (`parseGoFile`).
    var skipsFunctionBodies = false

    init(source: SourceFile, buffer: UnsafeBufferPointer<UInt8>) {
        self.buffer = buffer
        lexer = Lexer(buffer: buffer)
        tree = SyntaxTree.Parts(source: source)
        interner = NameInterner(expectedNames: max(64, buffer.count / 64))
        let expectedNodes = buffer.count / 4
        tree.nodes.reserveCapacity(expectedNodes)
        tree.starts.reserveCapacity(expectedNodes)
        tree.ends.reserveCapacity(expectedNodes)
        tree.lists.reserveCapacity(expectedNodes / 2)
        scratch.reserveCapacity(256)
        checkEncoding()
        lexer.next()
    }

    mutating func finish() -> SyntaxTree {
        tree.names = interner.names
        tree.comments = lexer.comments
        var errors = lexer.errors + tree.errors
        errors.sort { $0.offset < $1.offset }
        // One message per offset: a byte the lexer flagged may be flagged
        // again by the encoding check.
        var seen = Set<UInt32>()
        tree.errors = errors.filter { seen.insert($0.offset).inserted }
        return SyntaxTree(tree)
    }

    /// Go source must be valid UTF-8 without NUL bytes, comments and
    /// strings included. One linear pass, ASCII fast path.
    private mutating func checkEncoding() {
        var i = 0
        let n = buffer.count
        var reported = 0
        while i < n, reported < 10 {
            let c = buffer[i]
            if c >= 0x80 {
                let (scalar, width) = lexer.decodeScalar(at: i)
                if scalar == nil {
                    tree.errors.append(SyntaxError(offset: UInt32(i), message: "invalid UTF-8 encoding"))
                    reported += 1
                } else if scalar?.value == 0xFEFF, i > 0 {
                    tree.errors.append(SyntaxError(offset: UInt32(i), message: "invalid BOM in the middle of the file"))
                    reported += 1
                }
                i += width
            } else {
                if c == 0 {
                    tree.errors.append(SyntaxError(offset: UInt32(i), message: "invalid NUL character"))
                    reported += 1
                }
                i += 1
            }
        }
    }

    // MARK: Tokens

    @inline(__always) var token: Token { lexer.token }
    @inline(__always) var offset: Int { lexer.tokenStart }

    @inline(__always) mutating func next() {
        if token != .semicolon || !lexer.semicolonIsAutomatic { previousEnd = lexer.tokenEnd }
        lexer.next()
    }

    /// Consumes the token if it is `t`.
    @inline(__always) mutating func got(_ t: Token) -> Bool {
        if token == t {
            next()
            return true
        }
        return false
    }

    /// Consumes `t` or reports it missing; returns the offset where it was.
    @discardableResult
    mutating func expect(_ t: Token, _ context: String = "") -> Int {
        let at = offset
        if token == t {
            next()
        } else {
            errorExpected(t.spelling + context)
        }
        return at
    }

    /// `)` or `}` may end a list without a semicolon before them.
    mutating func expectClosing(_ t: Token, _ context: String) -> Int {
        if token == .semicolon && lexer.semicolonIsAutomatic {
            // "unexpected newline, expected comma or )"
            syntaxError("unexpected newline, expected comma or \(t.spelling)")
            next()
        }
        return expect(t, context)
    }

    /// The current token as the Go compiler names it in messages.
    var tokenDescription: String {
        switch token {
        case .semicolon: return lexer.semicolonIsAutomatic ? "newline" : "semicolon"
        case .eof: return "EOF"
        case .ident: return "name \(currentText)"
        case .int, .float, .imag, .char, .string: return "literal \(currentText)"
        case .illegal: return "invalid character"
        default:
            if token.rawValue >= Token.kwBreak.rawValue { return "keyword \(token.spelling)" }
            return token.spelling
        }
    }

    var currentText: String {
        String(decoding: UnsafeBufferPointer(rebasing: buffer[lexer.tokenStart..<min(lexer.tokenEnd, lexer.tokenStart + 40)]), as: UTF8.self)
    }

    // MARK: Errors

    mutating func syntaxError(_ message: String, at errorOffset: Int? = nil) {
        let at = errorOffset ?? offset
        let line = tree.source.location(of: UInt32(at)).line
        if line == lastErrorLine { return }
        lastErrorLine = line
        tree.errors.append(SyntaxError(offset: UInt32(at), message: "syntax error: " + message))
    }

    mutating func errorExpected(_ what: String) {
        syntaxError("unexpected \(tokenDescription), expected \(what)")
    }

    /// Skips to a token in `stopAt` (or a closing brace at this level);
    /// used after an error to resynchronise.
    mutating func skip(to stopAt: TokenSet) {
        var nesting = 0
        while token != .eof {
            if nesting == 0 && stopAt.contains(token) { return }
            switch token {
            case .lbrace, .lparen, .lbrack: nesting += 1
            case .rbrace, .rparen, .rbrack:
                if nesting == 0 { return }
                nesting -= 1
            default: break
            }
            next()
        }
    }

    // MARK: Nodes

    @inline(__always) mutating func add(_ node: Node, start: Int, end: Int) -> NodeID {
        let id = NodeID(Int32(tree.nodes.count))
        tree.nodes.append(node)
        tree.starts.append(UInt32(start))
        tree.ends.append(UInt32(max(start, end)))
        return id
    }

    /// Adds a node ending at the last consumed token.
    @inline(__always) mutating func add(_ node: Node, start: Int) -> NodeID {
        add(node, start: start, end: previousEnd)
    }

    @inline(__always) mutating func replace(_ id: NodeID, with node: Node) {
        tree.nodes[id.index] = node
    }

    mutating func bad(start: Int) -> NodeID {
        add(.bad, start: start, end: max(previousEnd, start))
    }

    @inline(__always) func start(_ id: NodeID) -> Int { Int(tree.starts[id.index]) }
    @inline(__always) func end(_ id: NodeID) -> Int { Int(tree.ends[id.index]) }

    /// Lists are built on a scratch stack so that nested lists can be
    /// parsed in between; `endList` moves the finished run into the tree.
    @inline(__always) func beginList() -> Int { scratch.count }

    @inline(__always) mutating func endList(_ mark: Int) -> NodeList {
        let count = scratch.count - mark
        if count == 0 { return .empty }
        let start = Int32(tree.lists.count)
        tree.lists.append(contentsOf: scratch[mark...])
        scratch.removeSubrange(mark...)
        return NodeList(start: start, count: Int32(count))
    }

    mutating func makeList(_ ids: [NodeID]) -> NodeList {
        if ids.isEmpty { return .empty }
        let start = Int32(tree.lists.count)
        tree.lists.append(contentsOf: ids)
        return NodeList(start: start, count: Int32(ids.count))
    }

    // MARK: Names

    mutating func name() -> NodeID {
        if token == .ident {
            let n = interner.intern(buffer, start: lexer.tokenStart, length: lexer.tokenLength)
            let id = add(.ident(n), start: lexer.tokenStart, end: lexer.tokenEnd)
            next()
            return id
        }
        // A missing name is a `.bad` node: consumers that expect an
        // `.ident` already handle `.bad` wherever a file has errors.
        let at = offset
        errorExpected("name")
        return add(.bad, start: at, end: at)
    }

    /// Enters one nesting level; false (with one error) when too deep.
    mutating func enter() -> Bool {
        depth += 1
        let tooDeep = depth > Parser.maxDepth
        if tooDeep || (depth & 15 == 0 && !stackGuard.hasRoom()) {
            if !depthExceeded {
                depthExceeded = true
                let reason = tooDeep ? "deeper than \(Parser.maxDepth) levels" : "too deep for this thread's stack (\(depth) levels)"
                tree.errors.append(SyntaxError(offset: UInt32(offset), message: "syntax error: nesting \(reason)"))
            }
            return false
        }
        return true
    }

    @inline(__always) mutating func leave() { depth -= 1 }

    /// After the depth limit: skip the rest of the file so that we unwind
    /// without further work.
    mutating func abandon(start: Int) -> NodeID {
        while token != .eof { next() }
        return bad(start: start)
    }
}
