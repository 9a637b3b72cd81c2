import GoSyntax

/// Type-checks one package from its syntax trees, given its already checked
/// imports. Go's own checker is the model (collect package-level objects,
/// resolve them lazily in dependency order, then check function bodies);
/// unlike it, this one reports only what blocks understanding (unknown
/// names, missing packages) and turns everything it cannot type into
/// `.invalid`, so that analyses never act on a guess.
///
/// The file is split by concern: this file holds the package-level phases;
/// `Checker+TypeExpressions`, `Checker+Expressions`, `Checker+Calls` and
/// `Checker+Statements` hold the rest.
final class Checker {
    let package: PackageInfo
    let importPackage: (String) -> PackageInfo?
    let checkBodies: Bool
    var files: [TypedFile]
    var tables: [NameTable]
    var fileScopes: [Scope]
    /// The file being checked (index into `files`).
    var file = 0 {
        didSet {
            if file != oldValue {
                current = files[file]
                tree = current.tree
            }
        }
    }
    /// `files[file]`, kept at hand for the same reason as `tree`.
    private(set) var current: TypedFile
    /// The syntax tree of `file`, kept in a stored property: the checker
    /// reads it for every node, and fetching it through `files` would copy
    /// the tree's array references each time.
    private(set) var tree: SyntaxTree
    /// The stack of the thread running the current phase (the two phases
    /// of a package may run on different threads).
    private(set) var stackGuard = StackGuard()

    /// Package-level objects whose type is not computed yet.
    var pending: [ObjectIdentifier: PendingDeclaration] = [:]
    var inProgress: Set<ObjectIdentifier> = []
    /// Function literal bodies met while resolving package-level
    /// declarations, checked once every package-level object is known.
    var delayedBodies: [DelayedBody] = []
    /// The function whose body is being checked, innermost last.
    var functions: [FunctionContext] = []
    /// Type parameter names in scope in a generic function's body, by the
    /// function's declaration: node numbers start again in every file, and
    /// the names are that file's.
    var typeParameterScopes: [Declaration: [(Name, Object)]] = [:]
    /// The value of `iota` in the constant declaration being evaluated.
    var iota: Int128?
    private var reported = Set<String>()
    /// What `report` found: the declarations phase's problems in the
    /// package's checker, one chunk's in a body worker (see
    /// `Checker+BodyChunks`), merged into the package in a fixed order.
    var diagnostics: [SemaDiagnostic] = []
    /// In a body worker: package-level objects whose address is taken,
    /// marked only when the package's chunks are merged, since workers of
    /// other files may mark the same object. Nil in the package's checker.
    var deferredAddressTaken: [Object]?

    struct FunctionContext {
        /// The `.funcDecl` or `.funcLit` node.
        var node: NodeID
        var signature: Signature
    }

    struct DelayedBody {
        var file: Int
        var literal: NodeID
        var signature: Signature
        var enclosing: [FunctionContext]
    }

    enum PendingDeclaration {
        case constant(file: Int, spec: NodeID, index: Int, iota: Int32, type: NodeID, value: NodeID)
        case variable(file: Int, spec: NodeID)
        case typeName(file: Int, spec: NodeID)
        case function(file: Int, decl: NodeID)
    }

    init(package: PackageInfo, trees: [SyntaxTree], checkBodies: Bool, importPackage: @escaping (String) -> PackageInfo?) {
        self.package = package
        self.importPackage = importPackage
        self.checkBodies = checkBodies
        files = trees.enumerated().map { TypedFile(tree: $0.element, index: $0.offset) }
        fileScopes = trees.map { _ in Scope(parent: package.scope) }
        tables = zip(trees, fileScopes).map { NameTable(tree: $0.0, fileScope: $0.1) }
        tree = trees.first ?? SyntaxTree(source: SourceFile(path: "", bytes: []))
        current = files.first ?? TypedFile(tree: tree, index: 0)
    }

    /// A body worker over the declarations of `parent`: it shares the
    /// package's files, scopes and objects (complete and read-only once
    /// the declarations are), and keeps its own name tables (it writes only
    /// those of its files), stack guard, diagnostics and `reported` set
    /// (keyed by file, so each file's dedup sees the same history as in
    /// one sequential pass).
    init(bodyWorkerOf parent: Checker) {
        // `resolveAll` typed every package-level object, so no body resolves
        // (writes) a shared object.
        assert(parent.pending.isEmpty, "bodies checked before every package-level object is resolved")
        package = parent.package
        importPackage = parent.importPackage
        checkBodies = parent.checkBodies
        files = parent.files
        tables = parent.tables
        fileScopes = parent.fileScopes
        file = parent.file
        current = parent.current
        tree = parent.tree
        pending = parent.pending
        typeParameterScopes = parent.typeParameterScopes
        reported = parent.reported
        deferredAddressTaken = []
    }

