import GoSema
import GoSyntax

/// Expressions: where the value of each kind of expression flows.
extension GraphBuilder {
    /// Evaluates `n` and flows its value into `k`.
    func expr(_ k: Hole, _ n: NodeID) {
        guard !n.isNone else { return }
        work += 1
        if work > options.maxWorkPerBatch {
            unknown = true
            return
        }
        var k = k
        let t = file.type(of: n)
        if k.derefs >= 0, !t.isUntyped, !Sizes.hasPointers(t) { k = discardHole }
        if file.constants[n] != nil { return }
        switch tree[n] {
        case .paren(let x):
            expr(k, x)
        case .ident:
            guard let o = file.objects[n.index] else { return }
            if o.isVariable && !o.isPackageLevel { flow(k, variableLocation(o)) }
        case .basicLit, .bad:
            return
        case .compositeLit:
            compositeLiteral(k, n)
        case .funcLit:
            closure(k, n)
        case .selector:
            selector(k, n)
        case .index(let x, let indices, _):
            let xt = file.type(of: x)
            if xt.signature != nil || file.denotesType(x) { return }  // a generic instantiation
            switch xt.underlying {
            case .map:
                discard(x)
            case .array:
                expr(note(k, .unknown, n), x)
            default:
                expr(note(k.deref(), .indirection, n), x)
            }
            for i in tree.list(indices) { discard(i) }
        case .slice(let x, let lo, let hi, let max, _, _):
            if case .array = file.type(of: x).underlying {
                // Slicing an array slices its address.
                expr(note(k.address(), .addressOf, n), x)
            } else {
                expr(k, x)
            }
            discard(lo); discard(hi); discard(max)
        case .typeAssert(let x, _, _):
            if !t.isInterface && !isDirectInterface(t) { k = k.deref() }
            expr(k, x)
        case .call:
            call([k], n)
        case .star(let x):
            expr(note(k.deref(), .indirection, n), x)
        case .unary(let op, let x):
            switch op {
            case .and:
                if case .compositeLit = tree[stripParens(x)] {
                    let inner = spill(k, n, .pointerLiteral)
                    compositeLiteral(inner, stripParens(x))
                } else {
                    expr(note(k.address(), .addressOf, n), x)
                }
            default:
                discard(x)
            }
        case .binary(let op, let x, let y, _):
            if op == .add, case .basic(let b) = t.underlying, b.isString {
                spill(k, n, .concatenation)
                for operand in concatenationOperands(n) { discard(operand) }
            } else if op.isComparison {
                comparisonOperand(x, other: y)
                comparisonOperand(y, other: x)
            } else {
                discard(x)
                discard(y)
            }
        case .keyValue(_, let v, _):
            expr(k, v)
        default:
            return
        }
    }

    func discard(_ n: NodeID) { expr(discardHole, n) }

    /// A concrete operand compared with an interface is converted first.
    private func comparisonOperand(_ x: NodeID, other: NodeID) {
        if file.type(of: other).isInterface && !file.type(of: x).isInterface && !isNil(x) {
            convert(discardHole, x, to: file.type(of: other), at: compilerPosition(x))
        } else {
            discard(x)
        }
    }

    /// The operands of a string concatenation, nested ones included: the
    /// compiler makes one `OADDSTR` of `a + (b + c)`.
    func concatenationOperands(_ n: NodeID) -> [NodeID] {
        var result: [NodeID] = []
        var stack = [n]
        while let m = stack.popLast() {
            let s = stripParens(m)
            if case .binary(.add, let x, let y, _) = tree[s], file.constants[s] == nil,
               case .basic(let b) = file.type(of: s).underlying, b.isString {
                stack.append(y)
                stack.append(x)
            } else {
                result.append(m)
            }
        }
        return result
    }

    // MARK: Conversions

    /// Evaluates `n` where a value of type `target` is expected: a
    /// concrete value stored in an interface is converted, which
    /// allocates unless the value is pointer-shaped.
    func convert(_ k: Hole, _ n: NodeID, to target: GoType, at position: UInt32) {
        guard needsInterfaceConversion(n, to: target) else {
            expr(k, n)
            return
        }
        var k = k
        let source = sourceType(n)
        if !isDirectInterface(source) {
            k = spill(k, n, .interfaceConversion, offset: position, text: ExpressionPrinter(file: file, packagePath: packagePath).text(n))
        }
        expr(note(k, .interfaceConversion, n), n)
    }

