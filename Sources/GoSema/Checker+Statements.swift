import GoSyntax

/// Statements: scopes, declarations, assignments and the control flow
/// statements that declare variables (`for`, `range`, `switch`, `select`).
extension Checker {
    func statementList(_ list: NodeList) {
        for s in tree.list(list) { statement(s) }
    }

    private func block(_ node: NodeID) {
        guard case .block(let stmts) = tree[node] else {
            if !node.isNone { statement(node) }
            return
        }
        tables[file].openScope()
        statementList(stmts)
        tables[file].closeScope()
    }

    func statement(_ node: NodeID) {
        guard !node.isNone, stackGuard.hasRoom() else { return }
        switch tree[node] {
        case .block:
            block(node)
        case .declStmt(let decl):
            localDeclaration(decl)
        case .emptyStmt, .bad:
            break
        case .labeled(_, let stmt):
            statement(stmt)
        case .exprStmt(let x):
            expression(x)
        case .send(let ch, let value, _):
            let c = expression(ch)
            let elem = c.type.channel?.element
            expression(value, expected: elem)
            if let elem { convertUntyped(value, to: elem) }
        case .incDec(let x, _, _):
            expression(x)
        case .assign(let lhs, let rhs, let op, _):
            assignment(lhs, rhs, op)
        case .callStmt(_, let call):
            expression(call)
        case .returnStmt(let results):
            returnStatement(results)
        case .branch:
            break
        case .ifStmt(let initStmt, let cond, let then, let elseStmt):
            tables[file].openScope()
            statement(initStmt)
            if !cond.isNone { expression(cond) }
            block(then)
            if !elseStmt.isNone { statement(elseStmt) }
            tables[file].closeScope()
        case .switchStmt(let initStmt, let tag, let body):
            tables[file].openScope()
            statement(initStmt)
            var tagType: GoType? = nil
            if !tag.isNone {
                let t = expression(tag)
                tagType = defaultType(t.type, node: tag)
            }
            if case .block(let clauses) = tree[body] {
                for c in tree.list(clauses) {
                    guard case .caseClause(let list, let stmts, _, _) = tree[c] else { continue }
                    for e in tree.list(list) {
                        expression(e, expected: tagType)
                        if let tagType { convertUntyped(e, to: tagType) }
                    }
                    tables[file].openScope()
                    statementList(stmts)
                    tables[file].closeScope()
                }
            }
            tables[file].closeScope()
        case .typeSwitchStmt(let initStmt, let guardStmt, let body):
            typeSwitch(initStmt, guardStmt, body)
        case .selectStmt(let body):
            guard case .block(let clauses) = tree[body] else { return }
            for c in tree.list(clauses) {
                guard case .commClause(let comm, let stmts, _) = tree[c] else { continue }
                tables[file].openScope()
                statement(comm)
                statementList(stmts)
                tables[file].closeScope()
            }
        case .forStmt(let initStmt, let cond, let post, let body):
            tables[file].openScope()
            statement(initStmt)
            if !cond.isNone { expression(cond) }
            statement(post)
            block(body)
            tables[file].closeScope()
        case .rangeStmt(let key, let value, let tok, let x, let body):
            rangeStatement(key, value, tok, x, body)
        default:
            // An expression where a statement was expected (after errors).
            expression(node)
        }
    }

    // MARK: Declarations inside functions

