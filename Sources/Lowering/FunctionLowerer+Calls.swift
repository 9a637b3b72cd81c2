import ConcIR
import GoSema
import GoSyntax

/// Calls: builtins, conversions, the standard library operations the IR
/// models, cgo, and calls of functions, methods, interface methods,
/// closures and function values; each in `now`, `go` or `defer` mode.
extension FunctionLowerer {
    /// The builtin a call's function expression names, if any.
    func builtinCalled(_ fun: NodeID) -> Universe.Builtin? {
        var f = fun
        while case .paren(let p) = tree[f] { f = p }
        guard let o = file?.object(of: f) else { return nil }
        return Universe.shared.builtin(o)
    }

    /// `pkg.Name` of a called package-level function (for the few that never return).
    func calledFunctionName(_ fun: NodeID) -> String? {
        guard let o = file?.object(of: fun), o.kind == .function else { return nil }
        return o.packagePath + "." + o.name
    }

    /// Lowers a call. `results` are the destinations of a multi-value
    /// assignment, `[]` for a statement, nil when the call's value is used
    /// (then temporaries are made and returned).
    mutating func lowerCall(_ node: NodeID, mode: ExecutionMode, results: [Operand]?, at statementPosition: Position? = nil) -> [Operand] {
        guard let file else { return [] }
        var callNode = node
        while case .paren(let p) = tree[callNode] { callNode = p }
        guard case .call(var fun, let argList, let hasEllipsis, _) = tree[callNode] else {
            _ = value(node)
            return []
        }
        while case .paren(let p) = tree[fun] { fun = p }
        let args = Array(tree.list(argList))
        let pos = statementPosition ?? position(callNode)
        let funType = file.type(of: fun)
        let resultCount = funType.signature?.results.count ?? 0

        func destinations(_ count: Int) -> [Operand] {
            if let results { return results }
            return (0..<count).map { _ in temp() }
        }

        // Conversions keep the value's identity.
        if denotesType(fun) {
            return [args.first.map { value($0) } ?? .unknown]
        }

        if let builtin = builtinCalled(fun) {
            return lowerBuiltin(builtin, args, spread: hasEllipsis, mode: mode, results: results, at: pos)
        }

        // cgo: C.f(...)
        if case .selector(_, let sel, _) = tree[fun], namesC(fun) {
            let operands = args.map { value($0) }
            // C functions have no Go type here (the checker does not read
            // C), so a call whose value is used has one result, the value.
            let dests = destinations(mode == .now ? max(resultCount, 1) : 0)
            emit(Instruction(.cgoCall, results: dests, operands: operands,
                             callee: .function("C." + (tree.identName(sel) ?? "?")), mode: mode, position: pos))
            return dests
        }

        let selection = file.selections[fun]
        let callee = file.object(of: fun)

        // Known operations: package functions...
        if let o = callee, o.kind == .function, selection?.kind != .method,
           let entry = KnownAPI.function(o.packagePath + "." + o.name) {
            return knownOperation(entry, receiver: nil, args, funType.signature, mode: mode, results: results, resultCount: resultCount, at: pos)
        }
        // ... and methods of well-known types.
        if let selection, selection.kind == .method, case .selector(let x, _, _) = tree[fun],
           let entry = knownMethod(selection.object, receiverType: selection.receiverType) {
            let receiver = receiverOperand(x, selection)
            return knownOperation(entry, receiver: receiver, args, funType.signature, mode: mode, results: results, resultCount: resultCount, at: pos)
        }
        // Calling a cancel function.
        if funType.isNamed("context", "CancelFunc") || funType.isNamed("context", "CancelCauseFunc") {
            let f = value(fun)
            let operands = [f] + args.map { value($0) }
            emit(Instruction(.ctxCancel, operands: Array(operands.prefix(2)), mode: mode, position: pos))
            return []
        }

        // Ordinary calls.
        var callTarget: Callee = .unknown
        var operands: [Operand] = []
        if let selection, (selection.kind == .method || selection.kind == .methodExpression),
           case .selector(let x, _, _) = tree[fun] {
            let m = selection.object
            if selection.kind == .method {
                operands.append(receiverOperand(x, selection))
            }
            callTarget = methodCallee(m, receiverType: selection.receiverType)
        } else if let o = callee, o.kind == .function {
            callTarget = .function(o.packagePath + "." + o.name)
        } else if case .funcLit = tree[fun] {
            callTarget = .function(lowerClosure(fun))
        } else {
            let f = value(fun)
            if case .function(let name) = f {
                callTarget = .function(name)
            } else {
                callTarget = .dynamic(f, targets: [])
            }
        }
        operands.append(contentsOf: args.indices.map { argument(args, $0, funType.signature) })
        let dests = destinations(mode == .now ? resultCount : 0)
        emit(Instruction.call(callTarget, operands, results: mode == .now ? dests : [], mode: mode, position: pos))
        return mode == .now ? dests : []
    }