    func needsInterfaceConversion(_ n: NodeID, to target: GoType) -> Bool {
        guard target.isInterface, !isNil(n) else { return false }
        let source = file.type(of: n)
        if source.isInvalid { return false }
        if file.constants[n] != nil { return true }
        return !source.isInterface
    }

    /// The type a value has before conversion (an untyped constant's default type).
    func sourceType(_ n: NodeID) -> GoType {
        let t = file.type(of: n)
        guard let c = file.constants[n], t.isInterface || t.isUntyped else { return t }
        switch c {
        case .bool: return .basic(.bool)
        case .string: return .basic(.string)
        case .int:
            if case .basic(.untypedRune) = t { return .basic(.int32) }
            return .basic(.int)
        case .float: return .basic(.float64)
        case .complex: return .basic(.complex128)
        }
    }

    func isNil(_ n: NodeID) -> Bool {
        let s = stripParens(n)
        if case .ident = tree[s], file.objects[s.index]?.kind == .nilValue { return true }
        if case .basic(.untypedNil) = file.type(of: s) { return true }
        return false
    }

    func stripParens(_ n: NodeID) -> NodeID {
        var n = n
        while case .paren(let x) = tree[n] { n = x }
        return n
    }

    // MARK: Selectors

    private func selector(_ k: Hole, _ n: NodeID) {
        guard case .selector(let x, _, _) = tree[n] else { return }
        guard let sel = file.selections[n] else {
            // A qualified identifier `pkg.Name` or something unresolved.
            if let o = file.object(of: n), o.isVariable, !o.isPackageLevel { flow(k, variableLocation(o)) }
            return
        }
        switch sel.kind {
        case .qualified, .methodExpression:
            return
        case .field:
            expr(fieldPathHole(k, sel, n), x)
        case .method:
            methodValue(k, n, x, sel)
        }
    }

    /// The hole for `x` in `x.f`: one dereference for each pointer walked
    /// through (explicit `p.f` or embedded `*E` fields).
    func fieldPathHole(_ k: Hole, _ sel: Selection, _ n: NodeID) -> Hole {
        var k = k
        for pointer in pathPointers(start: sel.receiverType, path: sel.path) where pointer {
            k = note(k.deref(), .indirection, n)
        }
        return k
    }

    /// For each step of a selection path, whether the value stepped from is a pointer.
    func pathPointers(start: GoType, path: [Int]) -> [Bool] {
        var result: [Bool] = []
        var current = start
        for index in path {
            var isPointer = false
            var base = current
            if let p = current.pointee { isPointer = true; base = p }
            result.append(isPointer)
            guard case .structure(let s) = base.underlying, index < s.fields.count else { break }
            current = s.fields[index].type
        }
        return result
    }

    /// The type reached at the end of a selection's embedded path.
    func typeAtEndOfPath(start: GoType, path: [Int]) -> GoType {
        var current = start
        for index in path {
            let base = current.pointee ?? current
            guard case .structure(let s) = base.underlying, index < s.fields.count else { return .invalid }
            current = s.fields[index].type
        }
        return current
    }

    /// `x.M` as a value: a closure that holds the receiver.
    private func methodValue(_ k: Hole, _ n: NodeID, _ x: NodeID, _ sel: Selection) {
        let closureHole = spill(k, n, .methodValue)
        let method = sel.object
        let results = method.type.signature?.results.count ?? 0
        let resultHoles = Array(repeating: heapHole, count: results)
        let receiverEnd = typeAtEndOfPath(start: sel.receiverType, path: sel.path)
        let paramHole: Hole
        if receiverEnd.isInterface || receiverEnd.pointee?.isInterface == true || isTypeParameter(receiverEnd) {
            paramHole = heapHole
        } else {
            paramHole = tagHole(resultHoles, callee: .function(method), parameter: 0)
        }
        let k2 = tee([paramHole, closureHole])
        expr(receiverHole(k2, sel, method: method, n), x)
    }

    /// The hole for a method's receiver expression: the embedded path's
    /// dereferences, and the `&x` or `*p` the compiler adds to match the
    /// method's receiver.
    func receiverHole(_ k: Hole, _ sel: Selection, method: Object, _ n: NodeID) -> Hole {
        var k = k
        let end = typeAtEndOfPath(start: sel.receiverType, path: sel.path)
        if !end.isInterface && !isTypeParameter(end) {
            let wantsPointer = method.hasPointerReceiver || (method.type.signature?.receiver?.isPointer ?? false)
            if wantsPointer && !end.isPointer {
                k = note(k.address(), .addressOf, n)
            } else if !wantsPointer && end.isPointer {
                k = note(k.deref(), .indirection, n)
            }
        }
        for pointer in pathPointers(start: sel.receiverType, path: sel.path).reversed() where pointer {
            k = note(k.deref(), .indirection, n)
        }
        return k
    }

