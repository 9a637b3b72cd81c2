import ConcIR
import Findings

/// What happens to C memory after `C.free` (or a wrapper that frees it) on
/// some path of the same function: it is freed again, or used. Computed
/// once per function for CG1002 and CG1003.
///
/// The freed pointer is followed through copies (`q := p`); writing a new
/// value over every copy ends the search (`p = nil`, `p = C.CString(s)`).
/// A deferred `C.free(p)` registered earlier frees p again at the return,
/// so an explicit free after it is a double free; uses after a deferred
/// free are fine, since it runs last. Second frees and uses are searched
/// apart, so that a path with both (a free in a loop: the next iteration
/// uses the pointer, then frees it again) reports each.
struct FreedPointerEvent {
    enum Kind: Hashable { case freedTwice, usedAfterFree }

    var kind: Kind
    var node: Int
    /// The first free (or deferred free) and where the second free or the use is.
    var freeSite: InstructionSite
    var site: InstructionSite
    var freeIsDeferred: Bool
    /// The freed pointer as Go spells it, when it has one spelling.
    var variable: String?
    var blocks: [Int]
}

enum FreedPointerSearch {
    /// The second frees and uses after a free in function `node`.
    static func events(at node: Int, _ program: CgoProgram) -> [FreedPointerEvent] {
        var out: [FreedPointerEvent] = []
        let memory = program.cMemory
        let function = program.index.function(node)
        guard function.hasBody, program.callNames.calls(node, where: { $0 == CMemoryFacts.free || memory.freedOperands[$0] != nil }),
              mentionsFree(function, memory) else { return [] }
        let facts = program.facts(node)
        var reported = Set<ReportedSite>()
        for (b, block) in function.blocks.enumerated() {
            for (i, inst) in block.instructions.enumerated() where inst.mode != .go {
                // `C.free(ptrs[i])`: the IR has one place for every
                // element, so a loop freeing each would look like one
                // pointer freed again. Elements are not followed.
                for place in memory.freedPlaces(by: inst, facts: facts) where !place.path.contains(.element) {
                    let start = InstructionSite(block: b, index: i)
                    // Nothing runs after a deferred free, so nothing uses it after.
                    let kinds: [FreedPointerEvent.Kind] = inst.mode == .defer ? [.freedTwice] : [.freedTwice, .usedAfterFree]
                    for kind in kinds {
                        guard let event = search(kind, from: start, freed: place, deferred: inst.mode == .defer,
                                                 node: node, facts: facts, memory: memory),
                              reported.insert(ReportedSite(kind: kind, site: event.site)).inserted else { continue }
                        out.append(event)
                    }
                }
            }
        }
        return out
    }

    /// A cheap test before building the function's facts.
    private static func mentionsFree(_ function: Function, _ memory: CMemoryFacts) -> Bool {
        function.blocks.contains { block in
            block.instructions.contains { inst in
                guard inst.op == .call || inst.op == .cgoCall, let callee = inst.callee else { return false }
                return callee.possibleTargets.contains { $0 == CMemoryFacts.free || memory.freedOperands[$0] != nil }
            }
        }
    }

    private struct ReportedSite: Hashable {
        var kind: FreedPointerEvent.Kind
        var site: InstructionSite
    }

