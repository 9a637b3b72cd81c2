import GoSema
import GoSyntax

/// The function a call reaches, when it is known statically.
enum Callee {
    /// Through an interface or a function value: arguments leak to the heap.
    case dynamic
    /// A declared function or method.
    case function(Object)
    /// A function literal of the batch.
    case closure(Int)
}

/// The `go`/`defer` wrapper the compiler builds around a call with
/// arguments: each argument is copied into a temporary that the wrapper
/// closure captures.
struct CallWrapper {
    var captured: [Int] = []
}

/// Calls: builtins, conversions, and calls of functions, methods,
/// closures and function values.
extension GraphBuilder {
    /// Evaluates the call `n`; its results flow into `ks` (nil when the
    /// results are discarded).
    func call(_ ks: [Hole]?, _ n: NodeID, wrapper: inout CallWrapper?) {
        guard case .call(let fun, let args, let ellipsis, let lparen) = tree[n] else {
            expr(discardHole, n)
            return
        }
        let f = stripParens(fun)
        if file.denotesType(f) {
            conversion(ks?.first ?? discardHole, n, tree.list(args).first ?? .none, lparen: lparen)
            return
        }
        if let builtin = builtinName(f) {
            self.builtin(ks, n, builtin, Array(tree.list(args)), ellipsis: ellipsis, lparen: lparen, wrapper: &wrapper)
            return
        }
        regularCall(ks, n, f, Array(tree.list(args)), ellipsis: ellipsis, lparen: lparen, wrapper: &wrapper)
    }

    func call(_ ks: [Hole]?, _ n: NodeID) {
        var none: CallWrapper? = nil
        call(ks, n, wrapper: &none)
    }

    // MARK: Arguments

    /// Evaluates one argument into `k`; under a go/defer wrapper, through
    /// a captured temporary unless the argument is a constant or a function name.
    func argument(_ k: Hole, _ node: NodeID, simple: Bool, wrapper: inout CallWrapper?, _ evaluate: (Hole) -> Void) {
        let k = note(k, .callParameter, node)
        guard wrapper != nil, !simple else {
            evaluate(k)
            return
        }
        let tmp = temporary()
        evaluate(hole(tmp))
        graph.locations[tmp].captured = true
        wrapper?.captured.append(tmp)
        flow(k, tmp)
    }

    /// Whether the compiler leaves an argument in place under a go/defer
    /// wrapper: constants, nil, function names, method expressions.
    func isSimpleArgument(_ n: NodeID) -> Bool {
        let s = stripParens(n)
        if file.constants[s] != nil || isNil(s) { return true }
        switch tree[s] {
        case .ident: return file.objects[s.index]?.kind == .function
        case .selector:
            if let sel = file.selections[s] { return sel.kind == .methodExpression || (sel.kind == .qualified && sel.object.kind == .function) }
            return file.object(of: s)?.kind == .function
        default: return false
        }
    }

    // MARK: Regular calls

