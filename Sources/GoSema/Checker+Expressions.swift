import GoSyntax

/// The result of checking an expression: what it is (a value, an
/// addressable variable, a type, a constant ...) and its type.
struct Operand {
    enum Mode: UInt8 {
        case invalid, noValue, value, variable, mapIndex, constant, type, builtin, packageName, commaOk
    }
    var mode: Mode
    var type: GoType
    var constant: Constant? = nil
    var object: Object? = nil

    static let invalid = Operand(mode: .invalid, type: .invalid)

    static func value(_ t: GoType) -> Operand { Operand(mode: .value, type: t) }
}

extension Checker {
    /// Checks an expression and records its type (and constant value) on
    /// the node. `expected` guides elided composite literals and untyped
    /// constants; `commaOk` asks for the two-value form of map index, type
    /// assertion and receive (then the type is a 2-tuple).
    @discardableResult
    func expression(_ node: NodeID, expected: GoType? = nil, commaOk: Bool = false) -> Operand {
        guard stackGuard.hasRoom() else { return .invalid }
        var x = computeExpression(node, expected: expected, commaOk: commaOk)
        if x.mode == .invalid { x.type = .invalid }
        if x.mode != .packageName && x.mode != .builtin {
            if commaOk, case .tuple(let ts) = x.type, let first = ts.first {
                current.types[node.index] = first
            } else {
                current.types[node.index] = x.type
            }
        }
        if let c = x.constant { current.constants[node] = c }
        return x
    }

    private func computeExpression(_ node: NodeID, expected: GoType?, commaOk: Bool) -> Operand {
        switch tree[node] {
        case .bad:
            return .invalid
        case .ident(let name):
            return identifier(node, name)
        case .basicLit(let kind):
            return literal(node, kind)
        case .compositeLit(let typeNode, let elts, _):
            return compositeLiteral(node, typeNode: typeNode, elements: elts, expected: expected)
        case .funcLit(let typeNode, let body):
            return functionLiteral(node, typeNode: typeNode, body: body)
        case .paren(let x):
            return expression(x, expected: expected, commaOk: commaOk)
        case .selector(let x, let sel, _):
            return selector(node, x, sel)
        case .index(let x, let indices, _):
            return index(node, x, indices, commaOk: commaOk)
        case .slice(let x, let lo, let hi, let max, _, _):
            return sliceExpression(x, lo, hi, max)
        case .typeAssert(let x, let typeNode, _):
            let v = expression(x)
            if typeNode.isNone {
                return Operand(mode: .value, type: v.type)
            }
            let t = typeExpression(typeNode)
            return commaOk ? Operand(mode: .commaOk, type: .tuple([t, .basic(.untypedBool)])) : .value(t)
        case .call:
            return call(node, expected: expected)
        case .star(let x):
            let v = expression(x)
            if v.mode == .type { return Operand(mode: .type, type: .pointer(v.type)) }
            if case .pointer(let e) = v.type.underlying { return Operand(mode: .variable, type: e) }
            if !v.type.isInvalid { report(node, "invalid indirect of \(tree.expressionText(x)) (type \(v.type))") }
            return .invalid
        case .unary(let op, let x):
            return unary(node, op, x, expected: expected, commaOk: commaOk)
        case .binary(let op, let x, let y, _):
            return binary(node, op, x, y, expected: expected)
        case .keyValue(_, let v, _):
            return expression(v, expected: expected)
        case .arrayType, .mapType, .chanType, .funcType, .structType, .interfaceType, .ellipsis:
            return Operand(mode: .type, type: typeExpression(node))
        default:
            return .invalid
        }
    }

    // MARK: Names

    private func identifier(_ node: NodeID, _ name: Name) -> Operand {
        if tree.string(name) == "_" { return Operand(mode: .variable, type: .invalid) }
        guard let o = tables[file].lookup(name) else {
            report(node, "undefined: \(tree.string(name))")
            return .invalid
        }
        current.objects[node.index] = o
        return use(o, at: node)
    }

