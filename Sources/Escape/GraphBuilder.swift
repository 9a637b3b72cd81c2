import GoSema
import GoSyntax

/// Builds the location graph of one batch from the typed syntax, the way
/// the Go compiler's escape analysis walks its IR: each expression is
/// evaluated into a hole (where its value flows, with a dereference
/// count), and the conversions, address-of and dereferences that the
/// compiler inserts implicitly (interface conversions, `&x` for pointer
/// methods, `...` slices of variadic calls) are modelled where they occur.
final class GraphBuilder {
    var graph = BatchGraph()
    var units: [FunctionUnit] = []
    /// Units of the batch by their node, per file (closures included once met).
    var unitIndex: [UnitKey: Int] = [:]
    var variables: [ObjectIdentifier: Int] = [:]
    /// Units of the batch's declared functions, by their object.
    var objectUnits: [ObjectIdentifier: Int] = [:]
    /// Closures met, with the hole their value flows to (unit -1 for a
    /// go/defer wrapper, whose captures are in `wrapperCaptures`).
    var closures: [(hole: Hole, unit: Int)] = []
    var wrapperCaptures: [Int: [Int]] = [:]
    /// Messages printed while walking (ignored self-assignments, inlined calls).
    var notes: [BatchNote] = []
    /// Calls being analysed as inlined bodies.
    var inline = InlineState()
    /// The import path of the package analysed (for the names of inlined callees).
    var packagePath = ""
    /// Tags of functions outside the batch.
    let tags: TagStore
    let options: EscapeOptions
    /// Facts about the variables of the batch's bodies (definitions, reassignments).
    var facts = VariableFacts()

    // The function being walked.
    var unit = 0
    var loopDepth = 1
    var labels: [String: Bool] = [:]
    var file: TypedFile
    var tree: SyntaxTree
    var fileIndex = 0
    /// Set when the batch met something it does not model; its decisions are then unknown.
    var unknown = false
    /// Number of nodes visited, to bound huge functions.
    var work = 0

    struct UnitKey: Hashable {
        var file: ObjectIdentifier
        var node: NodeID
    }

    init(tags: TagStore, options: EscapeOptions, file: TypedFile) {
        self.tags = tags
        self.options = options
        self.file = file
        self.tree = file.tree
    }

    func switchTo(_ u: Int) {
        unit = u
        file = units[u].file
        tree = file.tree
        fileIndex = file.index
        loopDepth = 1
        labels = [:]
    }

    // MARK: Locations

    func newLocation(_ kind: LocationKind, offset: UInt32, text: String) -> Int {
        let l = graph.newLocation(kind, function: unit, loopDepth: loopDepth, file: fileIndex, offset: inline.site ?? offset, text: text)
        graph.locations[l].source = file
        return l
    }

    func location(of object: Object) -> Int? { variables[ObjectIdentifier(object)] }

    /// A variable's location, created on first sight (locals of code the
    /// pre-pass did not see, such as a variable of a type switch guard).
    func variableLocation(_ object: Object) -> Int {
        if let l = inline.variables[ObjectIdentifier(object)] { return l }
        if isInlinedLocal(object) {
            let l = newLocation(.variable(object), offset: 0, text: object.name)
            inline.variables[ObjectIdentifier(object)] = l
            return l
        }
        if let l = variables[ObjectIdentifier(object)] { return l }
        let offset = object.declaration.map { tree.start($0.node) } ?? 0
        let l = newLocation(.variable(object), offset: offset, text: object.name)
        variables[ObjectIdentifier(object)] = l
        return l
    }

    func hole(_ l: Int) -> Hole { Hole(destination: l, derefs: 0) }
    var heapHole: Hole { graph.heapHole }
    var discardHole: Hole { graph.discardHole }

    func note(_ k: Hole, _ why: FlowReason, _ node: NodeID) -> Hole {
        guard options.explain else { return k }
        return k.noted(why, fileIndex, compilerPosition(node))
    }

    func flow(_ k: Hole, _ source: Int) { graph.flow(k, source) }

    /// A new allocation for `node`; its address flows to `k`. Returns the
    /// hole that fills the allocation.
    @discardableResult
    func spill(_ k: Hole, _ node: NodeID, _ shape: AllocationShape, offset: UInt32? = nil, text: String? = nil) -> Hole {
        let l = newLocation(.allocation(node, shape), offset: offset ?? compilerPosition(node),
                            text: text ?? ExpressionPrinter(file: file, packagePath: packagePath).allocationText(node, shape))
        flow(note(k.address(), .spill, node), l)
        return hole(l)
    }

    /// A hole that forwards to several.
    func tee(_ ks: [Hole]) -> Hole {
        if ks.isEmpty { return discardHole }
        if ks.count == 1 { return ks[0] }
        let l = newLocation(.temporary, offset: 0, text: "{temp}")
        for k in ks { flow(k, l) }
        return hole(l)
    }

    /// A location that lives until its hole is used later (top-level defer arguments).
    func later(_ k: Hole) -> Hole {
        let l = newLocation(.temporary, offset: 0, text: "{temp}")
        flow(k, l)
        return hole(l)
    }

    func temporary() -> Int { newLocation(.temporary, offset: 0, text: "{temp}") }

    // MARK: Positions

    /// The offset the compiler reports for a node: the operator of a
    /// binary expression, the `(` of a call, the `.` of a selector, the
    /// `{` of a composite literal, the start otherwise.
    func compilerPosition(_ n: NodeID) -> UInt32 {
        switch tree[n] {
        case .binary(_, _, _, let op): return op
        case .call(_, _, _, let lparen): return lparen
        case .selector(_, _, let dot): return dot
        case .compositeLit(let type, _, let lbrace): return type.isNone ? tree.start(n) : lbrace
        case .index(_, _, let lbrack): return lbrack
        case .slice(_, _, _, _, _, let lbrack): return lbrack
        case .typeAssert(_, _, let dot): return dot
        case .keyValue(_, _, let colon): return colon
        case .paren(let x): return compilerPosition(x)
        default: return tree.start(n)
        }
    }
}

/// Which variables of a batch are defined once and never reassigned, and
/// by what: the compiler's `ir.StaticValue` follows those to find the
/// function a call through a local variable really calls.
struct VariableFacts {
    var definitions: [ObjectIdentifier: NodeID] = [:]
    var reassigned = Set<ObjectIdentifier>()
}