    private func regularCall(_ ks: [Hole]?, _ n: NodeID, _ f: NodeID, _ args: [NodeID], ellipsis: Bool, lparen: UInt32,
                             wrapper: inout CallWrapper?) {
        var callee = Callee.dynamic
        var receiver: (node: NodeID, selection: Selection)? = nil
        var args = args
        var explicitReceiver: NodeID? = nil
        switch tree[f] {
        case .selector(let x, _, _):
            if let sel = file.selections[f] {
                switch sel.kind {
                case .qualified:
                    if sel.object.kind == .function { callee = .function(sel.object) }
                case .method:
                    receiver = (x, sel)
                    let end = typeAtEndOfPath(start: sel.receiverType, path: sel.path)
                    if !(end.isInterface || isTypeParameter(end)) { callee = .function(sel.object) }
                case .methodExpression:
                    if !sel.receiverType.isInterface, sel.object.kind == .method { callee = .function(sel.object) }
                    if !args.isEmpty { explicitReceiver = args.removeFirst() }
                case .field:
                    break
                }
            } else if let o = file.object(of: f), o.kind == .function {
                callee = .function(o)
            }
        case .funcLit:
            if let u = unitIndex[UnitKey(file: ObjectIdentifier(file), node: f)] {
                units[u].closureCalled = true
                callee = .closure(u)
            }
        default:
            callee = staticCallee(f)
        }
        let signature: Signature?
        switch callee {
        case .function(let o): signature = o.type.signature ?? file.type(of: f).signature
        default: signature = file.type(of: f).signature
        }
        if case .function(let o) = callee, wrapper == nil, let body = inlineBody(for: o),
           !(args.count == 1 && { if case .tuple(let r) = file.type(of: args[0]), r.count > 1 { return true }; return false }()) {
            inlineCall(ks, n, o, body, receiver: receiver, explicitReceiver: explicitReceiver, args: args, ellipsis: ellipsis, lparen: lparen)
            return
        }

        // Results of a callee in the same batch flow from its result variables.
        if let ks, let inBatch = batchUnit(callee) {
            for (i, r) in units[inBatch].resultLocations.enumerated() where i < ks.count {
                if ks[i].derefs >= 0, !Sizes.hasPointers(graph.locations[r].kindType) { continue }
                flow(ks[i], r)
            }
        }

        var tagIndex = 0
        let hasReceiverTag: Bool
        switch callee {
        case .function(let o): hasReceiverTag = o.kind == .method
        default: hasReceiverTag = receiver != nil || explicitReceiver != nil
        }

        if let (x, sel) = receiver {
            let k = tagHole(ks, callee: callee, parameter: 0)
            argument(k, x, simple: false, wrapper: &wrapper) { k in
                self.expr(self.receiverHole(k, sel, method: sel.object, f), x)
            }
            tagIndex = 1
        } else {
            // The function value itself does not escape by being called.
            argument(discardHole, f, simple: isSimpleArgument(f) || !isWrappable(f), wrapper: &wrapper) { k in self.expr(k, f) }
            if let r = explicitReceiver {
                let k = tagHole(ks, callee: callee, parameter: 0)
                argument(k, r, simple: isSimpleArgument(r), wrapper: &wrapper) { k in self.expr(k, r) }
                tagIndex = 1
            } else if hasReceiverTag {
                tagIndex = 1
            }
        }
        guard let signature else {
            for a in args { argument(heapHole, a, simple: isSimpleArgument(a), wrapper: &wrapper) { k in self.expr(k, a) } }
            return
        }
        let params = signature.parameters
        // f(g()) with a multi-value g: the results go through temporaries.
        if args.count == 1, case .tuple(let results) = file.type(of: args[0]), results.count > 1 {
            let temps = results.map { _ in temporary() }
            call(temps.map { hole($0) }, args[0])
            // Under a go/defer wrapper (`go noop(tee(&z))`), the results
            // are evaluated first and captured, as any argument is.
            if wrapper != nil {
                for t in temps { graph.locations[t].captured = true }
                wrapper?.captured += temps
            }
            for (i, t) in temps.enumerated() {
                let k = i < params.count || signature.variadic ? tagHole(ks, callee: callee, parameter: tagIndex + min(i, max(0, params.count - 1))) : discardHole
                flow(note(k, .callParameter, args[0]), t)
            }
            return
        }
        let fixed = signature.variadic && !ellipsis ? max(0, params.count - 1) : params.count
        if case .function(let o) = callee, o.directives.contains("go:uintptrescapes") {
            // Numbered as the tags are: receiver first.
            let numbered = signature.parameterObjects.count > params.count ? tagIndex : 0
            for (i, a) in args.enumerated()
            where UintptrEscapes.marking(o, signature, parameter: numbered + min(i, params.count - 1)) != nil {
                uintptrEscapes(a)
            }
        }
        var basePosition = lparen
        for (i, a) in args.enumerated() where i < fixed {
            basePosition = conversionPosition(a, current: basePosition)
            let target = params[i]
            let k = tagHole(ks, callee: callee, parameter: tagIndex + i)
            let position = basePosition
            argument(k, a, simple: isSimpleArgument(a) && !needsInterfaceConversion(a, to: target), wrapper: &wrapper) { k in
                self.convert(k, a, to: target, at: position)
            }
        }
        guard signature.variadic, !ellipsis, let last = params.last else { return }
        let extras = args.count > fixed ? Array(args[fixed...]) : []
        guard !extras.isEmpty else { return }
        let element: GoType
        if case .slice(let e) = last.underlying { element = e } else { element = .invalid }
        let k = tagHole(ks, callee: callee, parameter: tagIndex + fixed)
        if wrapper != nil {
            // Elements are copied out first; the slice is built inside the wrapper.
            var temps: [Int] = []
            for a in extras {
                basePosition = conversionPosition(a, current: basePosition)
                let position = basePosition
                if isSimpleArgument(a) && !needsInterfaceConversion(a, to: element) { continue }
                let tmp = temporary()
                convert(hole(tmp), a, to: element, at: position)
                graph.locations[tmp].captured = true
                wrapper?.captured.append(tmp)
                temps.append(tmp)
            }
            let slice = spill(note(k, .callParameter, n), n, .variadicSlice, offset: lparen, text: "... argument")
            for t in temps { flow(note(slice, .sliceElement, n), t) }
        } else {
            let slice = spill(note(k, .callParameter, n), n, .variadicSlice, offset: lparen, text: "... argument")
            for a in extras {
                basePosition = conversionPosition(a, current: basePosition)
                convert(note(slice, .sliceElement, n), a, to: element, at: basePosition)
            }
        }
    }