    /// The operand for a use of `o`, resolving package-level objects and
    /// recording captures by function literals.
    func use(_ o: Object, at node: NodeID) -> Operand {
        if o.isPackageLevel && o.packagePath == package.path { resolve(o) }
        switch o.kind {
        case .variable, .parameter, .result:
            if !o.isPackageLevel { recordCapture(o) }
            return Operand(mode: .variable, type: o.type, object: o)
        case .field:
            return Operand(mode: .variable, type: o.type, object: o)
        case .constant:
            if Universe.shared.isIota(o) {
                guard let iota else {
                    report(node, "cannot use iota outside constant declaration")
                    return .invalid
                }
                return Operand(mode: .constant, type: .basic(.untypedInt), constant: .int(iota), object: o)
            }
            return Operand(mode: .constant, type: o.type, constant: o.constant, object: o)
        case .typeName:
            return Operand(mode: .type, type: o.type, object: o)
        case .function, .method:
            return Operand(mode: .value, type: o.type, object: o)
        case .packageName:
            return Operand(mode: .packageName, type: .invalid, object: o)
        case .builtin:
            return Operand(mode: .builtin, type: .invalid, object: o)
        case .nilValue:
            return Operand(mode: .value, type: .basic(.untypedNil), object: o)
        case .label:
            return .invalid
        }
    }

    /// A local used inside a function literal that does not declare it is
    /// captured (by reference) by every literal between the use and the
    /// declaration.
    private func recordCapture(_ o: Object) {
        guard let innermost = functions.last, o.enclosingFunction != innermost.node, !o.enclosingFunction.isNone else { return }
        o.isCaptured = true
        for ctx in functions.reversed() {
            if ctx.node == o.enclosingFunction { break }
            guard case .funcLit = tree[ctx.node] else { break }
            var list = current.captures[ctx.node] ?? []
            if !list.contains(where: { $0 === o }) {
                list.append(o)
                current.captures[ctx.node] = list
            }
        }
    }

    private func literal(_ node: NodeID, _ kind: LitKind) -> Operand {
        let text = tree.text(node)
        let (k, basic): (Constant.LitKindValue, BasicKind)
        switch kind {
        case .int: (k, basic) = (.int, .untypedInt)
        case .float: (k, basic) = (.float, .untypedFloat)
        case .imag: (k, basic) = (.imag, .untypedComplex)
        case .char: (k, basic) = (.char, .untypedRune)
        case .string: (k, basic) = (.string, .untypedString)
        }
        return Operand(mode: .constant, type: .basic(basic), constant: Constant.literal(k, text))
    }

    // MARK: Composite and function literals

    private func compositeLiteral(_ node: NodeID, typeNode: NodeID, elements: NodeList, expected: GoType?) -> Operand {
        var t: GoType
        var implicitPointer = false
        if !typeNode.isNone {
            if case .arrayType(let lenNode, let elemNode) = tree[typeNode], case .ellipsis = tree[lenNode] {
                // [...]T{...}: the length is the number of elements (or the highest index + 1).
                let elem = typeExpression(elemNode)
                let n = arrayLiteralLength(elements)
                t = .array(length: n, element: elem)
                current.types[typeNode.index] = t
            } else {
                t = typeExpression(typeNode)
            }
        } else if let expected {
            t = expected
            if case .pointer(let e) = expected.underlying {
                // `[]*T{{...}}`: an elided `&T{...}`.
                t = e
                implicitPointer = true
            }
        } else {
            report(node, "invalid composite literal type: missing type")
            t = .invalid
        }
        switch t.underlying {
        case .structure(let s):
            for e in tree.list(elements) {
                if case .keyValue(let k, let v, _) = tree[e] {
                    let fieldName = tree.identName(k)
                    let field = s.fields.first { $0.name == fieldName }
                    if let field {
                        current.objects[k.index] = field.object
                        current.types[k.index] = field.type
                    } else if !t.isInvalid {
                        report(k, "unknown field \(fieldName ?? "?") in struct literal")
                    }
                    valueFor(v, field?.type)
                    current.types[e.index] = field?.type
                } else {
                    let i = tree.list(elements).firstIndex(of: e).map { $0 - tree.list(elements).startIndex } ?? 0
                    valueFor(e, i < s.fields.count ? s.fields[i].type : nil)
                }
            }
        case .array(_, let elem), .slice(let elem):
            for e in tree.list(elements) {
                if case .keyValue(let k, let v, _) = tree[e] {
                    expression(k)
                    valueFor(v, elem)
                    current.types[e.index] = elem
                } else {
                    valueFor(e, elem)
                }
            }
        case .map(let key, let value):
            for e in tree.list(elements) {
                if case .keyValue(let k, let v, _) = tree[e] {
                    valueFor(k, key)
                    valueFor(v, value)
                    current.types[e.index] = value
                } else {
                    report(e, "missing key in map literal")
                    expression(e)
                }
            }
        default:
            // Elements of a literal whose type is unknown (an import that
            // failed) are unknown too: an elided `{...}` among them is not
            // a second error for the same cause.
            for e in tree.list(elements) { expression(e, expected: t.isInvalid ? .invalid : nil) }
            if !t.isInvalid { report(node, "invalid composite literal type \(t)") }
        }
        return .value(implicitPointer ? .pointer(t) : t)
    }

