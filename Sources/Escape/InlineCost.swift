import GoSema
import GoSyntax

/// What the inliner knows of a function: whether Go 1.19 would inline it
/// (a body whose cost stays within 80 nodes, none of the operations it
/// refuses) and where its body is.
struct InlineBody {
    var file: TypedFile
    var declaration: NodeID
    var cost: Int
}

/// The Go 1.19 inliner's budget, approximated on the typed syntax: each
/// expression and statement costs one node, a call to a function that is
/// not inlinable costs 57 more, a call to an inlinable one costs its body;
/// `go`, `defer`, `recover`, local type declarations and the directives
/// that forbid inlining (`//go:noinline`, `//go:uintptrescapes`...) rule a
/// function out.
struct InlineCostModel {
    static let budget = 80
    static let extraCallCost = 57

    let file: TypedFile
    /// The inline body of an already-costed function, if it is inlinable.
    let inlinable: (Object) -> InlineBody?
    let function: Object

    /// The cost of the function's body, or nil when it cannot be inlined.
    func cost(of declaration: NodeID) -> Int? {
        let tree = file.tree
        guard case .funcDecl(_, _, _, let body) = tree[declaration], !body.isNone else { return nil }
        let forbidden = ["go:noinline", "go:norace", "go:nocheckptr", "go:cgo_unsafe_args", "go:uintptrkeepalive",
                         "go:uintptrescapes", "go:yeswritebarrierrec"]
        if forbidden.contains(where: function.directives.contains) { return nil }
        var remaining = InlineCostModel.budget
        var refused = false
        tree.walk(body) { n in
            if refused || remaining < 0 { return false }
            switch tree[n] {
            case .block, .paren, .emptyStmt, .labeled:
                return true
            case .arrayType, .mapType, .chanType, .funcType, .interfaceType, .structType, .ellipsis:
                return false
            case .callStmt:
                refused = true
                return false
            case .declStmt(let d):
                if case .genDecl(.kwType, _, _) = tree[d] { refused = true; return false }
                if case .genDecl(.kwConst, _, _) = tree[d] { return false }
            case .funcLit:
                remaining -= 15
            case .call(let fun, _, _, _):
                remaining -= callCost(fun)
                if refused { return false }
            case .selector:
                // A qualified name or a type is no node; a field or method selection is.
                if let sel = file.selections[n], sel.kind == .qualified { remaining += 1 }
            case .ident:
                if let o = file.objects[n.index], o.kind == .typeName || o.kind == .packageName { return false }
            default:
                break
            }
            remaining -= 1
            return true
        }
        if refused || remaining < 0 { return nil }
        return InlineCostModel.budget - remaining
    }

    /// The extra cost of a call (beyond its own node).
    private func callCost(_ fun: NodeID) -> Int {
        let tree = file.tree
        var f = fun
        while case .paren(let x) = tree[f] { f = x }
        var callee: Object? = nil
        switch tree[f] {
        case .ident:
            callee = file.objects[f.index]
        case .selector:
            if let sel = file.selections[f] {
                if sel.kind == .method, typeIsInterface(sel) { return InlineCostModel.extraCallCost }
                callee = sel.object
            } else {
                callee = file.object(of: f)
            }
        default:
            return InlineCostModel.extraCallCost
        }
        guard let callee else { return InlineCostModel.extraCallCost }
        switch callee.kind {
        case .builtin:
            return callee.name == "recover" ? 1000 : (callee.name == "panic" ? 1 : 0)
        case .typeName:
            return 0
        case .function, .method:
            if callee === function { return InlineCostModel.extraCallCost }
            if isIntrinsic(callee) { return 0 }
            if let body = inlinable(callee) { return body.cost }
            return InlineCostModel.extraCallCost
        default:
            return InlineCostModel.extraCallCost
        }
    }

    private func typeIsInterface(_ sel: Selection) -> Bool {
        var t = sel.receiverType
        for index in sel.path {
            let base = t.pointee ?? t
            guard case .structure(let s) = base.underlying, index < s.fields.count else { return false }
            t = s.fields[index].type
        }
        return t.isInterface || (t.pointee?.isInterface ?? false)
    }

    /// Calls the compiler replaces by machine instructions.
    private func isIntrinsic(_ o: Object) -> Bool {
        switch o.packagePath {
        case "math/bits", "sync/atomic", "runtime/internal/atomic", "runtime/internal/sys": return true
        case "math": return ["Sqrt", "Abs", "Floor", "Ceil", "Trunc", "RoundToEven", "FMA", "Copysign"].contains(o.name)
        default: return false
        }
    }
}
