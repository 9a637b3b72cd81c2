import GoSema
import GoSyntax

/// The last flows of a batch before the walk: what closures capture, and
/// what is too large (or sized too late) for the stack.
extension GraphBuilder {
    /// The Go compiler's limits: explicit variables up to 10 MB, implicit
    /// allocations (`new`, `&T{}`, `make`) up to 64 KB.
    static let maxStackVariableSize: Int64 = 10 * 1024 * 1024
    static let maxImplicitStackSize: Int64 = 64 * 1024

    /// Captured variables flow into their closure: by value when never
    /// reassigned, never address-taken and at most 128 bytes, else by reference.
    func flowClosures() {
        for (k, u) in closures {
            if u < 0 {
                for tmp in wrapperCaptures[k.destination] ?? [] {
                    flow(byValue(tmp) ? k : k.address(), tmp)
                }
                continue
            }
            let unit = units[u]
            for cv in unit.file.captures[unit.node] ?? [] {
                guard let l = location(of: cv) else { continue }
                var k2 = byValue(l) ? k : k.address()
                if options.explain {
                    k2 = k2.noted(.captured, unit.file.index, unit.file.tree.start(unit.node))
                }
                flow(k2, l)
            }
        }
        closures = []
    }

    private func byValue(_ l: Int) -> Bool {
        let loc = graph.locations[l]
        let size = Sizes.size(of: loc.kindType) ?? 8
        return !loc.addressTaken && !loc.reassigned && size <= 128
    }

    /// Allocations the compiler puts on the heap whatever flows: too large
    /// for the stack, or a `make` whose size is not a constant.
    func applyStackLimits() {
        for l in 2..<graph.locations.count {
            let loc = graph.locations[l]
            guard let reason = heapReason(loc) else { continue }
            graph.locations[l].heapReason = reason == .tooLarge ? .tooLarge : .nonConstantSize
            var k = heapHole.address()
            k.note = Note(why: reason, file: Int32(loc.file), offset: loc.offset)
            flow(k, l)
        }
    }

    private func heapReason(_ loc: Location) -> FlowReason? {
        switch loc.kind {
        case .variable(let o):
            guard !loc.isParameter, loc.resultIndex == 0 else { return nil }
            if let s = Sizes.size(of: o.type), s > GraphBuilder.maxStackVariableSize { return .tooLarge }
            return nil
        case .allocation(let node, let shape):
            guard let file = loc.source else { return nil }
            let t = file.type(of: node)
            switch shape {
            case .new, .pointerLiteral:
                if let e = t.pointee, let s = Sizes.size(of: e), s > GraphBuilder.maxImplicitStackSize { return .tooLarge }
            case .makeSlice:
                guard case .call(_, let args, _, _) = file.tree[node] else { return nil }
                let a = Array(file.tree.list(args))
                let sizeNode = a.count >= 3 ? a[2] : (a.count == 2 ? a[1] : .none)
                guard !sizeNode.isNone, let c = file.constants[sizeNode]?.intValue, c >= Int(Int32.min), c <= Int(Int32.max) else {
                    return .nonConstantSize
                }
                if case .slice(let e) = t.underlying, let es = Sizes.size(of: e), es != 0,
                   Int64(c) > GraphBuilder.maxImplicitStackSize / es {
                    return .tooLarge
                }
            default:
                break
            }
            return nil
        default:
            return nil
        }
    }
}
