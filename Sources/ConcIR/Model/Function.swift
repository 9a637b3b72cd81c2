/// A function, method or closure: its signature, its variables and its
/// control-flow graph.
///
/// Names are qualified as go/types prints them, with the full package path:
/// `example.com/p.F`, `(*example.com/p.T).M`, and closures after their
/// parent, `example.com/p.F.func1`. A function without blocks is declared
/// with its signature only (assembly, or code not analysed).
public struct Function: Hashable, Sendable {
    public var name: String
    /// Index into `Module.files`.
    public var file: Int
    public var position: Position
    public var receiver: Variable?
    public var parameters: [Variable]
    public var results: [Variable]
    /// The last parameter is `...T` (its type is stored as `[]T`).
    public var isVariadic: Bool
    /// For a closure, the function it is written in.
    public var parent: String?
    /// For a closure, the variables of enclosing functions it uses. Go
    /// captures by reference: the closure and its parent share them.
    public var captures: [Variable]
    /// Every other variable of the body. Names are unique in a function: the
    /// lowering renames a shadowing variable with a `#n` suffix (`err#1`).
    public var locals: [Variable]
    /// The control-flow graph; `blocks[0]` is the entry.
    public var blocks: [Block]

    public init(name: String, file: Int = 0, position: Position = .none, receiver: Variable? = nil,
                parameters: [Variable] = [], results: [Variable] = [], isVariadic: Bool = false,
                parent: String? = nil, captures: [Variable] = [], locals: [Variable] = [],
                blocks: [Block] = []) {
        self.name = name
        self.file = file
        self.position = position
        self.receiver = receiver
        self.parameters = parameters
        self.results = results
        self.isVariadic = isVariadic
        self.parent = parent
        self.captures = captures
        self.locals = locals
        self.blocks = blocks
    }

    /// Derived from the declaration, so it can never disagree with it.
    public var kind: FunctionKind {
        if receiver != nil { return .method }
        if parent != nil { return .closure }
        return .function
    }

    public var hasBody: Bool { !blocks.isEmpty }

    /// The instructions that write `place` as a whole (it is one of their
    /// results), in block order: for a local, every value it is given.
    public func writes(of place: Place) -> [Instruction] {
        var found: [Instruction] = []
        for block in blocks {
            for inst in block.instructions where inst.results.contains(where: { $0.place == place }) { found.append(inst) }
        }
        return found
    }

    /// Whether this is a package's `func main()`: a top-level function
    /// named main with no parameters or results (`FunctionName.isProgramMain`).
    public var isProgramMain: Bool {
        kind == .function && parameters.isEmpty && results.isEmpty && FunctionName.isProgramMain(name)
    }

    /// Every named variable in scope in the body, in declaration order:
    /// receiver, parameters, results, captures, locals.
    public var variables: [Variable] {
        var all: [Variable] = []
        all.reserveCapacity(parameters.count + results.count + captures.count + locals.count + 1)
        if let receiver { all.append(receiver) }
        all += parameters
        all += results
        all += captures
        all += locals
        return all.filter { !$0.name.isEmpty }
    }

    /// The signature as a function type.
    public var signature: Signature {
        Signature(parameters: parameters.map(\.type), results: results.map(\.type), isVariadic: isVariadic)
    }
}

public enum FunctionKind: UInt8, Hashable, Sendable {
    case function, method, closure
}

/// A named, typed variable: a parameter, result, local, capture or global.
/// An empty name is a blank or unnamed one (`_`).
public struct Variable: Hashable, Sendable {
    public var name: String
    public var type: GoType

    public init(_ name: String, _ type: GoType) {
        self.name = name
        self.type = type
    }
}

/// A basic block: straight-line instructions and one terminator.
public struct Block: Hashable, Sendable {
    public var instructions: [Instruction]
    /// Nil only while a block is being built; the validator reports it.
    public var terminator: Terminator?
    public var terminatorPosition: Position
    /// Set on a loop header the lowering knows about, with its trip count.
    public var loop: LoopTrips?

    public init(_ instructions: [Instruction] = [], terminator: Terminator? = nil,
                at terminatorPosition: Position = .none, loop: LoopTrips? = nil) {
        self.instructions = instructions
        self.terminator = terminator
        self.terminatorPosition = terminatorPosition
        self.loop = loop
    }

    /// Successor block indices (see `Terminator.targets`).
    public var successors: [Int] { terminator?.targets ?? [] }

    /// What the block's nil test tests, when `condition` is that test's
    /// result (`%1 = isnil x; if %1 then ...`: x); the branch's `then`
    /// target is then the nil side.
    public func nilTested(by condition: Place) -> Operand? {
        instruction(producing: condition).flatMap { $0.op == .isNil ? $0.operands.first : nil }
    }

    /// Whether the block's last instruction is `runtime.Goexit` or a
    /// testing method built on it (t.Fatal, t.FailNow, t.Skip ...), which
    /// the IR ends like a panic: the goroutine ends without one, so nothing
    /// can recover it and the program goes on.
    public var endsGoroutineWithoutPanic: Bool {
        guard let last = instructions.last, last.op == .call, let name = last.callee?.staticName else { return false }
        return FunctionName.endsGoroutineWithoutPanic(name)
    }

    /// The block's comparison whose result is `condition` (`%1 = cmp.eq b,
    /// 10; if %1 then ...`), if the branch tests one.
    public func comparison(producing condition: Place) -> Instruction? {
        instruction(producing: condition).flatMap { $0.op.isComparison ? $0 : nil }
    }

    /// The block's last instruction whose (first) result is `place`: what a
    /// branch on a temporary tests (`%1 = timer.stop t; if %1`).
    public func instruction(producing place: Place) -> Instruction? {
        instructions.last { $0.results.first?.place == place }
    }

    /// Whether the block's branch condition says nothing the lowering could
    /// decide: `?`, or a comparison the analyses may evaluate but that the
    /// IR itself leaves open.
    public var branchesOnUnknown: Bool {
        guard case .branch(let condition, _, _)? = terminator else { return false }
        switch condition {
        case .unknown: return true
        case .place(let p): return comparison(producing: p) != nil
        default: return false
        }
    }
}

/// How often a loop runs, when the lowering can tell.
public enum LoopTrips: Hashable, Sendable {
    /// A loop with an unknown trip count (`for cond {}`, `for {}`).
    case unknown
    /// Runs `n` times: a constant (`for range 10`, `for i := 0; i < 10; i++`),
    /// a variable or a field of one (`for range n`, `for i := 0; i < b.N; i++`,
    /// `for i := n; i > 0; i--`).
    case count(Operand)
    /// Runs `n + k` times, k not 0: `for i := 0; i < n+1; i++`, `i <= n`,
    /// `for i := 1; i < n; i++`, `for i := n; i >= 0; i--`. Two loops bounded by the same `n` run
    /// their counts together, which a finding about one loop's sends and
    /// another's receives depends on.
    case countPlus(Operand, Int64)
    /// Runs once per element of `x` (`for i := range xs`, `len(xs)` bounds).
    case length(Operand)
    /// Runs `len(x) + k` times, k not 0: `for i := 0; i < len(xs)+1; i++`,
    /// `for i := 1; i < len(xs); i++`. It counts together with a range
    /// over `x`, as `countPlus` does with `count` (three workers started
    /// over `keys` and one more, then `len(keys)+1` replies received).
    case lengthPlus(Operand, Int64)

    /// Whether the lowering knows how often the loop runs (in terms of a
    /// constant, a variable or a length).
    public var isCounted: Bool {
        if case .unknown = self { return false }
        return true
    }
}
