/// Statements and blocks.
extension Parser {
    /// Block = "{" StatementList "}" .
    mutating func block() -> NodeID {
        let start = offset
        guard enter() else { return abandon(start: start) }
        defer { leave() }
        expect(.lbrace)
        let stmts = statementList()
        if token == .rbrace {
            next()
        } else {
            errorExpected("}")
        }
        return add(.block(stmts: stmts), start: start)
    }

    /// StatementList = { Statement ";" } — up to `}`, `case`, `default` or EOF.
    private mutating func statementList() -> NodeList {
        let mark = beginList()
        while token != .eof && token != .rbrace && token != .kwCase && token != .kwDefault {
            let before = offset
            if token == .semicolon {
                next()
                continue
            }
            let s = statement()
            if !s.isNone { scratch.append(s) }
            // A semicolon may be omitted before a closing ")" or "}".
            if token == .rbrace || token == .kwCase || token == .kwDefault || token == .eof {
                continue
            }
            if !got(.semicolon) {
                if token == .kwElse {
                    syntaxError("else must be preceded by if statement block")
                } else {
                    errorExpected("semicolon or newline or }")
                }
                skip(to: TokenSet(.semicolon, .rbrace, .kwCase, .kwDefault))
                _ = got(.semicolon)
            }
            if offset == before { next() }
        }
        return endList(mark)
    }

    /// One statement, or `.none` at a token that cannot start one (after
    /// reporting it).
    mutating func statement() -> NodeID {
        let start = offset
        switch token {
        case .lbrace:
            return block()
        case .kwVar, .kwConst, .kwType:
            let d = genDecl(token)
            return add(.declStmt(d), start: start)
        case .kwGo, .kwDefer:
            return goOrDefer()
        case .kwReturn:
            next()
            var results = NodeList.empty
            if token != .semicolon && token != .rbrace {
                results = expressionList()
            }
            return add(.returnStmt(results: results), start: start)
        case .kwBreak, .kwContinue:
            let keyword = token
            next()
            var label = NodeID.none
            if token == .ident { label = name() }
            return add(.branch(keyword: keyword, label: label), start: start)
        case .kwGoto:
            next()
            let label = name()
            return add(.branch(keyword: .kwGoto, label: label), start: start)
        case .kwFallthrough:
            next()
            return add(.branch(keyword: .kwFallthrough, label: .none), start: start)
        case .kwIf:
            return ifStatement()
        case .kwSwitch:
            return switchStatement()
        case .kwSelect:
            return selectStatement()
        case .kwFor:
            return forStatement()
        case .kwFunc:
            // A function literal used as a statement (`func(){...}()`).
            return simpleStatement(rangeAllowed: false, labelAllowed: false)
        case .semicolon:
            return add(.emptyStmt, start: start, end: start)
        default:
            if token == .ident || token.canStartExpression {
                return simpleStatement(rangeAllowed: false, labelAllowed: true)
            }
            errorExpected("statement")
            skip(to: TokenSet(.semicolon, .rbrace))
            return .none
        }
    }

    /// SimpleStmt = EmptyStmt | ExpressionStmt | SendStmt | IncDecStmt |
    /// Assignment | ShortVarDecl, plus labels and (in `for` headers) range
    /// clauses.
    mutating func simpleStatement(rangeAllowed: Bool, labelAllowed: Bool) -> NodeID {
        let start = offset
        if rangeAllowed && token == .kwRange {
            // for range x
            next()
            let x = expression()
            return add(.rangeStmt(key: .none, value: .none, tok: .illegal, x: x, body: .none), start: start)
        }
        let lhs = expressionList()
        if lhs.count == 1 {
            let x = tree.lists[Int(lhs.start)]
            switch token {
            case .colon where labelAllowed:
                if case .ident = tree[x] {
                    next()
                    // A label at the end of a block labels an empty statement.
                    // It sits right after the colon, inside the labeled statement.
                    if token == .rbrace {
                        let empty = add(.emptyStmt, start: previousEnd, end: previousEnd)
                        return add(.labeled(label: x, stmt: empty), start: start)
                    }
                    let s = statement()
                    let labeled = s.isNone ? add(.emptyStmt, start: previousEnd, end: previousEnd) : s
                    // `L: ;` labels an empty statement at the `;`, which is not consumed.
                    return add(.labeled(label: x, stmt: labeled), start: start, end: max(previousEnd, end(labeled)))
                }
            case .arrow:
                let arrow = offset
                next()
                let v = expression()
                return add(.send(chan: x, value: v, arrow: UInt32(arrow)), start: start)
            case .inc, .dec:
                let isInc = token == .inc
                let opPos = offset
                next()
                return add(.incDec(x: x, isIncrement: isInc, opPos: UInt32(opPos)), start: start)
            case .addAssign, .subAssign, .mulAssign, .quoAssign, .remAssign, .andAssign,
                 .orAssign, .xorAssign, .shlAssign, .shrAssign, .andNotAssign:
                let op = token
                let opPos = offset
                next()
                let rhs = expressionList()
                return add(.assign(lhs: lhs, rhs: rhs, op: op, opPos: UInt32(opPos)), start: start)
            default:
                break
            }
        }
        switch token {
        case .assign, .define:
            let op = token
            let opPos = offset
            next()
            if rangeAllowed && token == .kwRange {
                next()
                let x = expression()
                let items = Array(tree.list(lhs))
                if items.count > 2 { syntaxError("range clause permits at most two iteration variables", at: start) }
                let key = items.first ?? .none
                let value = items.count > 1 ? items[1] : .none
                return add(.rangeStmt(key: key, value: value, tok: op, x: x, body: .none), start: start)
            }
            let rhs = expressionList()
            return add(.assign(lhs: lhs, rhs: rhs, op: op, opPos: UInt32(opPos)), start: start)
        default:
            if lhs.count > 1 {
                errorExpected(":= or = or comma")
                skip(to: TokenSet(.semicolon, .rbrace))
            }
            return add(.exprStmt(tree.lists[Int(lhs.start)]), start: start)
        }
    }