    /// The callee of method `m` called on a value of `receiverType`: the
    /// method, or for an interface method every implementation in the
    /// analysed code.
    func methodCallee(_ m: Object, receiverType: GoSema.GoType) -> Callee {
        guard m.type.signature?.receiver == nil else { return .method(methodName(m, receiverType: receiverType)) }
        let iface = receiverType.pointee ?? receiverType
        var impls: [String] = []
        if case .interface(let i) = iface.underlying { impls = implementations.implementations(of: m.name, in: i) }
        if case .typeParameter(let p) = iface { impls = implementations.implementations(of: m.name, in: p.constraint) }
        return .interface(methodName(m, receiverType: receiverType), implementations: impls)
    }

    /// Whether an expression denotes a type (then a call of it is a conversion).
    private func denotesType(_ node: NodeID) -> Bool {
        switch tree[node] {
        // `(*C.char)(p)`: the checker does not know C's types, but Go code
        // cannot call through a pointer to a C name, so this is a conversion.
        case .star(let x) where namesC(x): return true
        case .paren(let x), .star(let x), .index(let x, _, _): return denotesType(x)
        default: return file?.denotesType(node) ?? false
        }
    }

    /// Whether `node` is `C.name`, a name of cgo's pseudo-package.
    private func namesC(_ node: NodeID) -> Bool {
        guard case .selector(let x, _, _) = tree[node], tree.identName(x) == "C",
              let o = file?.objects[x.index] else { return false }
        return o.kind == .packageName && o.importedPackage == nil
    }

    /// The known operation a method call is, if any (memoised for concrete methods).
    func knownMethod(_ method: Object, receiverType: GoSema.GoType) -> KnownAPI.Entry? {
        if method.type.signature?.receiver != nil {
            return cache.knownMethod(method) {
                declaringTypeName(method, receiverType: receiverType).flatMap { KnownAPI.method(type: $0, method: method.name) }
            }
        }
        return declaringTypeName(method, receiverType: receiverType).flatMap { KnownAPI.method(type: $0, method: method.name) }
    }

    /// `pkg.Type` of the type that declares a method (for interface methods,
    /// the interface's declared type), for matching the known API.
    private func declaringTypeName(_ method: Object, receiverType: GoSema.GoType) -> String? {
        if let recv = method.type.signature?.receiver, let n = recv.namedOrPointee {
            return n.packagePath + "." + n.name
        }
        if let n = (receiverType.pointee ?? receiverType).named { return n.packagePath + "." + n.name }
        return nil
    }

    /// The receiver of a method call as a place: the expression, through
    /// the embedded fields a promoted method is reached by.
    mutating func receiverOperand(_ x: NodeID, _ selection: Selection) -> Operand {
        let base = value(x)
        guard case .place(var p) = placeOf(base) else { return base }
        for name in fieldNames(selection.path, from: selection.receiverType) { p = p.appending(.field(name)) }
        return .place(p)
    }

