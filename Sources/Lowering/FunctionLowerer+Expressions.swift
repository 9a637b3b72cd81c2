import ConcIR
import GoSema
import GoSyntax

/// Expressions: evaluated for their effects (calls, receives, map reads,
/// allocations), and turned into the operand that names their value: a
/// place when the value lives somewhere (`s.mu`, `xs[]`, `*p`), a constant,
/// a function, a temporary, or `?`.
extension FunctionLowerer {
    /// `x + y` and `x - y` on integers whose operands the IR names (a
    /// place, a constant, or a length, which is measured for it) are kept,
    /// in a temporary (`%1 = add n, 1`), so that a buffer of `n+1` or a
    /// bound of `len(xs)-1` is known where n and xs are; any other
    /// operator, or an operand that is `?`, is `?`.
    private mutating func arithmetic(_ op: Token, _ left: Operand, _ right: Operand, of node: NodeID, at pos: Position) -> Operand {
        guard op == .add || op == .sub, isInteger(node), Self.isArithmeticOperand(left), Self.isArithmeticOperand(right) else {
            return .unknown
        }
        let t = temp()
        emit(Instruction(op == .add ? .add : .sub, results: [t], operands: [left, right], position: pos))
        return t
    }

    /// Whether an integer operation can be kept on this operand: a place or
    /// an integer constant.
    static func isArithmeticOperand(_ o: Operand) -> Bool {
        switch o {
        case .place, .int: return true
        default: return false
        }
    }

    /// The value of an integer that is counted with (stored in a
    /// variable, summed, passed to an integer parameter, a `make` size): a
    /// `len(xs)` in it is kept (`%1 = len xs`), as in a condition, so that
    /// `active := len(inputs)` is the count a range over inputs runs.
    mutating func valueKeepingLengths(_ node: NodeID) -> Operand {
        let saved = keepsLengths
        keepsLengths = true
        defer { keepsLengths = saved }
        return value(node)
    }

    /// Whether the expression has an integer type.
    func isInteger(_ node: NodeID) -> Bool {
        guard case .basic(let kind)? = file?.type(of: node).underlying else { return false }
        return kind.isInteger
    }

    mutating func value(_ node: NodeID) -> Operand {
        guard let file, !node.isNone else { return .unknown }
        if let c = file.constant(of: node) {
            switch c {
            case .int(let i): if let v = Int64(exactly: i) { return .int(v) }
            case .string(let s): return .string(s)
            case .bool(let b): return .bool(b)
            default: break
            }
        }
        let pos = position(node)
        switch tree[node] {
        case .paren(let x):
            return value(x)
        case .ident:
            guard let o = file.objects[node.index] else { return .unknown }
            return objectOperand(o)
        case .basicLit:
            return .unknown
        case .selector(let x, _, _):
            return selector(node, x)
        case .index(let x, let indices, _):
            if file.type(of: x).mapTypes != nil {
                let m = value(x)
                for i in tree.list(indices) { _ = value(i) }
                let t = temp()
                emit(Instruction(.mapRead, results: [t], operands: [m], position: pos))
                return t
            }
            if case .function = file.type(of: node) { return value(x) }   // an instantiation f[T]
            let base = value(x)
            for i in tree.list(indices) { _ = value(i) }
            return placeOf(base).element
        case .slice(let x, let lo, let hi, let max, _, _):
            let base = value(x)
            for b in [lo, hi, max] where !b.isNone { _ = value(b) }
            // `b[:0]`: an empty slice; none of the old contents is
            // reachable through it (the pool rules read `b = b[:0]` as a reset).
            if !hi.isNone, case .int(let h)? = file.constant(of: hi), Int64(exactly: h) == 0 { return .unknown }
            return base
        case .typeAssert(let x, _, _):
            return value(x)
        case .star(let x):
            let base = value(x)
            guard case .place(let p) = placeOf(base) else { return .unknown }
            return .place(p.appending(.deref))
        case .unary(let op, let x):
            return unary(node, op, x, at: pos)
        case .binary(let op, let x, let y, _):
            if op == .land || op == .lor, containsEffects(y) {
                // Short-circuit: y runs only on one branch.
                let right = newBlock()
                let join = newBlock()
                if op == .land {
                    condition(x, then: right, else: join, at: position(x))
                } else {
                    condition(x, then: join, else: right, at: position(x))
                }
                currentBlock = right
                _ = value(y)
                jump(to: join, at: position(y))
                return .unknown
            }
            // A length in a sum or difference is kept: `wg.Add(len(xs) - 1)`.
            let keeps = (op == .add || op == .sub) && isInteger(node)
            let left = keeps ? valueKeepingLengths(x) : value(x)
            let right = keeps ? valueKeepingLengths(y) : value(y)
            return arithmetic(op, left, right, of: node, at: pos)
        case .call:
            let results = lowerCall(node, mode: .now, results: nil)
            return results.first ?? .unknown
        case .compositeLit(_, let elts, _):
            return compositeLiteral(node, elts, at: pos)
        case .funcLit:
            return .function(lowerClosure(node))
        case .keyValue(_, let v, _):
            return value(v)
        default:
            return .unknown
        }
    }

