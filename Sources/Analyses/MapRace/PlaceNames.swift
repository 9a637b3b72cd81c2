import ConcIR

/// Spells places of one function as its Go source does, for messages:
/// `c.items`, `cfg.routes`, and `m[...]` for an inner map read out of `m`
/// into a temporary.
struct PlaceNames {
    private var temporaries: [UInt32: Instruction] = [:]

    init(function: Function) {
        for block in function.blocks {
            for inst in block.instructions {
                for r in inst.results {
                    if case .place(let p) = r, case .temp(let n) = p.root, p.path.isEmpty, temporaries[n] == nil {
                        temporaries[n] = inst
                    }
                }
            }
        }
    }

    func name(_ operand: Operand) -> String {
        guard case .place(let p) = operand else { return "the map" }
        return name(p, depth: 0) ?? "the map"
    }

    private func name(_ place: Place, depth: Int) -> String? {
        guard depth < 8 else { return nil }
        var text: String
        switch place.root {
        case .variable(let v): text = GoNames.variable(v)
        case .global(let g): text = GoNames.unqualified(g)
        case .temp(let n):
            guard let def = temporaries[n], case .place(let src)? = def.operands.first else { return nil }
            switch def.op {
            case .assign, .addr:
                guard let inner = name(src, depth: depth + 1) else { return nil }
                text = inner
            case .mapRead, .mapRange:
                guard let inner = name(src, depth: depth + 1) else { return nil }
                text = inner + "[...]"
            default:
                return nil
            }
        }
        for s in place.path {
            switch s {
            case .field(let f): text += "." + f
            case .element: text += "[...]"
            case .deref: text = "(*" + text + ")"
            }
        }
        return text
    }
}