    /// Checks an element value against its expected type, converting
    /// untyped constants.
    private func valueFor(_ node: NodeID, _ type: GoType?) {
        expression(node, expected: type)
        if let type { convertUntyped(node, to: type) }
    }

    func arrayLiteralLength(_ elements: NodeList) -> Int64 {
        var index: Int64 = 0
        var maxLength: Int64 = 0
        for e in tree.list(elements) {
            if case .keyValue(let k, _, _) = tree[e], let c = expression(k).constant?.intValue {
                index = Int64(c)
            }
            index += 1
            maxLength = max(maxLength, index)
        }
        return maxLength
    }

    private func functionLiteral(_ node: NodeID, typeNode: NodeID, body: NodeID) -> Operand {
        guard case .funcType(_, let params, let results) = tree[typeNode] else { return .invalid }
        let sig = signature(params: params, results: results, receiver: nil, typeParameters: [], function: node)
        current.types[typeNode.index] = .function(sig)
        if functions.isEmpty {
            // A literal in a package-level initializer: its body waits
            // until every package-level object is known.
            delayedBodies.append(DelayedBody(file: file, literal: node, signature: sig, enclosing: []))
        } else {
            checkBody(function: node, signature: sig, body: body)
        }
        return .value(.function(sig))
    }

    // MARK: Selectors

    private func selector(_ node: NodeID, _ xNode: NodeID, _ selNode: NodeID) -> Operand {
        let selName = tree.identName(selNode) ?? "_"
        if case .ident(let pkgName) = tree[xNode], let o = tables[file].lookup(pkgName), o.kind == .packageName {
            current.objects[xNode.index] = o
            guard let imported = o.importedPackage else { return .invalid }
            guard let member = imported.scope.lookupLocal(selName) else {
                if !imported.isModel {
                    report(selNode, "undefined: \(o.name).\(selName)")
                }
                return .invalid
            }
            current.objects[selNode.index] = member
            current.selections[node] = Selection(kind: .qualified, object: member, path: [], indirect: false, receiverType: .invalid)
            return use(member, at: selNode)
        }
        let x = expression(xNode)
        if x.mode == .invalid || x.type.isInvalid { return .invalid }
        if x.mode == .type {
            // Method expression T.M or (*T).M: a function taking the receiver first.
            guard let found = MethodLookup.method(named: selName, in: x.type) else {
                report(selNode, "\(x.type).\(selName) undefined")
                return .invalid
            }
            if found.object.packagePath == package.path { resolve(found.object) }
            current.objects[selNode.index] = found.object
            current.selections[node] = Selection(kind: .methodExpression, object: found.object, path: found.path,
                                                     indirect: found.indirect, receiverType: x.type)
            guard let s = methodSignature(found.object, receiver: x.type) else { return .invalid }
            let f = Signature(parameters: [x.type] + s.parameters, results: s.results, variadic: s.variadic)
            return .value(.function(f))
        }
        guard let found = MethodLookup.lookup(selName, in: x.type) else {
            // A pointer to an unknown type (a C struct, a missing package's
            // type) is as unknown as the type itself.
            if x.type.pointee?.isInvalid == true { return .invalid }
            report(selNode, "\(tree.expressionText(node)) undefined (type \(x.type) has no field or method \(selName))")
            return .invalid
        }
        if found.object.packagePath == package.path { resolve(found.object) }
        current.objects[selNode.index] = found.object
        if found.isMethod {
            current.selections[node] = Selection(kind: .method, object: found.object, path: found.path,
                                                     indirect: found.indirect, receiverType: x.type)
            guard let s = methodSignature(found.object, receiver: x.type) else { return .invalid }
            return Operand(mode: .value, type: .function(s), object: found.object)
        }
        current.selections[node] = Selection(kind: .field, object: found.object, path: found.path,
                                                 indirect: found.indirect, receiverType: x.type)
        let mode: Operand.Mode = (x.mode == .variable || found.indirect) ? .variable : .value
        return Operand(mode: mode, type: found.type, object: found.object)
    }

