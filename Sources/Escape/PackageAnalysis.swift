import GoSema
import GoSyntax

/// The escape analysis of one package: its functions ordered bottom-up
/// over the strongly connected components of the call graph (callees
/// first, as `ir.VisitFuncsBottomUp` orders them), each component
/// analysed as one batch, leaving parameter tags for the next.
struct PackageAnalysis {
    let package: PackageInfo
    let tags: TagStore
    let options: EscapeOptions

    /// A function declaration of the package.
    struct Declaration {
        /// The function's object; nil for a function literal of a
        /// package-level initializer (compiled as its own function) and for
        /// the package's initialization code.
        var object: Object?
        var file: TypedFile
        /// A `.funcDecl`, a `.funcLit`, or a `.valueSpec` with a dynamic initializer.
        var node: NodeID
        var hasBody: Bool
        var isGeneric: Bool
    }

    /// Analyses every function; returns the decisions when `report` is set.
    func run(report: Bool, into result: inout EscapeReport) {
        let declarations = collectDeclarations()
        var byObject: [ObjectIdentifier: Int] = [:]
        for (i, d) in declarations.enumerated() { if let o = d.object { byObject[ObjectIdentifier(o)] = i } }
        let edges = declarations.map { references(of: $0, byObject) }
        var instantiated = Set<Int>()
        for (i, list) in edges.enumerated() where !declarations[i].isGeneric {
            for j in list where declarations[j].isGeneric { instantiated.insert(j) }
        }
        // Generic functions referenced only from generic code are instantiated through them.
        var changed = true
        while changed {
            changed = false
            for i in instantiated {
                for j in edges[i] where declarations[j].isGeneric && !instantiated.contains(j) {
                    instantiated.insert(j)
                    changed = true
                }
            }
        }
        var decisions: [RawDecisionInFile] = []
        for batch in BottomUpOrder.components(count: declarations.count, edges: edges) {
            let members = batch.map { declarations[$0] }
            let reported = batch.map { !declarations[$0].isGeneric || instantiated.contains($0) }
            let (batchDecisions, unknown) = analyse(members, reported: reported)
            decisions += batchDecisions
            result.functionsAnalysed += members.count
            if unknown { result.functionsUnknown += members.count }
        }
        guard report else { return }
        var perFile: [Int: [EscapeDecision]] = [:]
        result.ordered += decisions.map(\.decision)
        for d in decisions {
            perFile[d.file.index, default: []].append(d.decision)
        }
        for file in package.files {
            let list = perFile[file.index] ?? []
            result.decisions[file.path] = list
            result.files.append(file.path)
        }
    }

    struct RawDecisionInFile {
        var file: TypedFile
        var decision: EscapeDecision
    }

    private func collectDeclarations() -> [Declaration] {
        var result: [Declaration] = []
        for file in package.files {
            let tree = file.tree
            for decl in tree.declarations {
                guard case .funcDecl(let recv, let name, _, let body) = tree[decl],
                      let object = file.objects[name.index], object.type.signature != nil else { continue }
                if tree.identName(name) == "_" || (recv.isEmpty && tree.identName(name) == "init" && body.isNone) { continue }
                let signature = object.type.signature
                var generic = !(signature?.typeParameters.isEmpty ?? true)
                if let r = signature?.receiver, let n = r.namedOrPointee, n.isGeneric || !n.typeArguments.isEmpty { generic = true }
                result.append(Declaration(object: object, file: file, node: decl, hasBody: !body.isNone, isGeneric: generic))
            }
        }
        result += initializers()
        return result
    }

    /// Package-level initializers: function literals become functions of
    /// their own; initializers the compiler cannot lay out statically run
    /// in the package's init code, where what they allocate is stored in
    /// a global.
    private func initializers() -> [Declaration] {
        var literals: [Declaration] = []
        var dynamic: [Declaration] = []
        for file in package.files {
            let tree = file.tree
            for decl in tree.declarations {
                guard case .genDecl(.kwVar, let specs, _) = tree[decl] else { continue }
                for spec in tree.list(specs) {
                    guard case .valueSpec(_, _, let values, _) = tree[spec], !values.isEmpty else { continue }
                    let initializer = StaticInitializer(file: file)
                    if tree.list(values).contains(where: { !initializer.isStatic($0) }) {
                        dynamic.append(Declaration(object: nil, file: file, node: spec, hasBody: true, isGeneric: false))
                        continue
                    }
                    for v in tree.list(values) {
                        tree.walk(v) { n in
                            if case .funcLit = tree[n] {
                                literals.append(Declaration(object: nil, file: file, node: n, hasBody: true, isGeneric: false))
                                return false
                            }
                            return true
                        }
                    }
                }
            }
        }
        return literals + dynamic
    }

