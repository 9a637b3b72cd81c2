import ConcIR

/// When a derived context is over without its cancel func: the runtime
/// cancels it some other way, and a cancelled context is detached from its
/// parent and its timer stopped, which is all its cancel func would do.
///
/// - A receive from its Done channel returned: the context is cancelled
///   (by its deadline, its parent or another goroutine). `c, _ :=
///   context.WithTimeout(bg, d); <-c.Done()` waits the timeout out and
///   leaves nothing behind; a `select` that leaves on another case still
///   holds it on that path.
/// - It is derived from a context whose cancel func this block already
///   called: WithCancel of a cancelled parent cancels the child before
///   returning it (as a deadline already past does, see `ExpiredDeadline`).
enum ContextLifetime {
    /// The operations that derive a cancellable context: result 0 is the
    /// context, result 1 its cancel func.
    static let derivations: Set<Opcode> = [.ctxWithCancel, .ctxWithCancelCause, .ctxWithTimeout, .ctxWithDeadline]

    /// The context a derivation makes, when the call keeps it.
    static func derivedContext(by inst: Instruction) -> Place? {
        guard derivations.contains(inst.op) else { return nil }
        return inst.results.first?.place
    }

    /// The places that only ever hold the Done channel of one context
    /// place (`%1 = ctx.done c`, and a variable it is copied to: `done :=
    /// c.Done()`), with that context. A place also written otherwise, or
    /// with two contexts' channels, is left out.
    static func doneChannels(of function: Function, normalize: (Place) -> Place) -> [Place: Place] {
        let direct = owners(in: function, normalize: normalize) { inst in
            inst.op == .ctxDone ? inst.operands.first?.place.map(normalize) : nil
        }
        return owners(in: function, normalize: normalize) { inst in
            if inst.op == .ctxDone { return inst.operands.first?.place.map(normalize) }
            if inst.op == .assign, let source = inst.operands.first?.place.map(normalize) { return direct[source] }
            return nil
        }
    }

    /// Each place every write of which `ownerOf` maps to one same place (a
    /// context for its Done channel, a timer for its `C`). A write of nil
    /// does not count: a receive from a nil channel never completes, so
    /// one that did read the owner's channel (`var timeout <-chan
    /// time.Time` before `timeout = timer.C` under a deadline).
    static func owners(in function: Function, normalize: (Place) -> Place,
                       ownerOf: (Instruction) -> Place?) -> [Place: Place] {
        var owner: [Place: Place] = [:]
        var mixed = Set<Place>()
        for block in function.blocks {
            for inst in block.instructions {
                if inst.op == .assign, case .nil? = inst.operands.first { continue }
                let written = ownerOf(inst)
                for result in inst.results {
                    guard let place = result.place.map(normalize), !mixed.contains(place) else { continue }
                    guard let written, owner[place] == nil || owner[place] == written else {
                        owner[place] = nil
                        mixed.insert(place)
                        continue
                    }
                    owner[place] = written
                }
            }
        }
        return owner
    }

    /// Whether `inst` (at `index` of `block`) derives from a parent whose
    /// cancel func was called earlier in the block: `parent, cancel :=
    /// context.WithCancel(bg); cancel(); child, _ := context.WithCancel(parent)`,
    /// with neither variable written in between.
    static func hasCancelledParent(_ inst: Instruction, at index: Int, in block: Block) -> Bool {
        guard derivations.contains(inst.op), let parent = inst.operands.first?.place else { return false }
        let before = block.instructions[..<index]
        guard let made = before.lastIndex(where: { $0.results.contains { $0.place == parent } }),
              derivations.contains(block.instructions[made].op), block.instructions[made].results.count >= 2,
              let cancel = block.instructions[made].results[1].place else { return false }
        let between = block.instructions[(made + 1)..<index]
        guard !between.contains(where: { $0.results.contains { $0.place == cancel || $0.place == parent } }) else { return false }
        return between.contains { $0.mode == .now && $0.invokedPlace == cancel }
    }

    /// How a context a resource is bound to gets cancelled in the
    /// function that acquires the resource.
    struct Binding {
        /// The cancel func of the context.
        var cancel: Place
        /// A `defer cancel()` registered on every path to the acquisition:
        /// the context ends, and the resource with it, when the function returns.
        var deferredBefore: Bool
    }

    /// The cancel func of `context` when the function derives it once,
    /// before the acquisition at (`block`, `index`) on every path to it
    /// (`ctx, cancel := context.WithTimeout(ctx, d)` then
    /// `db.QueryContext(ctx, q)`), and neither is written elsewhere.
    static func binding(of context: Place, acquiredAt block: Int, index: Int, in facts: FunctionFacts) -> Binding? {
        let function = facts.function
        let context = facts.normalize(context)
        var derivation: (block: Int, index: Int, cancel: Place)?
        var writes: [Place: Int] = [:]
        for (b, candidate) in function.blocks.enumerated() {
            for (i, inst) in candidate.instructions.enumerated() {
                for case .place(let p) in inst.results { writes[facts.normalize(p), default: 0] += 1 }
                guard derivations.contains(inst.op), inst.results.count >= 2,
                      inst.results[0].place.map(facts.normalize) == context,
                      let cancel = inst.results[1].place.map(facts.normalize) else { continue }
                derivation = (b, i, cancel)
            }
        }
        guard let derivation, writes[context] == 1, writes[derivation.cancel] == 1,
              precedes((derivation.block, derivation.index), (block, index), facts.cfg) else { return nil }
        var deferred = false
        for (b, candidate) in function.blocks.enumerated() {
            for (i, inst) in candidate.instructions.enumerated() where inst.mode == .defer {
                guard inst.invokedPlace.map(facts.normalize) == derivation.cancel,
                      precedes((b, i), (block, index), facts.cfg) else { continue }
                deferred = true
            }
        }
        return Binding(cancel: derivation.cancel, deferredBefore: deferred)
    }

    /// Whether the instruction at `a` runs before the one at `b` on every path to `b`.
    private static func precedes(_ a: (block: Int, index: Int), _ b: (block: Int, index: Int), _ cfg: ControlFlowGraph) -> Bool {
        a.block == b.block ? a.index < b.index : cfg.dominates(a.block, b.block)
    }
}
