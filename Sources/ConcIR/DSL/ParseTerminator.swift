/// Terminators: `jump`, `if`, `select`, `return`, `panic`, `unreachable`,
/// and the block labels they name.
extension Parser {
    /// Whether the current line starts with a terminator keyword (and is not
    /// an assignment to a variable that happens to be called `jump`).
    var atTerminator: Bool {
        let t = current
        guard t.kind == .name else { return false }
        let next = peek().kind
        if next == .equals || next == .comma { return false }
        return isWord(t, .jump) || isWord(t, .if) || isWord(t, .select) || isWord(t, .return)
            || isWord(t, .panic) || isWord(t, .unreachable)
    }

    mutating func parseTerminator() throws -> (Terminator, Position) {
        let start = current
        advance()
        let term: Terminator
        if isWord(start, .jump) {
            term = .jump(try parseLabelReference())
        } else if isWord(start, .if) {
            let cond = try parseOperand()
            try expectWord(.then)
            let then = try parseLabelReference()
            try expectWord(.else)
            term = .branch(condition: cond, then: then, else: try parseLabelReference())
        } else if isWord(start, .select) {
            term = try parseSelect()
        } else if isWord(start, .return) {
            term = .return(atOperandStart ? try parseOperandList() : [])
        } else if isWord(start, .panic) {
            term = .panic(try parseOperand())
        } else {
            term = .unreachable
        }
        return (term, try parsePosition(default: start))
    }

    /// `select { case ... -> b1; default -> b2 }` (cases separated by `;`
    /// or newlines).
    private mutating func parseSelect() throws -> Terminator {
        try expect(.lbrace, "'{'")
        var cases: [SelectCase] = []
        var defaultTarget: Int?
        while true {
            while current.kind == .semicolon || current.kind == .newline { advance() }
            let t = current
            if t.kind == .rbrace { break }
            if isWord(t, .default) {
                if defaultTarget != nil { throw error("select has two defaults", at: t) }
                advance()
                try expect(.arrow, "'->'")
                defaultTarget = try parseLabelReference()
            } else if isWord(t, .case) {
                advance()
                cases.append(try parseSelectCase(at: t))
            } else {
                throw error("expected 'case', 'default' or '}', found \(describe(t))", at: t)
            }
            guard current.kind == .semicolon || current.kind == .newline || current.kind == .rbrace else {
                throw error("expected ';' or '}', found \(describe(current))", at: current)
            }
        }
        advance()
        return .select(cases, default: defaultTarget)
    }

    private mutating func parseSelectCase(at caseToken: Token) throws -> SelectCase {
        let word = current
        let next = peek().kind
        let comm: Communication
        if isWord(word, .send) && next != .equals && next != .comma {
            advance()
            let ch = try parseOperand()
            try expect(.comma, "','")
            comm = .send(channel: ch, value: try parseOperand())
        } else {
            var results: [Operand] = []
            if !(isWord(word, .recv) && next != .equals && next != .comma) {
                results = try parseResults()
                try expect(.equals, "'='")
            }
            try expectWord(.recv)
            comm = .recv(channel: try parseOperand(), results: results)
        }
        let position = try parsePosition(default: caseToken)
        try expect(.arrow, "'->'")
        return SelectCase(comm, target: try parseLabelReference(), position: position)
    }

    mutating func parseLabelReference() throws -> Int {
        let t = current
        guard t.kind == .name else { throw error("expected a block label, found \(describe(t))", at: t) }
        guard let block = labels[t.name] else { throw error("unknown block label '\(text(t))'", at: t) }
        advance()
        return block
    }
}
