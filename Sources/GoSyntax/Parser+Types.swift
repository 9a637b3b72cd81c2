/// Types, parameter lists and signatures.
extension Parser {
    /// A type, or `.none` (consuming nothing) when no type starts here.
    mutating func typeOrNone() -> NodeID {
        let start = offset
        guard enter() else { return abandon(start: start) }
        defer { leave() }
        switch token {
        case .mul:
            next()
            let elem = typeOrError()
            return add(.star(elem), start: start)
        case .arrow:
            // <-chan T
            next()
            guard token == .kwChan else {
                errorExpected("chan")
                return bad(start: start)
            }
            next()
            let elem = channelElement()
            return add(.chanType(dir: .recv, elem: elem), start: start)
        case .kwFunc:
            next()
            typeParametersOfFunctionType()
            let (params, results) = signature()
            return add(.funcType(typeParams: .empty, params: params, results: results), start: start)
        case .lbrack:
            next()
            if got(.rbrack) {
                let elem = typeOrError()
                return add(.arrayType(len: .none, elem: elem), start: start)
            }
            return arrayType(lbrack: start, length: .none)
        case .kwChan:
            next()
            var dir = ChanDir.both
            if got(.arrow) { dir = .send }
            let elem = channelElement()
            return add(.chanType(dir: dir, elem: elem), start: start)
        case .kwMap:
            next()
            expect(.lbrack)
            let key = typeOrError()
            expect(.rbrack)
            let value = typeOrError()
            return add(.mapType(key: key, value: value), start: start)
        case .kwStruct:
            return structType()
        case .kwInterface:
            return interfaceType()
        case .ident:
            return typeName()
        case .lparen:
            next()
            let t = typeOrError()
            expect(.rparen)
            return add(.paren(t), start: start)
        default:
            return .none
        }
    }

    mutating func typeOrError() -> NodeID {
        let t = typeOrNone()
        if t.isNone {
            errorExpected("type")
            return bad(start: offset)
        }
        return t
    }

    /// The element of `chan E`: `chan<- chan int` is `chan<- (chan int)`.
    private mutating func channelElement() -> NodeID {
        typeOrError()
    }

    /// TypeName [ TypeArgs ]: `T`, `pkg.T`, `T[int]`, `pkg.T[K, V]`.
    mutating func typeName() -> NodeID {
        let start = offset
        var x = name()
        if token == .period {
            let dot = offset
            next()
            let sel = name()
            x = add(.selector(x: x, sel: sel, dot: UInt32(dot)), start: start)
        }
        if token == .lbrack {
            let lbrack = offset
            next()
            let args = typeList(close: .rbrack)
            expect(.rbrack)
            x = add(.index(x: x, indices: args, lbrack: UInt32(lbrack)), start: start)
        }
        return x
    }

    /// Type arguments (or, where the parser cannot yet tell, expressions).
    private mutating func typeList(close: Token) -> NodeList {
        expressionLevel += 1
        defer { expressionLevel -= 1 }
        let mark = beginList()
        while token != close && token != .eof {
            let t = expression()
            scratch.append(t)
            if !got(.comma) { break }
        }
        if scratch.count == mark { errorExpected("type argument list") }
        return endList(mark)
    }

    /// `[` already consumed: [ Length ] Elem or [ ... ] Elem. `length` is
    /// given when the caller already parsed it.
    mutating func arrayType(lbrack: Int, length: NodeID) -> NodeID {
        var len = length
        if len.isNone {
            if token == .ellipsis {
                let at = offset
                next()
                len = add(.ellipsis(elem: .none), start: at)
            } else {
                expressionLevel += 1
                len = expression()
                expressionLevel -= 1
            }
        }
        if token == .comma {
            syntaxError("unexpected comma; expecting ]")
            skip(to: TokenSet(.rbrack))
        }
        expect(.rbrack)
        let elem = typeOrError()
        return add(.arrayType(len: len, elem: elem), start: lbrack)
    }