    // MARK: Driving

    func check() {
        checkDeclarations()
        let chunk = checkBodies ? checkBodyChunk(files.indices) : BodyChunkResult()
        finishBodies([chunk])
    }

    /// The first phase: every package-level object with its type (and
    /// constant value), methods included. This is all that importers of
    /// the package read, so they may be checked once it is done, while
    /// its bodies are still checked (`Checker+BodyChunks`).
    func checkDeclarations() {
        collectImports()
        collectDeclarations()
        collectMethods()
        for i in tables.indices { tables[i].invalidateOuterCache() }
        resolveAll()
        package.files = files
        package.diagnostics = diagnostics
    }

    // MARK: Diagnostics

    /// Reports a problem once per file and message.
    func report(_ node: NodeID, _ message: String) {
        let key = "\(file):\(message)"
        guard reported.insert(key).inserted else { return }
        diagnostics.append(SemaDiagnostic(file: tree.source.path, offset: tree.start(node), message: message))
    }

    // MARK: Imports

    private func collectImports() {
        var imported: [PackageInfo] = []
        var seen = Set<String>()
        for f in files.indices {
            file = f
            for decl in tree.declarations {
                guard case .genDecl(.kwImport, let specs, _) = tree[decl] else { continue }
                for spec in tree.list(specs) {
                    guard case .importSpec(let nameNode, let pathNode) = tree[spec] else { continue }
                    guard case .basicLit(.string) = tree[pathNode],
                          let path = Constant.unquote(tree.text(pathNode)) else { continue }
                    if let problem = ImportPathSyntax.problem(path) {
                        report(pathNode, "invalid import path (\(problem))")
                        continue
                    }
                    let imp: PackageInfo? = path == "unsafe" ? Universe.shared.unsafePackage : importPackage(path)
                    if imp == nil && path != "C" {
                        report(pathNode, "could not import \(path) (no source found)")
                    }
                    if let imp, seen.insert(imp.path).inserted { imported.append(imp) }
                    let local = nameNode.isNone ? (imp?.name ?? defaultImportName(path)) : (tree.identName(nameNode) ?? "_")
                    files[f].imports.append((local, path, imp))
                    if local == "_" { continue }
                    if local == "." {
                        if let imp {
                            for o in imp.scope.objects where o.name.first?.isUppercase == true {
                                fileScopes[f].set(o)
                            }
                        }
                        continue
                    }
                    let pkgName = Object(kind: .packageName, name: local, type: .invalid, packagePath: package.path,
                                         declaration: Declaration(file: f, node: nameNode.isNone ? pathNode : nameNode))
                    pkgName.importedPackage = imp
                    fileScopes[f].set(pkgName)
                    if !nameNode.isNone { files[f].objects[nameNode.index] = pkgName }
                }
            }
        }
        package.imports = imported
    }

    /// The package name an import path most likely declares (`gopkg.in/yaml.v3` -> yaml).
    private func defaultImportName(_ path: String) -> String {
        var last = path.split(separator: "/").last.map(String.init) ?? path
        if last.hasPrefix("go-") { last.removeFirst(3) }
        if let dot = last.firstIndex(of: ".") { last = String(last[..<dot]) }
        if last.count > 1, last.hasPrefix("v"), Int(last.dropFirst()) != nil,
           let previous = path.split(separator: "/").dropLast().last {
            return String(previous)
        }
        return String(last.map { $0 == "-" ? "_" : $0 })
    }

    // MARK: Package-level declarations

    private func declarePackageLevel(_ object: Object, _ nameNode: NodeID) {
        current.objects[nameNode.index] = object
        if object.name == "_" || (object.kind == .function && object.name == "init") { return }
        if package.scope.lookupLocal(object.name) != nil {
            report(nameNode, "\(object.name) redeclared in this block")
            return
        }
        package.scope.set(object)
    }

