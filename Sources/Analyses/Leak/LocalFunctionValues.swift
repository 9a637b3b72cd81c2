import ConcIR
import RuntimeModel

/// Where the function values a function calls come from: functions it
/// names itself, its parameters, or somewhere it cannot see.
///
/// `call := cgocall; if panicking > 0 { call = asmcgocall }; call(fn, arg)`
/// (runtime.callCgoSymbolizer) can only call one of the two, whose
/// summaries are known; `hexdumpWords(p, end, mark)` calls whatever its
/// caller passes as `mark`, here a literal that only reads memory. Taking
/// every call through a value as one that may touch concurrency made every
/// function that can reach a runtime traceback (every reflect panic,
/// `fmt`'s printing, `testing`'s logging) one the runtime model had to
/// execute, and their branches split the first move of most leak roots
/// past the fork bound.
///
/// Flow-insensitive, like the parameter flow of `CalleeSummaries`: each
/// variable and temporary gets the union of what every write to it
/// stores. A root that something this function does not see may write
/// (a variable whose address is taken, or that one of its closures
/// writes; the result of any operation but a copy) holds unknown values.
/// A closure's capture holds what the variable holds in the enclosing
/// function (`printcomma := func() {...}` called from another literal of
/// runtime.printArgs), or a value from that function's caller when it is
/// a parameter there. A package-level variable (`runtime.overrideWrite`)
/// holds nothing the runtime model can run: the model reads every global
/// as a value from outside, so a call through one is unknown code there
/// (save the lowering's single possible target, which the caller adds).
struct LocalFunctionValues {
    /// What a value may be.
    struct Sources: Equatable {
        /// Functions named in this function (literals included).
        var names: Set<String> = []
        /// Parameters (receiver first) whose value it may be.
        var parameters: Set<Int> = []
        /// Anything else.
        var unknown = false

        mutating func formUnion(_ other: Sources) {
            names.formUnion(other.names)
            parameters.formUnion(other.parameters)
            unknown = unknown || other.unknown
        }
    }

    private var sources: [Place.Root: Sources] = [:]

    init(_ f: Function, program: ProgramIndex) {
        self.init(f, program: program, depth: 0)
    }

    /// How many enclosing functions a capture is followed through.
    private static let maxNesting = 8

    private init(_ f: Function, program: ProgramIndex, depth: Int) {
        var index = 0
        if let r = f.receiver {
            sources[.variable(r.name), default: .init()].parameters.insert(index)
            index += 1
        }
        for p in f.parameters {
            if !p.name.isEmpty { sources[.variable(p.name), default: .init()].parameters.insert(index) }
            index += 1
        }
        if !f.captures.isEmpty {
            let enclosing = f.parent.flatMap { program.function(named: $0) }.map { program[$0] }
            let outer = depth < Self.maxNesting ? enclosing.map { LocalFunctionValues($0, program: program, depth: depth + 1) } : nil
            for c in f.captures {
                var from = outer?.sources(of: .place(Place(.variable(c.name)))) ?? Sources(unknown: true)
                if !from.parameters.isEmpty {
                    from.parameters = []
                    from.unknown = true
                }
                sources[.variable(c.name)] = from
            }
        }
        var copies: [(from: Place.Root, to: Place.Root)] = []

        func setUnknown(_ root: Place.Root) { sources[root, default: .init()].unknown = true }
        for ref in program.closures(of: f.name) {
            for c in program[ref].captures where Self.writes(program[ref], c.name, program: program, depth: 0) {
                setUnknown(.variable(c.name))
            }
        }
        Self.forEachWrite(in: f) { root, copy in
            switch copy {
            case .function(let name)?: sources[root, default: .init()].names.insert(name)
            case .nil?: break
            case .place(let p)? where p.root.isGlobal: break
            case .place(let p)? where p.path.isEmpty: copies.append((p.root, root))
            default: setUnknown(root)
            }
            return true
        }
        // What a copy reads flows to what it writes, until nothing changes.
        var changed = !copies.isEmpty
        while changed {
            changed = false
            for (from, to) in copies {
                let incoming = self.sources(of: from)
                var merged = sources[to] ?? .init()
                merged.formUnion(incoming)
                if merged != sources[to] ?? .init() {
                    sources[to] = merged
                    changed = true
                }
            }
        }
    }

    /// Calls `body` for every write of a whole root in `f` (an operation's
    /// result, a select case's received values, a root whose address is
    /// taken), with the operand a one-result `assign` copies (nil for any
    /// other write), until `body` returns false.
    private static func forEachWrite(in f: Function, _ body: (Place.Root, Operand?) -> Bool) {
        for block in f.blocks {
            for inst in block.instructions {
                if inst.op == .addr, case .place(let p)? = inst.operands.first, !body(p.root, nil) { return }
                let copied = inst.op == .assign && inst.results.count == 1 ? inst.operands.first : nil
                for case .place(let dst) in inst.results where dst.path.isEmpty {
                    if !body(dst.root, copied) { return }
                }
            }
            if case .select(let cases, _)? = block.terminator {
                for c in cases {
                    guard case .recv(_, let results) = c.communication else { continue }
                    for case .place(let dst) in results where dst.path.isEmpty {
                        if !body(dst.root, nil) { return }
                    }
                }
            }
        }
    }

    /// Whether closure `f` (or a closure within it that captures the
    /// variable in turn) writes or takes the address of its capture `name`.
    private static func writes(_ f: Function, _ name: String, program: ProgramIndex, depth: Int) -> Bool {
        guard depth < maxNesting else { return true }
        let root = Place.Root.variable(name)
        var found = false
        forEachWrite(in: f) { written, _ in
            found = written == root
            return !found
        }
        if found { return true }
        return program.closures(of: f.name).contains { inner in
            program[inner].captures.contains { $0.name == name } && writes(program[inner], name, program: program, depth: depth + 1)
        }
    }

    /// What calling through `operand` may run. A variable never written
    /// holds nil, and calling it runs nothing.
    func sources(of operand: Operand) -> Sources {
        switch operand {
        case .function(let name): return Sources(names: [name])
        case .nil: return Sources()
        case .place(let p) where p.root.isGlobal: return Sources()
        case .place(let p) where p.path.isEmpty: return sources(of: p.root)
        default: return Sources(unknown: true)
        }
    }

    private func sources(of root: Place.Root) -> Sources {
        sources[root] ?? Sources()
    }
}