    /// A method's signature as seen on `receiver` (type arguments of a
    /// generic receiver substituted), without the receiver.
    func methodSignature(_ method: Object, receiver: GoType) -> Signature? {
        guard let s = method.type.signature else { return nil }
        let b = Generics.receiverBindings(receiver)
        let plain = Signature(parameters: s.parameters, results: s.results, variadic: s.variadic, receiver: s.receiver)
        plain.parameterObjects = s.parameterObjects
        plain.resultObjects = s.resultObjects
        return b.isEmpty ? plain : Generics.substitute(plain, b)
    }

    // MARK: Index and slice

    private func index(_ node: NodeID, _ xNode: NodeID, _ indices: NodeList, commaOk: Bool) -> Operand {
        let x = expression(xNode)
        let indexNodes = Array(tree.list(indices))
        // Instantiation of a generic alias, type or function.
        if x.mode == .type, let alias = x.object, !alias.aliasTypeParameters.isEmpty {
            let args = indexNodes.map { typeExpression($0) }
            return Operand(mode: .type, type: Generics.substitute(alias.type, Generics.bindings(alias.aliasTypeParameters, args)))
        }
        if x.mode == .type, case .named(let n) = x.type, n.isGeneric {
            let args = indexNodes.map { typeExpression($0) }
            return Operand(mode: .type, type: Generics.instantiate(n, args))
        }
        if let s = x.type.signature, !s.typeParameters.isEmpty {
            let args = indexNodes.map { typeExpression($0) }
            current.instantiations[node] = args
            if args.count == s.typeParameters.count {
                let inst = Generics.substitute(s, Generics.bindings(s.typeParameters, args))
                return Operand(mode: .value, type: .function(inst), object: x.object)
            }
            // Partial instantiation: the rest is inferred at the call.
            return Operand(mode: .value, type: x.type, object: x.object)
        }
        for i in indexNodes { expression(i, expected: .basic(.int)) }
        // An unknown type (a C type, a missing package's) was said once
        // where it arose; indexing it says nothing more.
        if x.mode == .invalid || x.type.underlying.isInvalid { return .invalid }
        var t = x.type.underlying
        if case .typeParameter(let p) = x.type, let core = p.constraint.terms.first?.type { t = core.underlying }
        switch t {
        case .slice(let e):
            return Operand(mode: .variable, type: e)
        case .array(_, let e):
            return Operand(mode: x.mode == .variable ? .variable : .value, type: e)
        case .pointer(let p):
            if case .array(_, let e) = p.underlying { return Operand(mode: .variable, type: e) }
        case .basic(let k) where k.isString:
            if let s = x.constant?.stringValue, let i = indexNodes.first.flatMap({ current.constants[$0]?.intValue }),
               i >= 0, i < s.utf8.count {
                return Operand(mode: .constant, type: .basic(.uint8), constant: .int(Int128(Array(s.utf8)[i])))
            }
            return .value(.basic(.uint8))
        case .map(let k, let v):
            if let keyNode = indexNodes.first { convertUntyped(keyNode, to: k) }
            if commaOk { return Operand(mode: .commaOk, type: .tuple([v, .basic(.untypedBool)])) }
            return Operand(mode: .mapIndex, type: v)
        default:
            break
        }
        report(node, "invalid operation: cannot index \(tree.expressionText(xNode)) (type \(x.type))")
        return .invalid
    }