    /// GoStmt = "go" Expression . DeferStmt = "defer" Expression .
    private mutating func goOrDefer() -> NodeID {
        let start = offset
        let keyword = token
        next()
        let x = unaryExpression()
        var call = x
        var inner = x
        while case .paren(let p) = tree[inner] { inner = p }
        if case .call = tree[inner] {
            if inner != x {
                syntaxError("expression in \(keyword.spelling) must not be parenthesized", at: self.start(x))
            }
            call = inner
        } else {
            syntaxError("expression in \(keyword.spelling) must be function call", at: self.start(x))
        }
        return add(.callStmt(keyword: keyword, call: call), start: start)
    }

    /// The `Init; Cond` or `Init; Cond; Post` header of if, switch and for,
    /// parsed with composite literals disabled.
    private struct Header {
        var initStmt = NodeID.none
        var cond = NodeID.none
        var post = NodeID.none
    }

    private mutating func header(_ keyword: Token) -> Header {
        var h = Header()
        if token == .lbrace {
            if keyword == .kwIf { syntaxError("missing condition in if statement") }
            return h
        }
        let outer = expressionLevel
        expressionLevel = -1
        defer { expressionLevel = outer }
        if token != .semicolon {
            h.initStmt = simpleStatement(rangeAllowed: keyword == .kwFor, labelAllowed: false)
            if case .rangeStmt = tree[h.initStmt] { return h }
        }
        var sawSemicolon = false
        if token == .semicolon {
            sawSemicolon = true
            let automatic = lexer.semicolonIsAutomatic
            let semicolonAt = offset
            next()
            if keyword == .kwFor {
                if token != .semicolon {
                    if token == .lbrace { syntaxError("expected for loop condition") }
                    h.cond = simpleStatement(rangeAllowed: false, labelAllowed: false)
                }
                if !got(.semicolon) {
                    errorExpected("for loop condition")
                }
                if token != .lbrace {
                    h.post = simpleStatement(rangeAllowed: false, labelAllowed: false)
                    if case .assign(_, _, .define, _) = tree[h.post] {
                        syntaxError("cannot declare in post statement of for loop", at: start(h.post))
                    }
                }
            } else if token != .lbrace {
                h.cond = simpleStatement(rangeAllowed: false, labelAllowed: false)
            } else if automatic && keyword == .kwIf {
                syntaxError("unexpected newline, expected { after if clause", at: semicolonAt)
            }
        } else {
            h.cond = h.initStmt
            h.initStmt = .none
        }
        _ = sawSemicolon
        return h
    }

    /// The condition of `if`/`for` must be an expression.
    private mutating func condition(_ s: NodeID, _ keyword: Token) -> NodeID {
        if s.isNone {
            if keyword == .kwIf { syntaxError("missing condition in if statement") }
            return .none
        }
        if case .exprStmt(let x) = tree[s] { return x }
        syntaxError("cannot use \(tree.text(s)) as value", at: start(s))
        return add(.bad, start: start(s), end: end(s))
    }