    /// Whether a go/defer wrapper copies the function value out (anything
    /// but a function name or a literal called in place is a value).
    private func isWrappable(_ f: NodeID) -> Bool {
        switch tree[f] {
        case .ident: return file.objects[f.index]?.kind != .function
        default: return true
        }
    }

    /// The compiler gives an implicit conversion of a call argument the
    /// position of the last argument so far that is not a plain name (the
    /// call's `(` when there is none): its type checker leaves that
    /// position behind.
    func conversionPosition(_ a: NodeID, current: UInt32) -> UInt32 {
        // A named constant is a fresh literal node to the compiler; a variable is not.
        if case .ident = tree[a] { return file.objects[a.index]?.kind == .constant ? tree.start(a) : current }
        if let second = concatenationSecondOperand(a) { return tree.start(second) }
        return compilerPosition(a)
    }

    /// For a string concatenation, its second operand (the compiler's
    /// type checker leaves its position behind).
    func concatenationSecondOperand(_ a: NodeID) -> NodeID? {
        let s = stripParens(a)
        guard case .binary(.add, _, _, _) = tree[s], file.constants[s] == nil,
              case .basic(let b) = file.type(of: s).underlying, b.isString else { return nil }
        let operands = concatenationOperands(s)
        return operands.count > 1 ? operands[1] : nil
    }

    /// The unit of the batch that a callee is, if any.
    func batchUnit(_ callee: Callee) -> Int? {
        switch callee {
        case .dynamic: return nil
        case .closure(let u): return u
        case .function(let o): return objectUnits[ObjectIdentifier(o)]
        }
    }

