import GoSema
import GoSyntax

/// Setting up a batch: its units (declared functions and, in pre-order,
/// their function literals) and the locations of every parameter, result
/// and local, created before any walk as the compiler does, so that
/// messages come out in the compiler's order.
extension GraphBuilder {
    /// Adds a declared function and its literals to the batch.
    func addDeclaration(_ object: Object, file: TypedFile, node: NodeID) {
        let u = units.count
        units.append(FunctionUnit(file: file, node: node, object: object, parent: nil, name: compilerName(of: object),
                                  signature: object.type.signature))
        unitIndex[UnitKey(file: ObjectIdentifier(file), node: node)] = u
        objectUnits[ObjectIdentifier(object)] = u
        prepareRecursively(u)
    }

    /// A function literal of a package-level initializer: a function of its own.
    func addLiteralFunction(file: TypedFile, node: NodeID) {
        let u = units.count
        let name = "glob..func\(units.count + 1)"
        units.append(FunctionUnit(file: file, node: node, object: nil, parent: nil, name: name,
                                  signature: file.type(of: node).signature))
        unitIndex[UnitKey(file: ObjectIdentifier(file), node: node)] = u
        prepareRecursively(u)
    }

    /// The package's initialization code for one dynamic initializer.
    func addInitialization(file: TypedFile, spec: NodeID) -> Int {
        let u = units.count
        units.append(FunctionUnit(file: file, node: spec, object: nil, parent: nil, name: "init", signature: nil))
        let t = file.tree
        var literals: [NodeID] = []
        t.walk(spec) { n in
            if case .funcLit = t[n] {
                literals.append(n)
                return false
            }
            return true
        }
        for literal in literals {
            let c = addClosureUnit(literal, parent: u)
            prepareRecursively(c)
        }
        return u
    }

    private func prepareRecursively(_ u: Int) {
        prepareVariables(of: u)
        for literal in directLiterals(of: u) {
            let c = addClosureUnit(literal, parent: u)
            prepareRecursively(c)
        }
    }

    func addClosureUnit(_ literal: NodeID, parent: Int) -> Int {
        units[parent].closureCount += 1
        let parentUnit = units[parent]
        let name = parentUnit.isClosure ? "\(parentUnit.name).\(parentUnit.closureCount)" : "\(parentUnit.name).func\(parentUnit.closureCount)"
        let u = units.count
        units.append(FunctionUnit(file: parentUnit.file, node: literal, object: nil, parent: parent, name: name,
                                  signature: parentUnit.file.type(of: literal).signature))
        unitIndex[UnitKey(file: ObjectIdentifier(parentUnit.file), node: literal)] = u
        return u
    }

    /// Function literals directly inside a unit's body (not inside another literal).
    private func directLiterals(of u: Int) -> [NodeID] {
        let t = units[u].file.tree
        var result: [NodeID] = []
        t.walk(units[u].body) { n in
            if case .funcLit = t[n] {
                result.append(n)
                return false
            }
            return true
        }
        return result
    }

    /// Locations for a unit's parameters, results and locals; facts for `StaticValue`.
    func prepareVariables(of u: Int) {
        let saved = (unit, loopDepth, labels)
        switchTo(u)
        defer {
            switchTo(saved.0)
            loopDepth = saved.1
            labels = saved.2
        }
        let signature = units[u].signature
        var parameters: [Int?] = []
        for (i, p) in (signature?.parameterObjects ?? []).enumerated() {
            if p.name.isEmpty || p.name == "_" {
                parameters.append(nil)
                continue
            }
            let l = variableLocation(p)
            graph.locations[l].isParameter = true
            // Callers in the same batch flow into the parameter itself.
            if UintptrEscapes.marking(units[u].object, signature, parameter: i) != nil { flow(heapHole, l) }
            parameters.append(l)
        }
        units[u].parameterLocations = parameters
        var results: [Int] = []
        for (i, r) in (signature?.resultObjects ?? []).enumerated() {
            let l = variableLocation(r)
            graph.locations[l].resultIndex = i + 1
            if r.name.isEmpty { graph.locations[l].text = "~r\(i)" }
            results.append(l)
        }
        units[u].resultLocations = results
        let body = units[u].body
        guard !body.isNone else { return }
        // The tree, file and object table are read once: through `self` each
        // read retained and released them (this walk visits every node).
        let tree = self.tree
        let file = self.file
        let objects = file.objects
        let thisFile = file.index
        tree.walk(body) { n in
            switch tree[n] {
            case .funcLit:
                return false
            case .ident:
                if let o = objects[n.index], o.kind == .variable, !o.isPackageLevel,
                   o.declaration?.node == n, o.declaration?.file == thisFile, tree.identName(n) != "_" {
                    _ = self.variableLocation(o)
                }
            case .typeSwitchStmt(_, let guardStmt, let body):
                if case .block(let list) = tree[body] {
                    var offset = tree.start(guardStmt)
                    if case .assign(let lhs, _, _, _) = tree[guardStmt], let v = tree.list(lhs).first {
                        offset = tree.start(v)
                    }
                    for clause in tree.list(list) {
                        guard let o = file.implicits[clause] else { continue }
                        let l = self.variableLocation(o)
                        self.graph.locations[l].offset = offset
                    }
                }
            case .assign(let lhs, let rhs, let op, _):
                let l = Array(tree.list(lhs))
                let r = Array(tree.list(rhs))
                for (i, target) in l.enumerated() {
                    guard case .ident = tree[target], let o = objects[target.index], o.isVariable else { continue }
                    if op == .define, o.declaration?.node == target, l.count == r.count {
                        self.facts.definitions[ObjectIdentifier(o)] = r[i]
                    } else if !(op == .define && o.declaration?.node == target) {
                        self.facts.reassigned.insert(ObjectIdentifier(o))
                    }
                }
            case .valueSpec(let names, _, let values, _):
                let l = Array(tree.list(names))
                let r = Array(tree.list(values))
                if l.count == r.count {
                    for (i, target) in l.enumerated() {
                        if let o = objects[target.index] { self.facts.definitions[ObjectIdentifier(o)] = r[i] }
                    }
                }
            case .unary(.and, let x), .incDec(let x, _, _):
                if case .ident = tree[x], let o = objects[x.index] { self.facts.reassigned.insert(ObjectIdentifier(o)) }
            case .rangeStmt(let key, let value, let tok, _, _) where tok != .define:
                for x in [key, value] where !x.isNone {
                    if case .ident = tree[x], let o = objects[x.index] { self.facts.reassigned.insert(ObjectIdentifier(o)) }
                }
            default:
                break
            }
            return true
        }
    }
}