    private func sliceExpression(_ xNode: NodeID, _ lo: NodeID, _ hi: NodeID, _ max: NodeID) -> Operand {
        let x = expression(xNode)
        for b in [lo, hi, max] where !b.isNone { expression(b, expected: .basic(.int)) }
        switch x.type.underlying {
        case .basic(let k) where k.isString:
            return .value(k == .untypedString ? .basic(.string) : x.type)
        case .slice:
            return .value(x.type)
        case .array(_, let e):
            return .value(.slice(e))
        case .pointer(let p):
            if case .array(_, let e) = p.underlying { return .value(.slice(e)) }
        default:
            break
        }
        return .invalid
    }

    // MARK: Operators

    private func unary(_ node: NodeID, _ op: Token, _ xNode: NodeID, expected: GoType?, commaOk: Bool) -> Operand {
        switch op {
        case .and:
            var inner = xNode
            while case .paren(let p) = tree[inner] { inner = p }
            var elemExpected: GoType? = nil
            if let expected, case .pointer(let e) = expected.underlying { elemExpected = e }
            let x = expression(xNode, expected: elemExpected)
            if x.mode == .invalid { return .invalid }
            markAddressTaken(inner)
            return .value(.pointer(x.type))
        case .arrow:
            let x = expression(xNode)
            guard let ch = x.type.channel else {
                if !x.type.isInvalid { report(node, "invalid operation: cannot receive from non-channel \(tree.expressionText(xNode))") }
                return .invalid
            }
            if commaOk { return Operand(mode: .commaOk, type: .tuple([ch.element, .basic(.untypedBool)])) }
            return .value(ch.element)
        default:
            let x = expression(xNode, expected: expected)
            if x.mode == .invalid { return .invalid }
            if op == .not {
                if let c = x.constant, let r = Constant.unary(.not, c) {
                    return Operand(mode: .constant, type: x.type, constant: r)
                }
                return .value(x.type)
            }
            if let c = x.constant, let r = Constant.unary(op, c) {
                return Operand(mode: .constant, type: x.type, constant: r)
            }
            return .value(x.type)
        }
    }

    /// `&x`: the variable at the root of `x` may now be shared.
    private func markAddressTaken(_ node: NodeID) {
        var n = node
        while true {
            switch tree[n] {
            case .selector(let x, _, _):
                if case .field = current.selections[n]?.kind, !(current.selections[n]?.indirect ?? true) {
                    n = x
                    continue
                }
                return
            case .index(let x, _, _):
                if case .array = current.type(of: x).underlying { n = x; continue }
                return
            case .paren(let x):
                n = x
                continue
            case .ident:
                if let o = current.objects[n.index] { setAddressTaken(o) }
                return
            default:
                return
            }
        }
    }