    /// Signature = Parameters [ Result ] .
    /// `func [P any]()`: type parameters where Go allows none. Reported,
    /// and parsed so that the rest reads as written, then dropped.
    mutating func typeParametersOfFunctionType() {
        guard token == .lbrack else { return }
        syntaxError("function type must have no type parameters")
        next()
        if got(.rbrack) {
            syntaxError("empty type parameter list")
            return
        }
        _ = parameterList(firstName: .none, firstType: .none, close: .rbrack, requireNames: true)
    }

    mutating func signature() -> (NodeList, NodeList) {
        var params = NodeList.empty
        if token == .lparen {
            params = parameters()
        } else {
            errorExpected("(")
        }
        var results = NodeList.empty
        if token == .lparen {
            results = parameters()
        } else {
            let start = offset
            let t = typeOrNone()
            if !t.isNone {
                let f = add(.field(names: .empty, type: t, tag: .none), start: start)
                results = makeList([f])
            }
        }
        return (params, results)
    }

    /// "(" [ ParameterList [ "," ] ] ")"
    mutating func parameters() -> NodeList {
        expect(.lparen)
        if got(.rparen) { return .empty }
        return parameterList(firstName: .none, firstType: .none, close: .rparen, requireNames: false)
    }

    /// One entry of a parameter list before names and types are distributed.
    private struct ParameterEntry {
        var name: NodeID
        var type: NodeID
        var start: Int
    }

    /// Parses parameters up to and including `close` (`)`, or `]` for type
    /// parameters) and groups them into `.field`s the way Go reads them:
    /// `a, b int` names two parameters of type int, while `int, string` are
    /// two unnamed parameters. `firstName`/`firstType` are an entry the
    /// caller already parsed.
    mutating func parameterList(firstName: NodeID, firstType: NodeID, close: Token, requireNames: Bool) -> NodeList {
        var entries: [ParameterEntry] = []
        var pendingName = firstName
        var pendingType = firstType
        var named = 0
        var typed = 0
        expressionLevel += 1
        while token != close && token != .eof {
            let before = offset
            var entry: ParameterEntry
            if !pendingName.isNone && !pendingType.isNone {
                entry = ParameterEntry(name: pendingName, type: pendingType, start: start(pendingName))
            } else if let e = parameterDeclaration(name: pendingName, typeSetsAllowed: close == .rbrack) {
                entry = e
            } else {
                errorExpected(close == .rparen ? ")" : "]")
                skip(to: TokenSet(.comma, close))
                entry = ParameterEntry(name: .none, type: .none, start: before)
            }
            pendingName = .none
            pendingType = .none
            if !entry.name.isNone || !entry.type.isNone {
                if !entry.name.isNone && !entry.type.isNone { named += 1 }
                if !entry.type.isNone { typed += 1 }
                entries.append(entry)
            }
            if !got(.comma) {
                if token != close {
                    errorExpected("comma or \(close.spelling)")
                    skip(to: TokenSet(close))
                }
                break
            }
            if offset == before { next() }
        }
        // A complete first entry followed directly by the closing token.
        if !pendingName.isNone && !pendingType.isNone {
            entries.append(ParameterEntry(name: pendingName, type: pendingType, start: start(pendingName)))
            named += 1
            typed += 1
        }
        expressionLevel -= 1
        expect(close)
        if entries.isEmpty {
            if close == .rbrack { syntaxError("empty type parameter list") }
            return .empty
        }

        if named == 0 && !requireNames {
            // All unnamed: what parsed as names are type names.
            for i in entries.indices where entries[i].type.isNone {
                entries[i].type = entries[i].name
                entries[i].name = .none
            }
        } else if named != entries.count {
            // Some named: every entry needs a name, and a name without a
            // type takes the type of the next entry that has one.
            var errorOffset: Int? = nil
            var currentType = NodeID.none
            for i in entries.indices.reversed() {
                if !entries[i].type.isNone {
                    currentType = entries[i].type
                    if entries[i].name.isNone {
                        // A missing name (as Go's parser, which names it `_`):
                        // without one, this entry became a field of its own
                        // holding the type node a name before it shares, and
                        // the tree gave one node two parents.
                        let at = start(entries[i].type)
                        errorOffset = at
                        entries[i].name = add(.bad, start: at, end: at)
                    }
                } else if !currentType.isNone {
                    entries[i].type = currentType
                } else {
                    errorOffset = start(entries[i].name)
                    entries[i].type = add(.bad, start: errorOffset!, end: errorOffset!)
                }
            }
            if let at = errorOffset {
                if requireNames {
                    syntaxError(named == typed ? "missing type constraint" : "all type parameters must be named", at: at)
                } else {
                    syntaxError("mixed named and unnamed parameters", at: at)
                }
            }
        }

        // Group consecutive names that share one type node into one field.
        let mark = beginList()
        var i = 0
        while i < entries.count {
            let e = entries[i]
            if e.name.isNone {
                let f = add(.field(names: .empty, type: e.type, tag: .none), start: e.start, end: end(e.type))
                scratch.append(f)
                i += 1
                continue
            }
            var j = i
            var names: [NodeID] = []
            while j < entries.count, !entries[j].name.isNone, entries[j].type == e.type {
                names.append(entries[j].name)
                j += 1
            }
            let list = makeList(names)
            let f = add(.field(names: list, type: e.type, tag: .none), start: e.start, end: end(e.type))
            scratch.append(f)
            i = j
        }
        return endList(mark)
    }

