/// SourceFile, import, const, var, type and func declarations.
extension Parser {
    /// SourceFile = PackageClause ";" { ImportDecl ";" } { TopLevelDecl ";" } .
    mutating func parseFile() {
        let fileStart = offset
        guard token == .kwPackage else {
            syntaxError("package statement must be first")
            tree.root = add(.file(packageName: .none, decls: .empty), start: fileStart, end: buffer.count)
            return
        }
        next()
        let packageName = name()
        expectSemicolon(after: "package clause")

        let mark = beginList()
        while token == .kwImport {
            let d = genDecl(.kwImport)
            scratch.append(d)
            expectSemicolon(after: "import declaration")
        }
        while token != .eof {
            let before = offset
            switch token {
            case .kwConst, .kwType, .kwVar:
                let d = genDecl(token)
                scratch.append(d)
            case .kwFunc:
                let d = funcDecl()
                scratch.append(d)
            case .kwImport:
                syntaxError("imports must appear before other declarations")
                let d = genDecl(.kwImport)
                scratch.append(d)
            case .semicolon:
                break
            default:
                if token == .lbrace, let last = scratch.last, scratch.count > mark,
                   case .funcDecl = tree[last] {
                    syntaxError("unexpected semicolon or newline before {")
                } else {
                    syntaxError("non-declaration statement outside function body")
                }
                skip(to: TokenSet(.kwConst, .kwType, .kwVar, .kwFunc, .kwImport))
                // skip stops before an unmatched `)`, `]` or `}`: step over it.
                if offset == before && token != .eof { next() }
                continue
            }
            if token != .eof && !got(.semicolon) {
                errorExpected("semicolon or newline after top level declaration")
                skip(to: TokenSet(.kwConst, .kwType, .kwVar, .kwFunc, .kwImport))
            }
            if offset == before && token != .eof { next() }  // always make progress
        }
        let decls = endList(mark)
        tree.root = add(.file(packageName: packageName, decls: decls), start: fileStart, end: buffer.count)
        if !tree.errors.isEmpty || !lexer.errors.isEmpty { tree.encloseChildren() }
    }

    mutating func expectSemicolon(after what: String) {
        if got(.semicolon) || token == .eof { return }
        syntaxError("unexpected \(tokenDescription) after \(what)")
        skip(to: TokenSet(.semicolon, .kwConst, .kwType, .kwVar, .kwFunc, .kwImport))
        _ = got(.semicolon)
    }

    /// import|const|type|var ( Spec | "(" { Spec ";" } ")" ).
    mutating func genDecl(_ keyword: Token) -> NodeID {
        let start = offset
        next()
        let mark = beginList()
        var grouped = false
        if got(.lparen) {
            grouped = true
            var index: Int32 = 0
            while token != .eof && token != .rparen {
                let before = offset
                let s = spec(keyword, index: index)
                scratch.append(s)
                index += 1
                if !got(.semicolon) && token != .rparen {
                    errorExpected("semicolon, newline, or )")
                    skip(to: TokenSet(.semicolon, .rparen))
                    _ = got(.semicolon)
                }
                if offset == before { next() }
            }
            expect(.rparen)
        } else {
            let s = spec(keyword, index: 0)
            scratch.append(s)
        }
        let specs = endList(mark)
        return add(.genDecl(keyword: keyword, specs: specs, grouped: grouped), start: start)
    }

    private mutating func spec(_ keyword: Token, index: Int32) -> NodeID {
        switch keyword {
        case .kwImport: return importSpec()
        case .kwType: return typeSpec()
        default: return valueSpec(isConst: keyword == .kwConst, index: index)
        }
    }

    /// ImportSpec = [ "." | PackageName ] ImportPath .
    private mutating func importSpec() -> NodeID {
        let start = offset
        var local = NodeID.none
        if token == .ident {
            local = name()
        } else if token == .period {
            let n = interner.intern(buffer, start: offset, length: 1)
            local = add(.ident(n), start: offset, end: offset + 1)
            next()
        }
        var path = NodeID.none
        if token == .string {
            path = basicLit()
        } else {
            syntaxError(token == .semicolon || token == .rparen ? "missing import path" : "import path must be a string")
            path = bad(start: offset)
            skip(to: TokenSet(.semicolon, .rparen))
        }
        return add(.importSpec(name: local, path: path), start: start)
    }

    /// ConstSpec = IdentifierList [ [ Type ] "=" ExpressionList ] .
    /// VarSpec   = IdentifierList ( Type [ "=" ExpressionList ] | "=" ExpressionList ) .
    private mutating func valueSpec(isConst: Bool, index: Int32) -> NodeID {
        let start = offset
        let names = identifierList()
        var type = NodeID.none
        var values = NodeList.empty
        if token != .assign && token != .semicolon && token != .rparen {
            type = typeOrNone()
            if type.isNone {
                errorExpected("type")
                type = bad(start: offset)
            }
        }
        if got(.assign) {
            values = expressionList()
        } else if !isConst && type.isNone {
            syntaxError("missing variable type or initialization")
        } else if isConst && !type.isNone {
            syntaxError("missing constant value", at: start)
        }
        return add(.valueSpec(names: names, type: type, values: values, iota: index), start: start)
    }

    private mutating func identifierList() -> NodeList {
        let mark = beginList()
        let first = name()
        scratch.append(first)
        while got(.comma) {
            let n = name()
            scratch.append(n)
        }
        return endList(mark)
    }

