import ConcIR

/// Who frees and who allocates C memory, function by function, bottom-up
/// over the call graph: `C.free`, and wrappers (Go functions or preamble C
/// functions) that free a parameter on every path; `C.malloc`, `C.CString`
/// and the other allocators CG1004 lists, and wrappers that return what one
/// of them allocated on every path.
struct CMemoryFacts {
    /// The function that releases C memory.
    static let free = "C.free"
    /// Allocators when no enabled rule lists them.
    static let defaultAllocators: Set<String> = ["C.CString", "C.CBytes", "C.malloc", "C.calloc", "C.realloc", "C.strdup", "C.strndup"]

    /// For each function (by name), the operands (receiver first) it frees on every path.
    private(set) var freedOperands: [String: Set<Int>] = [:]
    /// Functions that return fresh C memory as their first result on every path.
    private(set) var allocators: Set<String>

    init(program: CgoProgram) {
        let listed = program.listedCalls(CMemoryInStructNotFreed.id)
        allocators = listed.isEmpty ? Self.defaultAllocators : listed
        let index = program.index
        for component in program.components {
            for node in component where index.function(node).hasBody {
                // Only a call of `C.free`, a freeing wrapper or an allocator
                // can free an operand or return fresh memory: most functions
                // call none, and need no facts.
                guard callsMemoryFunction(node, program) else { continue }
                let facts = program.facts(node)
                let name = facts.function.name
                let freed = freedOnEveryPath(facts)
                if !freed.isEmpty { freedOperands[name] = freed }
                if returnsFreshMemory(facts) { allocators.insert(name) }
            }
        }
    }

    /// Whether a call of the function may enter `C.free`, a function that
    /// frees an operand or an allocator known so far: any function its
    /// calls name (`FunctionFacts.targets` takes its names from the same
    /// two places: the callee, and function references assigned to a
    /// variable called through).
    private func callsMemoryFunction(_ node: Int, _ program: CgoProgram) -> Bool {
        func matters(_ name: String) -> Bool {
            name == Self.free || freedOperands[name] != nil || allocators.contains(name)
        }
        return program.callNames.calls(node, where: matters) || program.callNames.assigns(node, where: matters)
    }

    /// The operands an instruction frees: `C.free(p)`, or a call of a
    /// function that frees that operand.
    func freedPlaces(by inst: Instruction, facts: FunctionFacts) -> [Place] {
        guard inst.op == .call || inst.op == .cgoCall, let callee = inst.callee else { return [] }
        let targets = facts.targets(of: callee)
        guard let first = targets.first else { return [] }
        var indices: Set<Int>
        if first == Self.free {
            indices = [0]
        } else {
            indices = freedOperands[first] ?? []
        }
        for t in targets.dropFirst() { indices.formIntersection(t == Self.free ? [0] : freedOperands[t] ?? []) }
        return indices.sorted().compactMap { $0 < inst.operands.count ? inst.operands[$0].place.map(facts.normalize) : nil }
    }

    /// Whether the instruction returns fresh C memory in its first result.
    func allocates(_ inst: Instruction, facts: FunctionFacts) -> Bool {
        guard inst.op == .call || inst.op == .cgoCall, inst.mode == .now, !inst.results.isEmpty else { return false }
        let targets = facts.targets(of: inst.callee)
        return !targets.isEmpty && targets.allSatisfy(allocators.contains)
    }

    /// Operand indices freed on every path from entry to a return (a must
    /// analysis: a parameter counts only when every path freed it).
    private func freedOnEveryPath(_ facts: FunctionFacts) -> Set<Int> {
        let function = facts.function
        var operandOf: [Place: Int] = [:]
        var k = 0
        if let r = function.receiver {
            if !r.name.isEmpty { operandOf[Place(.variable(r.name))] = 0 }
            k = 1
        }
        for (i, p) in function.parameters.enumerated() where !p.name.isEmpty { operandOf[Place(.variable(p.name))] = i + k }
        guard !operandOf.isEmpty else { return [] }
        let all = Set(operandOf.values)
        let blocks = function.blocks
        let entry = ForwardDataflow.solve(cfg: facts.cfg, entry: Set<Int>(), join: { $0.intersection($1) }) { b, state in
            var freed = state
            for inst in blocks[b].instructions {
                for p in freedPlaces(by: inst, facts: facts) { if let i = operandOf[p] { freed.insert(i) } }
            }
            return facts.cfg.successors[b].map { ($0, freed) }
        }
        var result = all
        var sawReturn = false
        for (b, block) in blocks.enumerated() {
            guard case .return? = block.terminator, var freed = entry[b] else { continue }
            for inst in block.instructions {
                for p in freedPlaces(by: inst, facts: facts) { if let i = operandOf[p] { freed.insert(i) } }
            }
            result.formIntersection(freed)
            sawReturn = true
        }
        return sawReturn ? result : []
    }

    /// Whether every `return` returns, as the first result, a value an
    /// allocator made in this function (followed through assignments).
    private func returnsFreshMemory(_ facts: FunctionFacts) -> Bool {
        let function = facts.function
        guard !function.results.isEmpty else { return false }
        var fresh = Set<Place>()
        var other = Set<Place>()
        for block in function.blocks {
            for inst in block.instructions {
                guard let r = inst.results.first?.place.map(facts.normalize) else { continue }
                if allocates(inst, facts: facts) {
                    fresh.insert(r)
                } else if inst.op == .assign, let src = inst.operands.first?.place.map(facts.normalize), fresh.contains(src) {
                    fresh.insert(r)
                } else {
                    other.insert(r)
                }
            }
        }
        var sawReturn = false
        for block in function.blocks {
            guard case .return(let values)? = block.terminator else { continue }
            var first = values.first
            if first == nil, let named = function.results.first, !named.name.isEmpty { first = .variable(named.name) }
            guard let place = first?.place.map(facts.normalize), fresh.contains(place), !other.contains(place) else { return false }
            sawReturn = true
        }
        return sawReturn
    }
}