    /// The first second free, or the first use, of `freed` after `start` on some path.
    private static func search(_ kind: FreedPointerEvent.Kind, from start: InstructionSite, freed: Place, deferred: Bool, node: Int,
                               facts: FunctionFacts, memory: CMemoryFacts) -> FreedPointerEvent? {
        let initial = copies(of: freed, in: facts).union([freed])
        let hit = StatePathSearch<Set<Place>>.run(facts.function, cfg: facts.cfg, from: start, state: initial, step: { inst, _, aliases in
            if inst.mode != .go, memory.freedPlaces(by: inst, facts: facts).contains(where: aliases.contains) {
                // A deferred free after a deferred free is two deferred frees: still twice.
                // Searching for uses, a second free is not one (it is reported as a free).
                return kind == .freedTwice ? .found : .proceed
            }
            if kind == .usedAfterFree, inst.mode == .now, uses(inst, aliases, facts) {
                return .found
            }
            if inst.op == .assign, let src = inst.operands.first?.place.map(facts.normalize), aliases.contains(src),
               let dst = inst.results.first?.place.map(facts.normalize) {
                aliases.insert(dst)
                return .proceed
            }
            for r in inst.results { if let p = r.place.map(facts.normalize) { aliases.remove(p) } }
            return aliases.isEmpty ? .stop : .proceed
        }, atExit: { _, _ in false })
        guard let hit, let site = hit.site else { return nil }
        return FreedPointerEvent(kind: kind, node: node, freeSite: start, site: site, freeIsDeferred: deferred,
                                 variable: GoSpelling.expression(freed), blocks: hit.blocks)
    }

    /// Variables that hold the same pointer as `place` for the whole
    /// function: defined once, by a copy of it (`q := p`), or the one
    /// variable `place` was itself copied from. Copies made before the
    /// free are as freed as the original.
    private static func copies(of place: Place, in facts: FunctionFacts) -> Set<Place> {
        guard place.path.isEmpty, case .variable = place.root else { return [] }
        var definitions: [Place: [Place?]] = [:]
        for block in facts.function.blocks {
            for inst in block.instructions {
                for r in inst.results {
                    guard let dst = r.place.map(facts.normalize), dst.path.isEmpty, case .variable = dst.root else { continue }
                    let src = inst.op == .assign ? inst.operands.first?.place.map(facts.normalize) : nil
                    definitions[dst, default: []].append(src)
                }
            }
        }
        var out = Set<Place>()
        for (variable, sources) in definitions where sources.count == 1 {
            guard let source = sources[0] else { continue }
            if source == place, variable != place { out.insert(variable) }
            if variable == place, case .variable = source.root, source.path.isEmpty, definitions[source]?.count == 1 {
                out.insert(source)
            }
        }
        return out
    }

    /// Reading the freed memory or handing the pointer on: an operand that
    /// is a copy of it or lies inside it. A plain copy (`q := p`) is not a use.
    private static func uses(_ inst: Instruction, _ aliases: Set<Place>, _ facts: FunctionFacts) -> Bool {
        if inst.op == .assign, let src = inst.operands.first?.place.map(facts.normalize), aliases.contains(src) { return false }
        return inst.operands.contains { operand in
            guard let p = operand.place.map(facts.normalize) else { return false }
            return aliases.contains { $0.contains(p) }
        }
    }

    /// The code flow of an event: freed here, the branches taken, then the second free or the use.
    static func flow(_ event: FreedPointerEvent, program: CgoProgram, last: String) -> [CodeFlow] {
        let function = program.index.function(event.node)
        let file = program.index.file(of: event.node)
        var steps: [FlowStep] = []
        let what = event.variable ?? "the C memory"
        if let at = program.location(event.node, position(event.freeSite, function)) {
            steps.append(FlowStep(location: at, message: event.freeIsDeferred ? "\(what) is freed by this deferred call when the function returns"
                                                                            : "\(what) is freed here"))
        }
        steps += StatePathSearch<Set<Place>>.branchSteps(event.blocks, in: function, file: file)
        if let at = program.location(event.node, position(event.site, function)) {
            steps.append(FlowStep(location: at, message: last))
        }
        return [CodeFlow(message: "a path from the free to the \(event.kind == .freedTwice ? "second free" : "use")",
                         threads: [ThreadFlow(name: CNames.short(function.name), steps: steps)])]
    }

    static func position(_ site: InstructionSite, _ function: Function) -> Position {
        guard site.block < function.blocks.count else { return .none }
        let instructions = function.blocks[site.block].instructions
        return site.index < instructions.count ? instructions[site.index].position : function.blocks[site.block].terminatorPosition
    }
}