    /// ParameterDecl = [ IdentifierList ] [ "..." ] Type, one entry at a
    /// time; in type parameter lists the type may be a constraint union.
    private mutating func parameterDeclaration(name given: NodeID, typeSetsAllowed: Bool) -> ParameterEntry? {
        let start = given.isNone ? offset : self.start(given)
        if given.isNone && typeSetsAllowed && token == .tilde {
            return ParameterEntry(name: .none, type: constraintTerms(first: .none), start: start)
        }
        var entryName = NodeID.none
        if token == .ident || !given.isNone {
            let n = given.isNone ? name() : given
            if token == .lbrack {
                // name "[" ...: an array type for the name, or type arguments.
                let t = arrayOrTypeArguments(after: n)
                var entry: ParameterEntry
                if case .index = tree[t] {
                    entry = ParameterEntry(name: .none, type: t, start: start)
                } else {
                    entry = ParameterEntry(name: n, type: t, start: start)
                }
                if typeSetsAllowed && token == .or {
                    entry.type = constraintTerms(first: entry.type)
                }
                return entry
            }
            if token == .period {
                let dot = offset
                next()
                let sel = name()
                var t = add(.selector(x: n, sel: sel, dot: UInt32(dot)), start: start)
                if token == .lbrack {
                    let lbrack = offset
                    next()
                    let args = typeList(close: .rbrack)
                    expect(.rbrack)
                    t = add(.index(x: t, indices: args, lbrack: UInt32(lbrack)), start: start)
                }
                if typeSetsAllowed && token == .or { t = constraintTerms(first: t) }
                return ParameterEntry(name: .none, type: t, start: start)
            }
            if typeSetsAllowed && token == .or {
                return ParameterEntry(name: .none, type: constraintTerms(first: n), start: start)
            }
            entryName = n
        }
        if token == .ellipsis {
            let at = offset
            next()
            var elem = typeOrNone()
            if elem.isNone {
                syntaxError("... is missing type")
                elem = bad(start: offset)
            }
            let t = add(.ellipsis(elem: elem), start: at)
            return ParameterEntry(name: entryName, type: t, start: start)
        }
        if typeSetsAllowed && token == .tilde {
            return ParameterEntry(name: entryName, type: constraintTerms(first: .none), start: start)
        }
        var t = typeOrNone()
        if typeSetsAllowed && token == .or && !t.isNone {
            t = constraintTerms(first: t)
        }
        if entryName.isNone && t.isNone { return nil }
        return ParameterEntry(name: entryName, type: t, start: start)
    }

