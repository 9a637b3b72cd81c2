/// Functions: the header (receiver, name, parameters, results, position)
/// and the body (declarations, then labelled blocks).
extension Parser {
    /// `func [(recv T)] name(params) [results] [@pos] [{ body }]`.
    mutating func parseFunction() throws -> Function {
        let funcToken = current
        advance()
        variables = []
        functionNumber += 1
        var f = Function(name: "")
        if current.kind == .lparen, peek().kind == .name, peek(2).kind != .rparen {
            advance()
            let recv = try parseVariable(kind: "receiver")
            try expect(.rparen, "')'")
            let method = try expectName("a method name")
            f.receiver = recv
            f.name = FunctionName.method(receiver: recv.type, name: method)
        } else {
            f.name = try parseFunctionName()
        }
        try parseParameters(into: &f)
        f.results = try parseResultList()
        for r in f.results { try declare(r, at: funcToken) }
        f.position = position(of: funcToken)
        if current.kind == .at { try parseFunctionPosition(into: &f) }
        if current.kind == .lbrace { try parseBody(into: &f) }
        return f
    }

    /// `name T` or `_ T`; a blank name is stored empty.
    private mutating func parseVariable(kind: String) throws -> Variable {
        let t = current
        let name = try expectName("a \(kind) name")
        guard name == "_" || Lexical.isIdentifier(name) else { throw error("invalid \(kind) name '\(name)'", at: t) }
        let v = Variable(name == "_" ? "" : name, try parseType())
        try declare(v, at: t)
        return v
    }

    private mutating func declare(_ v: Variable, at t: Token) throws {
        guard !v.name.isEmpty else { return }
        if Lexical.operandKeywords.contains(v.name) { throw error("'\(v.name)' cannot name a variable", at: t) }
        guard variables.insert(v.name).inserted else { throw error("duplicate variable '\(v.name)'", at: t) }
    }

    private mutating func parseParameters(into f: inout Function) throws {
        try expect(.lparen, "'('")
        while current.kind != .rparen {
            if f.isVariadic { throw error("only the last parameter can be variadic", at: current) }
            let t = current
            let name = try expectName("a parameter name")
            guard name == "_" || Lexical.isIdentifier(name) else { throw error("invalid parameter name '\(name)'", at: t) }
            var type: GoType
            if current.kind == .ellipsis {
                advance()
                type = .slice(try parseType())
                f.isVariadic = true
            } else {
                type = try parseType()
            }
            let v = Variable(name == "_" ? "" : name, type)
            try declare(v, at: t)
            f.parameters.append(v)
            guard current.kind == .comma else { break }
            advance()
        }
        try expect(.rparen, "')'")
    }

    /// Results: ` T`, ` (A, B)`, or named ` (n A, err B)`.
    private mutating func parseResultList() throws -> [Variable] {
        if current.kind != .lparen {
            return atTypeStart ? [Variable("", try parseType())] : []
        }
        advance()
        var results: [Variable] = []
        // `(n T)` names its results, `(T)`, `(T, U)` and `(List[T])` do not;
        // `(xs []T)` and `(a [4]T)` do.
        let afterName = peek().kind
        let named = current.kind == .name && Lexical.isIdentifier(text(current)) && !isTypeKeyword(current)
            && BasicType.bySpelling[text(current)] == nil && afterName != .comma && afterName != .rparen
            && (afterName != .lbracket || peek(2).kind == .rbracket || peek(2).kind == .number)
        while current.kind != .rparen {
            if named {
                let t = current
                let name = try expectName("a result name")
                guard name == "_" || Lexical.isIdentifier(name) else { throw error("invalid result name '\(name)'", at: t) }
                results.append(Variable(name == "_" ? "" : name, try parseType()))
            } else {
                results.append(Variable("", try parseType()))
            }
            guard current.kind == .comma else { break }
            advance()
        }
        try expect(.rparen, "')'")
        return results
    }

    private func isTypeKeyword(_ t: Token) -> Bool {
        t.kind == .name && Lexical.typeKeywords.contains(text(t))
    }