    private func localDeclaration(_ decl: NodeID) {
        guard case .genDecl(let keyword, let specs, _) = tree[decl] else { return }
        switch keyword {
        case .kwVar:
            for spec in tree.list(specs) {
                guard case .valueSpec(let names, let typeNode, let values, _) = tree[spec] else { continue }
                let types = valueSpecTypes(names: names, typeNode: typeNode, values: values)
                for (n, t) in zip(tree.list(names), types) {
                    declareLocal(n, type: t, kind: .variable)
                }
            }
        case .kwConst:
            var lastType = NodeID.none
            var lastValues = NodeList.empty
            for spec in tree.list(specs) {
                guard case .valueSpec(let names, let typeNode, let values, let iotaIndex) = tree[spec] else { continue }
                if !values.isEmpty || !typeNode.isNone {
                    lastType = typeNode
                    lastValues = values
                }
                let valueNodes = Array(tree.list(lastValues))
                let outerIota = iota
                iota = Int128(iotaIndex)
                var made: [(NodeID, Object)] = []
                for (i, n) in tree.list(names).enumerated() {
                    let o = Object(kind: .constant, name: tree.identName(n) ?? "_", type: .invalid, packagePath: package.path,
                                   declaration: Declaration(file: file, node: n), enclosingFunction: functions.last?.node ?? .none)
                    resolveConstant(o, typeNode: lastType, valueNode: i < valueNodes.count ? valueNodes[i] : .none)
                    made.append((n, o))
                }
                iota = outerIota
                for (n, o) in made { bind(n, o) }
            }
        case .kwType:
            for spec in tree.list(specs) {
                guard case .typeSpec(let n, _, _, _) = tree[spec], let name = tree.identName(n) else { continue }
                let o = declareTypeName(name, nameNode: n, spec: spec, packageLevel: false)
                bind(n, o)
                if case .named(let named) = o.type { _ = named.underlying }
            }
        default:
            break
        }
    }

    /// Creates and declares a local variable for the name node `n`.
    @discardableResult
    func declareLocal(_ n: NodeID, type: GoType, kind: Object.Kind) -> Object? {
        guard case .ident(let name) = tree[n] else { return nil }
        let o = Object(kind: kind, name: tree.string(name), type: type, packagePath: package.path,
                       declaration: Declaration(file: file, node: n), enclosingFunction: functions.last?.node ?? .none)
        bind(n, o)
        current.types[n.index] = type
        return o
    }

    private func bind(_ n: NodeID, _ o: Object) {
        guard case .ident(let name) = tree[n] else { return }
        current.objects[n.index] = o
        tables[file].declare(name, o)
    }

    // MARK: Assignments

    private func assignment(_ lhs: NodeList, _ rhs: NodeList, _ op: Token) {
        let left = Array(tree.list(lhs))
        let right = Array(tree.list(rhs))
        if op == .define {
            // Existing variables of this scope are assigned; new ones are
            // declared after the right-hand side is evaluated.
            let types = rightHandTypes(right, count: left.count, targets: nil)
            var newOnes: [(NodeID, GoType)] = []
            for (n, t) in zip(left, types) {
                guard case .ident(let name) = tree[n] else { continue }
                if tree.string(name) == "_" { continue }
                if let existing = tables[file].innermost(name) {
                    current.objects[n.index] = existing
                    current.types[n.index] = existing.type
                    continue
                }
                newOnes.append((n, t))
            }
            for (n, t) in newOnes { declareLocal(n, type: t, kind: .variable) }
            return
        }
        if op != .assign {
            // x op= y
            if let l = left.first, let r = right.first {
                let x = expression(l)
                expression(r, expected: x.type)
                if op != .shlAssign && op != .shrAssign { convertUntyped(r, to: x.type) }
            }
            return
        }
        let targets = left.map { l -> GoType? in
            let x = expression(l)
            return x.type.isInvalid ? nil : x.type
        }
        _ = rightHandTypes(right, count: left.count, targets: targets)
    }

    /// Evaluates a right-hand side, spreading a single multi-value
    /// expression, and returns one type per target.
    private func rightHandTypes(_ right: [NodeID], count: Int, targets: [GoType?]?) -> [GoType] {
        if right.count == 1 && count > 1 {
            let v = expression(right[0], commaOk: count == 2)
            var ts: [GoType]
            if case .tuple(let elements) = v.type { ts = elements } else { ts = [v.type] }
            if ts.count == 2, case .basic(.untypedBool) = ts[1] { ts[1] = .basic(.bool) }
            while ts.count < count { ts.append(.invalid) }
            return Array(ts.prefix(count))
        }
        var result: [GoType] = []
        for (i, r) in right.enumerated() {
            let target = targets.flatMap { i < $0.count ? $0[i] : nil }
            let v = expression(r, expected: target)
            if let target {
                convertUntyped(r, to: target)
                result.append(target)
            } else {
                result.append(defaultType(v.type, node: r))
            }
        }
        while result.count < count { result.append(.invalid) }
        return result
    }

