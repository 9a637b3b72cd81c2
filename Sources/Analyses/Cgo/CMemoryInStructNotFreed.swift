import ConcIR
import Findings

/// CG1004: C memory stored in a field of a Go struct that nothing frees.
/// Handing C memory to a struct is how wrappers keep it for as long as
/// their handle lives (CG1001 counts the store as handing it over); then
/// some method (`Close`, `Free`) or a finalizer must free that field. When
/// no function of the analysed code frees the field of that struct type,
/// every handle leaks its C memory: the garbage collector frees the struct
/// and never the C memory it points to.
struct CMemoryInStructNotFreed {
    static let id = "CG1004"
    var ruleID: String { Self.id }

    /// A struct type's field.
    struct Field: Hashable, Codable {
        var type: String
        var name: String
    }

    /// Fresh C memory stored into a field.
    struct Store: Codable {
        var position: Position
        var allocator: String
        var field: Field
    }

    /// One function's stores of C memory into fields, and the fields whose
    /// memory it frees: the check joins them over the program.
    struct Facts: Codable {
        var stores: [Store] = []
        var freed: [Field] = []
    }

    func facts(at node: Int, _ program: CgoProgram) -> Facts? {
        let memory = program.cMemory
        let function = program.index.function(node)
        guard function.hasBody, program.callNames.calls(node, where: {
            memory.allocators.contains($0) || $0 == CMemoryFacts.free || memory.freedOperands[$0] != nil
        }), touchesCMemory(function, memory) else { return nil }
        let facts = program.facts(node)
        let found = Facts(stores: stores(facts: facts, memory: memory, program: program),
                          freed: freedFields(in: facts, memory: memory, program: program).sorted { ($0.type, $0.name) < ($1.type, $1.name) })
        return found.stores.isEmpty && found.freed.isEmpty ? nil : found
    }

    /// A finding per field C memory is stored into and no function frees,
    /// at its first store; `facts` in node order.
    func join(_ facts: [(node: Int, facts: Facts)], _ program: CgoProgram) -> [Finding] {
        let freed = Set(facts.flatMap(\.facts.freed))
        var reported = Set<Field>()
        return facts.flatMap { node, facts in
            facts.stores.compactMap { store -> Finding? in
                guard !freed.contains(store.field), reported.insert(store.field).inserted else { return nil }
                let type = ShortName.of(store.field.type)
                let message = "C memory from \(store.allocator) is kept in \(type).\(store.field.name), but no method or finalizer "
                    + "of \(type) frees it: each \(type) leaks it when it is garbage collected"
                return program.finding(Self.id, node: node, at: store.position, message)
            }
        }
    }

    /// Whether the function calls anything that allocates or frees C memory.
    private func touchesCMemory(_ function: Function, _ memory: CMemoryFacts) -> Bool {
        function.blocks.contains { block in
            block.instructions.contains { inst in
                guard inst.op == .call || inst.op == .cgoCall, let callee = inst.callee else { return false }
                return callee.possibleTargets.contains {
                    memory.allocators.contains($0) || $0 == CMemoryFacts.free || memory.freedOperands[$0] != nil
                }
            }
        }
    }

    /// Fresh C memory written into a field of a named struct (through copies).
    private func stores(facts: FunctionFacts, memory: CMemoryFacts, program: CgoProgram) -> [Store] {
        var fresh: [Place: String] = [:]
        var out: [Store] = []
        for block in facts.function.blocks {
            for inst in block.instructions {
                if memory.allocates(inst, facts: facts), let r = inst.results.first?.place.map(facts.normalize) {
                    fresh[r] = facts.targets(of: inst.callee).first.map(CNames.short) ?? "C"
                    continue
                }
                guard inst.op == .assign, let src = inst.operands.first?.place.map(facts.normalize), let allocator = fresh[src],
                      let dst = inst.results.first?.place.map(facts.normalize) else { continue }
                if let field = field(of: dst, facts: facts, program: program) {
                    out.append(Store(position: inst.position, allocator: allocator, field: field))
                } else if dst.path.isEmpty {
                    fresh[dst] = allocator
                }
            }
        }
        return out
    }

    /// The fields whose memory this function frees: `C.free(s.buf)`, a
    /// wrapper that frees `s.buf`, or a local copy of `s.buf` freed.
    private func freedFields(in facts: FunctionFacts, memory: CMemoryFacts, program: CgoProgram) -> Set<Field> {
        var copies: [Place: Field] = [:]
        var out = Set<Field>()
        for block in facts.function.blocks {
            for inst in block.instructions {
                for p in memory.freedPlaces(by: inst, facts: facts) {
                    if let f = field(of: p, facts: facts, program: program) ?? copies[p] { out.insert(f) }
                }
                if inst.op == .assign, let src = inst.operands.first?.place.map(facts.normalize),
                   let dst = inst.results.first?.place.map(facts.normalize), dst.path.isEmpty,
                   let f = field(of: src, facts: facts, program: program) {
                    copies[dst] = f
                }
            }
        }
        return out
    }

    /// `x.f` where x is a named struct type of the analysed code (or a pointer to one).
    private func field(of place: Place, facts: FunctionFacts, program: CgoProgram) -> Field? {
        guard case .field(let name)? = place.path.last, let owner = place.parent else { return nil }
        var type = facts.types.type(of: owner)
        if case .pointer(let p) = type { type = p }
        guard case .named(let typeName, _) = type, case .structure = program.index.types.underlying(type) else { return nil }
        return Field(type: typeName, name: name)
    }
}