    /// The operand of a use of an object.
    mutating func objectOperand(_ o: Object) -> Operand {
        switch o.kind {
        case .variable, .parameter, .result:
            return variableOperand(o)
        case .function:
            return .function(o.packagePath + "." + o.name)
        case .nilValue:
            return .nil
        case .constant:
            if let c = o.constant {
                switch c {
                case .int(let i): if let v = Int64(exactly: i) { return .int(v) }
                case .string(let s): return .string(s)
                case .bool(let b): return .bool(b)
                default: break
                }
            }
            return .unknown
        default:
            return .unknown
        }
    }

    /// A place for the operand: itself when it is one, else a temporary
    /// holding it (so that fields and elements can be selected from it).
    mutating func placeOf(_ operand: Operand) -> Operand {
        if case .place = operand { return operand }
        let t = temp()
        emit(Instruction(.assign, results: [t], operands: [operand], position: function.position))
        return t
    }

    private mutating func selector(_ node: NodeID, _ x: NodeID) -> Operand {
        guard let file else { return .unknown }
        guard let selection = file.selections[node] else { return .unknown }
        switch selection.kind {
        case .qualified:
            return objectOperand(selection.object)
        case .field:
            let base = placeOf(value(x))
            guard case .place(var p) = base else { return .unknown }
            for name in fieldNames(selection.path, from: selection.receiverType) { p = p.appending(.field(name)) }
            return .place(p)
        case .method:
            return methodValue(node, x, selection)
        case .methodExpression:
            _ = value(x)
            return .function(methodName(selection.object, receiverType: selection.receiverType))
        }
    }

    /// The field names along an embedding path of indices.
    func fieldNames(_ path: [Int], from type: GoSema.GoType) -> [String] {
        Self.embeddedFields(along: path, from: type).names
    }

    /// One walk down an embedding path of field indices (through pointers
    /// to structs): the names of the fields taken, and the type reached.
    static func embeddedFields(along path: [Int], from type: GoSema.GoType) -> (names: [String], type: GoSema.GoType) {
        var names: [String] = []
        var t = type
        for i in path {
            if let p = t.pointee { t = p }
            guard case .structure(let s) = t.underlying, i < s.fields.count else { break }
            names.append(s.fields[i].name)
            t = s.fields[i].type
        }
        return (names, t)
    }

    /// The IR name of a method called on a value of `receiverType`.
    func methodName(_ method: Object, receiverType: GoSema.GoType) -> String {
        if let recv = method.type.signature?.receiver, let named = recv.namedOrPointee {
            return cache.methodName(method) {
                FunctionName.method(receiver: TypeTranslation.receiverType(named, pointer: method.hasPointerReceiver || recv.isPointer),
                                    name: method.name)
            }
        }
        // An interface method.
        let iface = receiverType.pointee ?? receiverType
        return FunctionName.method(receiver: TypeTranslation.irType(iface), name: method.name)
    }

    private mutating func unary(_ node: NodeID, _ op: Token, _ x: NodeID, at pos: Position) -> Operand {
        guard let file else { return .unknown }
        switch op {
        case .and:
            var inner = x
            while case .paren(let p) = tree[inner] { inner = p }
            if case .compositeLit(_, let elts, _) = tree[inner] {
                // &T{...}: a new *T.
                return compositeLiteral(inner, elts, at: pos, type: TypeTranslation.irType(file.type(of: node)))
            }
            let target = value(x)
            guard case .place = target else { return .unknown }
            let t = temp()
            emit(Instruction(.addr, results: [t], operands: [target], position: pos))
            return t
        case .arrow:
            let ch = value(x)
            let t = temp()
            emit(Instruction(.chanRecv, results: [t], operands: [ch], position: pos))
            return t
        default:
            _ = value(x)
            return .unknown
        }
    }

