/// Instructions, terminators and operands as DSL text.
extension Printer {
    mutating func writeInstruction(_ inst: Instruction) {
        if inst.op == .assign {
            writeMode(inst)
            out.write("assign ")
            writeOperands(inst.results)
            out.write(" = ")
            writeOperands(inst.operands)
            writePosition(inst.position)
            return
        }
        if !inst.results.isEmpty {
            writeOperands(inst.results)
            out.write(" = ")
        }
        writeMode(inst)
        if inst.op.isCallShaped {
            if inst.op == .cgoCall || inst.mode == .now || needsCallKeyword(inst.callee) {
                out.write(inst.op.name)
                out.byte(0x20)
            }
            writeCall(inst.callee ?? .unknown, arguments: inst.operands)
        } else {
            out.write(inst.op.name)
            var separator: String = " "
            if let type = inst.type {
                out.byte(0x20)
                out.writeType(type)
                separator = ", "
            }
            if !inst.operands.isEmpty {
                out.write(separator)
                writeOperands(inst.operands)
            }
        }
        writePosition(inst.position)
    }

    private mutating func writeMode(_ inst: Instruction) {
        switch inst.mode {
        case .now: break
        case .go: out.write("go ")
        case .defer: out.write("defer ")
        }
        if inst.isRangeStep { out.write("range ") }
    }

    /// After `go`/`defer` a call is written without `call`, unless its
    /// callee's name would read as a keyword or an operation.
    private func needsCallKeyword(_ callee: Callee?) -> Bool {
        guard case .function(let name)? = callee else { return false }
        return name == "call" || name == "assign" || Opcode.named(name) != nil
    }

    mutating func writeCall(_ callee: Callee, arguments: [Operand]) {
        var targets: [String] = []
        var alwaysListTargets = false
        switch callee {
        case .function(let name), .method(let name):
            writeFunctionName(name)
        case .interface(let name, let impls):
            writeFunctionName(name)
            targets = impls
            alwaysListTargets = true
        case .dynamic(let value, let ts):
            out.byte(0x28)
            writeOperand(value)
            out.byte(0x29)
            targets = ts
        case .unknown:
            out.byte(0x3F)
        }
        out.byte(0x28)
        writeOperands(arguments)
        out.byte(0x29)
        if alwaysListTargets || !targets.isEmpty {
            out.write(" targets [")
            for (i, t) in targets.enumerated() {
                if i > 0 { out.write(", ") }
                writeFunctionName(t)
            }
            out.byte(0x5D)
        }
    }

    mutating func writeTerminator(_ t: Terminator) {
        switch t {
        case .jump(let b):
            out.write("jump ")
            writeLabel(b)
        case .branch(let cond, let then, let els):
            out.write("if ")
            writeOperand(cond)
            out.write(" then ")
            writeLabel(then)
            out.write(" else ")
            writeLabel(els)
        case .select(let cases, let def):
            guard !cases.isEmpty || def != nil else {
                out.write("select {}")
                return
            }
            out.write("select { ")
            for (i, c) in cases.enumerated() {
                if i > 0 { out.write("; ") }
                writeSelectCase(c)
            }
            if let def {
                if !cases.isEmpty { out.write("; ") }
                out.write("default -> ")
                writeLabel(def)
            }
            out.write(" }")
        case .return(let values):
            out.write("return")
            if !values.isEmpty {
                out.byte(0x20)
                writeOperands(values)
            }
        case .panic(let v):
            out.write("panic ")
            writeOperand(v)
        case .unreachable:
            out.write("unreachable")
        }
    }

    private mutating func writeSelectCase(_ c: SelectCase) {
        out.write("case ")
        switch c.communication {
        case .send(let ch, let v):
            out.write("send ")
            writeOperand(ch)
            out.write(", ")
            writeOperand(v)
        case .recv(let ch, let results):
            if !results.isEmpty {
                writeOperands(results)
                out.write(" = ")
            }
            out.write("recv ")
            writeOperand(ch)
        }
        writePosition(c.position)
        out.write(" -> ")
        writeLabel(c.target)
    }

    mutating func writeOperands(_ operands: [Operand]) {
        for i in operands.indices {
            if i > 0 {
                out.byte(0x2C)
                out.byte(0x20)
            }
            writeOperand(operands[i])
        }
    }

    mutating func writeOperand(_ o: Operand) {
        switch o {
        case .place(let p): writePlace(p)
        case .int(let v): out.write(v)
        case .string(let s): out.writeQuoted(s)
        case .bool(let b): out.write(b ? "true" : "false")
        case .nil: out.write("nil")
        case .function(let name):
            out.write("func ")
            writeFunctionName(name)
        case .unknown: out.byte(0x3F)
        case .blank: out.byte(0x5F)
        }
    }

    /// Go syntax for a place: trailing dereferences as prefix stars (`*p`),
    /// inner ones grouped (`(*p).f`), fields as `.f`, elements as `[]`.
    mutating func writePlace(_ p: Place) {
        if p.path.isEmpty, case .temp(let n) = p.root {
            out.byte(0x25)
            out.write(n)
            return
        }
        if p.path.isEmpty, case .variable(let name) = p.root {
            out.write(name)
            return
        }
        let trailingDerefs = p.path.reversed().prefix { $0 == .deref }.count
        let innerEnd = p.path.count - trailingDerefs
        for _ in 0..<trailingDerefs { out.byte(0x2A) }
        for s in p.path[..<innerEnd].reversed() where s == .deref { out.write("(*") }
        switch p.root {
        case .temp(let n):
            out.byte(0x25)
            out.write(n)
        case .variable(let name):
            out.write(name)
        case .global(let name):
            writeGlobal(name, path: p.path[..<innerEnd])
        }
        for s in p.path[..<innerEnd] {
            switch s {
            case .field(let f):
                out.byte(0x2E)
                out.write(f)
            case .element: out.write("[]")
            case .deref: out.byte(0x29)
            }
        }
    }

    /// A global bare when the parser would read the bare text back as this
    /// global with the same fields; as `global(name)` otherwise.
    private mutating func writeGlobal(_ name: String, path: ArraySlice<Selector>) {
        if globalPrintsBare(name, path: path) {
            out.write(name)
        } else {
            out.write("global(")
            out.writeName(name)
            out.byte(0x29)
        }
    }

    private func globalPrintsBare(_ name: String, path: ArraySlice<Selector>) -> Bool {
        guard globals.contains(name), Lexical.isPlainName(name) else { return false }
        var text = name
        for s in path {
            guard case .field(let f) = s else { break }
            text += "." + f
        }
        let resolved = NameResolution.resolve(text, variables: variables, globals: globals)
        guard case .global(let g, let fields)? = resolved, g == name else { return false }
        var expected = 0
        for s in path {
            guard case .field = s else { break }
            expected += 1
        }
        return fields.count == expected
    }
}
