/// Type identity, assignability to interfaces, and printing, after the Go
/// specification ("Type identity", "Method sets", "Implementing an interface").
public enum TypeIdentity {
    /// Go's type identity. Invalid types are identical to nothing, so that
    /// no conclusion rests on a type the checker could not compute.
    public static func identical(_ a: GoType, _ b: GoType) -> Bool {
        var depth = 0
        return identical(a, b, &depth)
    }

    /// `identical`, or `unknownMatches`: an invalid type is identical to
    /// every type (for questions of what may be, where a type the checker
    /// could not compute must not rule a candidate out).
    private static func identical(_ a: GoType, _ b: GoType, _ depth: inout Int, unknownMatches: Bool = false) -> Bool {
        depth += 1
        defer { depth -= 1 }
        if depth > 64 { return false }
        if unknownMatches, a.isInvalid || b.isInvalid { return true }
        switch (a, b) {
        case (.basic(let x), .basic(let y)):
            return x == y
        case (.pointer(let x), .pointer(let y)), (.slice(let x), .slice(let y)):
            return identical(x, y, &depth, unknownMatches: unknownMatches)
        case (.array(let n, let x), .array(let m, let y)):
            return n != nil && n == m && identical(x, y, &depth, unknownMatches: unknownMatches)
        case (.map(let k1, let v1), .map(let k2, let v2)):
            return identical(k1, k2, &depth, unknownMatches: unknownMatches) && identical(v1, v2, &depth, unknownMatches: unknownMatches)
        case (.chan(let d1, let e1), .chan(let d2, let e2)):
            return d1 == d2 && identical(e1, e2, &depth, unknownMatches: unknownMatches)
        case (.structure(let s), .structure(let t)):
            if s === t { return true }
            guard s.fields.count == t.fields.count else { return false }
            for (f, g) in zip(s.fields, t.fields) {
                guard f.name == g.name, f.embedded == g.embedded, f.tag == g.tag,
                      identical(f.type, g.type, &depth, unknownMatches: unknownMatches) else { return false }
            }
            return true
        case (.function(let s), .function(let t)):
            return identicalSignatures(s, t, &depth, unknownMatches: unknownMatches)
        case (.interface(let i), .interface(let j)):
            if i === j { return true }
            let m1 = i.allMethods
            let m2 = j.allMethods
            guard m1.count == m2.count, i.terms.count == j.terms.count else { return false }
            for (x, y) in zip(m1, m2) {
                guard x.name == y.name, identical(x.type, y.type, &depth, unknownMatches: unknownMatches) else { return false }
            }
            return true
        case (.named(let x), .named(let y)):
            if x === y { return true }
            guard x.origin === y.origin, x.typeArguments.count == y.typeArguments.count else { return false }
            for (p, q) in zip(x.typeArguments, y.typeArguments) where !identical(p, q, &depth, unknownMatches: unknownMatches) { return false }
            return true
        case (.typeParameter(let x), .typeParameter(let y)):
            return x === y
        case (.tuple(let xs), .tuple(let ys)):
            guard xs.count == ys.count else { return false }
            for (x, y) in zip(xs, ys) where !identical(x, y, &depth, unknownMatches: unknownMatches) { return false }
            return true
        default:
            return false
        }
    }

    private static func identicalSignatures(_ s: Signature, _ t: Signature, _ depth: inout Int, unknownMatches: Bool) -> Bool {
        if s === t { return true }
        guard s.variadic == t.variadic, s.parameters.count == t.parameters.count,
              s.results.count == t.results.count else { return false }
        for (x, y) in zip(s.parameters, t.parameters) where !identical(x, y, &depth, unknownMatches: unknownMatches) { return false }
        for (x, y) in zip(s.results, t.results) where !identical(x, y, &depth, unknownMatches: unknownMatches) { return false }
        return true
    }

    /// Whether the method set of `type` holds every method of `interface`
    /// (by name and identical signature). Pointer receivers count only for
    /// `*T`, as the spec says.
    public static func implements(_ type: GoType, _ interface: InterfaceType) -> Bool {
        implements(type, interface, unknownMatches: false)
    }

