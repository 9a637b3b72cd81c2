import ConcIR
import GoSema
import GoSyntax

/// Lowers one function declaration (and the function literals inside it,
/// which become closures of their own) into IR functions.
///
/// The file is split by concern: this file holds the function frame
/// (blocks, temporaries, variable names); `FunctionLowerer+Statements`,
/// `+Expressions` and `+Calls` hold the rest.
struct FunctionLowerer {
    let package: PackageInfo
    let file: TypedFile?
    let implementations: ImplementationIndex
    var globals: GlobalRegistry
    /// Per-package memo of method facts, shared with the closures' lowerers.
    var cache = LoweringCache()

    /// The function being built, and what has been built (closures first
    /// finished, parent last; reordered by the caller).
    var function = Function(name: "")
    var finished: [Function] = []

    var blocks: [Block] = []
    /// The block instructions go to.
    var currentBlock = 0
    var nextTemp: UInt32 = 0
    /// IR variable names of Go objects, unique in the function.
    var names: [ObjectIdentifier: String] = [:]
    var usedNames: Set<String> = []
    /// `break`/`continue` targets, innermost last.
    var jumpTargets: [JumpTarget] = []
    /// Blocks of labels, for `goto` and labelled `break`/`continue`.
    var labelBlocks: [String: Int] = [:]
    /// Counts function literals to name closures `F.func1`, `F.func1.1`.
    var closureCount = 0
    /// Counts method values to name their closures `F.M-fm1` and the
    /// receivers they bind `recv#fm1` (see `methodValue`).
    var methodValueCount = 0
    /// Set while the two sides of a kept comparison are lowered: a `len` of
    /// a slice, string or array there is kept (`%1 = len xs`), so that two
    /// tests of `len(xs) > 0` pair up; elsewhere it is `?`, as it was.
    var keepsLengths = false
    /// Above zero while the elements of a slice, array or map literal are
    /// lowered: a struct literal there is a table row that the model only
    /// reaches through an element it does not follow, so its constant
    /// fields are not shown (most of the constants in a program's literals
    /// are rows of tables).
    var literalElementDepth = 0

    struct JumpTarget {
        var label: String?
        var breakTo: Int
        var continueTo: Int?
    }

    /// The file's syntax tree, stored: computing it from `file` on every
    /// node would copy the tree's array references each time.
    let tree: SyntaxTree
    /// Positions of the file's nodes, asked mostly in source order.
    let lines: LineCursor

    init(package: PackageInfo, file: TypedFile?, implementations: ImplementationIndex, globals: GlobalRegistry) {
        self.package = package
        self.file = file
        self.tree = file?.tree ?? SyntaxTree(source: SourceFile(path: "", bytes: []))
        self.lines = LineCursor(tree.source)
        self.implementations = implementations
        self.globals = globals
    }

    // MARK: Positions

    func position(_ node: NodeID) -> Position {
        guard file != nil, !node.isNone else { return Position(1, 1) }
        let l = lines.location(of: tree.start(node))
        return Position(l.line, l.column)
    }

    func position(offset: UInt32) -> Position {
        guard file != nil else { return Position(1, 1) }
        let l = lines.location(of: offset)
        return Position(l.line, l.column)
    }

    /// The position of a block's closing brace (where an implicit return is).
    func closingPosition(_ body: NodeID) -> Position {
        let end = tree.end(body)
        return position(offset: end > 0 ? end - 1 : 0)
    }

    // MARK: Blocks

    mutating func newBlock(loop: LoopTrips? = nil) -> Int {
        blocks.append(Block(loop: loop))
        return blocks.count - 1
    }

    mutating func emit(_ instruction: Instruction) {
        blocks[currentBlock].instructions.append(instruction)
    }

    /// Ends the current block with `terminator`; later statements (dead
    /// code) go to a fresh block that nothing reaches.
    mutating func terminate(_ terminator: Terminator, at position: Position) {
        if blocks[currentBlock].terminator == nil {
            blocks[currentBlock].terminator = terminator
            blocks[currentBlock].terminatorPosition = position
        }
        currentBlock = newBlock()
    }

    /// Jumps to `target` and continues there.
    mutating func jump(to target: Int, at position: Position) {
        if blocks[currentBlock].terminator == nil {
            blocks[currentBlock].terminator = .jump(target)
            blocks[currentBlock].terminatorPosition = position
        }
        currentBlock = target
    }

    mutating func temp() -> Operand {
        nextTemp += 1
        return .temp(nextTemp)
    }

    // MARK: Variables

