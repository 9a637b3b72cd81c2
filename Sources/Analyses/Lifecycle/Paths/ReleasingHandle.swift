import ConcIR

/// A lock handed to the value a function returns, as a transaction keeps
/// its store locked until it ends:
///
///     func (s *Store) Begin() *Txn { s.mu.Lock(); return &Txn{s: s} }
///     func (t *Txn) Commit()       { ...; t.s.mu.Unlock() }
///
/// The lock on `s.mu` is left held at the return on purpose: the returned
/// handle holds `s` in a field, and a method of its type unlocks the same
/// mutex through that field. A return of `nil` (the failure path) hands
/// nothing over and is still checked.
struct ReleasingHandle {
    let facts: FunctionFacts
    let program: AnalysedProgram
    /// Where the methods read here are recorded.
    let reads: BodyReadLog

    /// Whether returning `operand` hands over the lock held on one of
    /// `locks` (places in this function's terms).
    func handsOver(_ operand: Operand, locks: PlaceSet) -> Bool {
        guard case .place(let handle) = operand else { return false }
        let h = facts.normalize(handle)
        let type = facts.types.type(of: h)
        if let package = BodyReads.package(declaring: type) { reads.reads.methodLists.insert(package) }
        let nodes = program.methods(of: type)
        reads.reads.nodes.formUnion(nodes)
        let methods = nodes.map(program.function)
        guard !methods.isEmpty else { return false }
        for lock in locks {
            // Each split of the lock's place into an owner the handle may
            // hold (`s`, `s.inner`) and the path from it to the mutex.
            for cut in 0..<lock.path.count {
                let owner = Place(lock.root, path: Array(lock.path.prefix(cut)))
                let rest = Array(lock.path.dropFirst(cut))
                for field in fields(of: h, holding: owner)
                where methods.contains(where: { unlocks($0, through: field, rest: rest) }) {
                    return true
                }
            }
        }
        return false
    }

    /// The fields of `handle` this function sets to `owner`: `handle.f =
    /// owner` (a composite literal is lowered so), or a method of the
    /// handle that does so with `owner` as its argument (`t.init(db)`).
    private func fields(of handle: Place, holding owner: Place) -> [String] {
        var out: [String] = []
        for block in facts.function.blocks {
            for inst in block.instructions {
                if inst.op == .assign, let dst = inst.results.first?.place.map(facts.normalize),
                   dst.parent == handle, case .field(let f)? = dst.path.last, inst.operands.first?.place.map(facts.normalize) == owner {
                    out.append(f)
                }
                if inst.op == .call, inst.callee?.hasReceiver == true, inst.operands.first?.place.map(facts.normalize) == handle,
                   let k = inst.operands.dropFirst().firstIndex(where: { $0.place.map(facts.normalize) == owner }) {
                    out += fieldsSet(byMethodCalled: inst, argument: k - 1)
                }
            }
        }
        return out
    }

    /// The receiver fields the method `inst` calls sets to its parameter
    /// `index`.
    private func fieldsSet(byMethodCalled inst: Instruction, argument index: Int) -> [String] {
        let targets = facts.targets(of: inst.callee)
        guard targets.count == 1, let node = program.node(named: targets[0]) else { return [] }
        let method = program.function(node)
        guard let receiver = method.receiver, index >= 0, index < method.parameters.count else { return [] }
        let parameter = Place(.variable(method.parameters[index].name))
        var out: [String] = []
        for block in method.blocks {
            for inst in block.instructions where inst.op == .assign && inst.operands.first?.place == parameter {
                guard let dst = inst.results.first?.place, dst.root == .variable(receiver.name), dst.path.count == 1,
                      case .field(let f) = dst.path[0] else { continue }
                out.append(f)
            }
        }
        return out
    }

    /// Whether `method` unlocks `receiver.field.rest` (now or deferred),
    /// itself or through a method it calls on `receiver.field` that
    /// unlocks `rest` of its own receiver (`tx.db.removeTx(tx)`).
    private func unlocks(_ method: Function, through field: String, rest: [Selector]) -> Bool {
        guard let receiver = method.receiver else { return false }
        let owner = Place(.variable(receiver.name), path: [.field(field)])
        if unlocks(method, Place(owner.root, path: owner.path + rest)) { return true }
        for block in method.blocks {
            for inst in block.instructions where inst.op == .call && inst.callee?.hasReceiver == true && inst.operands.first?.place == owner {
                let targets = facts.targets(of: inst.callee)
                guard targets.count == 1, let node = program.node(named: targets[0]),
                      let r = program.function(node).receiver else { continue }
                reads.reads.nodes.insert(node)
                if unlocks(program.function(node), Place(.variable(r.name), path: rest)) { return true }
            }
        }
        return false
    }

    private func unlocks(_ function: Function, _ mutex: Place) -> Bool {
        function.blocks.contains { block in
            block.instructions.contains { inst in
                (inst.op == .mutexUnlock || inst.op == .mutexRUnlock) && inst.operands.first?.place == mutex
            }
        }
    }
}