    /// TypeSpec = identifier [ TypeParameters ] [ "=" ] Type .
    private mutating func typeSpec() -> NodeID {
        let start = offset
        let typeName = name()
        var typeParams = NodeList.empty
        var isAlias = false
        var type = NodeID.none
        if token == .lbrack {
            // An array or slice type, or a type parameter list.
            let lbrack = offset
            next()
            if token == .ident {
                var x = name()
                // `[P [4]byte]` and `[P []T]`: a name followed by `[` starts
                // a type parameter whose constraint is a type literal, as in
                // Go's parser; anything else may be an array length.
                if token != .rbrack && token != .lbrack {
                    expressionLevel += 1
                    let operand = primaryExpression(startingWith: x)
                    x = binaryExpression(lhs: operand, precedence: 1)
                    expressionLevel -= 1
                }
                if let (paramName, paramType) = splitTypeParameter(x, force: token == .comma),
                   !paramType.isNone || token != .rbrack {
                    typeParams = parameterList(firstName: paramName, firstType: paramType, close: .rbrack, requireNames: true)
                    isAlias = got(.assign)
                    type = typeOrNone()
                } else {
                    type = arrayType(lbrack: lbrack, length: x)
                }
            } else if got(.rbrack) {
                let elem = typeOrError()
                type = add(.arrayType(len: .none, elem: elem), start: lbrack)
            } else {
                type = arrayType(lbrack: lbrack, length: .none)
            }
        } else {
            isAlias = got(.assign)
            type = typeOrNone()
        }
        if type.isNone {
            errorExpected("type")
            type = bad(start: offset)
        }
        return add(.typeSpec(name: typeName, typeParams: typeParams, isAlias: isAlias, type: type), start: start)
    }

    /// Splits `P C` parsed as one expression (`P *C`, `P *C | D`, `P(C)`)
    /// into the type parameter name and its constraint, as the Go parser
    /// does to tell `type T[P *C] ...` from `type T [P * C]int`. Returns the
    /// name and `.none` when `x` is just a name, nil when `x` cannot be split.
    private mutating func splitTypeParameter(_ x: NodeID, force: Bool) -> (NodeID, NodeID)? {
        switch tree[x] {
        case .ident:
            return (x, .none)
        case .binary(let op, let lhs, let rhs, let opPos):
            if op == .mul, case .ident = tree[lhs], force || isTypeElement(rhs) {
                // name * rhs => name, *rhs
                let star = add(.star(rhs), start: Int(opPos), end: end(rhs))
                return (lhs, star)
            }
            if op == .or, let (n, left) = splitTypeParameter(lhs, force: force || isTypeElement(rhs)), !left.isNone {
                let union = add(.binary(op: .or, x: left, y: rhs, opPos: opPos), start: start(left), end: end(rhs))
                return (n, union)
            }
            return nil
        case .call(let fun, let args, let hasEllipsis, _):
            if case .ident = tree[fun], args.count == 1, !hasEllipsis {
                let arg = tree.lists[Int(args.start)]
                if force || isTypeElement(arg) { return (fun, arg) }
            }
            return nil
        default:
            return nil
        }
    }

    /// Whether `x` can only be a type element (not also a value expression).
    private func isTypeElement(_ x: NodeID) -> Bool {
        switch tree[x] {
        case .arrayType, .structType, .funcType, .interfaceType, .mapType, .chanType:
            return true
        case .binary(_, let a, let b, _):
            return isTypeElement(a) || isTypeElement(b)
        case .unary(let op, let a):
            return op == .tilde || isTypeElement(a)
        case .star(let a):
            return isTypeElement(a)
        case .paren(let a):
            return isTypeElement(a)
        default:
            return false
        }
    }

    /// FunctionDecl = "func" [ Receiver ] FunctionName [ TypeParameters ] Signature [ FunctionBody ] .
    mutating func funcDecl() -> NodeID {
        let start = offset
        next()
        var receiver = NodeList.empty
        if token == .lparen {
            let receiverStart = offset
            receiver = parameters()
            if receiver.count != 1 {
                syntaxError(receiver.isEmpty ? "method has no receiver" : "method has multiple receivers", at: receiverStart)
            }
        }
        let funcName = name()
        let signatureStart = offset
        var typeParams = NodeList.empty
        if token == .lbrack {
            next()
            if token == .rbrack {
                syntaxError("empty type parameter list")
                next()
            } else {
                typeParams = parameterList(firstName: .none, firstType: .none, close: .rbrack, requireNames: true)
            }
            if !receiver.isEmpty { syntaxError("method must have no type parameters", at: signatureStart) }
        }
        let (params, results) = signature()
        let type = add(.funcType(typeParams: typeParams, params: params, results: results), start: signatureStart)
        var body = NodeID.none
        if token == .lbrace {
            body = skipsFunctionBodies ? skippedFunctionBody() : functionBody()
        }
        return add(.funcDecl(recv: receiver, name: funcName, type: type, body: body), start: start)
    }

    /// A function body passed over token by token to its closing brace,
    /// kept as an empty block that spans it (the function still has a body).
    mutating func skippedFunctionBody() -> NodeID {
        let start = offset
        var open = 0
        repeat {
            switch token {
            case .lbrace: open += 1
            case .rbrace: open -= 1
            case .eof:
                errorExpected("}")
                return add(.block(stmts: .empty), start: start)
            default: break
            }
            next()
        } while open > 0
        return add(.block(stmts: .empty), start: start)
    }

    /// A function body: a block where composite literals are allowed again
    /// even if the function literal sits in an `if` header.
    mutating func functionBody() -> NodeID {
        let outer = expressionLevel
        expressionLevel = 0
        let body = block()
        expressionLevel = outer
        return body
    }
}
