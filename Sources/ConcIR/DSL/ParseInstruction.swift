/// Instructions and calls: one per line.
extension Parser {
    /// Whether the operation's text has ended (its position or the line follows).
    private var atInstructionEnd: Bool {
        switch current.kind {
        case .newline, .eof, .at, .rbrace: return true
        default: return false
        }
    }

    /// Whether an `=` appears on the current line outside brackets: the line
    /// starts with results.
    private var lineHasResults: Bool {
        var i = index
        var nesting = 0
        while i < tokens.count {
            switch tokens[i].kind {
            case .newline, .eof: return false
            case .lparen, .lbracket, .lbrace: nesting += 1
            case .rparen, .rbracket, .rbrace: nesting -= 1
            case .equals where nesting == 0: return true
            default: break
            }
            i += 1
        }
        return false
    }

    mutating func parseInstruction() throws -> Instruction {
        let start = current
        var results: [Operand] = []
        let startsWithAssign = isWord(start, .assign) && peek().kind != .equals && peek().kind != .comma
        if !startsWithAssign && lineHasResults {
            results = try parseResults()
            try expect(.equals, "'='")
        }
        var mode = ExecutionMode.now
        if isWord(current, .go) {
            mode = .go
        } else if isWord(current, .defer) {
            mode = .defer
        }
        if mode != .now {
            if !results.isEmpty { throw error("go and defer take no results", at: current) }
            advance()
        }
        var isRangeStep = false
        if isWord(current, .range) {
            isRangeStep = true
            advance()
        }
        let opToken = current
        let op: Opcode
        var operands: [Operand] = []
        var type: GoType?
        var callee: Callee?
        if isWord(opToken, .assign) {
            if !results.isEmpty { throw error("assign takes its destination after the keyword", at: opToken) }
            advance()
            op = .assign
            results = try parseResults()
            try expect(.equals, "'='")
            operands = [try parseOperand()]
            guard results.count == 1 else { throw error("assign takes one destination", at: opToken) }
        } else if isWord(opToken, .call) {
            advance()
            op = .call
            (callee, operands) = try parseCall()
        } else if let named = opcode(opToken) {
            advance()
            op = named
            if op.isCallShaped {
                (callee, operands) = try parseCall()
            } else {
                (type, operands) = try parseOperands(of: op, at: opToken)
            }
        } else if mode != .now {
            op = .call
            (callee, operands) = try parseCall()
        } else {
            throw error("expected an operation, found \(describe(opToken))", at: opToken)
        }
        let limits = op.signature.results
        if !limits.contains(results.count) {
            throw error("\(op.name) has \(limits.upperBound == 0 ? "no results" : "at most \(limits.upperBound) results"), found \(results.count)", at: start)
        }
        let position = try parsePosition(default: start)
        return Instruction(op, results: results, operands: operands, type: type, callee: callee, mode: mode,
                           isRangeStep: isRangeStep, position: position)
    }

    /// `[T,] operands` after an operation that is not call-shaped.
    private mutating func parseOperands(of op: Opcode, at opToken: Token) throws -> (GoType?, [Operand]) {
        let sig = op.signature
        var type: GoType?
        var operands: [Operand] = []
        if sig.takesType {
            type = try parseType()
            if current.kind == .comma {
                advance()
                operands = try parseOperandList()
            }
        } else if !atInstructionEnd {
            operands = try parseOperandList()
        }
        guard sig.operands.contains(operands.count) else {
            let expected = sig.operands.lowerBound == sig.operands.upperBound
                ? "\(sig.operands.lowerBound)" : "\(sig.operands.lowerBound) to \(sig.operands.upperBound)"
            let roles = sig.operandNames.isEmpty ? "" : " (\(sig.operandNames))"
            throw error("\(op.name) takes \(expected) operand\(sig.operands.upperBound == 1 ? "" : "s")\(roles), found \(operands.count)", at: opToken)
        }
        return (type, operands)
    }

    /// `callee(args) [targets [f, g]]` where the callee is a function name,
    /// a method `(T).M` (receiver first among the arguments), `(value)` for a
    /// call through a function value, or `?`.
    mutating func parseCall() throws -> (Callee, [Operand]) {
        let calleeToken = current
        enum Shape { case function(String), method(String), dynamic(Operand), unknown }
        var shape: Shape
        switch calleeToken.kind {
        case .question:
            advance()
            shape = .unknown
        case .lparen:
            if tokenAfterMatchingParen().kind == .dot {
                let name = try parseFunctionName()
                shape = FunctionName.isMethod(name) ? .method(name) : .function(name)
            } else {
                advance()
                let value = try parseOperand()
                try expect(.rparen, "')'")
                shape = .dynamic(value)
            }
        case .name, .string:
            shape = .function(try parseFunctionName())
        default:
            throw error("expected a callee, found \(describe(calleeToken))", at: calleeToken)
        }
        try expect(.lparen, "'(' and arguments")
        var args: [Operand] = []
        if current.kind != .rparen { args = try parseOperandList() }
        try expect(.rparen, "')'")
        var targets: [String]?
        if isWord(current, .targets) {
            advance()
            try expect(.lbracket, "'['")
            var list: [String] = []
            while current.kind != .rbracket {
                list.append(try parseFunctionName())
                guard current.kind == .comma else { break }
                advance()
            }
            try expect(.rbracket, "']'")
            targets = list
        }
        let callee: Callee
        switch shape {
        case .function(let name):
            guard targets == nil else { throw error("targets only follow interface and dynamic calls", at: calleeToken) }
            callee = .function(name)
        case .method(let name):
            guard !args.isEmpty else { throw error("a method call takes its receiver as first argument", at: calleeToken) }
            callee = targets.map { .interface(name, implementations: $0) } ?? .method(name)
        case .dynamic(let value):
            callee = .dynamic(value, targets: targets ?? [])
        case .unknown:
            guard targets == nil else { throw error("targets only follow interface and dynamic calls", at: calleeToken) }
            callee = .unknown
        }
        return (callee, args)
    }

    /// The token after the `)` that closes the `(` at the current token.
    private func tokenAfterMatchingParen() -> Token {
        var i = index
        var nesting = 0
        while i < tokens.count {
            switch tokens[i].kind {
            case .lparen: nesting += 1
            case .rparen:
                nesting -= 1
                if nesting == 0 { return tokens[min(i + 1, tokens.count - 1)] }
            case .newline, .eof: return tokens[i]
            default: break
            }
            i += 1
        }
        return tokens[tokens.count - 1]
    }
}
