import GoSyntax

/// Calls: function and method calls (generic ones with inferred type
/// arguments), conversions, and the builtins.
extension Checker {
    func call(_ node: NodeID, expected: GoType?) -> Operand {
        guard case .call(let funNode, let argList, let hasEllipsis, _) = tree[node] else { return .invalid }
        let args = Array(tree.list(argList))
        let fun = expression(funNode)
        switch fun.mode {
        case .invalid:
            for a in args { expression(a) }
            return .invalid
        case .type:
            return conversion(node, to: fun.type, args)
        case .builtin:
            guard let o = fun.object, let b = Universe.shared.builtin(o) else { return .invalid }
            return builtinCall(node, b, args, hasEllipsis: hasEllipsis, expected: expected)
        default:
            break
        }
        guard var signature = fun.type.signature else {
            for a in args { expression(a) }
            if !fun.type.isInvalid { report(funNode, "invalid operation: cannot call non-function \(tree.expressionText(funNode))") }
            return .invalid
        }

        // Arguments: a single multi-value call may feed several parameters.
        var argTypes: [GoType] = []
        var spread = false
        if args.count == 1, signature.parameters.count > 1 || signature.variadic {
            let a = expression(args[0])
            if case .tuple(let ts) = a.type, ts.count > 1 {
                argTypes = ts
                spread = true
            } else {
                argTypes = [a.type]
            }
        }

        if !signature.typeParameters.isEmpty {
            // A generic call: infer the type arguments from the arguments.
            if !spread && argTypes.isEmpty {
                argTypes = args.map { expression($0).type }
            }
            let explicit = current.instantiations[funNode] ?? []
            let inferred = Generics.infer(signature.typeParameters, signature: signature, arguments: argTypes, explicit: explicit)
            let typeArgs = inferred.map { $0 ?? .invalid }
            current.instantiations[node] = typeArgs
            signature = Generics.substitute(signature, Generics.bindings(signature.typeParameters, typeArgs))
            current.types[funNode.index] = .function(signature)
        }

        if !spread {
            for (i, a) in args.enumerated() {
                let formal = parameterType(signature, i, hasEllipsis: hasEllipsis)
                if argTypes.count == args.count {
                    // Already checked (generic inference); only convert constants.
                    if let formal { convertUntyped(a, to: formal) }
                    continue
                }
                expression(a, expected: formal)
                if let formal { convertUntyped(a, to: formal) }
            }
        }
        if signature.results.isEmpty { return Operand(mode: .noValue, type: .tuple([])) }
        return .value(signature.resultType)
    }

    /// The type the i-th argument is passed as.
    private func parameterType(_ s: Signature, _ i: Int, hasEllipsis: Bool) -> GoType? {
        let n = s.parameters.count
        guard n > 0 else { return nil }
        if s.variadic && i >= n - 1 {
            if hasEllipsis { return s.parameters[n - 1] }
            if case .slice(let e) = s.parameters[n - 1] { return e }
            return nil
        }
        return i < n ? s.parameters[i] : nil
    }

    private func conversion(_ node: NodeID, to t: GoType, _ args: [NodeID]) -> Operand {
        guard args.count == 1 else {
            for a in args { expression(a) }
            report(node, "conversion to \(t) needs exactly one argument")
            return .value(t)
        }
        let x = expression(args[0], expected: t)
        if x.type.isUntyped && !t.isInterface { convertUntyped(args[0], to: t) }
        if let c = x.constant, case .basic(let k) = t.underlying, let v = c.converted(to: k) {
            return Operand(mode: .constant, type: t, constant: v)
        }
        return .value(t)
    }

