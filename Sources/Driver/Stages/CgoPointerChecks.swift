import Cgo
import Findings
import GoSema
import GoSyntax
import RuleEngine

/// The cgo pointer rules, as far as the Go types and the C bodies show
/// them. Go code may pass C a pointer to Go memory only if that memory
/// holds no Go pointers, and C may not keep the pointer after the call:
///
/// - CG1030: the argument points to Go memory that holds Go pointers
///   (a string, slice, map, pointer ... field; for `&s[i]` the whole
///   backing array counts, for `&s.f` only the field). The runtime's
///   cgocheck panics on the call ("cgo argument has Go pointer to Go pointer").
/// - CG1031: the called preamble function stores that parameter in global
///   C memory, so C keeps a Go pointer after the call returns; the garbage
///   collector does not know and may free or reuse the memory.
///
/// An argument is a Go pointer when it is `&x` (through conversions such
/// as `unsafe.Pointer(&x)`, but not through a call of a C function), or has
/// a pointer type to a Go type (`**C.char` does not: it may point into C
/// memory); an `unsafe.Pointer` of unknown origin may be C memory and is
/// not judged, and neither is a variable that only ever holds what C
/// returned (`p := (*[n]T)(C.malloc(size))` is C memory with a Go pointer type).
struct CgoPointerChecks {
    static let goPointerToGoPointer = "CG1030"
    static let goPointerKeptByC = "CG1031"

    let rules: [String: Rule]
    let version: GoLanguageVersion?

    init(rules: [String: Rule], version: GoLanguageVersion?) {
        self.rules = rules
        self.version = version
    }

    func findings(in file: TypedFile, unit: CTranslationUnit, displayPath: String) -> [Finding] {
        guard rules[Self.goPointerToGoPointer] != nil || rules[Self.goPointerKeptByC] != nil else { return [] }
        let tree = file.tree
        var out: [Finding] = []
        let calls = CgoNameCheck.calls(in: file)
        guard !calls.isEmpty else { return [] }
        let cMemory = Self.cMemoryVariables(in: file)
        var cArguments = Set<NodeID>()
        for reference in calls {
            guard case .call(_, let args, _, _) = tree[reference.call] else { continue }
            for arg in tree.list(args) { cArguments.insert(addressOperand(arg, in: file, unit: unit) ?? arg) }
        }
        let outParameters = Self.outParameterVariables(in: file, cArguments: cArguments)
        for reference in calls {
            guard case .call(_, let args, _, _) = tree[reference.call] else { continue }
            let function = unit.functions[reference.name]
            for (i, arg) in tree.list(args).enumerated() {
                guard let pointer = goPointer(arg, in: file, unit: unit, cMemory: cMemory, outParameters: outParameters) else { continue }
                let at = tree.location(arg)
                if let global = function?.body?.parametersKeptInGlobals[i] {
                    let message = "C.\(reference.name) keeps its parameter in the C global \(global) after the call returns, "
                        + "but \(pointer.text) is Go memory: the garbage collector does not know C holds it and may free or reuse it"
                    if let f = finding(Self.goPointerKeptByC, displayPath, at, message) { out.append(f) }
                }
                if let inner = Self.goPointerInside(pointer.pointee) {
                    let message = "\(pointer.text) points to Go memory that holds Go pointers (\(inner)): passing it to C breaks "
                        + "the cgo pointer rules, and the runtime panics with \"cgo argument has Go pointer to Go pointer\""
                    if let f = finding(Self.goPointerToGoPointer, displayPath, at, message) { out.append(f) }
                }
            }
        }
        return out
    }

    private func finding(_ id: String, _ file: String, _ at: SourceLocation, _ message: String) -> Finding? {
        guard let rule = rules[id] else { return nil }
        return Finding(ruleID: id, category: rule.category, level: rule.level(for: version),
                       message: message + rule.messageSuffix(for: version),
                       location: Location(file: file, line: at.line, column: at.column))
    }

    private func stripParens(_ node: NodeID, _ tree: SyntaxTree) -> NodeID {
        var n = node
        while case .paren(let inner) = tree[n] { n = inner }
        return n
    }

    /// A Go pointer passed as an argument: its text and what it points to.
    struct GoPointer {
        var text: String
        var pointee: GoType
    }

    /// An argument seen through parens and conversions
    /// (`unsafe.Pointer(&x)`, `(*C.char)(p)`), up to eight deep.
    private func throughConversions(_ arg: NodeID, in file: TypedFile, unit: CTranslationUnit) -> NodeID {
        let tree = file.tree
        var e = stripParens(arg, tree)
        for _ in 0..<8 {
            guard case .call(let fun, let args, _, _) = tree[e], tree.list(args).count == 1,
                  isConversion(fun, file, unit: unit), let inner = tree.list(args).first else { break }
            e = stripParens(inner, tree)
        }
        return e
    }

