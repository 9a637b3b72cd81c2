import GoSema
import GoSyntax

/// Statements: assignments, returns, loops (which deepen the loop depth
/// of what they declare), go and defer, sends, switches.
extension GraphBuilder {
    /// Walks a function body: first marks labels that a later `goto`
    /// jumps back to (they loop), then the statements.
    func walkBody(_ body: NodeID) {
        guard !body.isNone else { return }
        tree.walk(body) { n in
            switch self.tree[n] {
            case .funcLit: return false
            case .labeled(let label, _):
                if let name = self.tree.identName(label) { self.labels[name] = false }
            case .branch(.kwGoto, let label):
                if let name = self.tree.identName(label), self.labels[name] == false { self.labels[name] = true }
            default: break
            }
            return true
        }
        if case .block(let stmts) = tree[body] { block(stmts) }
    }

    func block(_ stmts: NodeList) {
        let old = loopDepth
        for s in tree.list(stmts) { stmt(s) }
        loopDepth = old
    }

    func blockOrStatement(_ n: NodeID) {
        guard !n.isNone else { return }
        if case .block(let stmts) = tree[n] { block(stmts) } else { stmt(n) }
    }

    func stmt(_ s: NodeID) {
        guard !s.isNone else { return }
        switch tree[s] {
        case .declStmt(let decl):
            declaration(decl)
        case .labeled(let label, let inner):
            if let name = tree.identName(label), labels[name] == true { loopDepth += 1 }
            stmt(inner)
        case .exprStmt(let x):
            if case .call = tree[stripParens(x)] { call(nil, stripParens(x)) } else { discard(x) }
        case .send(let ch, let value, _):
            discard(ch)
            let element = file.type(of: ch).channel?.element ?? .invalid
            convert(note(heapHole, .send, s), value, to: element, at: compilerPosition(value))
        case .incDec(let x, _, _):
            let k = addr(x)
            reassigned([k], defined: [])
        case .assign(let lhs, let rhs, let op, let opPos):
            assignment(s, Array(tree.list(lhs)), Array(tree.list(rhs)), op: op, opPos: opPos)
        case .callStmt(let keyword, let c):
            goDefer(keyword == .kwDefer, c)
        case .returnStmt(let results):
            returnStatement(s, Array(tree.list(results)))
        case .block(let stmts):
            block(stmts)
        case .ifStmt(let initStmt, let cond, let then, let elseStmt):
            stmt(initStmt)
            // The compiler drops the dead branch of a constant condition
            // (`if debug { ... }`) before escape analysis.
            if case .bool(let value) = file.constants[cond] {
                blockOrStatement(value ? then : elseStmt)
                return
            }
            discard(cond)
            blockOrStatement(then)
            blockOrStatement(elseStmt)
        case .forStmt(let initStmt, let cond, let post, let body):
            stmt(initStmt)
            loopDepth += 1
            discard(cond)
            stmt(post)
            blockOrStatement(body)
            loopDepth -= 1
        case .rangeStmt(let key, let value, let tok, let x, let body):
            rangeStatement(s, key: key, value: value, define: tok == .define, x: x, body: body)
        case .switchStmt(let initStmt, let tag, let body):
            stmt(initStmt)
            discard(tag)
            clauses(body)
        case .typeSwitchStmt(let initStmt, let guardStmt, let body):
            stmt(initStmt)
            typeSwitch(guardStmt, body)
        case .selectStmt(let body):
            guard case .block(let list) = tree[body] else { return }
            for clause in tree.list(list) {
                guard case .commClause(let comm, let stmts, _) = tree[clause] else { continue }
                stmt(comm)
                block(stmts)
            }
        default:
            return
        }
    }

    private func clauses(_ body: NodeID) {
        guard case .block(let list) = tree[body] else { return }
        for clause in tree.list(list) {
            guard case .caseClause(let values, let stmts, _, _) = tree[clause] else { continue }
            for v in tree.list(values) { discard(v) }
            block(stmts)
        }
    }

    // MARK: Declarations and assignments

    /// Records the loop depth where a variable is declared.
    func declare(_ object: Object) -> Hole {
        let l = variableLocation(object)
        graph.locations[l].loopDepth = loopDepth
        return hole(l)
    }