    func isTypeParameter(_ t: GoType) -> Bool {
        if case .typeParameter = t { return true }
        if case .pointer(.typeParameter) = t { return true }
        return false
    }

    // MARK: Composite literals

    func compositeLiteral(_ k: Hole, _ n: NodeID) {
        guard case .compositeLit(_, let elts, _) = tree[n] else { return }
        let t = file.type(of: n)
        let base = t.pointee ?? t   // an elided `&T` inside an outer literal
        switch base.underlying {
        case .structure(let s):
            var k = k
            if t.pointee != nil { k = spill(k, n, .pointerLiteral) }
            for (i, e) in tree.list(elts).enumerated() {
                var value = e
                var fieldType: GoType = .invalid
                if case .keyValue(let key, let v, _) = tree[e] {
                    value = v
                    if let name = tree.identName(key), let f = s.fields.first(where: { $0.name == name }) { fieldType = f.type }
                } else if i < s.fields.count {
                    fieldType = s.fields[i].type
                }
                convert(note(k, .unknown, n), value, to: fieldType, at: compilerPosition(value))
            }
        case .array(_, let elem):
            var k = k
            if t.pointee != nil { k = spill(k, n, .pointerLiteral) }
            for e in tree.list(elts) {
                var value = e
                if case .keyValue(let key, let v, _) = tree[e] { value = v; discard(key) }
                convert(note(k, .unknown, n), value, to: elem, at: compilerPosition(value))
            }
        case .slice(let elem):
            var k = k
            if t.pointee != nil { k = spill(k, n, .pointerLiteral) }
            let inner = spill(k, n, .sliceLiteral)
            for e in tree.list(elts) {
                var value = e
                if case .keyValue(let key, let v, _) = tree[e] { value = v; discard(key) }
                convert(note(inner, .sliceElement, n), value, to: elem, at: compilerPosition(value))
            }
        case .map(let keyType, let valueType):
            var k = k
            if t.pointee != nil { k = spill(k, n, .pointerLiteral) }
            spill(k, n, .mapLiteral)
            for e in tree.list(elts) {
                guard case .keyValue(let key, let v, _) = tree[e] else { continue }
                convert(note(heapHole, .mapElement, n), key, to: keyType, at: compilerPosition(key))
                convert(note(heapHole, .mapElement, n), v, to: valueType, at: compilerPosition(v))
            }
        default:
            for e in tree.list(elts) { discard(e) }
        }
    }

    // MARK: Closures

    private func closure(_ k: Hole, _ n: NodeID) {
        let key = UnitKey(file: ObjectIdentifier(file), node: n)
        let u: Int
        if let existing = unitIndex[key] {
            u = existing
        } else {
            u = addClosureUnit(n, parent: unit)
            prepareVariables(of: u)
        }
        let k2 = spill(k, n, .closure)
        closures.append((k2, u))
        for cv in file.captures[n] ?? [] {
            let l = variableLocation(cv)
            if !graph.locations[l].captured {
                graph.locations[l].captured = true
                if graph.locations[l].loopDepth == loopDepth { graph.locations[l].reassigned = false }
            }
        }
        let saved = (unit, loopDepth, labels)
        switchTo(u)
        walkBody(units[u].body)
        switchTo(saved.0)
        loopDepth = saved.1
        labels = saved.2
    }

    // MARK: Types

    /// Whether a value of the type is stored in an interface's data word
    /// directly (pointer-shaped), so that converting it allocates nothing.
    func isDirectInterface(_ t: GoType) -> Bool {
        switch t.underlying {
        case .pointer, .chan, .map, .function: return true
        case .basic(let b): return b == .unsafePointer
        case .array(let n, let e): return n == 1 && isDirectInterface(e)
        case .structure(let s): return s.fields.count == 1 && isDirectInterface(s.fields[0].type)
        default: return false
        }
    }

}

extension Token {
    var isComparison: Bool {
        switch self {
        case .eql, .neq, .lss, .leq, .gtr, .geq: return true
        default: return false
        }
    }
}