    /// After `name`, at `[`: `[]E` or `[N]E` (an array type, the name being
    /// a parameter name) or `[T1, T2]` (type arguments of the generic type
    /// `name`). Returns the array type or the `.index` instantiation.
    private mutating func arrayOrTypeArguments(after n: NodeID) -> NodeID {
        let lbrack = offset
        next()
        if got(.rbrack) {
            let elem = typeOrError()
            return add(.arrayType(len: .none, elem: elem), start: lbrack)
        }
        expressionLevel += 1
        let mark = beginList()
        var sawComma = false
        while token != .rbrack && token != .eof {
            if token == .ellipsis {
                let at = offset
                next()
                let dots = add(.ellipsis(elem: .none), start: at)
                scratch.append(dots)
            } else {
                let t = expression()
                scratch.append(t)
            }
            if !got(.comma) { break }
            sawComma = true
        }
        expressionLevel -= 1
        let items = endList(mark)
        expect(.rbrack)
        if !sawComma && items.count == 1 {
            let elem = typeOrNone()
            if !elem.isNone {
                return add(.arrayType(len: tree.lists[Int(items.start)], elem: elem), start: lbrack)
            }
        }
        return add(.index(x: n, indices: items, lbrack: UInt32(lbrack)), start: start(n))
    }

    /// A constraint union `T1 | ~T2 | ...`; `first` is a term the caller
    /// already parsed (or `.none`).
    mutating func constraintTerms(first: NodeID) -> NodeID {
        var x = first.isNone ? constraintTerm() : first
        while token == .or {
            let opPos = offset
            next()
            let y = constraintTerm()
            x = add(.binary(op: .or, x: x, y: y, opPos: UInt32(opPos)), start: start(x))
        }
        return x
    }

    private mutating func constraintTerm() -> NodeID {
        let start = offset
        if got(.tilde) {
            let t = typeOrError()
            return add(.unary(op: .tilde, x: t), start: start)
        }
        return typeOrError()
    }

    /// StructType = "struct" "{" { FieldDecl ";" } "}" .
    private mutating func structType() -> NodeID {
        let start = offset
        next()
        expect(.lbrace)
        let mark = beginList()
        while token != .rbrace && token != .eof {
            let before = offset
            if let f = fieldDeclaration() { scratch.append(f) }
            if !got(.semicolon) && token != .rbrace {
                errorExpected("semicolon, newline, or }")
                skip(to: TokenSet(.semicolon, .rbrace))
                _ = got(.semicolon)
            }
            if offset == before { next() }
        }
        let fields = endList(mark)
        expect(.rbrace)
        return add(.structType(fields: fields), start: start)
    }

    /// FieldDecl = ( IdentifierList Type | EmbeddedField ) [ Tag ] .
    private mutating func fieldDeclaration() -> NodeID? {
        let start = offset
        var names = NodeList.empty
        var type = NodeID.none
        switch token {
        case .ident:
            let first = name()
            if token == .period || token == .string || token == .semicolon || token == .rbrace {
                // Embedded T or pkg.T.
                var t = first
                if token == .period {
                    let dot = offset
                    next()
                    let sel = name()
                    t = add(.selector(x: first, sel: sel, dot: UInt32(dot)), start: start)
                    if token == .lbrack {
                        let lbrack = offset
                        next()
                        let args = typeList(close: .rbrack)
                        expect(.rbrack)
                        t = add(.index(x: t, indices: args, lbrack: UInt32(lbrack)), start: start)
                    }
                }
                type = t
            } else if token == .lbrack {
                let t = arrayOrTypeArguments(after: first)
                if case .index = tree[t] {
                    type = t                       // embedded generic T[A]
                } else {
                    names = makeList([first])
                    type = t
                }
            } else {
                let mark = beginList()
                scratch.append(first)
                while got(.comma) {
                    let n = name()
                    scratch.append(n)
                }
                names = endList(mark)
                type = typeOrError()
            }
        case .mul:
            // Embedded *T or *pkg.T.
            next()
            if token == .lparen {
                syntaxError("cannot parenthesize embedded type")
            }
            let t = typeName()
            type = add(.star(t), start: start)
        case .lparen:
            syntaxError("cannot parenthesize embedded type")
            next()
            type = typeOrError()
            expect(.rparen)
        default:
            errorExpected("field name or embedded type")
            return nil
        }
        var tag = NodeID.none
        if token == .string {
            tag = basicLit()
        }
        return add(.field(names: names, type: type, tag: tag), start: start)
    }