    private func declaration(_ decl: NodeID) {
        guard case .genDecl(.kwVar, let specs, _) = tree[decl] else { return }
        for spec in tree.list(specs) {
            guard case .valueSpec(let names, _, let values, _) = tree[spec] else { continue }
            let nameNodes = Array(tree.list(names))
            var holes: [Hole] = []
            var defined: [Int] = []
            for n in nameNodes {
                if let o = file.objects[n.index], o.isVariable, tree.identName(n) != "_" {
                    let k = declare(o)
                    holes.append(k)
                    defined.append(k.destination)
                } else {
                    holes.append(discardHole)
                }
            }
            let valueNodes = Array(tree.list(values))
            if valueNodes.isEmpty { continue }
            if valueNodes.count == nameNodes.count {
                for (i, v) in valueNodes.enumerated() {
                    let target = file.objects[nameNodes[i].index]?.type ?? .invalid
                    convert(note(holes[i], .assign, v), v, to: target, at: compilerPosition(v))
                }
            } else if let v = valueNodes.first {
                multiValue(holes, v)
            }
            reassigned(holes, defined: defined)
        }
    }

    private func assignment(_ s: NodeID, _ lhs: [NodeID], _ rhs: [NodeID], op: Token, opPos: UInt32) {
        var holes: [Hole] = []
        var defined: [Int] = []
        for l in lhs {
            if op == .define, let o = file.objects[stripParens(l).index], o.declaration?.node == stripParens(l),
               o.isVariable, tree.identName(l) != "_" {
                let k = declare(o)
                holes.append(k)
                defined.append(k.destination)
            } else {
                holes.append(addr(l))
            }
        }
        if lhs.count == rhs.count {
            let position = lhs.first.map { tree.start($0) } ?? opPos
            for (i, src) in rhs.enumerated() {
                var k = holes[i]
                if isSelfAssignment(lhs[i], src) {
                    selfAssignment(opPos, lhs[i], src)
                    k = discardHole
                }
                let target = file.type(of: lhs[i])
                convert(note(k, .assign, s), src, to: op == .define ? file.type(of: src) : target, at: position)
            }
        } else if let src = rhs.first {
            multiValue(holes, src)
        }
        reassigned(holes, defined: defined)
    }

    /// `a, b = f()`, `v, ok = x.(T)`, `v, ok = m[k]`, `v, ok = <-ch`.
    private func multiValue(_ holes: [Hole], _ src: NodeID) {
        let s = stripParens(src)
        if case .call = tree[s] {
            call(holes, s)
        } else {
            expr(holes.first ?? discardHole, s)
        }
    }

    /// Marks assigned variables as reassigned (closures then capture them
    /// by reference), except those this statement declares.
    func reassigned(_ holes: [Hole], defined: [Int]) {
        for k in holes where !defined.contains(k.destination) {
            graph.locations[k.destination].reassigned = true
        }
    }

    /// The hole for storing into `n`.
    func addr(_ n: NodeID) -> Hole {
        let s = stripParens(n)
        switch tree[s] {
        case .ident:
            if tree.identName(s) == "_" { return discardHole }
            guard let o = file.objects[s.index], o.isVariable else { return discardHole }
            return o.isPackageLevel ? heapHole : hole(variableLocation(o))
        case .selector(let x, _, _):
            guard let sel = file.selections[s], sel.kind == .field else { return heapHole }
            if pathPointers(start: sel.receiverType, path: sel.path).contains(true) {
                discard(x)
                return heapHole
            }
            return addr(x)
        case .index(let x, let indices, _):
            let xt = file.type(of: x)
            if let (keyType, _) = xt.mapTypes {
                discard(x)
                for i in tree.list(indices) { convert(note(heapHole, .mapElement, s), i, to: keyType, at: compilerPosition(i)) }
                return heapHole
            }
            for i in tree.list(indices) { discard(i) }
            if case .array = xt.underlying { return addr(x) }
            discard(x)
            return heapHole
        case .star(let x):
            discard(x)
            return heapHole
        default:
            discard(s)
            return heapHole
        }
    }

    private func returnStatement(_ s: NodeID, _ results: [NodeID]) {
        let locations = inline.results.last?.temporaries ?? units[unit].resultLocations
        guard !results.isEmpty else { return }
        let holes = locations.map { hole($0) }
        if results.count == holes.count {
            // The compiler's type checker leaves the position of the last
            // result behind, then that of each result that is not a name.
            var position = results.last.map { compilerPosition($0) } ?? 0
            let resultTypes = inline.results.last?.types
            for (i, r) in results.enumerated() {
                position = conversionPosition(r, current: position)
                let target = resultTypes.map { i < $0.count ? $0[i] : .invalid } ?? graph.locations[locations[i]].kindType
                convert(note(holes[i], .returned, s), r, to: target, at: position)
            }
            reassigned(holes, defined: [])
        } else if let r = results.first {
            multiValue(holes, r)
            reassigned(holes, defined: [])
        }
    }