    private mutating func ifStatement() -> NodeID {
        let start = offset
        next()
        let h = header(.kwIf)
        let cond = condition(h.cond, .kwIf)
        if token != .lbrace {
            errorExpected("{ after if clause")
            skip(to: TokenSet(.lbrace, .semicolon))
        }
        let then = block()
        var elseStmt = NodeID.none
        if got(.kwElse) {
            switch token {
            case .kwIf: elseStmt = ifStatement()
            case .lbrace: elseStmt = block()
            default:
                syntaxError("else must be followed by if or statement block")
                skip(to: TokenSet(.semicolon, .rbrace))
            }
        }
        return add(.ifStmt(initStmt: h.initStmt, cond: cond, then: then, elseStmt: elseStmt), start: start)
    }

    private mutating func switchStatement() -> NodeID {
        let start = offset
        next()
        let h = header(.kwSwitch)
        var isTypeSwitch = false
        var tag = NodeID.none
        if !h.cond.isNone {
            switch tree[h.cond] {
            case .exprStmt(let x):
                if case .typeAssert(_, let t, _) = tree[x], t.isNone { isTypeSwitch = true } else { tag = x }
            case .assign(let lhs, let rhs, let op, _):
                if op == .define, lhs.count == 1, rhs.count == 1,
                   case .typeAssert(_, let t, _) = tree[tree.lists[Int(rhs.start)]], t.isNone {
                    isTypeSwitch = true
                    let variable = tree.lists[Int(lhs.start)]
                    if case .ident = tree[variable] {} else {
                        syntaxError("invalid variable name \(tree.text(variable)) in type switch", at: self.start(variable))
                    }
                } else {
                    syntaxError("cannot use \(tree.text(h.cond)) as value", at: self.start(h.cond))
                }
            default:
                syntaxError("cannot use \(tree.text(h.cond)) as value", at: self.start(h.cond))
            }
        }
        let bodyStart = offset
        if token != .lbrace {
            errorExpected("{ after switch clause")
            skip(to: TokenSet(.lbrace, .semicolon))
        }
        expect(.lbrace)
        let mark = beginList()
        while token == .kwCase || token == .kwDefault {
            let c = caseClause()
            scratch.append(c)
        }
        let clauses = endList(mark)
        if token != .rbrace { errorExpected("case or default or }") }
        skip(to: TokenSet(.rbrace))
        expect(.rbrace)
        let body = add(.block(stmts: clauses), start: bodyStart)
        if isTypeSwitch {
            return add(.typeSwitchStmt(initStmt: h.initStmt, guardStmt: h.cond, body: body), start: start)
        }
        return add(.switchStmt(initStmt: h.initStmt, tag: tag, body: body), start: start)
    }

    private mutating func caseClause() -> NodeID {
        let start = offset
        var list = NodeList.empty
        let isDefault = token == .kwDefault
        next()
        if !isDefault { list = expressionList() }
        let colon = offset
        expect(.colon)
        let body = statementList()
        return add(.caseClause(list: list, body: body, isDefault: isDefault, colon: UInt32(colon)), start: start)
    }

    private mutating func selectStatement() -> NodeID {
        let start = offset
        next()
        let bodyStart = offset
        expect(.lbrace)
        let mark = beginList()
        while token == .kwCase || token == .kwDefault {
            let clauseStart = offset
            var comm = NodeID.none
            if token == .kwCase {
                next()
                comm = simpleStatement(rangeAllowed: false, labelAllowed: false)
            } else {
                next()
            }
            let colon = offset
            expect(.colon)
            let body = statementList()
            let c = add(.commClause(comm: comm, body: body, colon: UInt32(colon)), start: clauseStart)
            scratch.append(c)
        }
        let clauses = endList(mark)
        if token != .rbrace { errorExpected("case or default or }") }
        skip(to: TokenSet(.rbrace))
        expect(.rbrace)
        let body = add(.block(stmts: clauses), start: bodyStart)
        return add(.selectStmt(body: body), start: start)
    }

    private mutating func forStatement() -> NodeID {
        let start = offset
        next()
        let h = header(.kwFor)
        if token != .lbrace {
            errorExpected("{ after for clause")
            skip(to: TokenSet(.lbrace, .semicolon))
        }
        if case .rangeStmt(let key, let value, let tok, let x, _) = tree[h.initStmt] {
            let body = block()
            return add(.rangeStmt(key: key, value: value, tok: tok, x: x, body: body), start: start)
        }
        let cond = condition(h.cond, .kwFor)
        let body = block()
        return add(.forStmt(initStmt: h.initStmt, cond: cond, post: h.post, body: body), start: start)
    }
}

extension Token {
    /// Tokens other than a name that can start an expression statement.
    var canStartExpression: Bool {
        switch self {
        case .int, .float, .imag, .char, .string, .lparen, .lbrack, .kwStruct, .kwMap, .kwChan,
             .kwInterface, .kwFunc, .add, .sub, .mul, .and, .xor, .not, .arrow:
            return true
        default:
            return false
        }
    }
}
