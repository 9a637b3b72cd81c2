import GoSyntax

/// Type expressions: `[]T`, `map[K]V`, `chan<- T`, `struct{...}`,
/// `interface{...}`, `func(...)`, names, qualified names and
/// instantiations.
extension Checker {
    /// The type a type expression denotes; records it on the node.
    @discardableResult
    func typeExpression(_ node: NodeID) -> GoType {
        let t = computeTypeExpression(node)
        current.types[node.index] = t
        return t
    }

    private func computeTypeExpression(_ node: NodeID) -> GoType {
        guard stackGuard.hasRoom() else { return .invalid }
        switch tree[node] {
        case .ident, .selector, .index:
            let x = expression(node)
            if x.mode == .type { return x.type }
            if !x.type.isInvalid { report(node, "\(tree.expressionText(node)) is not a type") }
            return .invalid
        case .paren(let x):
            return typeExpression(x)
        case .star(let x):
            return .pointer(typeExpression(x))
        case .arrayType(let lenNode, let elemNode):
            let elem = typeExpression(elemNode)
            if lenNode.isNone { return .slice(elem) }
            if case .ellipsis = tree[lenNode] { return .array(length: nil, element: elem) }
            let n = expression(lenNode)
            return .array(length: n.constant?.intValue.map(Int64.init), element: elem)
        case .ellipsis(let elem):
            return .slice(elem.isNone ? .invalid : typeExpression(elem))
        case .mapType(let k, let v):
            return .map(key: typeExpression(k), value: typeExpression(v))
        case .chanType(let dir, let elem):
            let d: GoType.ChanDirection = dir == .both ? .both : (dir == .send ? .send : .recv)
            return .chan(d, typeExpression(elem))
        case .funcType(_, let params, let results):
            return .function(signature(params: params, results: results, receiver: nil, typeParameters: [], function: .none))
        case .structType(let fields):
            return .structure(structType(fields))
        case .interfaceType(let elems):
            return .interface(interfaceType(elems))
        case .unary(.tilde, let x), .binary(.or, let x, _, _):
            // Type-set terms outside an interface (constraint position).
            _ = x
            return .interface(constraintInterface(node))
        case .bad:
            return .invalid
        default:
            report(node, "\(tree.expressionText(node)) is not a type")
            return .invalid
        }
    }

    /// Declares the type parameters of a list in the current (open) scope,
    /// then evaluates their constraints, which may mention any of them.
    func declareTypeParameters(_ list: NodeList) -> [TypeParameter] {
        var params: [TypeParameter] = []
        var constraintNodes: [NodeID] = []
        for field in tree.list(list) {
            guard case .field(let names, let constraint, _) = tree[field] else { continue }
            for n in tree.list(names) {
                guard case .ident(let name) = tree[n] else { continue }
                let p = TypeParameter(name: tree.string(name), index: params.count, constraint: InterfaceType(methods: [], embedded: []))
                let o = Object(kind: .typeName, name: p.name, type: .typeParameter(p), packagePath: package.path,
                               declaration: Declaration(file: file, node: n), enclosingFunction: functions.last?.node ?? .none)
                current.objects[n.index] = o
                tables[file].declare(name, o)
                params.append(p)
                constraintNodes.append(constraint)
            }
        }
        for (p, c) in zip(params, constraintNodes) {
            p.constraint = constraintInterface(c)
        }
        return params
    }

    /// A constraint as an interface: an interface type, a named
    /// constraint, or a bare type-set term (`~int | string`).
    func constraintInterface(_ node: NodeID) -> InterfaceType {
        switch tree[node] {
        case .interfaceType(let elems):
            let i = interfaceType(elems)
            current.types[node.index] = .interface(i)
            return i
        case .unary(.tilde, _), .binary(.or, _, _, _):
            let terms = unionTerms(node)
            let i = InterfaceType(methods: [], embedded: [], terms: terms)
            current.types[node.index] = .interface(i)
            return i
        default:
            let t = typeExpression(node)
            if case .interface(let i) = t.underlying { return i }
            if t.isInvalid { return InterfaceType(methods: [], embedded: []) }
            return InterfaceType(methods: [], embedded: [], terms: [(false, t)])
        }
    }

    private func unionTerms(_ node: NodeID) -> [(tilde: Bool, type: GoType)] {
        switch tree[node] {
        case .binary(.or, let x, let y, _):
            return unionTerms(x) + unionTerms(y)
        case .unary(.tilde, let x):
            return [(true, typeExpression(x))]
        case .paren(let x):
            return unionTerms(x)
        default:
            return [(false, typeExpression(node))]
        }
    }