    private func builtinCall(_ node: NodeID, _ b: Universe.Builtin, _ args: [NodeID], hasEllipsis: Bool, expected: GoType?) -> Operand {
        switch b {
        case .len, .cap:
            guard let a = args.first else { return .invalid }
            let x = expression(a)
            if b == .len, let s = x.constant?.stringValue {
                return Operand(mode: .constant, type: .basic(.int), constant: .int(Int128(s.utf8.count)))
            }
            var t = x.type.underlying
            if case .pointer(let p) = t { t = p.underlying }
            if case .array(let n?, _) = t, !containsCallOrReceive(a) {
                return Operand(mode: .constant, type: .basic(.int), constant: .int(Int128(n)))
            }
            return .value(.basic(.int))
        case .make:
            guard let first = args.first else { return .invalid }
            let t = typeExpression(first)
            for a in args.dropFirst() {
                expression(a, expected: .basic(.int))
                convertUntyped(a, to: .basic(.int))
            }
            return .value(t)
        case .new:
            // `new(T)`, or since Go 1.26 `new(x)`: a variable of x's type
            // (an untyped constant's default type) holding x's value.
            guard let first = args.first else { return .invalid }
            let x = expression(first)
            if x.mode == .type || x.type.isInvalid { return .value(.pointer(x.type)) }
            return .value(.pointer(defaultType(x.type, node: first)))
        case .append:
            guard let first = args.first else { return .invalid }
            let s = expression(first, expected: expected)
            var elem: GoType? = nil
            if case .slice(let e) = s.type.underlying { elem = e }
            for a in args.dropFirst() {
                let formal: GoType? = hasEllipsis ? s.type : elem
                expression(a, expected: formal)
                if let formal { convertUntyped(a, to: formal) }
            }
            if case .basic(.untypedNil) = s.type { return .value(expected ?? .invalid) }
            return .value(s.type)
        case .copy:
            for a in args { expression(a) }
            return .value(.basic(.int))
        case .delete:
            if let m = args.first {
                let mt = expression(m)
                if args.count > 1 {
                    expression(args[1], expected: mt.type.mapTypes?.key)
                    if let k = mt.type.mapTypes?.key { convertUntyped(args[1], to: k) }
                }
            }
            return Operand(mode: .noValue, type: .tuple([]))
        case .close, .clear, .panic, .print, .println:
            for a in args {
                let x = expression(a)
                if b == .panic || b == .print || b == .println { _ = defaultType(x.type, node: a) }
            }
            return Operand(mode: .noValue, type: .tuple([]))
        case .recover:
            return .value(Universe.shared.anyType)
        case .complex:
            for a in args { expression(a) }
            return .value(.basic(.complex128))
        case .real, .imag:
            guard let a = args.first else { return .invalid }
            let x = expression(a)
            if case .basic(.complex64) = x.type.underlying { return .value(.basic(.float32)) }
            return .value(.basic(.float64))
        case .min, .max:
            var result: GoType = .invalid
            var constants: [Constant] = []
            for a in args {
                let x = expression(a, expected: expected)
                if result.isInvalid || (result.isUntyped && !x.type.isUntyped) { result = x.type }
                if let c = x.constant { constants.append(c) }
            }
            for a in args where !result.isUntyped { convertUntyped(a, to: result) }
            if constants.count == args.count, var best = constants.first {
                for c in constants.dropFirst() {
                    if let less = Constant.binary(.lss, c, best, integerDivision: true)?.boolValue, less == (b == .min) { best = c }
                }
                return Operand(mode: .constant, type: result, constant: best)
            }
            return .value(result)
        case .unsafeSizeof, .unsafeAlignof:
            guard let a = args.first else { return .invalid }
            let x = expression(a)
            let t = defaultType(x.type, node: a)
            let v = b == .unsafeSizeof ? Sizes.size(of: t) : Sizes.alignment(of: t)
            return Operand(mode: v == nil ? .value : .constant, type: .basic(.uintptr), constant: v.map { .int(Int128($0)) })
        case .unsafeOffsetof:
            for a in args { expression(a) }
            return .value(.basic(.uintptr))
        case .unsafeAdd:
            for a in args { expression(a) }
            return .value(.basic(.unsafePointer))
        case .unsafeSlice:
            guard let a = args.first else { return .invalid }
            let p = expression(a)
            for x in args.dropFirst() { expression(x) }
            if case .pointer(let e) = p.type.underlying { return .value(.slice(e)) }
            return .invalid
        case .unsafeString:
            for a in args { expression(a) }
            return .value(.basic(.string))
        case .unsafeStringData:
            for a in args { expression(a) }
            return .value(.pointer(.basic(.uint8)))
        case .unsafeSliceData:
            guard let a = args.first else { return .invalid }
            let s = expression(a)
            if case .slice(let e) = s.type.underlying { return .value(.pointer(e)) }
            return .invalid
        }
    }

    /// `len(arr)` is constant only when `arr` holds no call or receive.
    private func containsCallOrReceive(_ node: NodeID) -> Bool {
        var found = false
        tree.walk(node) { n in
            switch tree[n] {
            case .call: found = true
            case .unary(.arrow, _): found = true
            default: break
            }
            return !found
        }
        return found
    }
}