    /// Names the DSL reads as something else (constants, keywords, basic
    /// types): a Go variable so named is renamed `name#0`.
    static let reservedNames: Set<String> = [
        "true", "false", "nil", "func", "map", "chan", "struct", "interface",
        "bool", "string", "error", "any", "int", "int8", "int16", "int32", "int64",
        "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "float32", "float64",
        "complex64", "complex128", "byte", "rune",
    ]

    /// The IR name of a local Go object, declaring it on first use: the Go
    /// name, or `name#n` when an earlier object of the function has it.
    mutating func variableName(_ o: Object) -> String {
        if let n = names[ObjectIdentifier(o)] { return n }
        var name = o.name == "_" ? "" : o.name
        if FunctionLowerer.reservedNames.contains(name) { name += "#0" }
        if !name.isEmpty && usedNames.contains(name) {
            var k = 1
            while usedNames.contains("\(name)#\(k)") { k += 1 }
            name = "\(name)#\(k)"
        }
        if !name.isEmpty { usedNames.insert(name) }
        names[ObjectIdentifier(o)] = name
        return name
    }

    /// Declares a local of the function (not a parameter or capture).
    mutating func declareLocal(_ o: Object) -> String {
        if let n = names[ObjectIdentifier(o)] { return n }
        let name = variableName(o)
        if !name.isEmpty { function.locals.append(Variable(name, TypeTranslation.irType(o.type))) }
        return name
    }

    /// The operand for a variable object: a local, or a global.
    mutating func variableOperand(_ o: Object) -> Operand {
        if o.isPackageLevel {
            let name = o.packagePath + "." + o.name
            globals.declare(name, TypeTranslation.irType(o.type))
            return .global(name)
        }
        if let n = names[ObjectIdentifier(o)] { return n.isEmpty ? .blank : .variable(n) }
        // A local first seen here (declared in a statement we lowered as a whole).
        let n = declareLocal(o)
        return n.isEmpty ? .blank : .variable(n)
    }

    // MARK: Functions

    /// Lowers a `func` declaration and its function literals.
    mutating func lowerDeclaration(_ decl: NodeID, name: String, object: Object, signature: GoSema.Signature) -> [Function] {
        guard case .funcDecl(_, _, _, let body) = tree[decl] else { return [] }
        function = Function(name: name, file: file?.index ?? 0, position: position(decl))
        var objects = signature.parameterObjects
        if object.kind == .method, let recv = objects.first, recv.kind == .parameter, signature.receiver != nil {
            objects.removeFirst()
            let n = variableName(recv)
            function.receiver = Variable(n, TypeTranslation.irType(recv.type))
        }
        function.parameters = objects.map { Variable(variableName($0), TypeTranslation.irType($0.type)) }
        function.results = signature.resultObjects.map { Variable(variableName($0), TypeTranslation.irType($0.type)) }
        function.isVariadic = signature.variadic
        if body.isNone || !package.bodiesChecked {
            return [function]
        }
        lowerBody(body)
        var all = finished
        all.insert(function, at: 0)
        return all
    }

    /// Lowers the body of the function being built and finishes it.
    mutating func lowerBody(_ body: NodeID) {
        blocks = []
        currentBlock = newBlock()
        if case .block(let stmts) = tree[body] {
            statements(stmts)
        }
        let end = closingPosition(body)
        let results = function.results.map { Operand.variable($0.name) }
        if blocks[currentBlock].terminator == nil {
            let hasUnnamed = function.results.contains { $0.name.isEmpty }
            blocks[currentBlock].terminator = .return(hasUnnamed ? [] : results)
            blocks[currentBlock].terminatorPosition = end
        }
        Self.keepReachableBlocks(&blocks)
        function.blocks = blocks
    }

    /// Lowers a function literal as a closure of the function being built;
    /// returns the closure's name.
    mutating func lowerClosure(_ literal: NodeID) -> String {
        guard let file, case .funcLit(let typeNode, let body) = tree[literal],
              let signature = file.type(of: typeNode).signature ?? file.type(of: literal).signature else {
            return function.name + ".func?"
        }
        closureCount += 1
        let name = function.parent == nil ? "\(function.name).func\(closureCount)" : "\(function.name).\(closureCount)"
        var inner = FunctionLowerer(package: package, file: file, implementations: implementations, globals: globals)
        inner.cache = cache
        inner.function = Function(name: name, file: file.index, position: position(literal), parent: function.name)
        for o in file.captures[literal] ?? [] {
            // A capture keeps the name its parent gives it.
            let n = variableName(o)
            inner.names[ObjectIdentifier(o)] = n
            if !n.isEmpty { inner.usedNames.insert(n) }
            inner.function.captures.append(Variable(n, TypeTranslation.irType(o.type)))
        }
        inner.function.parameters = signature.parameterObjects.map { Variable(inner.variableName($0), TypeTranslation.irType($0.type)) }
        inner.function.results = signature.resultObjects.map { Variable(inner.variableName($0), TypeTranslation.irType($0.type)) }
        inner.function.isVariadic = signature.variadic
        inner.lowerBody(body)
        globals = inner.globals
        finished.append(inner.function)
        finished.append(contentsOf: inner.finished)
        return name
    }