    func structType(_ fields: NodeList) -> StructType {
        var result: [StructField] = []
        for field in tree.list(fields) {
            guard case .field(let names, let typeNode, let tagNode) = tree[field] else { continue }
            let t = typeExpression(typeNode)
            let tag = tagNode.isNone ? nil : Constant.unquote(tree.text(tagNode))
            if names.isEmpty {
                // Embedded: the field is named after the type's name.
                var base = typeNode
                while true {
                    switch tree[base] {
                    case .star(let x), .paren(let x): base = x; continue
                    case .index(let x, _, _): base = x; continue
                    case .selector(_, let sel, _): base = sel; continue
                    default: break
                    }
                    break
                }
                let name = tree.identName(base) ?? "_"
                let o = Object(kind: .field, name: name, type: t, packagePath: package.path,
                               declaration: Declaration(file: file, node: base))
                result.append(StructField(name: name, type: t, embedded: true, tag: tag, object: o))
            } else {
                for n in tree.list(names) {
                    let name = tree.identName(n) ?? "_"
                    let o = Object(kind: .field, name: name, type: t, packagePath: package.path,
                                   declaration: Declaration(file: file, node: n))
                    current.objects[n.index] = o
                    result.append(StructField(name: name, type: t, embedded: false, tag: tag, object: o))
                }
            }
        }
        return StructType(fields: result)
    }

    func interfaceType(_ elems: NodeList) -> InterfaceType {
        var methods: [Object] = []
        var embedded: [GoType] = []
        var terms: [(tilde: Bool, type: GoType)] = []
        for e in tree.list(elems) {
            guard case .field(let names, let typeNode, _) = tree[e] else { continue }
            if let n = tree.list(names).first {
                guard case .funcType(_, let params, let results) = tree[typeNode] else { continue }
                let sig = signature(params: params, results: results, receiver: nil, typeParameters: [], function: .none)
                current.types[typeNode.index] = .function(sig)
                let o = Object(kind: .method, name: tree.identName(n) ?? "_", type: .function(sig), packagePath: package.path,
                               declaration: Declaration(file: file, node: n))
                current.objects[n.index] = o
                methods.append(o)
            } else {
                switch tree[typeNode] {
                case .unary(.tilde, _), .binary(.or, _, _, _):
                    terms.append(contentsOf: unionTerms(typeNode))
                default:
                    let t = typeExpression(typeNode)
                    if !t.isInvalid { embedded.append(t) }
                }
            }
        }
        return InterfaceType(methods: methods, embedded: embedded, terms: terms)
    }

    /// A signature with parameter and result objects. `function` is the
    /// declaring `.funcDecl`/`.funcLit` (`.none` for function types).
    func signature(params: NodeList, results: NodeList, receiver: GoType?, typeParameters: [TypeParameter],
                   function: NodeID) -> Signature {
        var paramTypes: [GoType] = []
        var paramObjects: [Object] = []
        var variadic = false
        for field in tree.list(params) {
            guard case .field(let names, let typeNode, _) = tree[field] else { continue }
            var t: GoType
            if case .ellipsis(let elem) = tree[typeNode] {
                variadic = true
                t = .slice(elem.isNone ? .invalid : typeExpression(elem))
                current.types[typeNode.index] = t
            } else {
                t = typeExpression(typeNode)
            }
            let nameNodes = tree.list(names)
            if nameNodes.isEmpty {
                paramTypes.append(t)
                if !function.isNone {
                    paramObjects.append(Object(kind: .parameter, name: "_", type: t, packagePath: package.path,
                                               declaration: nil, enclosingFunction: function))
                }
            }
            for n in nameNodes {
                paramTypes.append(t)
                if !function.isNone {
                    let o = Object(kind: .parameter, name: tree.identName(n) ?? "_", type: t, packagePath: package.path,
                                   declaration: Declaration(file: file, node: n), enclosingFunction: function)
                    current.objects[n.index] = o
                    paramObjects.append(o)
                }
            }
        }
        var resultTypes: [GoType] = []
        var resultObjects: [Object] = []
        for field in tree.list(results) {
            guard case .field(let names, let typeNode, _) = tree[field] else { continue }
            let t = typeExpression(typeNode)
            let nameNodes = tree.list(names)
            if nameNodes.isEmpty {
                resultTypes.append(t)
                if !function.isNone {
                    resultObjects.append(Object(kind: .result, name: "", type: t, packagePath: package.path,
                                                declaration: nil, enclosingFunction: function))
                }
            }
            for n in nameNodes {
                resultTypes.append(t)
                if !function.isNone {
                    let o = Object(kind: .result, name: tree.identName(n) ?? "_", type: t, packagePath: package.path,
                                   declaration: Declaration(file: file, node: n), enclosingFunction: function)
                    current.objects[n.index] = o
                    resultObjects.append(o)
                }
            }
        }
        let s = Signature(parameters: paramTypes, results: resultTypes, variadic: variadic, receiver: receiver,
                          typeParameters: typeParameters)
        s.parameterObjects = paramObjects
        s.resultObjects = resultObjects
        return s
    }
}