    /// The `&x` node of an argument, seen through parens and conversions.
    private func addressOperand(_ arg: NodeID, in file: TypedFile, unit: CTranslationUnit) -> NodeID? {
        let e = throughConversions(arg, in: file, unit: unit)
        if case .unary(.and, _) = file.tree[e] { return e }
        return nil
    }

    private func goPointer(_ arg: NodeID, in file: TypedFile, unit: CTranslationUnit, cMemory: Set<Object>,
                           outParameters: Set<Object>) -> GoPointer? {
        let tree = file.tree
        let e = throughConversions(arg, in: file, unit: unit)
        if case .unary(.and, let x) = tree[e] {
            // `&p[i]`, `&p.f` with p a pointer to C memory: C memory.
            if let root = Self.pointerRoot(of: x, in: file), cMemory.contains(root) { return nil }
            // `&res` with `var res *C.struct_addrinfo`: res only ever holds nil or C memory.
            if case .ident = tree[stripParens(x, tree)], let object = file.object(of: stripParens(x, tree)),
               outParameters.contains(object) { return nil }
            return GoPointer(text: tree.text(e), pointee: file.type(of: x))
        }
        // A variable or field of type *T, T a Go type: Go memory, unless
        // the variable only ever holds C memory.
        if case .ident = tree[e], let object = file.object(of: e), cMemory.contains(object) { return nil }
        if case .pointer(let pointee) = file.type(of: e), !Self.isCType(pointee) {
            return GoPointer(text: tree.text(e), pointee: pointee)
        }
        return nil
    }

    /// The variables of the file that are assigned (or declared with) only
    /// results of C calls, through Go conversions: `p := (*T)(C.malloc(n))`.
    static func cMemoryVariables(in file: TypedFile) -> Set<Object> {
        let tree = file.tree
        var fromC = Set<Object>()
        var other = Set<Object>()
        func record(_ name: NodeID, _ value: NodeID) {
            guard case .ident = tree[name], let object = file.objects[name.index], object.kind == .variable else { return }
            if isCResult(value, file) { fromC.insert(object) } else { other.insert(object) }
        }
        guard tree.nodeCount > 1 else { return [] }
        for i in 1..<tree.nodeCount {
            let node = NodeID(Int32(i))
            switch tree[node] {
            case .assign(let lhs, let rhs, _, _):
                let l = tree.list(lhs), r = tree.list(rhs)
                guard l.count == r.count else {
                    for n in l { if case .ident = tree[n], let o = file.objects[n.index] { other.insert(o) } }
                    continue
                }
                for (n, v) in zip(l, r) { record(n, v) }
            case .valueSpec(let names, _, let values, _):
                let n = tree.list(names), v = tree.list(values)
                if n.count == v.count {
                    for (a, b) in zip(n, v) { record(a, b) }
                }
            default:
                continue
            }
        }
        return fromC.subtracting(other)
    }

    /// Local pointer variables that only ever hold nil or what a C call
    /// returned, and whose address is taken only as an argument of C calls:
    /// `var res *C.struct_addrinfo; C.getaddrinfo(..., &res)`. `&res` is Go
    /// memory, but it holds no Go pointer when passed (nil or a C pointer C
    /// stored there by an earlier call), so the runtime's check passes.
    static func outParameterVariables(in file: TypedFile, cArguments: Set<NodeID>) -> Set<Object> {
        let tree = file.tree
        var candidates = Set<Object>()
        var other = Set<Object>()
        func isNilOrC(_ value: NodeID) -> Bool {
            var e = value
            while case .paren(let inner) = tree[e] { e = inner }
            if case .ident = tree[e], file.object(of: e)?.kind == .nilValue { return true }
            return isCResult(e, file)
        }
        func object(_ n: NodeID) -> Object? {
            var e = n
            while case .paren(let inner) = tree[e] { e = inner }
            guard case .ident = tree[e] else { return nil }
            return file.objects[e.index] ?? file.object(of: e)
        }
        guard tree.nodeCount > 1 else { return [] }
        for i in 1..<tree.nodeCount {
            let node = NodeID(Int32(i))
            switch tree[node] {
            case .valueSpec(let names, _, let values, _):
                let n = Array(tree.list(names)), v = Array(tree.list(values))
                for (k, name) in n.enumerated() {
                    guard let o = object(name) else { continue }
                    if v.isEmpty || (n.count == v.count && isNilOrC(v[k])) { candidates.insert(o) } else { other.insert(o) }
                }
            case .assign(let lhs, let rhs, _, _):
                let l = Array(tree.list(lhs)), r = Array(tree.list(rhs))
                for (k, name) in l.enumerated() {
                    guard let o = object(name) else { continue }
                    if l.count == r.count && isNilOrC(r[k]) { continue }
                    other.insert(o)
                }
            case .rangeStmt(let key, let value, _, _, _):
                for n in [key, value] where !n.isNone { if let o = object(n) { other.insert(o) } }
            case .unary(.and, let x):
                if !cArguments.contains(node), let o = object(x) { other.insert(o) }
            default:
                continue
            }
        }
        return Set(candidates.subtracting(other).filter { o in
            guard o.kind == .variable, !o.isPackageLevel else { return false }
            if case .pointer = o.type { return true }
            return false
        })
    }