    /// Whether `type` may implement `interface`: `implements`, where a
    /// type the checker could not compute (from a module that is not on
    /// the machine) matches any type. For the implementations an interface
    /// call may reach: ruling one out on a type nobody knows would hide
    /// the method that runs.
    public static func mayImplement(_ type: GoType, _ interface: InterfaceType) -> Bool {
        implements(type, interface, unknownMatches: true)
    }

    private static func implements(_ type: GoType, _ interface: InterfaceType, unknownMatches: Bool) -> Bool {
        let wanted = interface.allMethods
        if wanted.isEmpty { return true }
        var depth = 0
        if case .interface(let other) = type.underlying {
            let have = Dictionary(other.allMethods.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            return wanted.allSatisfy { m in have[m.name].map { identical($0.type, m.type, &depth, unknownMatches: unknownMatches) } ?? false }
        }
        for m in wanted {
            guard let found = MethodLookup.method(named: m.name, in: type),
                  found.addressable || !found.needsPointer,
                  let fs = found.object.type.signature, let ms = m.type.signature,
                  sameShape(fs, ms, unknownMatches: unknownMatches) else { return false }
        }
        return true
    }

    /// Signatures equal apart from the receiver.
    static func sameShape(_ a: Signature, _ b: Signature, unknownMatches: Bool = false) -> Bool {
        var depth = 0
        return identicalSignatures(a, b, &depth, unknownMatches: unknownMatches)
    }
}

/// Go syntax for types, as messages and the IR print them.
enum TypePrinter {
    static func string(_ t: GoType) -> String {
        var out = ""
        write(t, &out, depth: 0)
        return out
    }

    private static func write(_ t: GoType, _ out: inout String, depth: Int) {
        guard depth < 32 else {
            out += "…"
            return
        }
        let d = depth + 1
        switch t {
        case .basic(let k): out += k.name
        case .pointer(let e): out += "*"; write(e, &out, depth: d)
        case .slice(let e): out += "[]"; write(e, &out, depth: d)
        case .array(let n, let e): out += "[\(n.map(String.init) ?? "?")]"; write(e, &out, depth: d)
        case .map(let k, let v): out += "map["; write(k, &out, depth: d); out += "]"; write(v, &out, depth: d)
        case .chan(let dir, let e):
            switch dir {
            case .both: out += "chan "
            case .send: out += "chan<- "
            case .recv: out += "<-chan "
            }
            write(e, &out, depth: d)
        case .structure(let s):
            out += "struct{"
            for (i, f) in s.fields.enumerated() {
                if i > 0 { out += "; " }
                if !f.embedded { out += f.name + " " }
                write(f.type, &out, depth: d)
            }
            out += "}"
        case .function(let s):
            out += "func"
            writeSignature(s, &out, depth: d)
        case .interface(let i):
            if i.methods.isEmpty && i.embedded.isEmpty && i.terms.isEmpty {
                out += "interface {}"
            } else {
                out += "interface{"
                for (k, m) in i.methods.enumerated() {
                    if k > 0 { out += "; " }
                    out += m.name
                    if let s = m.type.signature { writeSignature(s, &out, depth: d) }
                }
                for e in i.embedded {
                    if !out.hasSuffix("{") { out += "; " }
                    write(e, &out, depth: d)
                }
                out += "}"
            }
        case .named(let n):
            out += n.qualifiedName
            if !n.typeArguments.isEmpty {
                out += "["
                for (i, a) in n.typeArguments.enumerated() {
                    if i > 0 { out += ", " }
                    write(a, &out, depth: d)
                }
                out += "]"
            }
        case .typeParameter(let p): out += p.name
        case .tuple(let ts):
            out += "("
            for (i, e) in ts.enumerated() {
                if i > 0 { out += ", " }
                write(e, &out, depth: d)
            }
            out += ")"
        case .invalid: out += "invalid type"
        }
    }

    private static func writeSignature(_ s: Signature, _ out: inout String, depth: Int) {
        out += "("
        for (i, p) in s.parameters.enumerated() {
            if i > 0 { out += ", " }
            if s.variadic && i == s.parameters.count - 1, case .slice(let e) = p {
                out += "..."
                write(e, &out, depth: depth)
            } else {
                write(p, &out, depth: depth)
            }
        }
        out += ")"
        if s.results.count == 1 {
            out += " "
            write(s.results[0], &out, depth: depth)
        } else if !s.results.isEmpty {
            out += " "
            write(.tuple(s.results), &out, depth: depth)
        }
    }
}
