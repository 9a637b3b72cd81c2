/// Checks that a module is well formed: what the lowering must guarantee
/// and the analyses assume. Every block terminated, every target a block,
/// every position present, operand and result counts as the opcode's
/// signature says, every variable declared, names the DSL can print back.
///
/// A valid module prints to text that parses back to an equal module.
public enum Validator {
    public static func validate(_ module: Module) -> [ValidationIssue] {
        var v = ModuleChecker(module: module)
        v.run()
        return v.issues
    }
}

/// One problem, located as precisely as the IR allows.
public struct ValidationIssue: Hashable, Sendable, CustomStringConvertible {
    /// The function's name, empty for module-level problems.
    public var function: String
    public var block: Int?
    public var instruction: Int?
    public var message: String

    public var description: String {
        var place = function.isEmpty ? "module" : function
        if let block { place += " b\(block)" }
        if let instruction { place += " #\(instruction)" }
        return "\(place): \(message)"
    }
}

private struct ModuleChecker {
    let module: Module
    let globals: Set<String>
    let functions: Set<String>
    var issues: [ValidationIssue] = []

    init(module: Module) {
        self.module = module
        globals = Set(module.globals.map(\.name))
        functions = Set(module.functions.map(\.name))
    }

    mutating func run() {
        duplicates(module.files, "file")
        duplicates(module.types.map(\.name), "type")
        duplicates(module.globals.map(\.name), "global")
        duplicates(module.functions.map(\.name), "function")
        for g in module.globals where g.name.isEmpty { report("", nil, nil, "a global has no name") }
        for f in module.functions {
            var checker = FunctionChecker(function: f, module: module, globals: globals, functions: functions)
            checker.run()
            issues += checker.issues
        }
    }

    private mutating func duplicates(_ names: [String], _ what: String) {
        var seen = Set<String>()
        for n in names where !seen.insert(n).inserted { report("", nil, nil, "duplicate \(what) '\(n)'") }
    }

    private mutating func report(_ f: String, _ b: Int?, _ i: Int?, _ message: String) {
        issues.append(ValidationIssue(function: f, block: b, instruction: i, message: message))
    }
}

private struct FunctionChecker {
    let function: Function
    let module: Module
    let globals: Set<String>
    let functions: Set<String>
    var variables = Set<String>()
    var definedTemps = Set<UInt32>()
    var issues: [ValidationIssue] = []
    var block: Int?
    var instruction: Int?

    init(function: Function, module: Module, globals: Set<String>, functions: Set<String>) {
        self.function = function
        self.module = module
        self.globals = globals
        self.functions = functions
    }

    mutating func run() {
        checkDeclaration()
        for b in function.blocks {
            for inst in b.instructions {
                for r in inst.results { if case .place(let p) = r, case .temp(let n) = p.root, p.path.isEmpty { definedTemps.insert(n) } }
            }
            if case .select(let cases, _)? = b.terminator {
                for c in cases {
                    if case .recv(_, let results) = c.communication {
                        for r in results { if case .place(let p) = r, case .temp(let n) = p.root, p.path.isEmpty { definedTemps.insert(n) } }
                    }
                }
            }
        }
        for (bi, b) in function.blocks.enumerated() {
            block = bi
            instruction = nil
            if let loop = b.loop {
                switch loop {
                case .unknown: break
                case .count(let o), .countPlus(let o, _), .length(let o), .lengthPlus(let o, _): checkOperand(o, asResult: false)
                }
            }
            for (ii, inst) in b.instructions.enumerated() {
                instruction = ii
                checkInstruction(inst)
            }
            instruction = nil
            checkTerminator(b)
        }
    }

    private mutating func report(_ message: String) {
        issues.append(ValidationIssue(function: function.name, block: block, instruction: instruction, message: message))
    }

    // MARK: Declaration

    private mutating func checkDeclaration() {
        let f = function
        if f.name.isEmpty { report("the function has no name") }
        if !f.position.isPresent { report("the function has no position") }
        if f.file < 0 || (f.file > 0 && f.file >= module.files.count) { report("file index \(f.file) is out of range") }
        if let recv = f.receiver {
            let method = FunctionName.methodName(f.name).map(String.init) ?? ""
            if f.name != FunctionName.method(receiver: recv.type, name: method) || !Lexical.isIdentifier(method) {
                report("a method's name must be (\(recv.type)).Name, found '\(f.name)'")
            }
        }
        if let parent = f.parent {
            if !functions.contains(parent) { report("parent '\(parent)' is not a function of the module") }
            if !f.hasBody { report("a closure must have a body") }
        }
        if f.isVariadic {
            if case .slice? = f.parameters.last?.type {} else { report("a variadic function's last parameter must be a slice") }
        }
        var all: [Variable] = []
        if let r = f.receiver { all.append(r) }
        all += f.parameters + f.results + f.captures + f.locals
        for v in all {
            checkType(v.type)
            guard !v.name.isEmpty else { continue }
            if v.name == "_" { report("a blank variable's name is empty, not '_'") }
            else if !Lexical.isIdentifier(v.name) || Lexical.operandKeywords.contains(v.name) {
                report("'\(v.name)' cannot name a variable")
            }
            if !variables.insert(v.name).inserted { report("duplicate variable '\(v.name)'") }
        }
    }