    /// Declarations of the package a declaration refers to (calls, method
    /// values, function values), in order of appearance, closures included.
    private func references(of d: Declaration, _ byObject: [ObjectIdentifier: Int]) -> [Int] {
        guard d.hasBody else { return [] }
        let body: NodeID
        switch d.file.tree[d.node] {
        case .funcDecl(_, _, _, let b): body = b
        default: body = d.node
        }
        var result: [Int] = []
        var seen = Set<Int>()
        // Read once: through `d.file` each node's read retained the tables.
        let tree = d.file.tree
        let objects = d.file.objects
        let selections = d.file.selections
        tree.walk(body) { n in
            var o: Object? = nil
            switch tree[n] {
            case .ident:
                o = objects[n.index]
            case .selector:
                if let sel = selections[n], sel.kind == .method || sel.kind == .methodExpression { o = sel.object }
            default:
                break
            }
            if let o, o.kind == .function || o.kind == .method, let i = byObject[ObjectIdentifier(o)], seen.insert(i).inserted {
                result.append(i)
            }
            return true
        }
        return result
    }

    // MARK: One batch

    /// Analyses one batch; returns its decisions and whether it degraded to "escapes".
    private func analyse(_ members: [Declaration], reported: [Bool]) -> ([RawDecisionInFile], Bool) {
        let withBodies = members.filter(\.hasBody)
        var out: [RawDecisionInFile] = []
        // Functions without bodies (assembly): tags from their directives.
        for (i, d) in members.enumerated() where !d.hasBody {
            out += bodiless(d, report: reported[i])
        }
        if options.inlining { out += inlinability(members, reported: reported) }
        guard let first = withBodies.first else { return (out, false) }
        let builder = GraphBuilder(tags: tags, options: options, file: first.file)
        builder.packagePath = package.path
        var declaredUnits: [Int] = []
        var reportedUnits = Set<Int>()
        var initializers: [(unit: Int, spec: NodeID)] = []
        for (i, d) in members.enumerated() where d.hasBody {
            let start = builder.units.count
            if let o = d.object {
                builder.addDeclaration(o, file: d.file, node: d.node)
                declaredUnits.append(start)
            } else if case .funcLit = d.file.tree[d.node] {
                builder.addLiteralFunction(file: d.file, node: d.node)
                declaredUnits.append(start)
            } else {
                initializers.append((builder.addInitialization(file: d.file, spec: d.node), d.node))
            }
            if reported[i] { for u in start..<builder.units.count { reportedUnits.insert(u) } }
        }
        for u in declaredUnits {
            builder.switchTo(u)
            builder.walkBody(builder.units[u].body)
        }
        for (u, spec) in initializers {
            builder.switchTo(u)
            builder.initialize(spec)
        }
        builder.flowClosures()
        builder.applyStackLimits()
        var solver = Solver(graph: builder.graph, units: builder.units, explain: options.explain)
        if !builder.unknown { solver.solve() }
        let finisher = BatchFinisher(graph: solver.graph, units: builder.units, notes: builder.notes, unknown: builder.unknown)
        for u in declaredUnits {
            if let o = builder.units[u].object { tags.set(finisher.tags(of: u), for: o) }
        }
        let files = Dictionary(builder.units.map { ($0.file.index, $0.file) }, uniquingKeysWith: { a, _ in a })
        for raw in finisher.decisions(reported: { reportedUnits.contains($0) }, explain: options.explain) {
            guard let file = files[raw.file] else { continue }
            let unit = builder.units[raw.unit]
            let location = file.tree.source.location(of: raw.offset)
            let explanation = raw.chain.map { Explanations.steps($0, graph: solver.graph, units: builder.units, files: files) } ?? []
            var decision = EscapeDecision(
                path: file.path, offset: raw.offset, line: location.line, column: location.column, kind: raw.kind,
                message: raw.message, function: unit.name, explanation: explanation, unknown: builder.unknown)
            decision.fileIndex = file.index
            decision.declaration = outermost(raw.unit, builder.units).node
            if let loc = raw.location {
                decision.inLoop = loc.loopDepth > 1
                decision.heapReason = loc.heapReason
                let inlined = loc.source !== file
                switch loc.kind {
                case .allocation(let node, let shape):
                    decision.site = inlined ? .none : node
                    decision.siteOffset = inlined ? raw.offset : file.tree.start(node)
                    decision.allocation = shape
                case .variable(let o):
                    decision.site = inlined ? .none : o.declaration?.node ?? .none
                    decision.siteOffset = loc.offset
                default:
                    break
                }
            }
            out.append(RawDecisionInFile(file: file, decision: decision))
        }
        return (out, builder.unknown)
    }

