import GoSema
import GoSyntax

/// Whether the compiler lays out a package-level initializer statically
/// (no init code, so escape analysis never sees it): constants, addresses
/// of globals, function literals, and composite literals (maps excepted)
/// made of those.
struct StaticInitializer {
    let file: TypedFile

    func isStatic(_ n: NodeID) -> Bool {
        let tree = file.tree
        if file.constants[n] != nil { return true }
        switch tree[n] {
        case .paren(let x):
            return isStatic(x)
        case .basicLit, .funcLit:
            return true
        case .ident:
            guard let o = file.objects[n.index] else { return false }
            return o.kind == .nilValue || o.kind == .function || o.isPackageLevel
        case .selector:
            guard let o = file.object(of: n) else { return false }
            if let sel = file.selections[n], sel.kind != .qualified { return sel.kind == .methodExpression }
            return o.kind == .function || o.isPackageLevel
        case .unary(.and, let x):
            return isStatic(x)
        case .compositeLit(_, let elts, _):
            if file.type(of: n).mapTypes != nil { return false }
            return tree.list(elts).allSatisfy { e in
                if case .keyValue(_, let v, _) = tree[e] { return isStatic(v) }
                return isStatic(e)
            }
        case .call(let fun, let args, _, _):
            // []byte("constant") is laid out statically too.
            if case .arrayType = tree[fun], let a = tree.list(args).first, file.constants[a] != nil { return true }
            return false
        default:
            return false
        }
    }
}