    /// The value of the call argument `args[i]`. A nil converted to a
    /// non-interface type (`(*T)(nil)`, `(func(int))(nil)`) and passed to
    /// an interface-typed parameter is a non-nil interface holding a typed
    /// nil (`v.Store((*T)(nil))` does not panic), so it is not `nil` there;
    /// its operand is `?`. An untyped nil, or a nil of interface type
    /// (`any(nil)`), stays `nil`, as does a typed nil passed to a parameter
    /// of its own (non-interface) type. An integer argument to an integer
    /// parameter keeps a length (`startWorkers(len(jobs))`,
    /// `wg.Add(len(xs))`), so that the callee's count is the caller's.
    private mutating func argument(_ args: [NodeID], _ i: Int, _ signature: GoSema.Signature?) -> Operand {
        var counted = false
        if let signature, case .basic(let kind)? = Self.parameterType(signature, at: i)?.underlying, kind.isInteger {
            counted = isInteger(args[i])
        }
        let v = counted ? valueKeepingLengths(args[i]) : value(args[i])
        guard v == .nil, let file, let signature, let parameter = Self.parameterType(signature, at: i),
              parameter.isInterface else { return v }
        let argumentType = file.type(of: args[i])
        if case .basic(.untypedNil) = argumentType { return v }
        if argumentType.isInterface || argumentType.isInvalid { return v }
        return .unknown
    }

    /// The type of the parameter the `i`th argument is passed to
    /// (a variadic tail's element type).
    private static func parameterType(_ signature: GoSema.Signature, at i: Int) -> GoSema.GoType? {
        let parameters = signature.parameters
        guard !parameters.isEmpty else { return nil }
        if signature.variadic, i >= parameters.count - 1 {
            if case .slice(let element) = parameters[parameters.count - 1].underlying { return element }
            return nil
        }
        return i < parameters.count ? parameters[i] : nil
    }

    private mutating func knownOperation(_ entry: KnownAPI.Entry, receiver: Operand?, _ args: [NodeID], _ callSignature: GoSema.Signature?,
                                         mode: ExecutionMode, results: [Operand]?, resultCount: Int, at pos: Position) -> [Operand] {
        var operands: [Operand] = []
        switch entry.operands {
        case .receiverAndArguments:
            if let receiver { operands.append(receiver) }
            operands += args.indices.map { argument(args, $0, callSignature) }
        case .arguments:
            operands = args.indices.map { argument(args, $0, callSignature) }
        case .firstArgument:
            operands = args.prefix(1).indices.map { argument(args, $0, callSignature) }
            for a in args.dropFirst() { _ = value(a) }
        case .none:
            for a in args { _ = value(a) }
        case .pointee:
            if let first = args.first {
                var inner = first
                while case .paren(let p) = tree[inner] { inner = p }
                if case .unary(.and, let target) = tree[inner] {
                    operands.append(value(target))
                } else {
                    let p = placeOf(value(first))
                    if case .place(let place) = p { operands.append(.place(place.appending(.deref))) } else { operands.append(.unknown) }
                }
            }
            operands += args.indices.dropFirst().map { argument(args, $0, callSignature) }
        }
        return emitKnown(entry, operands: operands, mode: mode, results: results, resultCount: resultCount, at: pos)
    }

    /// Emits a known operation on operands already evaluated, fitted to
    /// the counts its signature takes.
    mutating func emitKnown(_ entry: KnownAPI.Entry, operands: [Operand], mode: ExecutionMode, results: [Operand]?,
                            resultCount: Int, at pos: Position) -> [Operand] {
        var operands = operands
        let signature = entry.op.signature
        // Fit the operand count the operation expects.
        if operands.count > signature.operands.upperBound { operands = Array(operands.prefix(signature.operands.upperBound)) }
        while operands.count < signature.operands.lowerBound { operands.append(.unknown) }
        var dests: [Operand] = []
        if mode == .now {
            if let results {
                dests = Array(results.prefix(signature.results.upperBound))
            } else {
                dests = (0..<min(resultCount, signature.results.upperBound)).map { _ in temp() }
            }
        }
        emit(Instruction(entry.op, results: dests, operands: operands, mode: mode, position: pos))
        return dests
    }

