import GoSema
import GoSyntax

/// Prints expressions the way the compiler's `-m` messages do: `&T{...}`,
/// `make([]int, n)`, `([]byte)(s)`, `(interface {})(x)`, `func literal`,
/// `... argument`, binary operators spaced, parentheses dropped except
/// where precedence needs them (`(*sp)[1:2]`, `(a + b) * c`).
struct ExpressionPrinter {
    let file: TypedFile
    /// The package being analysed: its own types print unqualified.
    var packagePath = ""
    var tree: SyntaxTree { file.tree }

    func allocationText(_ n: NodeID, _ shape: AllocationShape) -> String {
        switch shape {
        case .closure: return "func literal"
        case .variadicSlice: return "... argument"
        case .concatenation: return text(n)
        default: return text(n)
        }
    }

    func text(_ n: NodeID) -> String {
        var out = ""
        write(n, &out, depth: 0)
        return out
    }

    private func write(_ n: NodeID, _ out: inout String, depth: Int) {
        guard depth < 20 else { out += "..."; return }
        let d = depth + 1
        switch tree[n] {
        case .ident(let name):
            out += tree.string(name)
        case .basicLit(let kind):
            if kind == .string, let c = file.constants[n], case .string(let s) = c {
                out += quoted(s)
            } else {
                out += tree.text(n)
            }
        case .compositeLit(let type, let elts, _):
            if type.isNone {
                let t = file.type(of: n)
                if let p = t.pointee { out += "&" + typeText(p) } else { out += typeText(t) }
            } else {
                out += typeSource(type)
            }
            out += elts.isEmpty ? "{}" : "{...}"
        case .funcLit:
            out += "func literal"
        case .paren(let x):
            write(x, &out, depth: d)
        case .selector(let x, let sel, _):
            writePrimary(x, &out, depth: d)
            out += "."
            out += tree.identName(sel) ?? ""
        case .index(let x, let indices, _):
            writePrimary(x, &out, depth: d)
            out += "["
            for (i, e) in tree.list(indices).enumerated() {
                if i > 0 { out += ", " }
                write(e, &out, depth: d)
            }
            out += "]"
        case .slice(let x, let lo, let hi, let max, _, _):
            writePrimary(x, &out, depth: d)
            out += "["
            if !lo.isNone { write(lo, &out, depth: d) }
            out += ":"
            if !hi.isNone { write(hi, &out, depth: d) }
            if !max.isNone { out += ":"; write(max, &out, depth: d) }
            out += "]"
        case .typeAssert(let x, let type, _):
            writePrimary(x, &out, depth: d)
            out += ".("
            out += type.isNone ? "type" : typeSource(type)
            out += ")"
        case .call(let fun, let args, let ellipsis, _):
            writeCall(n, fun, Array(tree.list(args)), ellipsis, &out, depth: d)
        case .star(let x):
            out += "*"
            // `*(*i)`, as the compiler prints a dereference of one.
            if case .star = tree[stripped(x)] { writePrimary(x, &out, depth: d) } else { write(x, &out, depth: d) }
        case .unary(let op, let x):
            out += operatorText(op)
            write(x, &out, depth: d)
        case .binary(let op, let x, let y, _):
            if op == .add, case .basic(let b) = file.type(of: n).underlying, b.isString, file.constants[n] == nil {
                // The compiler flattens string concatenations into one list.
                let parts = concatenationOperands(n)
                for (i, p) in parts.enumerated() {
                    if i > 0 { out += " + " }
                    write(p, &out, depth: d)
                }
                return
            }
            writeOperand(x, precedence: op.precedence, &out, depth: d)
            out += " " + operatorText(op) + " "
            writeOperand(y, precedence: op.precedence + 1, &out, depth: d)
        case .keyValue(let k, let v, _):
            write(k, &out, depth: d)
            out += ": "
            write(v, &out, depth: d)
        default:
            out += typeSource(n)
        }
    }

    /// The operand of a selector, index, slice or type assertion: a
    /// unary or binary expression there keeps its parentheses, as the
    /// compiler prints `(*sp)[1:2]` and Go needs them to mean the same.
    private func stripped(_ x: NodeID) -> NodeID {
        var inner = x
        while case .paren(let y) = tree[inner] { inner = y }
        return inner
    }

    private func writePrimary(_ x: NodeID, _ out: inout String, depth: Int) {
        let inner = stripped(x)
        switch tree[inner] {
        case .star, .unary, .binary:
            out += "("
            write(inner, &out, depth: depth)
            out += ")"
        default:
            write(inner, &out, depth: depth)
        }
    }

    private func writeOperand(_ x: NodeID, precedence: Int, _ out: inout String, depth: Int) {
        var inner = x
        while case .paren(let y) = tree[inner] { inner = y }
        if case .binary(let op, _, _, _) = tree[inner], op.precedence < precedence {
            out += "("
            write(inner, &out, depth: depth)
            out += ")"
        } else {
            write(inner, &out, depth: depth)
        }
    }