    /// `@line:col`, `@"file":line:col` or `@index:line:col`.
    private mutating func parseFunctionPosition(into f: inout Function) throws {
        advance()
        if current.kind == .string {
            let t = current
            let file = try stringValue(t)
            guard let i = module.files.firstIndex(of: file) else { throw error("unknown file \"\(file)\" (declare it with a file line)", at: t) }
            f.file = i
            advance()
            try expect(.colon, "':'")
            let line = try parseUInt32("a line number")
            try expect(.colon, "':'")
            f.position = Position(line: line, column: try parseUInt32("a column number"))
            return
        }
        let first = try parseUInt32("a line number")
        try expect(.colon, "':'")
        let second = try parseUInt32("a column number")
        if current.kind == .colon {
            advance()
            f.file = Int(first)
            f.position = Position(line: second, column: try parseUInt32("a column number"))
        } else {
            f.position = Position(line: first, column: second)
        }
    }

    // MARK: Bodies

    private mutating func parseBody(into f: inout Function) throws {
        let open = current
        advance()
        try collectLabels(from: open)
        skipNewlines()
        while current.kind == .name, peek().kind != .colon {
            let t = current
            if isWord(t, .parent) {
                if f.parent != nil { throw error("second parent", at: t) }
                advance()
                f.parent = try parseFunctionName()
            } else if isWord(t, .capture) {
                advance()
                f.captures.append(try parseVariable(kind: "captured variable"))
            } else if isWord(t, .var) {
                advance()
                f.locals.append(try parseVariable(kind: "variable"))
            } else {
                throw error("expected a block label, found \(describe(t))", at: t)
            }
            try endLine()
        }
        while current.kind != .rbrace {
            f.blocks.append(try parseBlock(index: f.blocks.count))
        }
        advance()
    }

    /// Block labels are names followed by `:` at the start of a line of the
    /// body; they number the blocks in order, so that jumps may go forward.
    private mutating func collectLabels(from open: Token) throws {
        labels = [:]
        var i = index
        var nesting = 1
        var lineStart = false
        while i < tokens.count - 1 {
            let t = tokens[i]
            switch t.kind {
            case .lbrace: nesting += 1
            case .rbrace:
                nesting -= 1
                if nesting == 0 { return }
            case .name where lineStart && nesting == 1 && tokens[i + 1].kind == .colon:
                if labels[t.name] != nil { throw error("duplicate block label '\(text(t))'", at: t) }
                labels[t.name] = labels.count
            default: break
            }
            lineStart = t.kind == .newline
            i += 1
        }
        throw error("function body is not closed", at: open)
    }

    /// `label: [loop [n | len(x)]]`, the instructions, and the terminator.
    private mutating func parseBlock(index blockIndex: Int) throws -> Block {
        let t = current
        guard t.kind == .name, peek().kind == .colon else {
            throw error("expected a block label, found \(describe(t))", at: t)
        }
        advance()
        advance()
        var block = Block()
        if isWord(current, .loop) {
            advance()
            if current.kind == .newline {
                block.loop = .unknown
            } else if isWord(current, .len), peek().kind == .lparen {
                advance()
                advance()
                let x = try parseOperand()
                try expect(.rparen, "')'")
                if isWord(current, .plus) {
                    advance()
                    block.loop = .lengthPlus(x, try parseInt())
                } else {
                    block.loop = .length(x)
                }
            } else {
                let n = try parseOperand()
                if isWord(current, .plus) {
                    advance()
                    block.loop = .countPlus(n, try parseInt())
                } else {
                    block.loop = .count(n)
                }
            }
        }
        guard current.kind == .newline else { throw error("expected end of line, found \(describe(current))", at: current) }
        skipNewlines()
        while true {
            let line = current
            if line.kind == .rbrace || line.kind == .eof || (line.kind == .name && peek().kind == .colon) {
                throw error("block '\(text(t))' has no terminator", at: line)
            }
            if atTerminator {
                let (term, position) = try parseTerminator()
                block.terminator = term
                block.terminatorPosition = position
                try endLine()
                return block
            }
            block.instructions.append(try parseInstruction())
            try endLine()
        }
    }
}
