import ConcIR

/// Whether the value an atomic Load returned can still be in the operand a
/// later Store writes, following the paths of the function from the Load
/// (a may analysis over the control flow: a variable overwritten on every
/// path in between no longer holds it).
///
/// `AtomicLoadModifyStore.mayDerive` answers the same question without
/// order, so a loop that stores a fresh value and then re-loads into the
/// same variable (`x := pick(); v.Store(x); x = v.Load()`) looks like a
/// load-modify-store to it. Here the variable is followed forward: a copy
/// of a holder holds the value, a whole assignment of anything else
/// replaces it. What the IR does not show is assumed to carry it: `?` (an
/// expression whose operands the IR drops), a variable a closure of the
/// function captures (the closure may assign it), a slice or array written
/// as a whole (`copy` into it is not in the IR), and, once a holder was
/// passed to a call, the call results and any
/// memory the callee could reach (slices, globals, fields, variables whose
/// address was taken).
struct LoadedValueFlow {
    private let function: Function
    private let successors: [[Int]]
    private let captured: Set<String>
    private let isAggregate: (Place.Root) -> Bool
    private let addressTaken: Set<Place.Root>

    init(function: Function, successors: [[Int]], captured: Set<String>, isAggregate: @escaping (Place.Root) -> Bool) {
        self.function = function
        self.successors = successors
        self.captured = captured
        self.isAggregate = isAggregate
        var taken = Set<Place.Root>()
        for block in function.blocks {
            for inst in block.instructions where inst.op == .addr {
                if let p = inst.operands.first?.place { taken.insert(p.root) }
            }
        }
        addressTaken = taken
    }

    /// What is known on a path: the roots that may hold the loaded value,
    /// and whether it was passed to a call (which may hand it back).
    private struct State: Equatable {
        var holders: Set<Place.Root> = []
        var passedToCall = false
        /// A slice or array holds it: `copy` (not in the IR) may have put
        /// it in any other.
        var aggregateHolds = false

        mutating func formUnion(_ other: State) {
            holders.formUnion(other.holders)
            passedToCall = passedToCall || other.passedToCall
            aggregateHolds = aggregateHolds || other.aggregateHolds
        }
    }

    /// Whether some path from the instruction at `load` reaches the one at
    /// `store` with `value` (an operand of the store) holding what the load
    /// returned.
    func reaches(from load: InstructionSite, to store: InstructionSite, value: Operand) -> Bool {
        var entry = [State?](repeating: nil, count: function.blocks.count)
        var work: [(block: Int, start: Int, state: State)] = [(load.block, load.index, State())]
        while let (b, start, incoming) = work.popLast() {
            var state = incoming
            let instructions = function.blocks[b].instructions
            var i = start
            while i < instructions.count {
                let site = InstructionSite(block: b, index: i)
                let inst = instructions[i]
                if site == store, carries(value, state) { return true }
                if site == load {
                    state.holders.formUnion(inst.results.compactMap { $0.place.flatMap { $0.path.isEmpty ? $0.root : nil } })
                } else {
                    apply(inst, to: &state)
                }
                i += 1
            }
            for s in successors[b] where s < entry.count {
                var merged = entry[s] ?? State()
                let before = entry[s]
                merged.formUnion(state)
                if merged != before {
                    entry[s] = merged
                    work.append((s, 0, merged))
                }
            }
        }
        return false
    }

    /// Whether `operand` may hold the loaded value in `state`.
    private func carries(_ operand: Operand, _ state: State) -> Bool {
        switch operand {
        case .unknown:
            return !state.holders.isEmpty
        case .place(let p):
            if state.holders.contains(p.root) || (state.aggregateHolds && isAggregate(p.root)) { return true }
            // A callee given the value may have stored it in memory it can
            // reach: a slice, a global, a field, a variable whose address was taken.
            if state.passedToCall {
                if case .global = p.root { return true }
                if !p.path.isEmpty || isAggregate(p.root) || addressTaken.contains(p.root) { return true }
            }
            if case .variable(let name) = p.root, captured.contains(name) { return !state.holders.isEmpty }
            return false
        default:
            return false
        }
    }

    private func apply(_ inst: Instruction, to state: inout State) {
        let isCall = inst.op == .call || inst.op == .cgoCall
        // `?` is a computed value (arithmetic, a comparison, len): it may be
        // computed from the loaded one, but a callee given it cannot keep the
        // loaded value itself.
        let passed = inst.operands.contains { $0 != .unknown && carries($0, state) }
        var carried = passed || inst.operands.contains { $0 == .unknown && carries($0, state) }
        if case .dynamic(let v, _)? = inst.callee, carries(v, state) { carried = true }
        if isCall || inst.mode != .now {
            if passed { state.passedToCall = true }
            carried = carried || (isCall && state.passedToCall)
        }
        // Another atomic's Load returns what that atomic holds.
        if inst.op == .atomicLoad || inst.op == .atomicValueLoad { carried = false }
        for r in inst.results {
            guard let p = r.place else { continue }
            if carried || (p.path.isEmpty && isAggregate(p.root) && !state.holders.isEmpty) {
                // A whole slice written while the value is about may hold it
                // (what `copy` put in its elements is not in the IR).
                state.holders.insert(p.root)
                if isAggregate(p.root) { state.aggregateHolds = true }
            } else if p.path.isEmpty {
                state.holders.remove(p.root)
            }
        }
    }
}