    // MARK: Loops and switches

    private func rangeStatement(_ s: NodeID, key: NodeID, value: NodeID, define: Bool, x: NodeID, body: NodeID) {
        let tmp = temporary()
        expr(note(hole(tmp), .range, s), x)
        // Variables a range statement declares belong to the loop's
        // enclosing depth, as in the compiler (they are not re-declared per
        // iteration before Go 1.22).
        var holes: [Hole] = []
        for n in [key, value] {
            if n.isNone {
                holes.append(discardHole)
            } else if define, let o = file.objects[n.index], o.isVariable, tree.identName(n) != "_" {
                holes.append(declare(o))
            } else {
                holes.append(addr(n))
            }
        }
        loopDepth += 1
        let xt = file.type(of: x)
        if case .array = xt.underlying {
            flow(note(holes[1], .range, s), tmp)
        } else {
            flow(note(holes[1].deref(), .range, s), tmp)
        }
        for k in holes { graph.locations[k.destination].reassigned = true }
        blockOrStatement(body)
        loopDepth -= 1
    }

    private func typeSwitch(_ guardStmt: NodeID, _ body: NodeID) {
        var subject = NodeID.none
        var bindsVariable = false
        switch tree[guardStmt] {
        case .assign(_, let rhs, _, _):
            subject = tree.list(rhs).first ?? .none
            bindsVariable = true
        case .exprStmt(let x):
            subject = x
        default:
            break
        }
        if case .typeAssert(let x, _, _) = tree[stripParens(subject)] { subject = x }
        guard case .block(let list) = tree[body] else { return }
        var holes: [Hole] = []
        if bindsVariable {
            for clause in tree.list(list) {
                guard let v = file.implicits[clause] else { continue }
                let k = declare(v)
                if Sizes.hasPointers(v.type) {
                    var kk = k
                    if !v.type.isInterface && !isDirectInterface(v.type) { kk = kk.deref() }
                    holes.append(kk)
                }
            }
        }
        expr(tee(holes), subject)
        for clause in tree.list(list) {
            guard case .caseClause(_, let stmts, _, _) = tree[clause] else { continue }
            block(stmts)
        }
    }

    /// A package-level `var` whose initializer runs in init code: values
    /// are stored in globals, that is, in the heap.
    func initialize(_ spec: NodeID) {
        guard case .valueSpec(let names, _, let values, _) = tree[spec] else { return }
        let nameNodes = Array(tree.list(names))
        let valueNodes = Array(tree.list(values))
        if valueNodes.count == nameNodes.count {
            for (i, v) in valueNodes.enumerated() {
                let k = tree.identName(nameNodes[i]) == "_" ? discardHole : heapHole
                let target = file.objects[nameNodes[i].index]?.type ?? .invalid
                convert(note(k, .assign, v), v, to: target, at: compilerPosition(v))
            }
        } else if let v = valueNodes.first {
            multiValue(nameNodes.map { tree.identName($0) == "_" ? discardHole : heapHole }, v)
        }
    }

    // MARK: go and defer

    private func goDefer(_ isDefer: Bool, _ c: NodeID) {
        var k = heapHole
        if isDefer && loopDepth == 1 { k = later(discardHole) }
        let callNode = stripParens(c)
        guard case .call(let fun, _, _, _) = tree[callNode] else {
            discard(c)
            return
        }
        let f = stripParens(fun)
        if builtinName(f) == nil, !file.denotesType(f), !isMethodCall(f), let sig = file.type(of: f).signature,
           sig.parameters.isEmpty, sig.results.isEmpty {
            expr(note(k, .goDefer, c), f)
            return
        }
        var wrapper: CallWrapper? = CallWrapper()
        call(nil, callNode, wrapper: &wrapper)
        let closure = newLocation(.temporary, offset: compilerPosition(callNode), text: "{go/defer wrapper}")
        flow(note(k.address(), .goDefer, c), closure)
        closures.append((hole(closure), -1))
        wrapperCaptures[closure] = wrapper?.captured ?? []
    }

    private func isMethodCall(_ f: NodeID) -> Bool {
        guard case .selector = tree[f], let sel = file.selections[f] else { return false }
        return sel.kind == .method
    }

    // MARK: Self-assignment

