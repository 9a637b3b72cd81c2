import Escape
import GoSema
import GoSyntax

/// ES1003: heap allocations with a well-known cheaper shape, each with its fix.
enum AvoidableAllocation {
    struct Classic {
        var shape: String
        var fix: String
    }

    static func classify(_ d: EscapeDecision, file: TypedFile) -> Classic? {
        let tree = file.tree
        guard !d.declaration.isNone, !d.site.isNone else { return nil }
        let body: NodeID
        switch tree[d.declaration] {
        case .funcDecl(_, _, _, let b): body = b
        default: return nil
        }
        if d.kind == .movedToHeap, let variable = file.objects[d.site.index] {
            if returnsAddress(of: variable, in: body, file) {
                return Classic(shape: "a pointer to a local is returned",
                               fix: "return the value (T, not *T) and let the caller take its address, or have the caller pass a *T to fill")
            }
            if isLoopVariable(d.site, in: body, tree), variable.isCaptured {
                return Classic(shape: "a loop variable is captured by reference",
                               fix: "pass it to the closure as an argument (go func(v T) { ... }(v)) or copy it first (v := v)")
            }
            return nil
        }
        switch d.allocation {
        case .pointerLiteral where isReturned(d.site, in: body, tree):
            return Classic(shape: "a pointer to a new value is returned",
                           fix: "return the value (T, not *T) and let the caller take its address, or have the caller pass a *T to fill")
        case .interfaceConversion, .variadicSlice:
            guard d.inLoop else { return nil }
            return Classic(shape: "an interface argument is converted in a loop",
                           fix: "format once outside the loop, or append with strconv.Append* to a reused buffer")
        case .makeSlice where d.heapReason == .nonConstantSize:
            guard let constant = constantSize(of: d.site, in: body, file) else { return nil }
            return Classic(shape: "make with a size that is always \(constant)",
                           fix: "write the constant (make([]T, \(constant))) or use an array, so that it can stay on the stack")
        default:
            return nil
        }
    }

    /// `return &x` somewhere in the function.
    private static func returnsAddress(of variable: Object, in body: NodeID, _ file: TypedFile) -> Bool {
        let tree = file.tree
        var found = false
        tree.walk(body) { n in
            if found { return false }
            if case .returnStmt(let results) = tree[n] {
                for r in tree.list(results) {
                    if case .unary(.and, let x) = tree[r], case .ident = tree[x], file.objects[x.index] === variable { found = true }
                }
            }
            if case .funcLit = tree[n] { return false }
            return true
        }
        return found
    }

    /// Whether `node` is a result of a return statement of the function.
    private static func isReturned(_ node: NodeID, in body: NodeID, _ tree: SyntaxTree) -> Bool {
        var found = false
        tree.walk(body) { n in
            if found { return false }
            if case .returnStmt(let results) = tree[n], tree.list(results).contains(node) { found = true }
            if case .funcLit = tree[n] { return false }
            return true
        }
        return found
    }

    /// Whether the name is declared by a `for` clause or a `range`.
    private static func isLoopVariable(_ name: NodeID, in body: NodeID, _ tree: SyntaxTree) -> Bool {
        var found = false
        tree.walk(body) { n in
            if found { return false }
            switch tree[n] {
            case .rangeStmt(let key, let value, .define, _, _):
                if key == name || value == name { found = true }
            case .forStmt(let initStmt, _, _, _):
                if case .assign(let lhs, _, .define, _) = tree[initStmt], tree.list(lhs).contains(name) { found = true }
            default:
                break
            }
            return true
        }
        return found
    }

    /// For `make([]T, n)` where `n` is a local defined once from a
    /// constant and never assigned again: that constant's text.
    private static func constantSize(of make: NodeID, in body: NodeID, _ file: TypedFile) -> String? {
        let tree = file.tree
        guard case .call(_, let args, _, _) = tree[make] else { return nil }
        let a = Array(tree.list(args))
        guard a.count >= 2, case .ident = tree[a[a.count - 1]], let variable = file.objects[a[a.count - 1].index],
              variable.kind == .variable, !variable.isPackageLevel else { return nil }
        var definition: String? = nil
        var assignments = 0
        tree.walk(body) { n in
            switch tree[n] {
            case .assign(let lhs, let rhs, let op, _):
                for (i, l) in tree.list(lhs).enumerated() where file.objects[l.index] === variable {
                    assignments += 1
                    let r = Array(tree.list(rhs))
                    if op == .define, i < r.count, file.constants[r[i]] != nil { definition = tree.text(r[i]) }
                }
            case .valueSpec(let names, _, let values, _):
                for (i, l) in tree.list(names).enumerated() where file.objects[l.index] === variable {
                    assignments += 1
                    let v = Array(tree.list(values))
                    if i < v.count, file.constants[v[i]] != nil { definition = tree.text(v[i]) }
                }
            case .incDec(let x, _, _), .unary(.and, let x):
                if file.objects[x.index] === variable { assignments += 2 }
            default:
                break
            }
            return true
        }
        return assignments == 1 ? definition : nil
    }
}