    /// InterfaceType = "interface" "{" { InterfaceElem ";" } "}" .
    private mutating func interfaceType() -> NodeID {
        let start = offset
        next()
        expect(.lbrace)
        let mark = beginList()
        while token != .rbrace && token != .eof {
            let before = offset
            let elemStart = offset
            if token == .ident {
                let n = name()
                if token == .lparen {
                    // Method.
                    let typeStart = offset
                    let (params, results) = signature()
                    let ft = add(.funcType(typeParams: .empty, params: params, results: results), start: typeStart)
                    let f = add(.field(names: makeList([n]), type: ft, tag: .none), start: elemStart)
                    scratch.append(f)
                } else if token == .lbrack, isGenericMethod() {
                    syntaxError("interface method must have no type parameters")
                    skip(to: TokenSet(.semicolon, .rbrace))
                } else {
                    // Embedded element: T, pkg.T, T[A], or a union starting with one.
                    var t = n
                    if token == .period {
                        let dot = offset
                        next()
                        let sel = name()
                        t = add(.selector(x: n, sel: sel, dot: UInt32(dot)), start: elemStart)
                    }
                    if token == .lbrack {
                        let lbrack = offset
                        next()
                        let args = typeList(close: .rbrack)
                        expect(.rbrack)
                        t = add(.index(x: t, indices: args, lbrack: UInt32(lbrack)), start: elemStart)
                    }
                    if token == .or { t = constraintTerms(first: t) }
                    let f = add(.field(names: .empty, type: t, tag: .none), start: elemStart)
                    scratch.append(f)
                }
            } else if token == .tilde || token.isTypeStart {
                let t = constraintTerms(first: .none)
                let f = add(.field(names: .empty, type: t, tag: .none), start: elemStart)
                scratch.append(f)
            } else {
                errorExpected("method or embedded element")
                skip(to: TokenSet(.semicolon, .rbrace))
            }
            if !got(.semicolon) && token != .rbrace {
                errorExpected("semicolon, newline, or }")
                skip(to: TokenSet(.semicolon, .rbrace))
                _ = got(.semicolon)
            }
            if offset == before { next() }
        }
        let elems = endList(mark)
        expect(.rbrace)
        return add(.interfaceType(elems: elems), start: start)
    }

    /// At `[` after a name in an interface: `M[T any](...)` (an invalid
    /// generic method) rather than an embedded instantiation `T[int]`.
    private func isGenericMethod() -> Bool {
        // Look for `](` at nesting zero: only a method has a parameter
        // list right after the bracket.
        var i = lexer.tokenEnd
        var nesting = 1
        let n = buffer.count
        while i < n, nesting > 0 {
            let c = buffer[i]
            if c == 0x5B { nesting += 1 } else if c == 0x5D { nesting -= 1 } else if c == 0x0A || c == 0x7D { return false }
            i += 1
        }
        while i < n, buffer[i] == 0x20 || buffer[i] == 0x09 { i += 1 }
        return i < n && buffer[i] == 0x28
    }
}

extension Token {
    /// Tokens that can start a type.
    var isTypeStart: Bool {
        switch self {
        case .ident, .mul, .arrow, .kwFunc, .lbrack, .kwChan, .kwMap, .kwStruct, .kwInterface, .lparen: return true
        default: return false
        }
    }
}