    /// `b.buf = b.buf[:n]` and `x.f = x.f`: no flow, as the compiler
    /// filters them (and says so).
    private func isSelfAssignment(_ dst: NodeID, _ src: NodeID) -> Bool {
        let d = stripParens(dst)
        let s = stripParens(src)
        // Slicing through the same pointer variable. Not of an array held
        // in place (`b.ii = b.i[0:4]`, i an array): that slice points into
        // b itself, a pointer b did not hold before, as the compiler's
        // isSliceSelfAssign says (a pointer to an array is fine).
        if case .slice(let base, _, _, _, _, _) = tree[s], let dx = pointerBase(d), let bx = pointerBase(stripParens(base)),
           dx === bx {
            if case .array = file.type(of: stripParens(base)).underlying { return false }
            return true
        }
        switch (tree[d], tree[s]) {
        case (.selector(let dx, _, _), .selector(let sx, _, _)):
            // `val.x = val.y`: the trailing fields may differ (the
            // compiler's isSelfAssign), when nothing embedded lies between.
            guard let ds = file.selections[d], let ss = file.selections[s], ds.kind == .field, ss.kind == .field else { return false }
            guard ds.object === ss.object || (ds.path.count == 1 && ss.path.count == 1) else { return false }
            return sameSafeExpression(dx, sx)
        case (.index(let dx, let di, _), .index(let sx, let si, _)):
            guard file.type(of: dx).mapTypes == nil else { return false }
            let all = Array(tree.list(di)) + Array(tree.list(si))
            guard all.allSatisfy({ !mayAffectMemory($0) }) else { return false }
            return sameSafeExpression(dx, sx)
        default:
            return false
        }
    }

    /// The variable `p` of `*p` or of `p.f` through a pointer.
    private func pointerBase(_ n: NodeID) -> Object? {
        switch tree[n] {
        case .star(let x):
            return tree.identName(stripParens(x)) != nil ? file.objects[stripParens(x).index] : nil
        case .selector(let x, _, _):
            guard let sel = file.selections[n], sel.kind == .field, sel.path.count == 1,
                  sel.receiverType.isPointer, case .ident = tree[stripParens(x)] else { return nil }
            return file.objects[stripParens(x).index]
        default:
            return nil
        }
    }

    private func sameSafeExpression(_ a: NodeID, _ b: NodeID) -> Bool {
        let a = stripParens(a)
        let b = stripParens(b)
        switch (tree[a], tree[b]) {
        case (.ident, .ident):
            guard let oa = file.objects[a.index], let ob = file.objects[b.index] else { return false }
            return oa === ob && oa.isVariable
        case (.selector(let x, _, _), .selector(let y, _, _)):
            return file.selections[a]?.object === file.selections[b]?.object && file.selections[a]?.kind == .field
                && sameSafeExpression(x, y)
        case (.star(let x), .star(let y)):
            return sameSafeExpression(x, y)
        case (.index(let x, let i, _), .index(let y, let j, _)):
            guard i.count == 1, j.count == 1, let ii = tree.list(i).first, let jj = tree.list(j).first else { return false }
            let same = (file.constants[ii] != nil && file.constants[ii] == file.constants[jj]) || sameSafeExpression(ii, jj)
            return same && sameSafeExpression(x, y)
        default:
            return false
        }
    }

    private func mayAffectMemory(_ n: NodeID) -> Bool {
        let n = stripParens(n)
        if file.constants[n] != nil { return false }
        switch tree[n] {
        case .ident, .basicLit: return false
        case .binary(_, let x, let y, _): return mayAffectMemory(x) || mayAffectMemory(y)
        case .index(let x, let i, _): return mayAffectMemory(x) || tree.list(i).contains { mayAffectMemory($0) }
        case .selector(let x, _, _): return mayAffectMemory(x)
        case .star(let x): return mayAffectMemory(x)
        case .unary(let op, let x): return op == .arrow || mayAffectMemory(x)
        case .call(let f, let args, _, _):
            if builtinName(stripParens(f)) == "len" || builtinName(stripParens(f)) == "cap" || file.denotesType(stripParens(f)) {
                return tree.list(args).contains { mayAffectMemory($0) }
            }
            return true
        default: return true
        }
    }

    private func selfAssignment(_ position: UInt32, _ dst: NodeID, _ src: NodeID) {
        let printer = ExpressionPrinter(file: file, packagePath: packagePath)
        notes.append(BatchNote(file: fileIndex, offset: position,
                               text: "\(units[unit].name) ignoring self-assignment in \(printer.text(dst)) = \(printer.text(src))"))
    }
}

/// A message the compiler prints while walking (not a decision).
struct BatchNote {
    var file: Int
    var offset: UInt32
    var text: String
}
