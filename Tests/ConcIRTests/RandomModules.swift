import ConcIR
import TestSupport

/// Random valid modules that use every construct of the IR, including the
/// awkward ones (globals that are prefixes of each other, variables that
/// shadow a global's first segment, names that need quoting), to check that
/// `parse(print(ir)) == ir` holds beyond the hand-written fixtures.
struct RandomModules {
    var rng: SplitMix64
    let package: String
    var globalNames: [String] = []
    var temps: [UInt32] = []
    var nextTemp: UInt32 = 1
    var variables: [String] = []
    var blockCount = 1

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
        package = "example.com/r\(seed % 7)"
    }

    mutating func module() -> Module {
        globalNames = ["\(package).g0", "\(package).cfg", "\(package).cfg.mu", "os.Args", "odd name"]
        var m = Module(packagePath: package, goVersion: rng.pick(["1.19", "1.22", "1.25", ""]),
                       files: ["a.go", "b.go", "sub/c.go"])
        m.types = [TypeDeclaration("\(package).T1", .structure([Field(name: "mu", type: .named("sync.Mutex")), .embedded(.named("sync.WaitGroup"))])),
                   TypeDeclaration("\(package).T2", type(depth: 0))]
        m.globals = globalNames.map { Variable($0, type(depth: 1)) }
        let count = rng.int(1..<5)
        for i in 0..<count { m.functions.append(function(index: i, parent: i > 0 && rng.chance(30) ? m.functions[0].name : nil)) }
        return m
    }

    // MARK: Types

    mutating func type(depth: Int) -> GoType {
        let leaf = depth >= 3 || rng.chance(40)
        if leaf {
            switch rng.int(0..<5) {
            case 0: return .basic(rng.pick(BasicType.allCases))
            case 1: return .named(rng.pick(["sync.Mutex", "sync.WaitGroup", "time.Ticker", "\(package).T1", "T", "context.Context"]))
            case 2: return .unknown
            case 3: return .named("\(package).List", arguments: [type(depth: depth + 1), .basic(.int)])
            default: return .basic(.int)
            }
        }
        switch rng.int(0..<9) {
        case 0: return .pointer(type(depth: depth + 1))
        case 1: return .slice(type(depth: depth + 1))
        case 2: return .array(count: Int64(rng.int(0..<100)), element: type(depth: depth + 1))
        case 3: return .map(key: type(depth: depth + 1), value: type(depth: depth + 1))
        case 4:
            let dir = rng.pick([ChanDirection.both, .send, .recv])
            return .chan(dir, element: rng.chance(30) ? .chan(.recv, element: .basic(.int)) : type(depth: depth + 1))
        case 5: return .function(signature(depth: depth + 1))
        case 6:
            var fields: [Field] = []
            for i in 0..<rng.int(0..<4) { fields.append(Field(name: "f\(i)", type: type(depth: depth + 1))) }
            if rng.chance(50) { fields.append(.embedded(rng.pick([.named("sync.Mutex"), .pointer(.named("\(package).T1")), .named("\(package).List", arguments: [.basic(.int)])]))) }
            return .structure(fields)
        case 7:
            var elems: [Field] = []
            for i in 0..<rng.int(0..<3) { elems.append(Field(name: "M\(i)", type: .function(signature(depth: depth + 1)))) }
            if rng.chance(50) { elems.append(.embedded(.named("io.Closer"))) }
            return .interface(elems)
        default: return .basic(.string)
        }
    }

    mutating func signature(depth: Int) -> Signature {
        var sig = Signature()
        for _ in 0..<rng.int(0..<3) { sig.parameters.append(type(depth: depth)) }
        if rng.chance(20) {
            sig.parameters.append(.slice(type(depth: depth)))
            sig.isVariadic = true
        }
        for _ in 0..<rng.int(0..<3) { sig.results.append(type(depth: depth)) }
        return sig
    }

    // MARK: Functions

    mutating func function(index: Int, parent: String?) -> Function {
        temps = []
        nextTemp = 1
        var f = Function(name: "\(package).f\(index)", file: rng.int(0..<3), position: position())
        if parent == nil, rng.chance(30) {
            let recvType = GoType.pointer(.named("\(package).T1"))
            f.receiver = Variable(rng.chance(20) ? "" : "s", recvType)
            f.name = FunctionName.method(receiver: recvType, name: "M\(index)")
        }
        if let parent {
            f.parent = parent
            f.name = parent + ".func\(index)"
            f.captures = [Variable("c0", .chan(.both, element: .basic(.int)))]
        }
        for i in 0..<rng.int(0..<3) { f.parameters.append(Variable(rng.chance(10) ? "" : "p\(i)", type(depth: 1))) }
        if rng.chance(20) {
            f.parameters.append(Variable("rest", .slice(.basic(.string))))
            f.isVariadic = true
        }
        let named = rng.chance(50)
        for i in 0..<rng.int(0..<3) { f.results.append(Variable(named ? "r\(i)" : "", type(depth: 1))) }
        f.locals = [Variable("os", .basic(.int)), Variable("v", .basic(.int)), Variable("err#1", .basic(.error))]
        for i in 0..<rng.int(0..<3) { f.locals.append(Variable("l\(i)", type(depth: 1))) }
        variables = f.variables.map(\.name)
        guard parent != nil || rng.chance(85) else {
            f.captures = []
            f.locals = []
            return f
        }
        blockCount = rng.int(1..<6)
        for _ in 0..<blockCount { f.blocks.append(block()) }
        return f
    }

    mutating func position() -> Position { Position(rng.int(1..<5000), rng.int(1..<200)) }

    mutating func block() -> Block {
        var b = Block()
        for _ in 0..<rng.int(0..<8) { b.instructions.append(instruction()) }
        b.terminator = terminator()
        b.terminatorPosition = position()
        switch rng.int(0..<6) {
        case 0: b.loop = .unknown
        case 1: b.loop = .count(rng.chance(50) ? .int(Int64(rng.int(0..<100))) : .variable("v"))
        case 2: b.loop = .length(.variable(rng.pick(variables)))
        default: break
        }
        return b
    }

    mutating func instruction() -> Instruction {
        let op = rng.pick(Opcode.allCases)
        let sig = op.signature
        var inst = Instruction(op, position: position())
        if sig.takesType { inst.type = type(depth: 1) }
        if op.isCallShaped {
            inst.callee = callee(op)
            let minimum = inst.callee?.hasReceiver == true ? 1 : 0
            inst.operands = (0..<rng.int(minimum..<4)).map { _ in operand() }
        } else {
            let count = rng.int(sig.operands.lowerBound..<min(sig.operands.upperBound, 3) + 1)
            inst.operands = (0..<count).map { _ in operand() }
        }
        let resultCount = rng.int(sig.results.lowerBound..<min(sig.results.upperBound, 3) + 1)
        inst.results = (0..<resultCount).map { _ in result() }
        if inst.results.isEmpty, op != .assign, rng.chance(25) { inst.mode = rng.pick([.go, .defer]) }
        if op == .chanRecv, rng.chance(30) { inst.isRangeStep = true }
        return inst
    }

    mutating func functionName() -> String {
        rng.pick(["\(package).f0", "\(package).helper", "time.sleep", "call", "C.free", "weird name",
                  "\(package).f0.func1", FunctionName.method(receiver: .pointer(.named("\(package).T1")), name: "M0") + ".func2"])
    }

    mutating func methodName() -> String {
        FunctionName.method(receiver: rng.pick([.pointer(.named("\(package).T1")), .named("io.Closer"),
                                                .pointer(.named("\(package).List", arguments: [.basic(.int)]))]), name: "M")
    }

    mutating func callee(_ op: Opcode) -> Callee {
        switch rng.int(0..<5) {
        case 0: return .function(functionName())
        case 1: return .method(methodName())
        case 2: return .interface(methodName(), implementations: (0..<rng.int(0..<3)).map { _ in methodName() })
        case 3: return .dynamic(rng.chance(20) ? .function(functionName()) : .place(place()), targets: (0..<rng.int(0..<3)).map { _ in functionName() })
        default: return .unknown
        }
    }

    mutating func result() -> Operand {
        switch rng.int(0..<4) {
        case 0:
            let t = nextTemp
            nextTemp += 1
            temps.append(t)
            return .temp(t)
        case 1: return .blank
        default: return .place(place())
        }
    }

    mutating func place() -> Place {
        var p: Place
        switch rng.int(0..<3) {
        case 0 where !temps.isEmpty: p = Place(.temp(rng.pick(temps)))
        case 1: p = Place(.global(rng.pick(globalNames)))
        default: p = Place(.variable(rng.pick(variables)))
        }
        for _ in 0..<rng.int(0..<4) {
            switch rng.int(0..<4) {
            case 0: p.path.append(.element)
            case 1: p.path.append(.deref)
            default: p.path.append(.field(rng.pick(["mu", "C", "inner", "wg"])))
            }
        }
        return p
    }

    mutating func operand() -> Operand {
        switch rng.int(0..<10) {
        case 0: return .int(rng.pick([0, 1, -1, 42, Int64.max, Int64.min]))
        case 1: return .string(String((0..<rng.int(0..<6)).map { _ in rng.pick(["a", "\"", "\\", "\n", "\t", "\u{1}", "é", "日", "\u{7f}", "%", "@", " "]) }))
        case 2: return .bool(rng.chance(50))
        case 3: return .nil
        case 4: return .function(rng.chance(50) ? functionName() : methodName())
        case 5: return .unknown
        default: return .place(place())
        }
    }

    mutating func label() -> Int { rng.int(0..<blockCount) }

    mutating func terminator() -> Terminator {
        switch rng.int(0..<7) {
        case 0: return .jump(label())
        case 1: return .branch(condition: rng.chance(30) ? .unknown : operand(), then: label(), else: label())
        case 2:
            var cases: [SelectCase] = []
            for _ in 0..<rng.int(0..<3) {
                let comm: Communication = rng.chance(50)
                    ? .send(channel: operand(), value: operand())
                    : .recv(channel: operand(), results: (0..<rng.int(0..<3)).map { _ in result() })
                cases.append(SelectCase(comm, target: label(), position: position()))
            }
            return .select(cases, default: rng.chance(50) ? label() : nil)
        case 3: return .return((0..<rng.int(0..<3)).map { _ in operand() })
        case 4: return .panic(operand())
        case 5: return .unreachable
        default: return .return([])
        }
    }
}
