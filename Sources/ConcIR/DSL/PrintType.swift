/// Go syntax for types, the one spelling used everywhere: in the DSL, in
/// method names (`(*pkg.T).M`), and in messages.
extension GoType: CustomStringConvertible {
    public var description: String {
        var w = ByteWriter()
        w.writeType(self)
        return w.string
    }
}

extension ByteWriter {
    mutating func writeType(_ type: GoType) {
        switch type {
        case .unknown: byte(0x3F)
        case .basic(let b): write(b.rawValue)
        case .named(let name, let args):
            write(name)
            if !args.isEmpty {
                byte(0x5B)
                writeTypeList(args)
                byte(0x5D)
            }
        case .pointer(let t):
            byte(0x2A)
            writeType(t)
        case .slice(let t):
            write("[]")
            writeType(t)
        case .array(let n, let t):
            byte(0x5B)
            write(n)
            byte(0x5D)
            writeType(t)
        case .map(let k, let v):
            write("map[")
            writeType(k)
            byte(0x5D)
            writeType(v)
        case .chan(let dir, let elem):
            switch dir {
            case .both: write("chan ")
            case .send: write("chan<- ")
            case .recv: write("<-chan ")
            }
            // `chan <-chan T` would read as `chan<- chan T`; Go needs parentheses.
            if dir == .both, case .chan(.recv, _) = elem {
                byte(0x28)
                writeType(elem)
                byte(0x29)
            } else {
                writeType(elem)
            }
        case .function(let sig):
            write("func")
            writeSignature(sig)
        case .structure(let fields):
            writeFields(keyword: "struct", fields)
        case .interface(let fields):
            writeFields(keyword: "interface", fields)
        }
    }

    mutating func writeTypeList(_ types: [GoType]) {
        for (i, t) in types.enumerated() {
            if i > 0 { write(", ") }
            writeType(t)
        }
    }

    /// `(params) results`, without the `func` keyword.
    mutating func writeSignature(_ sig: Signature) {
        byte(0x28)
        for (i, t) in sig.parameters.enumerated() {
            if i > 0 { write(", ") }
            if sig.isVariadic, i == sig.parameters.count - 1, case .slice(let elem) = t {
                write("...")
                writeType(elem)
            } else {
                writeType(t)
            }
        }
        byte(0x29)
        switch sig.results.count {
        case 0: break
        case 1:
            byte(0x20)
            writeType(sig.results[0])
        default:
            write(" (")
            writeTypeList(sig.results)
            byte(0x29)
        }
    }

    private mutating func writeFields(keyword: String, _ fields: [Field]) {
        write(keyword)
        if fields.isEmpty {
            write("{}")
            return
        }
        write("{ ")
        for (i, f) in fields.enumerated() {
            if i > 0 { write("; ") }
            if f.isEmbedded {
                writeType(f.type)
            } else if keyword == "interface", case .function(let sig) = f.type {
                write(f.name)
                writeSignature(sig)
            } else {
                write(f.name)
                byte(0x20)
                writeType(f.type)
            }
        }
        write(" }")
    }
}
