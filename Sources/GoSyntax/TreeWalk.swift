/// Traversal of a syntax tree: the children of a node in source order, and
/// a pre-order walk with an explicit stack (no recursion, whatever the
/// nesting).
extension SyntaxTree {
    /// Calls `body` with each direct child of `id`, in source order,
    /// skipping absent (`.none`) children.
    public func forEachChild(_ id: NodeID, _ body: (NodeID) -> Void) {
        Self.forEachChild(of: storage.nodes[id.index], lists: storage.lists, body)
    }

    /// The children of `node`, whose lists are in `lists`: for the tree and
    /// for the parts the parser is still building.
    @inline(__always)
    static func forEachChild(of node: Node, lists: [NodeID], _ body: (NodeID) -> Void) {
        @inline(__always) func one(_ c: NodeID) { if !c.isNone { body(c) } }
        @inline(__always) func many(_ l: NodeList) {
            var i = Int(l.start)
            let e = i + Int(l.count)
            while i < e {
                body(lists[i])
                i += 1
            }
        }
        switch node {
        case .bad, .ident, .basicLit, .emptyStmt:
            return
        case .compositeLit(let type, let elts, _):
            one(type); many(elts)
        case .keyValue(let k, let v, _):
            one(k); one(v)
        case .funcLit(let type, let b):
            one(type); one(b)
        case .paren(let x), .star(let x), .declStmt(let x), .exprStmt(let x):
            one(x)
        case .selector(let x, let sel, _):
            one(x); one(sel)
        case .index(let x, let indices, _):
            one(x); many(indices)
        case .slice(let x, let lo, let hi, let max, _, _):
            one(x); one(lo); one(hi); one(max)
        case .typeAssert(let x, let t, _):
            one(x); one(t)
        case .call(let fun, let args, _, _):
            one(fun); many(args)
        case .unary(_, let x):
            one(x)
        case .binary(_, let x, let y, _):
            one(x); one(y)
        case .arrayType(let len, let elem):
            one(len); one(elem)
        case .ellipsis(let elem):
            one(elem)
        case .structType(let fields):
            many(fields)
        case .field(let names, let type, let tag):
            many(names); one(type); one(tag)
        case .funcType(let tps, let params, let results):
            many(tps); many(params); many(results)
        case .interfaceType(let elems):
            many(elems)
        case .mapType(let k, let v):
            one(k); one(v)
        case .chanType(_, let elem):
            one(elem)
        case .labeled(let label, let stmt):
            one(label); one(stmt)
        case .send(let ch, let v, _):
            one(ch); one(v)
        case .incDec(let x, _, _):
            one(x)
        case .assign(let lhs, let rhs, _, _):
            many(lhs); many(rhs)
        case .callStmt(_, let call):
            one(call)
        case .returnStmt(let results):
            many(results)
        case .branch(_, let label):
            one(label)
        case .block(let stmts):
            many(stmts)
        case .ifStmt(let i, let c, let t, let e):
            one(i); one(c); one(t); one(e)
        case .caseClause(let list, let body, _, _):
            many(list); many(body)
        case .switchStmt(let i, let tag, let body):
            one(i); one(tag); one(body)
        case .typeSwitchStmt(let i, let g, let body):
            one(i); one(g); one(body)
        case .commClause(let comm, let body, _):
            one(comm); many(body)
        case .selectStmt(let body):
            one(body)
        case .forStmt(let i, let c, let p, let body):
            one(i); one(c); one(p); one(body)
        case .rangeStmt(let k, let v, _, let x, let body):
            one(k); one(v); one(x); one(body)
        case .genDecl(_, let specs, _):
            many(specs)
        case .importSpec(let n, let p):
            one(n); one(p)
        case .valueSpec(let names, let type, let values, _):
            many(names); one(type); many(values)
        case .typeSpec(let n, let tps, _, let type):
            one(n); many(tps); one(type)
        case .funcDecl(let recv, let n, let type, let body):
            many(recv); one(n); one(type); one(body)
        case .file(let n, let decls):
            one(n); many(decls)
        }
    }

    /// Visits `id` and its descendants in pre-order (source order). Return
    /// false from `visit` to skip a node's children.
    public func walk(_ id: NodeID, _ visit: (NodeID) -> Bool) {
        guard !id.isNone else { return }
        // The arrays are read once, not at each node: reading them through
        // the storage at every step retained and released them each time.
        let nodes = storage.nodes
        let lists = storage.lists
        var stack: [NodeID] = [id]
        while let n = stack.popLast() {
            guard visit(n) else { continue }
            // The children go on the stack in source order, then that run is
            // turned round, so that the first child is popped first.
            let mark = stack.count
            Self.forEachChild(of: nodes[n.index], lists: lists) { stack.append($0) }
            stack[mark...].reverse()
        }
    }

    /// Every `.funcDecl` and `.funcLit` of the file, in source order.
    public func functions() -> [NodeID] {
        var result: [NodeID] = []
        walk(root) { id in
            switch self[id] {
            case .funcDecl, .funcLit: result.append(id)
            default: break
            }
            return true
        }
        return result
    }
}

extension SyntaxTree.Parts {
    /// Error recovery can end a node before a child it placed later (a
    /// missing token, a bad node at the next one). Each node is widened to
    /// cover its children, so that every child lies inside its parent;
    /// children are made before their parents, so one pass in order does.
    mutating func encloseChildren() {
        for index in nodes.indices {
            var low = starts[index], high = ends[index]
            SyntaxTree.forEachChild(of: nodes[index], lists: lists) { child in
                guard child != .none else { return }
                low = min(low, starts[child.index])
                high = max(high, ends[child.index])
            }
            starts[index] = low
            ends[index] = high
        }
    }
}