    private func concatenationOperands(_ n: NodeID) -> [NodeID] {
        var result: [NodeID] = []
        var stack = [n]
        while let m = stack.popLast() {
            var s = m
            while case .paren(let x) = tree[s] { s = x }
            if case .binary(.add, let x, let y, _) = tree[s], file.constants[s] == nil,
               case .basic(let b) = file.type(of: s).underlying, b.isString {
                stack.append(y)
                stack.append(x)
            } else {
                result.append(s)
            }
        }
        return result
    }

    private func writeCall(_ n: NodeID, _ fun: NodeID, _ args: [NodeID], _ ellipsis: Bool, _ out: inout String, depth: Int) {
        var f = fun
        while case .paren(let x) = tree[f] { f = x }
        if file.denotesType(f) {
            let t = typeSource(f)
            // Named types print bare, others in parentheses: `string(b)`, `([]byte)(s)`.
            var simple = false
            switch tree[f] {
            case .ident, .selector: simple = true
            default: simple = false
            }
            out += simple ? t : "(\(t))"
            out += "("
            if let a = args.first { write(a, &out, depth: depth) }
            out += ")"
            return
        }
        var printed: [String] = args.map { text($0) }
        if case .selector(let x, let sel, _) = tree[f], let selection = file.selections[f], selection.kind == .method,
           let receiver = methodReceiverText(selection) {
            // A static method call prints as a method expression: `(*T).M(x, args)`.
            out += receiver + "." + (tree.identName(sel) ?? "")
            let wantsPointer = selection.object.hasPointerReceiver
            let isPointer = file.type(of: x).isPointer
            printed.insert((wantsPointer && !isPointer ? "&" : "") + text(x), at: 0)
        } else {
            write(f, &out, depth: depth)
        }
        out += "("

        if !ellipsis, let s = file.type(of: f).signature, s.variadic, file.object(of: f)?.kind != .builtin {
            let fixed = max(0, s.parameters.count - 1)
            if args.count == 1, case .tuple = file.type(of: args[0]) {
                // f(g()) keeps its single argument.
            } else if printed.count > fixed {
                printed = Array(printed[..<fixed]) + ["... argument..."]
            } else {
                printed.append("nil...")
            }
        }
        out += printed.joined(separator: ", ")
        if ellipsis { out += "..." }
        out += ")"
    }

    /// `T` or `(*T)` (qualified outside its package) for a method called
    /// statically; nil for interface methods and promoted ones.
    private func methodReceiverText(_ selection: Selection) -> String? {
        guard selection.path.isEmpty, !selection.receiverType.isInterface,
              let named = (selection.receiverType.pointee ?? selection.receiverType).named else { return nil }
        let name = named.packagePath == packagePath ? named.name : named.qualifiedName
        return selection.object.hasPointerReceiver ? "(*\(name))" : name
    }

    /// A type as written, in the compiler's spelling (`interface {}`).
    func typeSource(_ n: NodeID) -> String {
        var s = tree.text(n)
        s = s.replacingOccurrences(of: "interface{", with: "interface {")
        s = s.replacingOccurrences(of: "struct{", with: "struct {")
        s = s.replacingOccurrences(of: "func (", with: "func(")
        return s
    }

    func typeText(_ t: GoType) -> String {
        var s = t.description
        s = s.replacingOccurrences(of: "interface{", with: "interface {")
        s = s.replacingOccurrences(of: "struct{", with: "struct {")
        return s
    }

    private func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7f {
                    out += "\\x" + String(format2(u.value))
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    private func format2(_ v: UInt32) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(v >> 4) & 15], digits[Int(v) & 15]])
    }

    private func operatorText(_ op: Token) -> String {
        switch op {
        case .add: return "+"
        case .sub: return "-"
        case .mul: return "*"
        case .quo: return "/"
        case .rem: return "%"
        case .and: return "&"
        case .or: return "|"
        case .xor: return "^"
        case .shl: return "<<"
        case .shr: return ">>"
        case .andNot: return "&^"
        case .land: return "&&"
        case .lor: return "||"
        case .arrow: return "<-"
        case .eql: return "=="
        case .neq: return "!="
        case .lss: return "<"
        case .leq: return "<="
        case .gtr: return ">"
        case .geq: return ">="
        case .not: return "!"
        case .tilde: return "~"
        default: return "?"
        }
    }
}

extension Token {
    /// Go's binary operator precedence (5 highest).
    var precedence: Int {
        switch self {
        case .mul, .quo, .rem, .shl, .shr, .and, .andNot: return 5
        case .add, .sub, .or, .xor: return 4
        case .eql, .neq, .lss, .leq, .gtr, .geq: return 3
        case .land: return 2
        case .lor: return 1
        default: return 0
        }
    }
}
