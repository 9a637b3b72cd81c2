/// A compact S-expression rendering of a subtree, for tests and for
/// debugging the parser: `(call (sel (id fmt) (id Println)) (lit "hi"))`.
extension SyntaxTree {
    public func dump(_ id: NodeID) -> String {
        var out = ""
        dump(id, into: &out, depth: 0)
        return out
    }

    private func dump(_ id: NodeID, into out: inout String, depth: Int) {
        guard !id.isNone else {
            out += "_"
            return
        }
        guard depth < 200 else {
            out += "…"
            return
        }
        let (head, detail) = label(of: id)
        out += "(" + head
        if !detail.isEmpty { out += " " + detail }
        forEachChild(id) { c in
            out += " "
            dump(c, into: &out, depth: depth + 1)
        }
        out += ")"
    }

    private func label(of id: NodeID) -> (String, String) {
        switch self[id] {
        case .bad: return ("bad", "")
        case .ident(let n): return ("id", string(n))
        case .basicLit: return ("lit", text(id))
        case .compositeLit: return ("complit", "")
        case .keyValue: return ("kv", "")
        case .funcLit: return ("funclit", "")
        case .paren: return ("paren", "")
        case .selector: return ("sel", "")
        case .index: return ("index", "")
        case .slice(_, _, _, _, let three, _): return ("slice", three ? "3" : "")
        case .typeAssert(_, let t, _): return ("assert", t.isNone ? "type" : "")
        case .call(_, _, let dots, _): return ("call", dots ? "..." : "")
        case .star: return ("star", "")
        case .unary(let op, _): return ("unary", op.spelling)
        case .binary(let op, _, _, _): return ("binary", op.spelling)
        case .arrayType(let len, _): return (len.isNone ? "slicetype" : "arraytype", "")
        case .ellipsis: return ("dots", "")
        case .structType: return ("struct", "")
        case .field: return ("field", "")
        case .funcType: return ("functype", "")
        case .interfaceType: return ("interface", "")
        case .mapType: return ("map", "")
        case .chanType(let dir, _):
            switch dir {
            case .both: return ("chan", "")
            case .send: return ("chan", "send")
            case .recv: return ("chan", "recv")
            }
        case .declStmt: return ("declstmt", "")
        case .emptyStmt: return ("empty", "")
        case .labeled: return ("labeled", "")
        case .exprStmt: return ("expr", "")
        case .send: return ("send", "")
        case .incDec(_, let inc, _): return ("incdec", inc ? "++" : "--")
        case .assign(_, _, let op, _): return ("assign", op.spelling)
        case .callStmt(let k, _): return (k.spelling, "")
        case .returnStmt: return ("return", "")
        case .branch(let k, _): return (k.spelling, "")
        case .block: return ("block", "")
        case .ifStmt: return ("if", "")
        case .caseClause(_, _, let isDefault, _): return (isDefault ? "default" : "case", "")
        case .switchStmt: return ("switch", "")
        case .typeSwitchStmt: return ("typeswitch", "")
        case .commClause(let comm, _, _): return (comm.isNone ? "default" : "comm", "")
        case .selectStmt: return ("select", "")
        case .forStmt: return ("for", "")
        case .rangeStmt(_, _, let tok, _, _): return ("range", tok == .illegal ? "" : tok.spelling)
        case .genDecl(let k, _, _): return (k.spelling, "")
        case .importSpec: return ("importspec", "")
        case .valueSpec(_, _, _, let iota): return ("valuespec", "\(iota)")
        case .typeSpec(_, _, let alias, _): return ("typespec", alias ? "alias" : "")
        case .funcDecl: return ("funcdecl", "")
        case .file: return ("file", "")
        }
    }
}
