/// Expressions and types printed back as compact Go source, for messages
/// ("s.cache", "*Server", "map[string]int"). Function literals and
/// composite literal contents are abbreviated as `go/types.ExprString` does.
extension SyntaxTree {
    public func expressionText(_ id: NodeID) -> String {
        var out = ""
        writeExpression(id, into: &out, depth: 0)
        return out
    }

    private func writeList(_ l: NodeList, into out: inout String, depth: Int) {
        var first = true
        for x in list(l) {
            if !first { out += ", " }
            first = false
            writeExpression(x, into: &out, depth: depth)
        }
    }

    private func writeFields(_ l: NodeList, into out: inout String, separator: String, depth: Int) {
        var first = true
        for f in list(l) {
            if !first { out += separator }
            first = false
            guard case .field(let names, let type, _) = self[f] else { continue }
            if !names.isEmpty {
                writeList(names, into: &out, depth: depth)
                out += " "
            }
            writeExpression(type, into: &out, depth: depth)
        }
    }

    private func writeSignature(_ params: NodeList, _ results: NodeList, into out: inout String, depth: Int) {
        out += "("
        writeFields(params, into: &out, separator: ", ", depth: depth)
        out += ")"
        guard !results.isEmpty else { return }
        out += " "
        let rs = list(results)
        if rs.count == 1, let only = rs.first, case .field(let names, let t, _) = self[only], names.isEmpty {
            writeExpression(t, into: &out, depth: depth)
        } else {
            out += "("
            writeFields(results, into: &out, separator: ", ", depth: depth)
            out += ")"
        }
    }

    private func writeExpression(_ id: NodeID, into out: inout String, depth: Int) {
        if depth > 64 {
            out += "…"
            return
        }
        let d = depth + 1
        switch self[id] {
        case .bad:
            out += "BadExpr"
        case .ident(let n):
            out += string(n)
        case .basicLit:
            out += text(id)
        case .compositeLit(let type, _, _):
            if !type.isNone { writeExpression(type, into: &out, depth: d) }
            out += "{…}"
        case .keyValue(let k, let v, _):
            writeExpression(k, into: &out, depth: d)
            out += ": "
            writeExpression(v, into: &out, depth: d)
        case .funcLit(let type, _):
            writeExpression(type, into: &out, depth: d)
            out += " {…}"
        case .paren(let x):
            out += "("
            writeExpression(x, into: &out, depth: d)
            out += ")"
        case .selector(let x, let sel, _):
            writeExpression(x, into: &out, depth: d)
            out += "."
            writeExpression(sel, into: &out, depth: d)
        case .index(let x, let indices, _):
            writeExpression(x, into: &out, depth: d)
            out += "["
            writeList(indices, into: &out, depth: d)
            out += "]"
        case .slice(let x, let lo, let hi, let max, let three, _):
            writeExpression(x, into: &out, depth: d)
            out += "["
            if !lo.isNone { writeExpression(lo, into: &out, depth: d) }
            out += ":"
            if !hi.isNone { writeExpression(hi, into: &out, depth: d) }
            if three {
                out += ":"
                if !max.isNone { writeExpression(max, into: &out, depth: d) }
            }
            out += "]"
        case .typeAssert(let x, let t, _):
            writeExpression(x, into: &out, depth: d)
            out += ".("
            if t.isNone { out += "type" } else { writeExpression(t, into: &out, depth: d) }
            out += ")"
        case .call(let fun, let args, let dots, _):
            writeExpression(fun, into: &out, depth: d)
            out += "("
            writeList(args, into: &out, depth: d)
            if dots { out += "..." }
            out += ")"
        case .star(let x):
            out += "*"
            writeExpression(x, into: &out, depth: d)
        case .unary(let op, let x):
            out += op.spelling
            writeExpression(x, into: &out, depth: d)
        case .binary(let op, let x, let y, _):
            writeExpression(x, into: &out, depth: d)
            out += " \(op.spelling) "
            writeExpression(y, into: &out, depth: d)
        case .arrayType(let len, let elem):
            out += "["
            if !len.isNone { writeExpression(len, into: &out, depth: d) }
            out += "]"
            writeExpression(elem, into: &out, depth: d)
        case .ellipsis(let elem):
            out += "..."
            if !elem.isNone { writeExpression(elem, into: &out, depth: d) }
        case .structType(let fields):
            out += "struct{"
            writeFields(fields, into: &out, separator: "; ", depth: d)
            out += "}"
        case .field(let names, let type, _):
            if !names.isEmpty {
                writeList(names, into: &out, depth: d)
                out += " "
            }
            writeExpression(type, into: &out, depth: d)
        case .funcType(_, let params, let results):
            out += "func"
            writeSignature(params, results, into: &out, depth: d)
        case .interfaceType(let elems):
            out += "interface{"
            var first = true
            for e in list(elems) {
                if !first { out += "; " }
                first = false
                if case .field(let names, let t, _) = self[e], let n = list(names).first,
                   case .funcType(_, let params, let results) = self[t] {
                    writeExpression(n, into: &out, depth: d)
                    writeSignature(params, results, into: &out, depth: d)
                } else {
                    writeExpression(e, into: &out, depth: d)
                }
            }
            out += "}"
        case .mapType(let k, let v):
            out += "map["
            writeExpression(k, into: &out, depth: d)
            out += "]"
            writeExpression(v, into: &out, depth: d)
        case .chanType(let dir, let elem):
            switch dir {
            case .both: out += "chan "
            case .send: out += "chan<- "
            case .recv: out += "<-chan "
            }
            writeExpression(elem, into: &out, depth: d)
        default:
            out += text(id)
        }
    }
}