    /// Struct fields must print back as they are: an embedded field's name is
    /// its type's name.
    private mutating func checkType(_ t: GoType) {
        switch t {
        case .structure(let fields), .interface(let fields):
            for field in fields {
                if field.isEmbedded, field.name != field.type.embeddedFieldName { report("embedded field '\(field.name)' must be named after its type") }
                if !field.isEmbedded, !Lexical.isIdentifier(field.name) { report("invalid field name '\(field.name)'") }
                if case .interface = t, !field.isEmbedded {
                    if case .function = field.type {} else { report("interface element '\(field.name)' must be a method or embedded") }
                }
                checkType(field.type)
            }
        case .pointer(let e), .slice(let e), .array(_, let e), .chan(_, let e): checkType(e)
        case .map(let k, let v):
            checkType(k)
            checkType(v)
        case .function(let sig):
            for p in sig.parameters { checkType(p) }
            for r in sig.results { checkType(r) }
        case .named(let name, let args):
            if !Lexical.isPlainName(name) || BasicType.bySpelling[name] != nil || Lexical.typeKeywords.contains(name) {
                report("type name '\(name)' cannot be printed")
            }
            for a in args { checkType(a) }
        case .unknown, .basic: break
        }
    }

    // MARK: Instructions

    private mutating func checkInstruction(_ inst: Instruction) {
        let sig = inst.op.signature
        if !inst.position.isPresent { report("\(inst.op.name) has no position") }
        if !sig.operands.contains(inst.operands.count) { report("\(inst.op.name) takes \(sig.operands) operands, has \(inst.operands.count)") }
        if !sig.results.contains(inst.results.count) { report("\(inst.op.name) takes \(sig.results) results, has \(inst.results.count)") }
        if sig.takesType != (inst.type != nil) { report(sig.takesType ? "\(inst.op.name) needs a type" : "\(inst.op.name) takes no type") }
        if let t = inst.type { checkType(t) }
        if inst.op.isCallShaped != (inst.callee != nil) { report(inst.op.isCallShaped ? "\(inst.op.name) needs a callee" : "\(inst.op.name) takes no callee") }
        if inst.mode != .now && !inst.results.isEmpty { report("go and defer take no results") }
        if inst.isRangeStep && inst.op != .chanRecv { report("only chan.recv carries the range marker") }
        if let callee = inst.callee { checkCallee(callee, arguments: inst.operands.count) }
        for r in inst.results { checkOperand(r, asResult: true) }
        for o in inst.operands { checkOperand(o, asResult: false) }
    }

    private mutating func checkCallee(_ callee: Callee, arguments: Int) {
        switch callee {
        case .function(let name):
            if name.isEmpty { report("a callee has no name") }
            if FunctionName.isMethod(name) { report("'\(name)' is a method: call it as .method") }
        case .method(let name), .interface(let name, _):
            if FunctionName.methodName(name) == nil { report("'\(name)' is not a method name") }
            if arguments == 0 { report("a method call needs its receiver as first argument") }
        case .dynamic(let value, _):
            checkOperand(value, asResult: false)
        case .unknown:
            break
        }
    }

    private mutating func checkOperand(_ o: Operand, asResult: Bool) {
        switch o {
        case .place(let p):
            checkPlace(p)
        case .blank:
            if !asResult { report("'_' is only valid among results") }
        default:
            if asResult { report("a result must be a place or '_'") }
        }
    }

    private mutating func checkPlace(_ p: Place) {
        switch p.root {
        case .temp(let n):
            if !definedTemps.contains(n) { report("%\(n) is used but never defined") }
        case .variable(let v):
            if !variables.contains(v) { report("undeclared variable '\(v)'") }
        case .global(let g):
            if !globals.contains(g) { report("undeclared global '\(g)'") }
        }
        for s in p.path {
            if case .field(let f) = s, !Lexical.isIdentifier(f) { report("invalid field name '\(f)'") }
        }
    }

    // MARK: Terminators

    private mutating func checkTerminator(_ b: Block) {
        guard let term = b.terminator else {
            report("the block has no terminator")
            return
        }
        if !b.terminatorPosition.isPresent { report("the terminator has no position") }
        for t in term.targets where t < 0 || t >= function.blocks.count { report("target b\(t) does not exist") }
        switch term {
        case .branch(let cond, _, _): checkOperand(cond, asResult: false)
        case .return(let values): values.forEach { checkOperand($0, asResult: false) }
        case .panic(let v): checkOperand(v, asResult: false)
        case .select(let cases, _):
            for c in cases {
                if !c.position.isPresent { report("a select case has no position") }
                switch c.communication {
                case .send(let ch, let v):
                    checkOperand(ch, asResult: false)
                    checkOperand(v, asResult: false)
                case .recv(let ch, let results):
                    checkOperand(ch, asResult: false)
                    if results.count > 2 { report("a select receive has at most 2 results") }
                    results.forEach { checkOperand($0, asResult: true) }
                }
            }
        case .jump, .unreachable: break
        }
    }
}