    private func collectDeclarations() {
        for f in files.indices {
            file = f
            for decl in tree.declarations {
                switch tree[decl] {
                case .genDecl(.kwConst, let specs, _):
                    collectConstants(specs)
                case .genDecl(.kwVar, let specs, _):
                    for spec in tree.list(specs) {
                        guard case .valueSpec(let names, _, _, _) = tree[spec] else { continue }
                        for n in tree.list(names) {
                            guard let name = tree.identName(n) else { continue }
                            let o = Object(kind: .variable, name: name, type: .invalid, packagePath: package.path,
                                           declaration: Declaration(file: f, node: n), isPackageLevel: true)
                            pending[ObjectIdentifier(o)] = .variable(file: f, spec: spec)
                            declarePackageLevel(o, n)
                        }
                    }
                case .genDecl(.kwType, let specs, _):
                    for spec in tree.list(specs) {
                        guard case .typeSpec(let n, _, _, _) = tree[spec], let name = tree.identName(n) else { continue }
                        let o = declareTypeName(name, nameNode: n, spec: spec, packageLevel: true)
                        declarePackageLevel(o, n)
                    }
                case .funcDecl(let recv, let n, _, _):
                    guard recv.isEmpty, let name = tree.identName(n) else { continue }
                    let o = Object(kind: .function, name: name, type: .invalid, packagePath: package.path,
                                   declaration: Declaration(file: f, node: n), isPackageLevel: true)
                    o.directives = directives(before: decl)
                    pending[ObjectIdentifier(o)] = .function(file: f, decl: decl)
                    declarePackageLevel(o, n)
                default:
                    break
                }
            }
        }
    }

    /// Constant specs repeat the previous spec's type and values when they
    /// have none (`const ( a = iota; b; c )`).
    private func collectConstants(_ specs: NodeList) {
        var lastType = NodeID.none
        var lastValues = NodeList.empty
        for spec in tree.list(specs) {
            guard case .valueSpec(let names, let type, let values, let iotaIndex) = tree[spec] else { continue }
            if !values.isEmpty || !type.isNone {
                lastType = type
                lastValues = values
            }
            let valueNodes = Array(tree.list(lastValues))
            for (i, n) in tree.list(names).enumerated() {
                guard let name = tree.identName(n) else { continue }
                let o = Object(kind: .constant, name: name, type: .invalid, packagePath: package.path,
                               declaration: Declaration(file: file, node: n), isPackageLevel: true)
                let value = i < valueNodes.count ? valueNodes[i] : NodeID.none
                pending[ObjectIdentifier(o)] = .constant(file: file, spec: spec, index: i, iota: iotaIndex, type: lastType, value: value)
                declarePackageLevel(o, n)
            }
        }
    }

    /// Creates a type name (and, unless it is an alias, its named type,
    /// resolved lazily).
    func declareTypeName(_ name: String, nameNode: NodeID, spec: NodeID, packageLevel: Bool) -> Object {
        guard case .typeSpec(_, let typeParams, let isAlias, let typeNode) = tree[spec] else {
            return Object(kind: .typeName, name: name, type: .invalid, packagePath: package.path, declaration: nil)
        }
        let decl = Declaration(file: file, node: nameNode)
        let enclosing = functions.last?.node ?? .none
        if isAlias {
            let o = Object(kind: .typeName, name: name, type: .invalid, packagePath: package.path, declaration: decl,
                           isPackageLevel: packageLevel, enclosingFunction: enclosing)
            if packageLevel {
                pending[ObjectIdentifier(o)] = .typeName(file: file, spec: spec)
            } else {
                resolveAlias(o, typeParams: typeParams, typeNode: typeNode)
            }
            return o
        }
        let named = NamedType(name: name, packagePath: package.path, object: nil)
        let o = Object(kind: .typeName, name: name, type: .named(named), packagePath: package.path, declaration: decl,
                       isPackageLevel: packageLevel, enclosingFunction: enclosing)
        named.object = o
        let f = file
        let savedFunctions = functions
        named.resolver = { [unowned self] in
            let outerFile = self.file
            let outerFunctions = self.functions
            self.file = f
            self.functions = savedFunctions
            defer {
                self.file = outerFile
                self.functions = outerFunctions
            }
            self.tables[f].openScope()
            named.resolving = true
            named.typeParameters = self.declareTypeParameters(typeParams)
            let u = self.typeExpression(typeNode)
            named.underlyingStorage = u.underlying
            named.resolving = false
            self.tables[f].closeScope()
        }
        // A local type is resolved by the caller once its name is in scope
        // (it may refer to itself: `type node struct{ next *node }`).
        return o
    }

