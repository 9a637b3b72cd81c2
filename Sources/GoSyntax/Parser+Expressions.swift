/// Expressions: operands, primary expressions, unary and binary operators.
/// Types are accepted wherever an expression may be one (conversions,
/// `make([]int, n)`, composite literal types).
extension Parser {
    /// Expression = UnaryExpr | Expression binary_op Expression .
    mutating func expression() -> NodeID {
        let x = unaryExpression()
        return binaryExpression(lhs: x, precedence: 1)
    }

    /// Precedence climbing from an already parsed left operand.
    mutating func binaryExpression(lhs: NodeID, precedence: Int) -> NodeID {
        var x = lhs
        while true {
            let p = token.binaryPrecedence
            if p < precedence { return x }
            let op = token
            let opPos = offset
            next()
            var y = unaryExpression()
            // Bind tighter operators to the right operand first.
            while token.binaryPrecedence > p {
                y = binaryExpression(lhs: y, precedence: p + 1)
            }
            x = add(.binary(op: op, x: x, y: y, opPos: UInt32(opPos)), start: start(x))
        }
    }

    mutating func expressionList() -> NodeList {
        let mark = beginList()
        let first = expression()
        scratch.append(first)
        while got(.comma) {
            let x = expression()
            scratch.append(x)
        }
        return endList(mark)
    }

    /// UnaryExpr = PrimaryExpr | unary_op UnaryExpr .
    mutating func unaryExpression() -> NodeID {
        let start = offset
        guard enter() else { return abandon(start: start) }
        defer { leave() }
        switch token {
        case .add, .sub, .not, .xor, .and, .tilde:
            let op = token
            next()
            let x = unaryExpression()
            return add(.unary(op: op, x: x), start: start)
        case .mul:
            next()
            let x = unaryExpression()
            return add(.star(x), start: start)
        case .arrow:
            next()
            let x = unaryExpression()
            if case .chanType = tree[x] {
                // `<-chan T` (possibly `<-chan chan T`): a receive-only
                // channel type, not a receive.
                return receiveOnlyChannelType(x, arrow: start)
            }
            return add(.unary(op: .arrow, x: x), start: start)
        default:
            return primaryExpression(startingWith: .none)
        }
    }

    /// Rewrites `<-` applied to the channel type `x` into a receive-only
    /// channel type: `<- chan T` becomes `<-chan T`, and `<- chan<- T`
    /// is an error, as is `<- chan (<-chan T)` re-associated.
    private mutating func receiveOnlyChannelType(_ x: NodeID, arrow: Int) -> NodeID {
        var t = x
        var dir = ChanDir.send
        while dir == .send {
            guard case .chanType(let d, let elem) = tree[t] else { break }
            dir = d
            if d == .recv {
                syntaxError("unexpected <-, expected chan")
            }
            replace(t, with: .chanType(dir: .recv, elem: elem))
            t = elem
        }
        if dir == .send {
            syntaxError("unexpected \(tree.text(t)), expected chan")
        }
        tree.starts[x.index] = UInt32(arrow)
        return x
    }

    /// PrimaryExpr = Operand | Conversion | MethodExpr | PrimaryExpr Selector |
    /// PrimaryExpr Index | PrimaryExpr Slice | PrimaryExpr TypeAssertion |
    /// PrimaryExpr Arguments | CompositeLit .
    mutating func primaryExpression(startingWith operandGiven: NodeID) -> NodeID {
        var x = operandGiven.isNone ? operand() : operandGiven
        let start = self.start(x)
        while true {
            switch token {
            case .period:
                let dot = offset
                next()
                if token == .ident {
                    let sel = name()
                    x = add(.selector(x: x, sel: sel, dot: UInt32(dot)), start: start)
                } else if token == .lparen {
                    next()
                    if got(.kwType) {
                        expect(.rparen)
                        x = add(.typeAssert(x: x, type: .none, dot: UInt32(dot)), start: start)
                    } else {
                        let t = typeOrError()
                        expect(.rparen)
                        x = add(.typeAssert(x: x, type: t, dot: UInt32(dot)), start: start)
                    }
                } else {
                    errorExpected("name or (")
                    return add(.bad, start: start)
                }
            case .lbrack:
                x = indexOrSlice(x, start: start)
            case .lparen:
                x = call(x, start: start)
            case .lbrace:
                guard isCompositeLiteralType(x) else { return x }
                x = compositeLiteral(type: x, start: start)
            default:
                return x
            }
        }
    }

    /// Whether `{` after `x` opens a composite literal rather than a block:
    /// explicit literal types always do; names and instantiations only
    /// outside `if`/`for`/`switch` headers (unless parenthesised).
    private func isCompositeLiteralType(_ x: NodeID) -> Bool {
        var t = x
        while case .paren(let inner) = tree[t] { t = inner }
        switch tree[t] {
        case .ident, .selector:
            return expressionLevel >= 0
        case .index:
            return expressionLevel >= 0
        case .arrayType, .structType, .mapType:
            return true
        default:
            return false
        }
    }

