import ConcIR

/// Where a function's variables and temporaries live in a frame, and the
/// control-flow facts the interpreter asks about at every step.
///
/// A class, not a struct: the machine fetches a layout for every frame it
/// makes and every step it takes, and copying a struct of a dozen arrays and
/// dictionaries cost a retain and release of each (a third of a lint's time
/// in a profile); a layout never changes once made, so sharing it is safe.
public final class FunctionLayout {
    /// Variable slots in `Function.variables` order.
    public let variableSlots: [String: Int]
    public let variableTypes: [GoType]
    /// Slots whose variable lives in a heap cell: captured variables, and
    /// variables captured by a closure of this function or whose address is taken.
    public let isCell: [Bool]
    /// The slots of the captured variables, in `Function.captures` order.
    public let captureSlots: [Int]
    /// Receiver (if any) then parameters.
    public let parameterSlots: [Int]
    public let resultSlots: [Int]
    /// Dense indices of the temporaries `%n`.
    public let tempSlots: [UInt32: Int]
    public let cfg: ControlFlowGraph
    /// Edges `from -> to` that close a cycle (back edges and irreducible retreating edges).
    private let retreatingEdges: Set<Int64>
    /// The natural loop of each loop header.
    public let loopByHeader: [Int: NaturalLoop]
    /// Whether some return or panic is reachable from the entry.
    public let canFinish: Bool
    /// Per loop header, the cell slots whose variable the loop writes: a
    /// variable declared in a loop body is a new variable at each iteration
    /// (and so are Go 1.22 loop variables), so closures of one iteration
    /// must not see the next iteration's value.
    public let cellsRenewedByHeader: [Int: [Int]]
    public let types: FunctionTypes
    public let liveness: Liveness
    /// The blocks that branch on an atomic read-modify-write's result (`AtomicTickets`).
    public let ticketBranches: Set<Int>

    /// `cfg` and `types`, when given, are the function's graph and types
    /// (the run's shared ones); else they are built here.
    init(function f: Function, capturedByClosures: Set<String>, environment: TypeEnvironment,
         cfg sharedCFG: ControlFlowGraph? = nil, types sharedTypes: FunctionTypes? = nil, closureCaptures: (String) -> [String]) {
        let variables = f.variables
        var slots: [String: Int] = [:]
        for (i, v) in variables.enumerated() where slots[v.name] == nil { slots[v.name] = i }
        variableSlots = slots
        variableTypes = variables.map(\.type)
        let captures = Set(f.captures.map(\.name))
        var addressed = Set<String>()
        for block in f.blocks {
            for inst in block.instructions where inst.op == .addr {
                if case .place(let p)? = inst.operands.first, p.path.isEmpty, case .variable(let v) = p.root { addressed.insert(v) }
            }
        }
        let cells = variables.map { captures.contains($0.name) || capturedByClosures.contains($0.name) || addressed.contains($0.name) }
        isCell = cells
        captureSlots = f.captures.compactMap { slots[$0.name] }
        var params: [Int] = []
        if let r = f.receiver, !r.name.isEmpty, let s = slots[r.name] { params.append(s) } else if f.receiver != nil { params.append(-1) }
        for p in f.parameters { params.append(p.name.isEmpty ? -1 : (slots[p.name] ?? -1)) }
        parameterSlots = params
        resultSlots = f.results.compactMap { $0.name.isEmpty ? nil : slots[$0.name] }

        var temps: [UInt32: Int] = [:]
        func noteTemp(_ o: Operand) {
            if case .place(let p) = o, case .temp(let n) = p.root, temps[n] == nil { temps[n] = temps.count }
        }
        for block in f.blocks {
            for inst in block.instructions {
                inst.results.forEach(noteTemp)
                inst.operands.forEach(noteTemp)
                if case .dynamic(let v, _)? = inst.callee { noteTemp(v) }
            }
            if case .select(let cases, _)? = block.terminator {
                for c in cases {
                    if case .recv(_, let rs) = c.communication { rs.forEach(noteTemp) }
                }
            }
        }
        tempSlots = temps

        let cfg = sharedCFG ?? ControlFlowGraph(f)
        self.cfg = cfg
        var retreating = Set<Int64>()
        for e in cfg.backEdges + cfg.irreducibleEdges { retreating.insert(Int64(e.from) << 32 | Int64(e.to)) }
        retreatingEdges = retreating
        var loops: [Int: NaturalLoop] = [:]
        for l in cfg.loops { loops[l.header] = l }
        loopByHeader = loops
        canFinish = !cfg.exitBlocks.isEmpty
        var renewed: [Int: [Int]] = [:]
        for l in cfg.loops {
            var written = Set<Int>()
            for b in l.blocks where b < f.blocks.count {
                for inst in f.blocks[b].instructions {
                    for r in inst.results {
                        if case .place(let p) = r, p.path.isEmpty, case .variable(let v) = p.root, let s = slots[v], cells[s] {
                            written.insert(s)
                        }
                    }
                }
                if case .select(let cases, _)? = f.blocks[b].terminator {
                    for c in cases {
                        guard case .recv(_, let rs) = c.communication else { continue }
                        for r in rs {
                            if case .place(let p) = r, p.path.isEmpty, case .variable(let v) = p.root, let s = slots[v], cells[s] {
                                written.insert(s)
                            }
                        }
                    }
                }
            }
            // Captured variables of a closure belong to its parent's frame: not renewed here.
            let own = written.subtracting(f.captures.compactMap { slots[$0.name] })
            if !own.isEmpty { renewed[l.header] = own.sorted() }
        }
        cellsRenewedByHeader = renewed
        types = sharedTypes ?? FunctionTypes(function: f, environment: environment)
        ticketBranches = AtomicTickets.branchBlocks(of: f)
        liveness = Liveness(function: f, variableSlots: slots, tempSlots: temps, closureCaptures: closureCaptures, isCell: cells)
    }

    /// Whether the edge closes a cycle: the interpreter pauses there, so that
    /// a loop that changes nothing leads back to a state already seen.
    public func isRetreating(from: Int, to: Int) -> Bool {
        retreatingEdges.contains(Int64(from) << 32 | Int64(to))
    }

    /// The static type of an operand in this function.
    public func type(of operand: Operand) -> GoType { types.type(of: operand) }
}