    /// Lowers package-level variable initializers into one function; nil
    /// when there is nothing worth a function (no calls, no allocations).
    mutating func lowerPackageInitializers(name: String) -> [Function]? {
        var all: [Function] = []
        var anything = false
        function = Function(name: name, file: 0, position: Position(1, 1))
        blocks = []
        currentBlock = newBlock()
        for typed in package.files {
            var fileLowerer = FunctionLowerer(package: package, file: typed, implementations: implementations, globals: globals)
            fileLowerer.cache = cache
            fileLowerer.function = function
            fileLowerer.blocks = blocks
            fileLowerer.currentBlock = currentBlock
            fileLowerer.nextTemp = nextTemp
            fileLowerer.closureCount = closureCount
            fileLowerer.methodValueCount = methodValueCount
            for decl in typed.tree.declarations {
                guard case .genDecl(.kwVar, let specs, _) = typed.tree[decl] else { continue }
                for spec in typed.tree.list(specs) {
                    guard case .valueSpec(let nameList, _, let values, _) = typed.tree[spec], !values.isEmpty else { continue }
                    anything = true
                    fileLowerer.valueSpec(names: nameList, values: values, at: fileLowerer.position(spec))
                }
            }
            function = fileLowerer.function
            blocks = fileLowerer.blocks
            currentBlock = fileLowerer.currentBlock
            nextTemp = fileLowerer.nextTemp
            closureCount = fileLowerer.closureCount
            methodValueCount = fileLowerer.methodValueCount
            globals = fileLowerer.globals
            all.append(contentsOf: fileLowerer.finished)
        }
        guard anything, package.bodiesChecked else { return nil }
        if blocks[currentBlock].terminator == nil {
            blocks[currentBlock].terminator = .return([])
            blocks[currentBlock].terminatorPosition = Position(1, 1)
        }
        Self.keepReachableBlocks(&blocks)
        function.blocks = blocks
        return [function] + all
    }

    /// Keeps the blocks reachable from the entry, renumbered in order.
    ///
    /// In place: a function's blocks are moved down over the unreachable
    /// ones rather than copied into a new array, and a function whose
    /// blocks are all reachable (most) keeps its array as it is.
    static func keepReachableBlocks(_ blocks: inout [Block]) {
        guard !blocks.isEmpty else { return }
        var reachable = Array(repeating: false, count: blocks.count)
        var stack = [0]
        reachable[0] = true
        func visit(_ s: Int) {
            guard s < reachable.count, !reachable[s] else { return }
            reachable[s] = true
            stack.append(s)
        }
        while let b = stack.popLast() {
            switch blocks[b].terminator {
            case .jump(let t)?: visit(t)
            case .branch(_, let t, let e)?:
                visit(t)
                visit(e)
            case .select(let cases, let def)?:
                for c in cases { visit(c.target) }
                if let def { visit(def) }
            case .return?, .panic?, .unreachable?, nil: break
            }
        }
        var renumber = Array(repeating: -1, count: blocks.count)
        var kept = 0
        for i in blocks.indices where reachable[i] {
            renumber[i] = kept
            if kept != i { blocks.swapAt(kept, i) }
            kept += 1
        }
        blocks.removeSubrange(kept...)
        let renumbers = kept != reachable.count
        for i in blocks.indices {
            guard let terminator = blocks[i].terminator else {
                blocks[i].terminator = .unreachable
                continue
            }
            if renumbers { blocks[i].terminator = renumbered(terminator, renumber) }
        }
    }

    private static func renumbered(_ t: Terminator, _ map: [Int]) -> Terminator {
        switch t {
        case .jump(let b): return .jump(map[b])
        case .branch(let c, let a, let b): return .branch(condition: c, then: map[a], else: map[b])
        case .select(let cases, let def):
            return .select(cases.map { var c = $0; c.target = map[c.target]; return c }, default: def.map { map[$0] })
        default: return t
        }
    }
}