    /// Follows a local variable that is defined once and never reassigned
    /// to the function it holds (the compiler's `ir.StaticValue`).
    func staticCallee(_ f: NodeID) -> Callee {
        var n = stripParens(f)
        for _ in 0..<8 {
            switch tree[n] {
            case .ident:
                guard let o = file.objects[n.index] else { return .dynamic }
                if o.kind == .function { return .function(o) }
                guard o.isVariable, !o.isPackageLevel, o.kind == .variable,
                      !facts.reassigned.contains(ObjectIdentifier(o)),
                      let d = facts.definitions[ObjectIdentifier(o)] else { return .dynamic }
                n = stripParens(d)
            case .funcLit:
                if let u = unitIndex[UnitKey(file: ObjectIdentifier(file), node: n)] {
                    units[u].closureCalled = true
                    return .closure(u)
                }
                return .dynamic
            case .index(let x, _, _):
                // A generic function instantiated explicitly.
                if let o = file.object(of: stripParens(x)), o.kind == .function { return .function(o) }
                return .dynamic
            case .selector:
                if let sel = file.selections[n], sel.kind == .qualified, sel.object.kind == .function { return .function(sel.object) }
                if let sel = file.selections[n], sel.kind == .methodExpression, !sel.receiverType.isInterface { return .function(sel.object) }
                return .dynamic
            default:
                return .dynamic
            }
        }
        return .dynamic
    }

    /// Where an argument for parameter #`parameter` (receiver first) flows.
    func tagHole(_ ks: [Hole]?, callee: Callee, parameter: Int) -> Hole {
        switch callee {
        case .dynamic:
            return heapHole
        case .closure(let u):
            return parameterHole(u, parameter)
        case .function(let o):
            if let u = objectUnits[ObjectIdentifier(o)] { return parameterHole(u, parameter) }
            let tags = self.tags.tags(for: o)
            guard parameter < tags.count else { return tags.isEmpty ? heapHole : discardHole }
            let tag = tags[parameter]
            var holes: [Hole] = []
            if let h = tag.heap { holes.append(heapHole.shifted(h)) }
            if let ks {
                for i in 0..<min(ks.count, ParameterTag.trackedResults) {
                    if let x = tag.result(i) { holes.append(ks[i].shifted(x)) }
                }
            }
            return tee(holes)
        }
    }

    private func parameterHole(_ u: Int, _ parameter: Int) -> Hole {
        let locations = units[u].parameterLocations
        guard parameter < locations.count, let l = locations[parameter] else { return discardHole }
        return hole(l)
    }

    // MARK: Conversions

    private func conversion(_ k: Hole, _ n: NodeID, _ x: NodeID, lparen: UInt32) {
        guard !x.isNone, file.constants[n] == nil else { return }
        let target = file.type(of: n)
        let source = file.type(of: x)
        var k = k
        if k.derefs >= 0, !Sizes.hasPointers(target) { k = discardHole }
        if target.isInterface {
            if needsInterfaceConversion(x, to: target) {
                if !isDirectInterface(sourceType(x)) {
                    k = spill(k, n, .interfaceConversion, offset: lparen)
                }
            }
            expr(note(k, .interfaceConversion, n), x)
            return
        }
        if case .basic(let t) = target.underlying, t.isString {
            if case .slice = source.underlying {
                spill(k, n, .stringConversion)
                discard(x)
                return
            }
            if case .basic(let s) = source.underlying, s.isInteger {
                spill(k, n, .stringConversion)
                discard(x)
                return
            }
        }
        if case .slice = target.underlying, case .basic(let s) = source.underlying, s.isString {
            spill(k, n, .stringConversion)
            discard(x)
            return
        }
        if case .basic(.unsafePointer) = target.underlying, case .basic(.uintptr) = source.underlying {
            unsafeValue(k, x)
            return
        }
        expr(k, x)
    }

    /// `uintptr(p)` of an `unsafe.Pointer` passed for a parameter marked
    /// by `//go:uintptrescapes`: the compiler keeps p in a temporary that
    /// flows to the heap (`UintptrEscapes`).
    private func uintptrEscapes(_ a: NodeID) {
        guard case .call(let fun, let args, _, _) = tree[stripParens(a)], file.denotesType(stripParens(fun)),
              tree.list(args).count == 1, let x = tree.list(args).first,
              case .basic(.unsafePointer) = file.type(of: x).underlying else { return }
        expr(heapHole, x)
    }

