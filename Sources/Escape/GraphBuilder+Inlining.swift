import GoSema
import GoSyntax

/// The inlining mode (`go build -gcflags=-m` without `-l`): a call to a
/// function the compiler would inline is analysed as its body, inside the
/// caller, so that what the body allocates is decided in the caller's
/// context and reported at the call site, as the compiler reports it.
struct InlineState {
    /// Fresh locations of the inlined functions' parameters and locals.
    var variables: [ObjectIdentifier: Int] = [:]
    /// Result temporaries (and their types) of the bodies being inlined, innermost last.
    var results: [(temporaries: [Int], types: [GoType])] = []
    /// Where locations created inside inlined bodies are reported (the outermost call's `(`).
    var site: UInt32? = nil
    /// Functions being inlined (no recursion).
    var active: Set<ObjectIdentifier> = []
    /// Declarations being inlined, to tell their locals from the caller's.
    var declarations: [(file: ObjectIdentifier, start: UInt32, end: UInt32)] = []

    static let maxDepth = 8
}

extension GraphBuilder {
    /// Whether a call of `o` is inlined here.
    func inlineBody(for o: Object) -> InlineBody? {
        guard options.inlining, objectUnits[ObjectIdentifier(o)] == nil, !inline.active.contains(ObjectIdentifier(o)),
              inline.active.count < InlineState.maxDepth else { return nil }
        return tags.inlineBody(o)
    }

    /// Whether `o` is a local of a function being inlined (it then gets a fresh location).
    func isInlinedLocal(_ o: Object) -> Bool {
        guard !inline.declarations.isEmpty, !o.isPackageLevel, let d = o.declaration else { return false }
        let offset = tree.start(d.node)
        return inline.declarations.contains { $0.file == ObjectIdentifier(file) && $0.start <= offset && offset < $0.end }
    }

    /// Analyses the call `n` of `o` as its inlined body.
    func inlineCall(_ ks: [Hole]?, _ n: NodeID, _ o: Object, _ body: InlineBody, receiver: (NodeID, Selection)?,
                    explicitReceiver: NodeID?, args: [NodeID], ellipsis: Bool, lparen: UInt32) {
        guard let signature = o.type.signature else { return }
        let outermost = inline.site == nil
        if outermost { inline.site = lparen }
        defer { if outermost { inline.site = nil } }
        notes.append(BatchNote(file: fileIndex, offset: inline.site ?? lparen, text: "inlining call to \(inlineName(o))"))

        // Parameters and results become variables of the caller.
        let calleeTree = body.file.tree
        let declaration = (file: ObjectIdentifier(body.file), start: calleeTree.start(body.declaration), end: calleeTree.end(body.declaration))
        var parameterHoles: [Hole] = []
        var saved: [ObjectIdentifier: Int?] = [:]
        for p in signature.parameterObjects {
            if p.name.isEmpty || p.name == "_" {
                parameterHoles.append(discardHole)
                continue
            }
            saved[ObjectIdentifier(p)] = inline.variables[ObjectIdentifier(p)]
            let l = newLocation(.variable(p), offset: 0, text: p.name)
            inline.variables[ObjectIdentifier(p)] = l
            parameterHoles.append(hole(l))
        }
        let results = signature.results.map { _ in temporary() }

        // Arguments are evaluated in the caller.
        var index = 0
        if let (x, sel) = receiver {
            let k = index < parameterHoles.count ? parameterHoles[index] : discardHole
            expr(receiverHole(k, sel, method: o, n), x)
            index += 1
        } else if let r = explicitReceiver {
            expr(index < parameterHoles.count ? parameterHoles[index] : discardHole, r)
            index += 1
        } else if o.kind == .method {
            index += 1
        }
        let params = signature.parameters
        let fixed = signature.variadic && !ellipsis ? max(0, params.count - 1) : params.count
        var basePosition = lparen
        for (i, a) in args.enumerated() where i < fixed {
            basePosition = conversionPosition(a, current: basePosition)
            let k = index + i < parameterHoles.count ? parameterHoles[index + i] : discardHole
            convert(k, a, to: params[i], at: basePosition)
        }
        if signature.variadic, !ellipsis, let last = params.last, args.count > fixed {
            var element: GoType = .invalid
            if case .slice(let e) = last.underlying { element = e }
            let k = index + fixed < parameterHoles.count ? parameterHoles[index + fixed] : discardHole
            let slice = spill(k, n, .variadicSlice, offset: lparen, text: "... argument")
            for a in args[fixed...] {
                basePosition = conversionPosition(a, current: basePosition)
                convert(slice, a, to: element, at: basePosition)
            }
        }

        // The body, in the callee's file, with returns flowing to the result temporaries.
        let callerFile = file
        let callerLabels = labels
        file = body.file
        tree = body.file.tree
        labels = [:]
        inline.active.insert(ObjectIdentifier(o))
        inline.declarations.append(declaration)
        inline.results.append((results, signature.results))
        if case .funcDecl(_, _, _, let b) = tree[body.declaration] { walkBody(b) }
        // Named results reach the caller through a bare `return` too.
        for (i, r) in signature.resultObjects.enumerated() where i < results.count && !r.name.isEmpty {
            if let l = inline.variables[ObjectIdentifier(r)] { flow(hole(results[i]), l) }
        }
        inline.results.removeLast()
        inline.declarations.removeLast()
        inline.active.remove(ObjectIdentifier(o))
        file = callerFile
        tree = callerFile.tree
        labels = callerLabels
        for (key, value) in saved {
            if let value { inline.variables[key] = value } else { inline.variables[key] = nil }
        }
        if let ks {
            for (i, r) in results.enumerated() where i < ks.count { flow(ks[i], r) }
        }
    }

    /// `pkg.F`, `pkg.(*T).M` as the compiler names an inlined callee.
    func inlineName(_ o: Object) -> String {
        let pkg = o.packagePath.split(separator: "/").last.map(String.init) ?? o.packagePath
        let name = compilerName(of: o)
        return o.packagePath == packagePath || pkg.isEmpty ? name : "\(pkg).\(name)"
    }
}