    private func returnStatement(_ results: NodeList) {
        let expected = functions.last?.signature.results ?? []
        let nodes = Array(tree.list(results))
        if nodes.count == 1 && expected.count > 1 {
            expression(nodes[0])
            return
        }
        for (i, r) in nodes.enumerated() {
            let t = i < expected.count ? expected[i] : nil
            expression(r, expected: t)
            if let t { convertUntyped(r, to: t) }
        }
    }

    // MARK: Type switches

    private func typeSwitch(_ initStmt: NodeID, _ guardStmt: NodeID, _ body: NodeID) {
        tables[file].openScope()
        statement(initStmt)
        var variable = NodeID.none
        var subject = NodeID.none
        switch tree[guardStmt] {
        case .assign(let lhs, let rhs, _, _):
            variable = tree.list(lhs).first ?? .none
            subject = tree.list(rhs).first ?? .none
        case .exprStmt(let x):
            subject = x
        default:
            break
        }
        let subjectType = subject.isNone ? GoType.invalid : expression(subject).type
        if case .block(let clauses) = tree[body] {
            for c in tree.list(clauses) {
                guard case .caseClause(let list, let stmts, _, _) = tree[c] else { continue }
                var caseTypes: [GoType] = []
                var sawNil = false
                for e in tree.list(list) {
                    let x = expression(e)
                    if x.mode == .type { caseTypes.append(x.type) } else { sawNil = true }
                }
                tables[file].openScope()
                if case .ident(let name) = tree[variable], tree.string(name) != "_" {
                    // One type: the variable has it; several, none or nil: the subject's type.
                    let t = caseTypes.count == 1 && !sawNil ? caseTypes[0] : subjectType
                    let o = Object(kind: .variable, name: tree.string(name), type: t, packagePath: package.path,
                                   declaration: Declaration(file: file, node: variable), enclosingFunction: functions.last?.node ?? .none)
                    current.implicits[c] = o
                    tables[file].declare(name, o)
                }
                statementList(stmts)
                tables[file].closeScope()
            }
        }
        tables[file].closeScope()
    }

    // MARK: Range

    private func rangeStatement(_ key: NodeID, _ value: NodeID, _ tok: Token, _ xNode: NodeID, _ body: NodeID) {
        tables[file].openScope()
        let x = expression(xNode)
        var keyType: GoType = .invalid
        var valueType: GoType = .invalid
        var t = x.type.underlying
        if case .typeParameter(let p) = x.type, let core = p.constraint.terms.first?.type { t = core.underlying }
        switch t {
        case .slice(let e):
            keyType = .basic(.int); valueType = e
        case .array(_, let e):
            keyType = .basic(.int); valueType = e
        case .pointer(let p):
            if case .array(_, let e) = p.underlying { keyType = .basic(.int); valueType = e }
        case .basic(let k) where k.isString:
            keyType = .basic(.int); valueType = .basic(.int32)
        case .basic(let k) where k.isInteger:
            // Go 1.22: range over an integer.
            keyType = k.isUntyped ? .basic(.int) : x.type
            if k.isUntyped { convertUntyped(xNode, to: .basic(.int)) }
        case .map(let k, let v):
            keyType = k; valueType = v
        case .chan(_, let e):
            keyType = e
        case .function(let s):
            // Go 1.23 iterators: func(yield func(K, V) bool).
            if let yield = s.parameters.first?.signature {
                keyType = yield.parameters.first ?? .invalid
                valueType = yield.parameters.count > 1 ? yield.parameters[1] : .invalid
            }
        default:
            break
        }
        if tok == .define {
            if !key.isNone { declareLocal(key, type: keyType, kind: .variable) }
            if !value.isNone { declareLocal(value, type: valueType, kind: .variable) }
        } else if tok == .assign {
            if !key.isNone { expression(key) }
            if !value.isNone { expression(value) }
        }
        block(body)
        tables[file].closeScope()
    }
}
