import GoSema
import GoSyntax

/// After the walk: the parameter tags of the batch's functions and the
/// decisions to print, in the compiler's order (tags first, then every
/// location in creation order).
struct BatchFinisher {
    let graph: BatchGraph
    let units: [FunctionUnit]
    let notes: [BatchNote]
    let unknown: Bool

    /// Tags of each declared unit's parameters, receiver first.
    func tags(of u: Int) -> [ParameterTag] {
        units[u].parameterLocations.enumerated().map { i, l in
            if UintptrEscapes.marking(units[u].object, units[u].signature, parameter: i) != nil { return .leaksToHeap }
            guard let l, let p = units[u].signature?.parameterObjects[i], Sizes.hasPointers(p.type) else { return ParameterTag() }
            if unknown { return .leaksToHeap }
            var tag = graph.locations[l].tag
            tag.optimize()
            return tag
        }
    }

    /// `marking a as escaping uintptr`, at the parameter (its location's
    /// place, or its declaration's when it has no name).
    private func markingNote(_ marking: UintptrEscapes.Marking, unit u: Int, parameter i: Int, location l: Int?) -> RawDecision? {
        guard let p = units[u].signature?.parameterObjects[i] else { return nil }
        let text = UintptrEscapes.note(marking, name: p.name, index: i)
        if let l {
            return RawDecision(file: graph.locations[l].file, offset: graph.locations[l].offset, kind: .note, message: text, unit: u, chain: nil)
        }
        guard let decl = p.declaration else { return nil }
        return RawDecision(file: units[u].file.index, offset: units[u].file.tree.start(decl.node), kind: .note, message: text, unit: u, chain: nil)
    }

    func decisions(reported: (Int) -> Bool, explain: Bool) -> [RawDecision] {
        var out: [RawDecision] = []
        for n in notes {
            out.append(RawDecision(file: n.file, offset: n.offset, kind: .note, message: n.text, unit: 0, chain: nil))
        }
        for u in units.indices where reported(u) {
            for (i, l) in units[u].parameterLocations.enumerated() {
                if let marking = UintptrEscapes.marking(units[u].object, units[u].signature, parameter: i),
                   let note = markingNote(marking, unit: u, parameter: i, location: l) {
                    out.append(note)
                    continue
                }
                guard let l, let p = units[u].signature?.parameterObjects[i] else { continue }
                let loc = graph.locations[l]
                guard Sizes.hasPointers(p.type), !loc.escapes else { continue }
                var tag = unknown ? ParameterTag.leaksToHeap : loc.tag
                tag.optimize()
                let name = p.name
                let chain = explain ? loc.escapeChain : nil
                if tag.isEmpty {
                    out.append(RawDecision(file: loc.file, offset: loc.offset, kind: .parameterDoesNotEscape,
                                           message: "\(name) does not escape", unit: u, chain: nil))
                }
                if let h = tag.heap {
                    out.append(RawDecision(file: loc.file, offset: loc.offset, kind: h == 0 ? .leakingParam : .leakingParamContent,
                                           message: h == 0 ? "leaking param: \(name)" : "leaking param content: \(name)",
                                           unit: u, chain: chain))
                }
                for r in 0..<ParameterTag.trackedResults {
                    guard let level = tag.result(r), r < units[u].resultLocations.count else { continue }
                    let resultName = graph.locations[units[u].resultLocations[r]].text
                    out.append(RawDecision(file: loc.file, offset: loc.offset, kind: .leakingParamToResult,
                                           message: "leaking param: \(name) to result \(resultName) level=\(level)",
                                           unit: u, chain: chain))
                }
            }
        }
        for (index, loc) in graph.locations.enumerated() where index >= 2 {
            guard loc.function >= 0, reported(loc.function) else { continue }
            let escapes = loc.escapes || unknown
            switch loc.kind {
            case .variable:
                if escapes {
                    out.append(RawDecision(file: loc.file, offset: loc.offset, kind: .movedToHeap, message: "moved to heap: \(loc.text)",
                                           unit: loc.function, chain: explain ? loc.escapeChain : nil, location: loc))
                }
            case .allocation:
                out.append(RawDecision(file: loc.file, offset: loc.offset, kind: escapes ? .escapesToHeap : .doesNotEscape,
                                       message: escapes ? "\(loc.text) escapes to heap" : "\(loc.text) does not escape",
                                       unit: loc.function, chain: explain && escapes ? loc.escapeChain : nil, location: loc))
            default:
                break
            }
        }
        return out
    }
}

/// A decision before positions are turned into lines and columns.
struct RawDecision {
    var file: Int
    var offset: UInt32
    var kind: EscapeDecision.Kind
    var message: String
    var unit: Int
    var chain: [FlowStep]?
    /// The location behind the decision (nil for parameter tags and notes).
    var location: Location? = nil
}
