/// Prints modules and functions as DSL text (see docs/ir.md).
///
/// The output is deterministic (declaration order, one spelling per
/// construct) and parses back to an equal IR. Text goes into one byte buffer,
/// so printing costs no allocation per instruction.
struct Printer {
    var out: ByteWriter
    /// Declared globals: a global operand is printed bare only when the
    /// parser would resolve the bare text back to it.
    let globals: Set<String>
    /// Named variables of the function being printed.
    var variables: Set<String> = []
    /// Where in `out` each position was written, when asked for (nil:
    /// not recorded): what text without positions a digest skips.
    var positionRanges: [Range<Int>]?

    init(module: Module, capacity: Int) {
        out = ByteWriter(capacity: capacity)
        globals = Set(module.globals.map(\.name))
    }

    mutating func printModule(_ m: Module) {
        var wroteHeader = false
        if !m.packagePath.isEmpty {
            out.write("package ")
            out.writeName(m.packagePath)
            out.byte(0x0A)
            wroteHeader = true
        }
        if !m.goVersion.isEmpty {
            out.write("go ")
            if GoVersion(m.goVersion)?.description == m.goVersion { out.write(m.goVersion) } else { out.writeQuoted(m.goVersion) }
            out.byte(0x0A)
            wroteHeader = true
        }
        for f in m.files {
            out.write("file ")
            out.writeQuoted(f)
            out.byte(0x0A)
            wroteHeader = true
        }
        var needsBlank = wroteHeader
        if !m.types.isEmpty {
            if needsBlank { out.byte(0x0A) }
            for t in m.types {
                out.write("type ")
                out.writeName(t.name)
                out.byte(0x20)
                out.writeType(t.type)
                out.byte(0x0A)
            }
            needsBlank = true
        }
        if !m.globals.isEmpty {
            if needsBlank { out.byte(0x0A) }
            for g in m.globals {
                out.write("global ")
                out.writeName(g.name)
                out.byte(0x20)
                out.writeType(g.type)
                out.byte(0x0A)
            }
            needsBlank = true
        }
        for f in m.functions {
            if needsBlank { out.byte(0x0A) }
            printFunction(f, files: m.files)
            needsBlank = true
        }
    }

    mutating func printFunction(_ f: Function, files: [String]) {
        variables = Set(f.variables.map(\.name))
        out.write("func ")
        if let recv = f.receiver {
            out.byte(0x28)
            writeVariable(recv, variadic: false)
            out.write(") ")
            out.write(FunctionName.methodName(f.name) ?? Substring(f.name))
        } else {
            writeFunctionName(f.name)
        }
        out.byte(0x28)
        for (i, p) in f.parameters.enumerated() {
            if i > 0 { out.write(", ") }
            writeVariable(p, variadic: f.isVariadic && i == f.parameters.count - 1)
        }
        out.byte(0x29)
        writeResults(f.results)
        out.write(" @")
        if f.file != 0 {
            if f.file > 0, f.file < files.count { out.writeQuoted(files[f.file]) } else { out.write(f.file) }
            out.byte(0x3A)
        }
        writePositionBody(f.position)
        let hasDeclarations = f.parent != nil || !f.captures.isEmpty || !f.locals.isEmpty
        guard f.hasBody || hasDeclarations else {
            out.byte(0x0A)
            return
        }
        out.write(" {\n")
        if let parent = f.parent {
            out.write("\tparent ")
            writeFunctionName(parent)
            out.byte(0x0A)
        }
        for c in f.captures { writeDeclaration("\tcapture ", c) }
        for l in f.locals { writeDeclaration("\tvar ", l) }
        for (i, b) in f.blocks.enumerated() { printBlock(b, index: i) }
        out.write("}\n")
    }

    private mutating func writeDeclaration(_ keyword: String, _ v: Variable) {
        out.write(keyword)
        writeVariable(v, variadic: false)
        out.byte(0x0A)
    }

    /// `name T`, `_ T` for a blank name, `name ...E` for a variadic parameter.
    private mutating func writeVariable(_ v: Variable, variadic: Bool) {
        out.write(v.name.isEmpty ? "_" : v.name)
        out.byte(0x20)
        if variadic, case .slice(let elem) = v.type {
            out.write("...")
            out.writeType(elem)
        } else {
            out.writeType(v.type)
        }
    }

    /// Unnamed results print as Go types (` T`, ` (A, B)`), named ones as
    /// ` (n A, err B)`.
    private mutating func writeResults(_ results: [Variable]) {
        guard !results.isEmpty else { return }
        if results.allSatisfy({ $0.name.isEmpty }) {
            if results.count == 1 {
                out.byte(0x20)
                out.writeType(results[0].type)
            } else {
                out.write(" (")
                out.writeTypeList(results.map(\.type))
                out.byte(0x29)
            }
            return
        }
        out.write(" (")
        for (i, r) in results.enumerated() {
            if i > 0 { out.write(", ") }
            writeVariable(r, variadic: false)
        }
        out.byte(0x29)
    }

    private mutating func printBlock(_ b: Block, index: Int) {
        out.byte(0x62)
        out.write(index)
        out.byte(0x3A)
        if let loop = b.loop {
            out.write(" loop")
            switch loop {
            case .unknown: break
            case .count(let n):
                out.byte(0x20)
                writeOperand(n)
            case .countPlus(let n, let k):
                out.byte(0x20)
                writeOperand(n)
                out.write(" plus ")
                out.write(k)
            case .length(let x):
                out.write(" len(")
                writeOperand(x)
                out.byte(0x29)
            case .lengthPlus(let x, let k):
                out.write(" len(")
                writeOperand(x)
                out.write(") plus ")
                out.write(k)
            }
        }
        out.byte(0x0A)
        for inst in b.instructions {
            out.byte(0x09)
            writeInstruction(inst)
            out.byte(0x0A)
        }
        if let t = b.terminator {
            out.byte(0x09)
            writeTerminator(t)
            writePosition(b.terminatorPosition)
            out.byte(0x0A)
        }
    }

    mutating func writePosition(_ p: Position) {
        out.write(" @")
        writePositionBody(p)
    }

    private mutating func writePositionBody(_ p: Position) {
        let start = out.bytes.count
        out.write(p.line)
        out.byte(0x3A)
        out.write(p.column)
        positionRanges?.append(start..<out.bytes.count)
    }

    /// Method names (`(*pkg.T).M`) are written as they are; they were built
    /// from a printed type. Other names are quoted unless they lex as one name.
    mutating func writeFunctionName(_ name: String) {
        if name.utf8.first == 0x28 { out.write(name) } else { out.writeName(name) }
    }

    mutating func writeLabel(_ block: Int) {
        out.byte(0x62)
        out.write(block)
    }
}