    /// A uintptr expression converted to `unsafe.Pointer`: pointers
    /// converted to uintptr inside it flow on.
    func unsafeValue(_ k: Hole, _ n: NodeID) {
        let s = stripParens(n)
        switch tree[s] {
        case .call(let fun, let args, _, _) where file.denotesType(stripParens(fun)):
            if let x = tree.list(args).first {
                if case .basic(.unsafePointer) = file.type(of: x).underlying { expr(k, x) } else { discard(x) }
            }
        case .unary(_, let x):
            unsafeValue(k, x)
        case .binary(let op, let x, let y, _):
            unsafeValue(k, x)
            if op == .shl || op == .shr { discard(y) } else { unsafeValue(k, y) }
        default:
            discard(s)
        }
    }

    // MARK: Builtins

    func builtinName(_ f: NodeID) -> String? {
        switch tree[f] {
        case .ident:
            if let o = file.objects[f.index], o.kind == .builtin { return o.name }
        case .selector(_, let sel, _):
            if let o = file.object(of: f), o.kind == .builtin || (o.packagePath == "unsafe" && o.kind != .typeName) {
                return "unsafe." + (tree.identName(sel) ?? o.name)
            }
        default:
            break
        }
        return nil
    }

    private func builtin(_ ks: [Hole]?, _ n: NodeID, _ name: String, _ args: [NodeID], ellipsis: Bool, lparen: UInt32,
                         wrapper: inout CallWrapper?) {
        let k0 = ks?.first ?? discardHole
        func arg(_ k: Hole, _ a: NodeID, _ evaluate: ((Hole) -> Void)? = nil) {
            argument(k, a, simple: isSimpleArgument(a), wrapper: &wrapper) { k in
                if let evaluate { evaluate(k) } else { self.expr(k, a) }
            }
        }
        switch name {
        case "append":
            guard let first = args.first else { return }
            let sliceType = file.type(of: first)
            var element: GoType = .invalid
            if case .slice(let e) = sliceType.underlying { element = e }
            var appendee = k0
            if Sizes.hasPointers(element) { appendee = tee([k0, note(heapHole.deref(), .appended, n)]) }
            arg(appendee, first)
            if ellipsis {
                guard args.count > 1 else { return }
                var appended = discardHole
                if case .slice(let e) = file.type(of: args[1]).underlying, Sizes.hasPointers(e) {
                    appended = note(heapHole.deref(), .appended, n)
                }
                arg(appended, args[1])
            } else {
                var basePosition = lparen
                for a in args.dropFirst() {
                    basePosition = conversionPosition(a, current: basePosition)
                    let position = basePosition
                    arg(note(heapHole, .appended, n), a) { k in self.convert(k, a, to: element, at: position) }
                }
            }
        case "copy":
            guard args.count == 2 else { return }
            arg(discardHole, args[0])
            var copied = discardHole
            if case .slice(let e) = file.type(of: args[1]).underlying, Sizes.hasPointers(e) { copied = heapHole.deref() }
            arg(copied, args[1])
        case "panic":
            guard let a = args.first else { return }
            let position = concatenationSecondOperand(a).map { tree.start($0) } ?? lparen
            arg(heapHole, a) { k in self.convert(k, a, to: Universe.shared.anyType, at: position) }
        case "new":
            let object = spill(k0, n, .new)
            // `new(x)` (Go 1.26): x is stored in the new variable.
            if let a = args.first, !file.denotesType(a) { expr(note(object, .unknown, n), a) }
        case "make":
            let t = file.type(of: n)
            switch t.underlying {
            case .slice:
                spill(k0, n, .makeSlice)
            case .map:
                spill(k0, n, .makeMap)
            default:
                break
            }
            for a in args.dropFirst() { discard(a) }
        case "unsafe.Add", "unsafe.Slice":
            if args.count == 2 {
                arg(k0, args[0])
                arg(discardHole, args[1])
            }
        case "unsafe.Sizeof", "unsafe.Alignof", "unsafe.Offsetof":
            return
        default:
            // len, cap, real, imag, complex, close, delete, print, println, recover.
            for a in args { arg(discardHole, a) }
        }
    }
}