    private mutating func lowerBuiltin(_ b: Universe.Builtin, _ args: [NodeID], spread: Bool, mode: ExecutionMode,
                                       results: [Operand]?, at pos: Position) -> [Operand] {
        guard let file else { return [] }
        func result() -> Operand {
            if let results { return results.first ?? .blank }
            return temp()
        }
        switch b {
        case .make:
            guard let typeNode = args.first else { return [.unknown] }
            let t = file.type(of: typeNode)
            let irType = TypeTranslation.irType(t)
            // A size of `len(xs)` is kept: a buffer with room for a result per element.
            let sizes = args.dropFirst().map { valueKeepingLengths($0) }
            let r = result()
            switch t.underlying {
            case .chan(_, let element):
                // chan.make takes the element type (docs/ir.md): `chan.make int, 0`.
                emit(Instruction(.chanMake, results: [r], operands: [sizes.first ?? .int(0)],
                                 type: TypeTranslation.irType(element), mode: mode, position: pos))
            case .map:
                emit(Instruction(.mapMake, results: [r], operands: Array(sizes.prefix(1)), type: irType, mode: mode, position: pos))
            default:
                emit(Instruction(.allocMake, results: [r], operands: sizes.isEmpty ? [.unknown] : Array(sizes.prefix(2)),
                                 type: irType, mode: mode, position: pos))
            }
            return [r]
        case .new:
            let t = args.first.map { TypeTranslation.irType(file.type(of: $0)) } ?? .unknown
            // `new(x)` (Go 1.26) evaluates x first, then stores it in the new variable.
            let initial = args.first.flatMap { denotesType($0) ? nil : value($0) }
            let r = result()
            emit(Instruction(.allocNew, results: [r], type: t, mode: mode, position: pos))
            if let initial, mode == .now, case .place(let p) = r, worthTracking(initial) {
                emit(Instruction(.assign, results: [.place(p.appending(.deref))], operands: [initial], position: pos))
            }
            return [r]
        case .close:
            let ch = args.first.map { value($0) } ?? .unknown
            emit(Instruction(.chanClose, operands: [ch], mode: mode, position: pos))
            return []
        case .delete:
            let m = args.first.map { value($0) } ?? .unknown
            for a in args.dropFirst() { _ = value(a) }
            emit(Instruction(.mapDelete, operands: [m], mode: mode, position: pos))
            return []
        case .clear:
            guard let a = args.first else { return [] }
            let m = value(a)
            if file.type(of: a).mapTypes != nil {
                emit(Instruction(.mapClear, operands: [m], mode: mode, position: pos))
            }
            return []
        case .len, .cap:
            guard let a = args.first else { return [.unknown] }
            let x = value(a)
            let t = file.type(of: a).underlying
            if case .chan = t {
                let r = result()
                emit(Instruction(b == .len ? .chanLen : .chanCap, results: [r], operands: [x], mode: mode, position: pos))
                return [r]
            }
            if case .map = t, b == .len {
                let r = result()
                emit(Instruction(.mapLen, results: [r], operands: [x], mode: mode, position: pos))
                return [r]
            }
            if keepsLengths, b == .len, mode == .now, case .place = x, Self.hasLength(t) {
                let r = result()
                emit(Instruction(.len, results: [r], operands: [x], position: pos))
                return [r]
            }
            return [.unknown]
        case .append:
            // The appended values go into the elements of the result, a
            // copy of the slice header sharing its backing array: a channel,
            // a cancel func or a resource kept with append is then followed
            // like one stored by index, while the slice appended to is not
            // written in place (append writes past its length, where no
            // holder of the old slice looks).
            let operands = args.map { value($0) }
            guard let slice = operands.first else { return [.unknown] }
            let stored = operands.enumerated().dropFirst().map { i, v in spread && i == operands.count - 1 ? v.element : v }
            guard mode == .now, case .place = slice, stored.contains(where: worthTracking) else { return [slice] }
            let grown = temp()
            emit(Instruction(.assign, results: [grown], operands: [slice], position: pos))
            for (i, v) in stored.enumerated() where worthTracking(v) {
                emit(Instruction(.assign, results: [grown.element], operands: [v], position: position(args[i + 1])))
            }
            return [grown]
        case .panic:
            let v = args.first.map { value($0) } ?? .unknown
            if mode == .now {
                terminate(.panic(v), at: pos)
            }
            return []
        default:
            for a in args { _ = value(a) }
            return [.unknown]
        }
    }

    /// Whether `len` of a value of this (underlying) type is its length: a
    /// slice, a string, an array or a pointer to an array.
    static func hasLength(_ type: GoSema.GoType) -> Bool {
        switch type {
        case .slice, .array: return true
        case .basic(let kind): return kind.isString
        case .pointer(let p):
            if case .array = p.underlying { return true }
            return false
        default: return false
        }
    }
}