    /// Which functions of the batch the compiler would inline (decided
    /// before their own analysis, callees first), with a "can inline" line each.
    private func inlinability(_ members: [Declaration], reported: [Bool]) -> [RawDecisionInFile] {
        var out: [RawDecisionInFile] = []
        let recursive = members.count > 1
        for (i, d) in members.enumerated() {
            guard let o = d.object, d.hasBody, !d.isGeneric, !recursive else { continue }
            let tree = d.file.tree
            var hasLiteral = false
            tree.walk(d.node) { n in
                if case .funcLit = tree[n] { hasLiteral = true }
                return !hasLiteral
            }
            guard !hasLiteral else { continue }
            let model = InlineCostModel(file: d.file, inlinable: { self.tags.inlineBody($0) }, function: o)
            guard let cost = model.cost(of: d.node) else { continue }
            tags.setInlinable(InlineBody(file: d.file, declaration: d.node, cost: cost), for: o)
            guard reported[i], case .funcDecl(_, let name, _, _) = tree[d.node] else { continue }
            let offset = tree.start(name)
            let location = tree.source.location(of: offset)
            out.append(RawDecisionInFile(file: d.file, decision: EscapeDecision(
                path: d.file.path, offset: offset, line: location.line, column: location.column, kind: .note,
                message: "can inline \(compilerName(of: o))", function: compilerName(of: o), explanation: [], unknown: false)))
        }
        return out
    }

    /// The declared function (or initializer) a unit belongs to.
    private func outermost(_ u: Int, _ units: [FunctionUnit]) -> FunctionUnit {
        var unit = units[u]
        while let p = unit.parent { unit = units[p] }
        return unit
    }

    /// A function implemented elsewhere: its pointer parameters leak,
    /// unless it is marked `//go:noescape`.
    private func bodiless(_ d: Declaration, report: Bool) -> [RawDecisionInFile] {
        guard let object = d.object, let signature = object.type.signature else { return [] }
        let noescape = object.directives.contains("go:noescape")
        var tags: [ParameterTag] = []
        var out: [RawDecisionInFile] = []
        for (i, p) in signature.parameterObjects.enumerated() {
            var message: String? = nil
            var kind = EscapeDecision.Kind.note
            if case .basic(.uintptr) = p.type.underlying {
                tags.append(ParameterTag())
                message = "assuming \(p.name.isEmpty || p.name == "_" ? "arg#\(i + 1)" : p.name) is unsafe uintptr"
            } else if !Sizes.hasPointers(p.type) {
                tags.append(ParameterTag())
            } else if noescape {
                tags.append(ParameterTag())
                if !p.name.isEmpty && p.name != "_" {
                    message = "\(p.name) does not escape"
                    kind = .parameterDoesNotEscape
                }
            } else {
                tags.append(.leaksToHeap)
                if !p.name.isEmpty && p.name != "_" {
                    message = "leaking param: \(p.name)"
                    kind = .leakingParam
                }
            }
            if report, let message, let decl = p.declaration {
                let offset = d.file.tree.start(decl.node)
                let location = d.file.tree.source.location(of: offset)
                out.append(RawDecisionInFile(file: d.file, decision: EscapeDecision(
                    path: d.file.path, offset: offset, line: location.line, column: location.column, kind: kind,
                    message: message, function: compilerName(of: object), explanation: [], unknown: false)))
            }
        }
        self.tags.set(tags, for: object)
        return out
    }
}

/// Tarjan's algorithm, iterative, visiting roots in declaration order and
/// edges in order of appearance, so that components come out callee first
/// in the compiler's order.
enum BottomUpOrder {
    static func components(count: Int, edges: [[Int]]) -> [[Int]] {
        var index = Array(repeating: -1, count: count)
        var low = Array(repeating: 0, count: count)
        var onStack = Array(repeating: false, count: count)
        var stack: [Int] = []
        var counter = 0
        var result: [[Int]] = []
        for root in 0..<count where index[root] < 0 {
            var work: [(node: Int, next: Int)] = [(root, 0)]
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while var frame = work.popLast() {
                let v = frame.node
                if frame.next < edges[v].count {
                    let w = edges[v][frame.next]
                    frame.next += 1
                    work.append(frame)
                    if index[w] < 0 {
                        index[w] = counter; low[w] = counter; counter += 1
                        stack.append(w); onStack[w] = true
                        work.append((w, 0))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                    continue
                }
                if let parent = work.last { low[parent.node] = min(low[parent.node], low[v]) }
                if low[v] == index[v] {
                    var component: [Int] = []
                    while let w = stack.popLast() {
                        onStack[w] = false
                        component.append(w)
                        if w == v { break }
                    }
                    result.append(component.reversed())
                }
            }
        }
        return result
    }
}