    /// The variable of pointer type that `x` reaches through (`p` of
    /// `p[i]`, `p.f`, `(*p).f`), or nil when `x` is not inside one.
    private static func pointerRoot(of x: NodeID, in file: TypedFile) -> Object? {
        let tree = file.tree
        var e = x
        var throughPointer = false
        for _ in 0..<16 {
            switch tree[e] {
            case .paren(let inner): e = inner
            case .index(let base, _, _), .selector(let base, _, _):
                if case .pointer = file.type(of: base) { throughPointer = true }
                e = base
            case .star(let base):
                throughPointer = true
                e = base
            case .ident:
                return throughPointer ? file.object(of: e) : nil
            default:
                return nil
            }
        }
        return nil
    }

    /// A call of a C function (`C.malloc(n)`), seen through Go type conversions.
    private static func isCResult(_ value: NodeID, _ file: TypedFile) -> Bool {
        let tree = file.tree
        var e = value
        for _ in 0..<8 {
            while case .paren(let inner) = tree[e] { e = inner }
            guard case .call(var fun, let args, _, _) = tree[e] else { return false }
            while case .paren(let inner) = tree[fun] { fun = inner }
            if case .selector(let x, _, _) = tree[fun], CgoNameCheck.isCPackage(x, in: file) { return true }
            // A Go conversion `(*T)(v)` or `unsafe.Pointer(v)`: look inside.
            let isType: Bool
            switch tree[fun] {
            case .star, .arrayType: isType = true
            default: isType = file.object(of: fun)?.kind == .typeName
            }
            guard isType, tree.list(args).count == 1, let inner = tree.list(args).first else { return false }
            e = inner
        }
        return false
    }

    /// `unsafe.Pointer(x)`, `(*C.char)(x)`, `T(x)`: a call whose function denotes a type.
    /// Whether calling `fun` with one argument converts it. `C.name(x)` is
    /// a call when the preamble declares a function `name`, else a
    /// conversion to a C type: the Go checker knows neither.
    private func isConversion(_ fun: NodeID, _ file: TypedFile, unit: CTranslationUnit) -> Bool {
        let f = stripParens(fun, file.tree)
        switch file.tree[f] {
        case .star, .arrayType, .funcType, .mapType, .chanType, .structType, .interfaceType: return true
        case .selector(let x, let sel, _) where CgoNameCheck.isCPackage(x, in: file):
            return file.tree.identName(sel).map { unit.functions[$0] == nil } ?? true
        default: return file.object(of: f)?.kind == .typeName
        }
    }

    /// A C type (unknown to the Go checker), or a pointer to one: `*C.char`
    /// in a `**C.char` parameter may as well point into C memory.
    static func isCType(_ type: GoType) -> Bool {
        var t = type.underlying
        for _ in 0..<8 {
            if t.isInvalid { return true }
            guard case .pointer(let pointee) = t else { return false }
            t = pointee.underlying
        }
        return false
    }

    /// What in a Go type is a Go pointer ("field name (string)"), nil when nothing is.
    static func goPointerInside(_ type: GoType, depth: Int = 0) -> String? {
        guard depth < 16 else { return nil }
        switch type {
        case .basic(let b):
            if b == .string { return "a string" }
            if b == .unsafePointer { return "an unsafe.Pointer" }
            return nil
        case .pointer: return "a pointer"
        case .slice: return "a slice"
        case .map: return "a map"
        case .chan: return "a channel"
        case .function: return "a func"
        case .interface: return "an interface"
        case .array(_, let element): return goPointerInside(element, depth: depth + 1)
        case .structure(let s):
            for field in s.fields {
                if let inner = goPointerInside(field.type, depth: depth + 1) { return "field \(field.name), \(inner)" }
            }
            return nil
        case .named(let n): return goPointerInside(n.underlying, depth: depth + 1)
        case .typeParameter, .tuple, .invalid: return nil
        }
    }
}