    /// Operand = Literal | OperandName [ TypeArgs ] | "(" Expression ")" .
    private mutating func operand() -> NodeID {
        let start = offset
        switch token {
        case .ident:
            return name()
        case .int, .float, .imag, .char, .string:
            return basicLit()
        case .lparen:
            next()
            expressionLevel += 1
            let x = expression()
            expressionLevel -= 1
            expect(.rparen)
            return add(.paren(x), start: start)
        case .kwFunc:
            next()
            let signatureStart = start
            typeParametersOfFunctionType()
            let (params, results) = signature()
            let type = add(.funcType(typeParams: .empty, params: params, results: results), start: signatureStart)
            if token == .lbrace {
                let body = functionBody()
                return add(.funcLit(type: type, body: body), start: start)
            }
            return type
        case .lbrack, .kwChan, .kwMap, .kwStruct, .kwInterface:
            return typeOrError()
        default:
            errorExpected("expression")
            // Consume the offending token unless it closes something an
            // enclosing production waits for.
            switch token {
            case .rparen, .rbrack, .rbrace, .semicolon, .eof, .comma, .colon:
                break
            default:
                next()
            }
            return bad(start: start)
        }
    }

    mutating func basicLit() -> NodeID {
        let kind: LitKind
        switch token {
        case .int: kind = .int
        case .float: kind = .float
        case .imag: kind = .imag
        case .char: kind = .char
        default: kind = .string
        }
        let id = add(.basicLit(kind), start: lexer.tokenStart, end: lexer.tokenEnd)
        next()
        return id
    }

    /// `[` after x: an index, a generic instantiation, or a slice.
    private mutating func indexOrSlice(_ x: NodeID, start: Int) -> NodeID {
        let lbrack = offset
        next()
        expressionLevel += 1
        defer { expressionLevel -= 1 }
        var lo = NodeID.none
        if token != .colon {
            if token == .rbrack {
                errorExpected("operand")
                next()
                return add(.index(x: x, indices: .empty, lbrack: UInt32(lbrack)), start: start)
            }
            lo = expression()
            if token != .colon {
                // Index, or type arguments.
                let mark = beginList()
                scratch.append(lo)
                while got(.comma) {
                    if token == .rbrack { break }
                    let t = expression()
                    scratch.append(t)
                }
                let indices = endList(mark)
                expect(.rbrack)
                return add(.index(x: x, indices: indices, lbrack: UInt32(lbrack)), start: start)
            }
        }
        // Slice: lo already parsed (or absent); at ':'.
        var hi = NodeID.none
        var max = NodeID.none
        var threeIndex = false
        next()  // ':'
        if token != .colon && token != .rbrack {
            hi = expression()
        }
        if token == .colon {
            threeIndex = true
            next()
            if hi.isNone { syntaxError("middle index required in 3-index slice") }
            if token == .rbrack {
                syntaxError("final index required in 3-index slice")
            } else {
                max = expression()
            }
        }
        expect(.rbrack)
        return add(.slice(x: x, lo: lo, hi: hi, max: max, threeIndex: threeIndex, lbrack: UInt32(lbrack)), start: start)
    }

    /// Arguments = "(" [ ( ExpressionList | Type [ "," ExpressionList ] ) [ "..." ] [ "," ] ] ")" .
    private mutating func call(_ fun: NodeID, start: Int) -> NodeID {
        let lparen = offset
        next()
        expressionLevel += 1
        let mark = beginList()
        var hasEllipsis = false
        while token != .rparen && token != .eof {
            let before = offset
            let a = expression()
            scratch.append(a)
            if token == .ellipsis {
                hasEllipsis = true
                next()
            }
            if !got(.comma) {
                if token != .rparen {
                    errorExpected("comma or )")
                    skip(to: TokenSet(.rparen, .semicolon))
                }
                break
            }
            if offset == before { next() }
        }
        expressionLevel -= 1
        let args = endList(mark)
        expect(.rparen)
        return add(.call(fun: fun, args: args, hasEllipsis: hasEllipsis, lparen: UInt32(lparen)), start: start)
    }

    /// CompositeLit = LiteralType LiteralValue; `type` may be `.none` for
    /// an elided element type.
    mutating func compositeLiteral(type: NodeID, start: Int) -> NodeID {
        let lbrace = offset
        guard enter() else { return abandon(start: start) }
        defer { leave() }
        next()
        expressionLevel += 1
        let mark = beginList()
        while token != .rbrace && token != .eof {
            let before = offset
            var e = element()
            if token == .colon {
                let colon = offset
                next()
                let v = element()
                e = add(.keyValue(key: e, value: v, colon: UInt32(colon)), start: self.start(e))
            }
            scratch.append(e)
            if !got(.comma) {
                if token != .rbrace {
                    if token == .semicolon && lexer.semicolonIsAutomatic {
                        syntaxError("unexpected newline in composite literal; possibly missing comma or }")
                    } else {
                        errorExpected("comma or }")
                    }
                    skip(to: TokenSet(.rbrace))
                }
                break
            }
            if offset == before { next() }
        }
        expressionLevel -= 1
        let elts = endList(mark)
        expect(.rbrace)
        return add(.compositeLit(type: type, elts: elts, lbrace: UInt32(lbrace)), start: type.isNone ? lbrace : start)
    }

    /// Element = Expression | LiteralValue .
    private mutating func element() -> NodeID {
        if token == .lbrace {
            return compositeLiteral(type: .none, start: offset)
        }
        return expression()
    }
}
