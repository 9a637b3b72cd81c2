import ConcIR
import Findings

/// One function while the dispatcher walks it, with the facts checks ask
/// for built on first use and shared by every check (lesson 4: built once,
/// never per rule). A reference type only so that the lazy facts are
/// computed once per function; it never outlives the function's walk.
final class FunctionScope {
    let node: Int
    let function: Function
    let program: StructuralProgram

    init(node: Int, program: StructuralProgram) {
        self.node = node
        self.program = program
        function = program.index.function(node)
    }

    /// CFG, types, normalized places, infeasible edges: everything, for
    /// the checks that search paths. Built from `cfg` and `types`, so a
    /// check that asked for one of those first did not build it twice.
    lazy var facts = FunctionFacts(node: node, function: function, file: file, cfg: cfg, types: types, naming: naming)
    lazy var file: String = program.index.file(of: node)
    var module: Module { program.index.module(of: node) }
    /// The graph alone: most functions need no more (a check looking for
    /// loops), and the full facts cost three times as much.
    lazy var cfg = program.index.shared.cfg(node)
    /// How places compare and how callers name them, alone (a check
    /// comparing a deferred unlock's mutex with a lock's).
    lazy var naming = PlaceNaming(function)
    /// The operand types alone (a check looking at what is copied).
    lazy var types = program.index.shared.types(node)

    /// Files whose text a check read while walking the function: comments,
    /// which the IR does not keep, and lines a fix copies. The function's
    /// key does not cover them; `StructuralReuse` compares them before it
    /// reuses the function's findings.
    private(set) var filesRead: Set<String> = []
    /// Types whose method names a check looked up: a type's methods are in
    /// its own package, which the key may not cover either.
    private(set) var methodSetsRead: Set<String> = []
    /// Functions whose callers a check looked at, beyond the function's own
    /// (which its key holds): a helper's callers' callers holding a lock.
    private(set) var callersRead: Set<Int> = []

    /// The analysed files' text, with `file` noted as read: checks read a
    /// file's lines only through here.
    func sources(reading file: String) -> SourceText {
        filesRead.insert(file)
        return program.sources
    }

    /// The method names of the named type `type` (`MethodNames`), noted as read.
    func methodNames(of type: String) -> Set<String> {
        methodSetsRead.insert(type)
        return program.methodNames[type]
    }

    /// Notes that a check read who calls `node` and what those callers say.
    func noteCallersRead(of node: Int) {
        if node != self.node { callersRead.insert(node) }
    }

    /// The place with address-of temporaries and dereferences looked through.
    func normalize(_ place: Place) -> Place { naming.normalize(place) }

    /// Whether the blocks form a cycle at all (reachable or not): a cheap
    /// look, without the graph, before a check asks for loops.
    lazy var hasCycle: Bool = {
        let blocks = function.blocks
        // Iterative three-colour depth-first search from every block.
        var colour = [UInt8](repeating: 0, count: blocks.count)
        for root in blocks.indices where colour[root] == 0 {
            var stack: [(block: Int, next: Int)] = [(root, 0)]
            colour[root] = 1
            while let top = stack.last {
                let successors = blocks[top.block].successors
                if top.next < successors.count {
                    stack[stack.count - 1].next += 1
                    let s = successors[top.next]
                    guard s >= 0, s < blocks.count else { continue }
                    if colour[s] == 1 { return true }
                    if colour[s] == 0 {
                        colour[s] = 1
                        stack.append((s, 0))
                    }
                } else {
                    colour[top.block] = 2
                    stack.removeLast()
                }
            }
        }
        return false
    }()

    /// Blocks from which a `return` can still be reached (infeasible edges
    /// left out): the function can terminate from there.
    lazy var canReturn: [Bool] = {
        let blocks = function.blocks
        var reach = [Bool](repeating: false, count: blocks.count)
        var work: [Int] = []
        for (b, block) in blocks.enumerated() {
            if case .return? = block.terminator { reach[b] = true; work.append(b) }
        }
        let infeasible = facts.infeasible
        while let b = work.popLast() {
            for p in cfg.predecessors[b] where !reach[p] && !infeasible.contains(.init(from: p, to: b)) {
                reach[p] = true
                work.append(p)
            }
        }
        return reach
    }()

    /// Places read anywhere in the function (operands, select channels and
    /// values, returned values), normalized: "is this value used at all?".
    lazy var readPlaces: Set<Place> = {
        var out = Set<Place>()
        for block in function.blocks {
            for inst in block.instructions {
                for o in inst.operands { if let p = o.place { out.insert(normalize(p)) } }
                if case .dynamic(let v, _)? = inst.callee, let p = v.place { out.insert(normalize(p)) }
            }
            switch block.terminator {
            case .return(let ops)?: for o in ops { if let p = o.place { out.insert(normalize(p)) } }
            case .branch(let c, _, _)?: if let p = c.place { out.insert(normalize(p)) }
            case .select(let cases, _)?:
                for c in cases {
                    if let p = c.channel.place { out.insert(normalize(p)) }
                    if case .send(_, let v) = c.communication, let p = v.place { out.insert(normalize(p)) }
                }
            case .panic(let v)?: if let p = v.place { out.insert(normalize(p)) }
            default: break
            }
        }
        return out
    }()

    /// Whether the function runs once while the package is initialised:
    /// an `init` function, the initialiser of package-level variables, or
    /// a closure written in one of them.
    lazy var runsAtInitialisation: Bool = {
        var f = function
        for _ in 0..<16 {
            let name = f.name
            let pkg = module.packagePath
            if name == pkg + ".init" || name.hasPrefix(pkg + ".init.") && !name.dropFirst(pkg.count + 6).contains(".") {
                return true
            }
            guard let parent = f.parent, let node = program.index.node(named: parent) else { return false }
            f = program.index.function(node)
        }
        return false
    }()

    /// Places a value written into `place` is copied to by `assign`s of
    /// the function (flow-insensitive), `place` included.
    func copies(of place: Place) -> Set<Place> {
        var out: Set<Place> = [normalize(place)]
        var changed = true
        while changed {
            changed = false
            for block in function.blocks {
                for inst in block.instructions where inst.op == .assign {
                    guard let src = inst.operands.first?.place.map(normalize), out.contains(src),
                          let dst = inst.results.first?.place.map(normalize), !out.contains(dst) else { continue }
                    out.insert(dst)
                    changed = true
                }
            }
        }
        return out
    }

    /// Whether the function is in a package or file that runs for the
    /// life of the process or only in tests: a package that declares
    /// `func main()` (named by its import path, as the IR names packages).
    var isMainOrTest: Bool {
        module.packagePath == "main" || module.packagePath.hasSuffix(".test") || file.hasSuffix("_test.go")
            || module.functions.contains(where: \.isProgramMain)
    }

    func location(_ position: Position) -> Location? {
        guard position.isPresent else { return nil }
        return Location(file: file, line: Int(position.line), column: Int(position.column))
    }

    /// A finding of `ruleID` at `position`, at the rule's level for this package's Go version.
    func finding(_ ruleID: String, at position: Position, _ message: String,
                 flows: [CodeFlow] = [], fixes: [Fix] = []) -> Finding? {
        program.finding(ruleID, node: node, at: position, message, flows: flows, fixes: fixes)
    }
}