    /// A composite literal: a fresh value whose fields and elements are
    /// assigned (those that hold something worth tracking).
    private mutating func compositeLiteral(_ node: NodeID, _ elts: NodeList, at pos: Position, type: ConcIR.GoType? = nil) -> Operand {
        guard let file else { return .unknown }
        let goType = file.type(of: node)
        let irType = type ?? TypeTranslation.irType(goType)
        if goType.mapTypes != nil && type == nil {
            let m = temp()
            emit(Instruction(.mapMake, results: [m], type: irType, position: pos))
            for e in tree.list(elts) {
                guard case .keyValue(let k, let v, _) = tree[e] else {
                    _ = value(e)
                    continue
                }
                literalElementDepth += 1
                let key = value(k)
                let stored = value(v)
                literalElementDepth -= 1
                if worthTracking(key) || worthTracking(stored) { emitMapWrite(m, key: key, value: stored, at: position(e)) }
            }
            return m
        }
        let t = temp()
        emit(Instruction(.allocLit, results: [t], operands: sliceLiteralLength(goType, elts, type: type), type: irType, position: pos))
        var structType: StructType? = nil
        if case .structure(let s) = goType.underlying { structType = s }
        if let p = goType.pointee, case .structure(let s) = p.underlying { structType = s }
        for (i, e) in tree.list(elts).enumerated() {
            var fieldName: String? = nil
            var valueNode = e
            if case .keyValue(let k, let v, _) = tree[e] {
                valueNode = v
                if structType != nil { fieldName = tree.identName(k) } else { _ = value(k) }
            } else if let s = structType, i < s.fields.count {
                fieldName = s.fields[i].name
            }
            if structType == nil { literalElementDepth += 1 }
            let v = value(valueNode)
            if structType == nil { literalElementDepth -= 1 }
            let target: Operand = fieldName.map { t.field($0) } ?? t.element
            if worthTracking(v) {
                emit(Instruction(.assign, results: [target], operands: [v], position: position(e)))
            } else if literalElementDepth == 0, isAlwaysShown(fieldName, of: structType) {
                // The constant, or `?` for what the IR cannot say: a field
                // of these types the literal does not assign is zero.
                let shown: Operand
                switch v {
                case .int, .bool: shown = v
                default: shown = .unknown
                }
                emit(Instruction(.assign, results: [target], operands: [shown], position: position(e)))
            }
        }
        return t
    }

    /// The length of a slice literal whose elements are not keyed
    /// (`[]string{"tcp", "udp"}` has 2), which its constant elements
    /// would not otherwise show: a loop over a short table is short.
    private func sliceLiteralLength(_ goType: GoSema.GoType, _ elts: NodeList, type: ConcIR.GoType?) -> [Operand] {
        guard type == nil, case .slice = goType.underlying else { return [] }
        var count: Int64 = 0
        for e in tree.list(elts) {
            if case .keyValue = tree[e] { return [] }
            count += 1
        }
        return [.int(count)]
    }

    /// A struct field whose value a literal always shows, so that one it
    /// does not assign is known to be zero (docs/ir.md): integers and
    /// booleans (capacities, counts, modes and flags, as constants),
    /// pointers, channels, funcs, maps, slices, interfaces, structs and
    /// arrays. Strings, floats and complex numbers are dropped.
    private func isAlwaysShown(_ name: String?, of structType: StructType?) -> Bool {
        guard let name, let field = structType?.fields.first(where: { $0.name == name }) else { return false }
        switch field.type.underlying {
        case .basic(let kind): return kind.isInteger || kind.isBoolean
        case .pointer, .chan, .function, .map, .slice, .interface, .structure, .array: return true
        default: return false
        }
    }

    /// Values that carry identity worth following (places, temporaries,
    /// functions, nil); constants of basic types do not.
    func worthTracking(_ v: Operand) -> Bool {
        switch v {
        case .place, .function, .nil: return true
        default: return false
        }
    }

    /// Whether evaluating `node` may do anything the IR records (a call, a
    /// receive, a map read, a closure).
    func containsEffects(_ node: NodeID) -> Bool {
        var found = false
        tree.walk(node) { n in
            switch tree[n] {
            case .call, .unary(.arrow, _), .funcLit: found = true
            case .index(let x, _, _): if file?.type(of: x).mapTypes != nil { found = true }
            default: break
            }
            return !found
        }
        return found
    }
}