    private func binary(_ node: NodeID, _ op: Token, _ xNode: NodeID, _ yNode: NodeID, expected: GoType?) -> Operand {
        switch op {
        case .eql, .neq, .lss, .leq, .gtr, .geq:
            let x = expression(xNode)
            let y = expression(yNode)
            if x.mode == .invalid || y.mode == .invalid { return Operand(mode: .value, type: .basic(.untypedBool)) }
            if x.type.isUntyped && !y.type.isUntyped { convertUntyped(xNode, to: y.type) }
            if y.type.isUntyped && !x.type.isUntyped { convertUntyped(yNode, to: x.type) }
            if let a = x.constant, let b = y.constant, let r = Constant.binary(op, a, b, integerDivision: true) {
                return Operand(mode: .constant, type: .basic(.untypedBool), constant: r)
            }
            return .value(.basic(.untypedBool))
        case .land, .lor:
            let x = expression(xNode)
            let y = expression(yNode)
            let t: GoType = x.type.isUntyped && y.type.isUntyped ? .basic(.untypedBool) : (x.type.isUntyped ? y.type : x.type)
            if let a = x.constant, let b = y.constant, let r = Constant.binary(op, a, b, integerDivision: true) {
                return Operand(mode: .constant, type: t, constant: r)
            }
            return .value(t)
        case .shl, .shr:
            let x = expression(xNode, expected: expected)
            let y = expression(yNode)
            if x.mode == .invalid { return .invalid }
            var t = x.type
            if t.isUntyped && y.constant == nil {
                // A non-constant shift of an untyped constant takes the type the context gives it.
                t = expected.flatMap { $0.isUntyped ? nil : $0 } ?? .basic(.int)
                convertUntyped(xNode, to: t)
            }
            if let a = x.constant, let b = y.constant, let r = Constant.binary(op, a, b, integerDivision: true) {
                return Operand(mode: .constant, type: t, constant: r)
            }
            return .value(t)
        default:
            let x = expression(xNode, expected: expected)
            let y = expression(yNode, expected: expected)
            if x.mode == .invalid || y.mode == .invalid { return .invalid }
            let t = commonType(x.type, y.type)
            if x.type.isUntyped && !t.isUntyped { convertUntyped(xNode, to: t) }
            if y.type.isUntyped && !t.isUntyped { convertUntyped(yNode, to: t) }
            if let a = x.constant, let b = y.constant {
                let integer: Bool
                if case .basic(let k) = t.underlying { integer = k.isInteger } else { integer = false }
                if let r = Constant.binary(op, a, b, integerDivision: integer) {
                    return Operand(mode: .constant, type: t, constant: r)
                }
            }
            return .value(t)
        }
    }

    /// The type of `x op y` for arithmetic: the typed operand's type, or the
    /// "larger" untyped kind when both are untyped.
    private func commonType(_ a: GoType, _ b: GoType) -> GoType {
        if !a.isUntyped { return a }
        if !b.isUntyped { return b }
        guard case .basic(let x) = a, case .basic(let y) = b else { return a }
        func rank(_ k: BasicKind) -> Int {
            switch k {
            case .untypedInt: return 1
            case .untypedRune: return 2
            case .untypedFloat: return 3
            case .untypedComplex: return 4
            default: return 0
            }
        }
        return rank(x) >= rank(y) ? a : b
    }

    // MARK: Untyped constants

    /// Gives an untyped expression the type its context requires (or its
    /// default type when the context is an interface), as Go does.
    func convertUntyped(_ node: NodeID, to target: GoType) {
        guard let t = current.types[node.index], t.isUntyped, !target.isInvalid else { return }
        var final = target
        if target.isInterface || target.isUntyped {
            guard case .basic(let k) = t else { return }
            if k == .untypedNil { return }
            final = .basic(k.defaultType)
        }
        if case .basic(.untypedNil) = t { return }
        current.types[node.index] = final
        switch tree[node] {
        case .paren(let x), .unary(_, let x):
            convertUntyped(x, to: final)
        case .binary(let op, let x, let y, _):
            switch op {
            case .eql, .neq, .lss, .leq, .gtr, .geq: break
            case .shl, .shr: convertUntyped(x, to: final)
            default:
                convertUntyped(x, to: final)
                convertUntyped(y, to: final)
            }
        default:
            break
        }
    }

    /// The type a value of type `t` gets when nothing else decides
    /// (`x := 1` makes x an int); records it on the node.
    func defaultType(_ t: GoType, node: NodeID) -> GoType {
        guard case .basic(let k) = t, k.isUntyped else { return t }
        if k == .untypedNil { return .invalid }
        let d = GoType.basic(k.defaultType)
        convertUntyped(node, to: d)
        return d
    }
}