    /// An alias's type; a generic alias's with its type parameters in
    /// scope (and kept on the object for its instantiations).
    func resolveAlias(_ o: Object, typeParams: NodeList, typeNode: NodeID) {
        guard !tree.list(typeParams).isEmpty else {
            o.type = typeExpression(typeNode)
            return
        }
        tables[file].openScope()
        o.aliasTypeParameters = declareTypeParameters(typeParams)
        o.type = typeExpression(typeNode)
        tables[file].closeScope()
    }

    /// `//go:` directives in the comment group right before a declaration.
    func directives(before decl: NodeID) -> Set<String> {
        let start = tree.start(decl)
        var result = Set<String>()
        // Comments are sorted: walk back from the last one before the declaration.
        let comments = tree.comments
        var lo = 0
        var hi = comments.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if comments[mid].end <= start { lo = mid + 1 } else { hi = mid }
        }
        var i = lo - 1
        var expectedLine = tree.source.location(of: start).line - 1
        // Like the compiler, `//go:` pragmas count anywhere between the
        // previous declaration and this one, blank lines included.
        let declarations = tree.declarations
        var dlo = declarations.startIndex
        var dhi = declarations.endIndex
        while dlo < dhi {
            let mid = (dlo + dhi) / 2
            if tree.end(declarations[mid]) <= start { dlo = mid + 1 } else { dhi = mid }
        }
        let previousEnd = dlo > declarations.startIndex ? tree.end(declarations[dlo - 1]) : 0
        var adjacent = true
        while i >= 0 {
            let c = comments[i]
            guard c.start >= previousEnd else { break }
            let line = tree.source.location(of: c.start).line
            if line != expectedLine && tree.source.location(of: c.end).line != expectedLine { adjacent = false }
            let text = tree.source.text(from: c.start, to: c.end)
            if text.hasPrefix("//go:") && (adjacent || isCompilerPragma(text)) {
                let word = text.dropFirst(2).prefix { !$0.isWhitespace }
                result.insert(String(word))
            }
            expectedLine = line - 1
            i -= 1
        }
        return result
    }

    /// Pragmas the compiler applies to the next declaration even across
    /// blank lines (`//go:noescape` in assembly stubs is often detached).
    private func isCompilerPragma(_ text: String) -> Bool {
        text.hasPrefix("//go:noescape") || text.hasPrefix("//go:uintptrescapes") || text.hasPrefix("//go:noinline")
            || text.hasPrefix("//go:nosplit") || text.hasPrefix("//go:norace")
    }

    private func collectMethods() {
        for f in files.indices {
            file = f
            for decl in tree.declarations {
                guard case .funcDecl(let recv, let n, _, _) = tree[decl], !recv.isEmpty,
                      let name = tree.identName(n), let field = tree.list(recv).first,
                      case .field(_, let recvType, _) = tree[field] else { continue }
                var base = recvType
                var pointer = false
                while true {
                    switch tree[base] {
                    case .star(let x): pointer = true; base = x; continue
                    case .paren(let x): base = x; continue
                    case .index(let x, _, _): base = x; continue
                    default: break
                    }
                    break
                }
                let o = Object(kind: .method, name: name, type: .invalid, packagePath: package.path,
                               declaration: Declaration(file: f, node: n), isPackageLevel: true)
                o.hasPointerReceiver = pointer
                o.directives = directives(before: decl)
                files[f].objects[n.index] = o
                pending[ObjectIdentifier(o)] = .function(file: f, decl: decl)
                guard let baseName = tree.identName(base),
                      let typeName = package.scope.lookupLocal(baseName), typeName.kind == .typeName,
                      case .named(let named) = typeName.type else {
                    report(base, "cannot define method \(name) on a type that is not declared in this package")
                    continue
                }
                if named.declaredMethods.contains(where: { $0.name == name }) {
                    report(n, "method \(baseName).\(name) already declared")
                    continue
                }
                named.declaredMethods.append(o)
            }
        }
    }

    // MARK: Lazy resolution

    /// Makes sure a package-level object of this package has its type.
    func resolve(_ object: Object) {
        let id = ObjectIdentifier(object)
        guard let p = pending[id] else { return }
        if inProgress.contains(id) {
            // A cycle (`var a = b; var b = a`, or a function whose body is
            // not needed for its type): leave it invalid.
            return
        }
        inProgress.insert(id)
        let outerFile = file
        let outerIota = iota
        let outerFunctions = functions
        functions = []
        defer {
            file = outerFile
            iota = outerIota
            functions = outerFunctions
            inProgress.remove(id)
            pending[id] = nil
        }
        switch p {
        case .constant(let f, _, _, let iotaIndex, let typeNode, let valueNode):
            file = f
            iota = Int128(iotaIndex)
            resolveConstant(object, typeNode: typeNode, valueNode: valueNode)
        case .variable(let f, let spec):
            file = f
            resolveVariableSpec(spec)
        case .typeName(let f, let spec):
            file = f
            if case .typeSpec(_, let typeParams, _, let typeNode) = tree[spec] {
                resolveAlias(object, typeParams: typeParams, typeNode: typeNode)
            }
        case .function(let f, let decl):
            file = f
            resolveFunctionSignature(object, decl)
        }
    }

    func resolveConstant(_ object: Object, typeNode: NodeID, valueNode: NodeID) {
        let declared: GoType? = typeNode.isNone ? nil : typeExpression(typeNode)
        guard !valueNode.isNone else {
            object.type = declared ?? .invalid
            return
        }
        let v = expression(valueNode)
        var t = v.type
        if let declared {
            t = declared
            convertUntyped(valueNode, to: declared)
        }
        object.type = t
        if let c = v.constant, case .basic(let k) = t.underlying {
            object.constant = c.converted(to: k) ?? c
        } else {
            object.constant = v.constant
        }
    }

    /// Types every name of a package-level `var` spec at once (a
    /// multi-value initializer is evaluated once).
    private func resolveVariableSpec(_ spec: NodeID) {
        guard case .valueSpec(let names, let typeNode, let values, _) = tree[spec] else { return }
        let objects = tree.list(names).map { current.objects[$0.index] }
        let types = (checkBodies ? nil : typesFromSyntax(names: names, typeNode: typeNode, values: values))
            ?? valueSpecTypes(names: names, typeNode: typeNode, values: values)
        for (o, t) in zip(objects, types) {
            guard let o else { continue }
            o.type = t
            pending[ObjectIdentifier(o)] = nil
        }
    }

    /// The types of a package-level var spec that its syntax gives without
    /// checking the initializers: a declared type, or composite literals
    /// with their type written (`T{...}`, `&T{...}`, `[...]T{...}`). Used
    /// for packages whose bodies are not checked (those a run only
    /// imports), where nothing reads the initializers' insides and their
    /// big tables (unicode, crypto, html entities) were most of the
    /// declaration checking. Nil when some name needs its initializer.
    private func typesFromSyntax(names: NodeList, typeNode: NodeID, values: NodeList) -> [GoType]? {
        let count = Int(names.count)
        if !typeNode.isNone { return Array(repeating: typeExpression(typeNode), count: count) }
        let valueNodes = Array(tree.list(values))
        guard valueNodes.count == count else { return nil }
        var types: [GoType] = []
        for value in valueNodes {
            var node = value
            var pointer = false
            while case .paren(let x) = tree[node] { node = x }
            if case .unary(.and, let x) = tree[node] {
                node = x
                pointer = true
                while case .paren(let y) = tree[node] { node = y }
            }
            guard case .compositeLit(let literalType, let elements, _) = tree[node], !literalType.isNone else { return nil }
            let type: GoType
            if case .arrayType(let lengthNode, let elementNode) = tree[literalType], case .ellipsis = tree[lengthNode] {
                type = .array(length: arrayLiteralLength(elements), element: typeExpression(elementNode))
            } else {
                type = typeExpression(literalType)
            }
            types.append(pointer ? .pointer(type) : type)
        }
        return types
    }

    /// The types of the names of a var spec (package-level or local).
    func valueSpecTypes(names: NodeList, typeNode: NodeID, values: NodeList) -> [GoType] {
        let count = Int(names.count)
        let declared: GoType? = typeNode.isNone ? nil : typeExpression(typeNode)
        let valueNodes = Array(tree.list(values))
        if valueNodes.isEmpty {
            return Array(repeating: declared ?? .invalid, count: count)
        }
        if valueNodes.count == 1 && count > 1 {
            let v = expression(valueNodes[0], commaOk: count == 2)
            var ts: [GoType]
            if case .tuple(let elements) = v.type { ts = elements } else { ts = [v.type] }
            if ts.count < count { ts += Array(repeating: .invalid, count: count - ts.count) }
            return ts.prefix(count).map { declared ?? $0 }
        }
        var result: [GoType] = []
        for (i, vn) in valueNodes.enumerated() where i < count {
            let v = expression(vn, expected: declared)
            if let declared {
                convertUntyped(vn, to: declared)
                result.append(declared)
            } else {
                result.append(defaultType(v.type, node: vn))
            }
        }
        while result.count < count { result.append(declared ?? .invalid) }
        return result
    }

    private func resolveFunctionSignature(_ object: Object, _ decl: NodeID) {
        guard case .funcDecl(let recv, _, let typeNode, _) = tree[decl],
              case .funcType(let typeParams, let params, let results) = tree[typeNode] else { return }
        tables[file].openScope()
        defer { tables[file].closeScope() }
        var receiver: GoType? = nil
        var receiverObject: Object? = nil
        var bound: [(Name, Object)] = []
        if let field = tree.list(recv).first, case .field(let names, let recvType, _) = tree[field] {
            // Type parameters of a generic receiver (`func (l *List[T])`)
            // stand for the declaration's own parameters, under new names.
            var base = recvType
            while case .star(let x) = tree[base] { base = x }
            if case .index(let b, let indices, _) = tree[base], let baseName = tree.identName(b),
               let typeName = package.scope.lookupLocal(baseName), case .named(let named) = typeName.type {
                _ = named.underlying
                for (i, n) in tree.list(indices).enumerated() where i < named.typeParameters.count {
                    guard case .ident(let name) = tree[n] else { continue }
                    let p = named.typeParameters[i]
                    let o = Object(kind: .typeName, name: tree.string(name), type: .typeParameter(p), packagePath: package.path,
                                   declaration: Declaration(file: file, node: n), enclosingFunction: decl)
                    current.objects[n.index] = o
                    tables[file].declare(name, o)
                    bound.append((name, o))
                }
            }
            receiver = typeExpression(recvType)
            // Unnamed receivers (`func (T) M()`) get an object too, so that
            // the first parameter object is always the receiver.
            let n = tree.list(names).first
            receiverObject = Object(kind: .parameter, name: n.flatMap { tree.identName($0) } ?? "_", type: receiver ?? .invalid,
                                    packagePath: package.path, declaration: n.map { Declaration(file: file, node: $0) },
                                    enclosingFunction: decl)
            if let n { current.objects[n.index] = receiverObject }
        }
        let tps = declareTypeParameters(typeParams)
        for n in typeParameterNames(typeParams) {
            if case .ident(let name) = tree[n], let o = current.objects[n.index] { bound.append((name, o)) }
        }
        let signature = self.signature(params: params, results: results, receiver: receiver, typeParameters: tps, function: decl)
        if let receiverObject { signature.parameterObjects.insert(receiverObject, at: 0) }
        object.type = .function(signature)
        if !bound.isEmpty { typeParameterScopes[Declaration(file: file, node: decl)] = bound }
    }

    /// The name nodes of a type parameter list, in order.
    func typeParameterNames(_ list: NodeList) -> [NodeID] {
        var result: [NodeID] = []
        for field in tree.list(list) {
            if case .field(let names, _, _) = tree[field] { result.append(contentsOf: tree.list(names)) }
        }
        return result
    }

    /// Resolves every package-level object: declared types first, so that
    /// function signatures and initializers see complete types.
    private func resolveAll() {
        for f in files.indices {
            file = f
            for o in files[f].objects where o?.kind == .typeName && o?.isPackageLevel == true {
                if let o, case .named(let n) = o.type { _ = n.underlying }
            }
        }
        for f in files.indices {
            file = f
            for o in files[f].objects {
                if let o, o.isPackageLevel { resolve(o) }
            }
        }
    }

    // MARK: Function bodies

    /// Checks a function's body with its parameters in scope.
    func checkBody(function node: NodeID, signature: Signature, body: NodeID) {
        functions.append(FunctionContext(node: node, signature: signature))
        tables[file].openScope()
        for (name, o) in typeParameterScopes[Declaration(file: file, node: node)] ?? [] { tables[file].declare(name, o) }
        for o in signature.parameterObjects + signature.resultObjects {
            guard let d = o.declaration, d.file == file, case .ident(let name) = tree[d.node] else { continue }
            tables[file].declare(name, o)
        }
        if case .block(let stmts) = tree[body] {
            current.types[body.index] = nil
            statementList(stmts)
        }
        tables[file].closeScope()
        functions.removeLast()
    }
}
