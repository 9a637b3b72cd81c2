import Testing
@testable import ConcIR

@Suite struct CallGraphTests {
    /// A module where function i calls each of `calls[i]`.
    static func module(_ calls: [[Int]], prefix: String = "p.f") -> Module {
        var m = Module(packagePath: "p")
        for (i, callees) in calls.enumerated() {
            let block = Block(callees.map { .call(.function(prefix + "\($0)"), [], position: Position(1, 1)) },
                              terminator: .return([]), at: Position(1, 1))
            m.functions.append(Function(name: prefix + "\(i)", position: Position(i + 1, 1), blocks: [block]))
        }
        return m
    }

    @Test func componentsComeCalleesFirst() {
        // 0 -> 1 -> 2 -> 1 (cycle), 2 -> 3, 4 -> 0
        let g = CallGraph(modules: [Self.module([[1], [2], [1, 3], [], [0]])])
        let sccs = g.stronglyConnectedComponents()
        #expect(sccs.count == 4)
        #expect(sccs.contains { Set($0) == [1, 2] })
        var componentOf = [Int](repeating: -1, count: 5)
        for (c, members) in sccs.enumerated() { for m in members { componentOf[m] = c } }
        for e in g.edges where componentOf[e.from] != componentOf[e.to] {
            #expect(componentOf[e.to] < componentOf[e.from], "callee component before caller")
        }
        #expect(sccs.first == [3])
        #expect(sccs.last == [4])
    }

    @Test func callersWithinAComponentAreTheMembersThatCallEach() {
        // 0 -> 1 -> 2 -> 1 and 2 -> 0: one component; 3 calls 1 from outside.
        let g = CallGraph(modules: [Self.module([[1], [2], [1, 0], [1]])])
        let callers = g.callers(within: [0, 1, 2])
        #expect(callers[0] == [2])
        #expect(callers[1].sorted() == [0, 2])
        #expect(callers[2] == [1])
    }

    @Test func closureFollowsCallersOrCallees() {
        // 0 -> 1 -> 2 -> 1 (cycle), 2 -> 3, 4 -> 0; 5 alone.
        let g = CallGraph(modules: [Self.module([[1], [2], [1, 3], [], [0], []])])
        let seeds = [false, false, true, false, false, false]
        #expect(g.closure(of: seeds, .callers) == [true, true, true, false, true, false])
        #expect(g.closure(of: seeds, .callees) == [false, true, true, true, false, false])
        #expect(g.closure(of: [false], .callees) == [Bool](repeating: false, count: 6))
    }

    @Test func aDeepChainDoesNotOverflowTheStack() {
        let n = 100_000
        var calls = (0..<n).map { [$0 + 1] }
        calls[n - 1] = [n - 2]
        let g = CallGraph(modules: [Self.module(calls)])
        let sccs = g.stronglyConnectedComponents()
        #expect(sccs.count == n - 1)
        #expect(Set(sccs[0]) == [n - 2, n - 1])
        #expect(sccs.last == [0])
        #expect(g.maySpawnGoroutines().allSatisfy { !$0 })
    }

    static let spawning = """
    package example.com/s
    global example.com/s.handler func()

    func example.com/s.main() @1:1 {
    \tvar g *golang.org/x/sync/errgroup.Group
    \tvar wg sync.WaitGroup
    \tvar once sync.Once
    \tvar r io.Reader
    b0:
    \tcall example.com/s.setup() @2:2
    \tgo example.com/s.worker() @3:2
    \tdefer example.com/s.cleanup() @4:2
    \tcall net/http.HandleFunc("/", func example.com/s.handle) @5:2
    \tcall (*golang.org/x/sync/errgroup.Group).Go(g, func example.com/s.main.func1) @6:2
    \t%1 = time.afterfunc 10, func example.com/s.tick @7:2
    \twg.go wg, func example.com/s.worker @8:2
    \tonce.do once, func example.com/s.init1 @9:2
    \tcall (io.Reader).Read(r) targets [(*example.com/s.file).Read, (*example.com/s.pipe).Read] @10:2
    \tassign example.com/s.handler = func example.com/s.quiet @11:2
    \tcall (example.com/s.handler)() targets [example.com/s.quiet] @12:2
    \tcall fmt.Println("done") @13:2
    \tcall ?() @14:2
    \treturn @15:1
    }

    func example.com/s.setup() @20:1 {
    b0:
    \tcall example.com/s.helper() @21:2
    \treturn @22:1
    }

    func example.com/s.helper() @30:1 {
    b0:
    \tgo chan.close ? @31:2
    \treturn @32:1
    }

    func example.com/s.pure() @40:1 {
    b0:
    \tcall example.com/s.quiet() @41:2
    \treturn @42:1
    }

    func example.com/s.stores() @50:1 {
    b0:
    \tassign example.com/s.handler = func example.com/s.setup @51:2
    \treturn @52:1
    }

    func example.com/s.worker() @60:1
    func example.com/s.cleanup() @61:1
    func example.com/s.handle() @62:1
    func example.com/s.main.func1() @63:1
    func example.com/s.tick() @64:1
    func example.com/s.init1() @65:1
    func (_ *example.com/s.file) Read() @66:1
    func (_ *example.com/s.pipe) Read() @67:1
    func example.com/s.quiet() @68:1

    """

    @Test func edgesCarryTheirKind() throws {
        let module = try DSL.parse(Self.spawning, path: "spawn.cir")
        let g = CallGraph(modules: [module])
        let main = try #require(g.node(named: "example.com/s.main"))
        func kinds(to name: String) -> [CallEdgeKind] {
            guard let target = g.node(named: name) else { return [] }
            return g.outgoing[main].map { g.edges[$0] }.filter { $0.to == target }.map(\.kind)
        }
        #expect(kinds(to: "example.com/s.setup") == [.call])
        #expect(kinds(to: "example.com/s.worker").sorted { $0.rawValue < $1.rawValue } == [.go, .callback])
        #expect(kinds(to: "example.com/s.cleanup") == [.defer])
        #expect(kinds(to: "example.com/s.handle") == [.callback])
        #expect(kinds(to: "example.com/s.main.func1") == [.callback])
        #expect(kinds(to: "example.com/s.tick") == [.callback])
        #expect(kinds(to: "example.com/s.init1") == [.call])
        #expect(kinds(to: "(*example.com/s.file).Read") == [.call])
        #expect(kinds(to: "(*example.com/s.pipe).Read") == [.call])
        #expect(kinds(to: "example.com/s.quiet").sorted { $0.rawValue < $1.rawValue } == [.call, .reference])
        let external = g.externalCalls.filter { $0.from == main }.map(\.name)
        #expect(external.contains("fmt.Println"))
        #expect(external.contains("net/http.HandleFunc"))
        #expect(external.contains(""), "an unknown callee is kept, unnamed")
        let site = try #require(g.outgoing[main].map { g.edges[$0] }.first { $0.kind == .defer }?.site)
        #expect(site == CallGraph.Site(block: 0, instruction: 2))
    }

    @Test func spawnersAreFoundTransitively() throws {
        let module = try DSL.parse(Self.spawning, path: "spawn.cir")
        let g = CallGraph(modules: [module])
        let flags = g.maySpawnGoroutines()
        func spawns(_ name: String) -> Bool { g.node(named: name).map { flags[$0] } ?? false }
        #expect(spawns("example.com/s.main"))
        #expect(spawns("example.com/s.helper"), "go of an operation")
        #expect(spawns("example.com/s.setup"), "calls helper")
        #expect(spawns("example.com/s.stores"), "hands setup on as a value")
        #expect(!spawns("example.com/s.pure"))
        #expect(!spawns("example.com/s.worker"), "being spawned is not spawning")
    }

    /// An interface call with more implementations than the analyses
    /// follow is a call of unknown code: no edge to any of them (so the
    /// graph does not grow with the square of the program), one unnamed
    /// external call, and its method's implementations still known.
    @Test func anInterfaceWithTooManyImplementationsIsUnknownCode() {
        let limit = Callee.maxFollowedImplementations
        for count in [limit, limit + 1] {
            var m = Self.module(Array(repeating: [], count: count + 1), prefix: "p.m")
            let implementations = (0..<count).map { "p.m\($0 + 1)" }
            let callee = Callee.interface("(p.I).M", implementations: implementations)
            m.functions[0].blocks[0].instructions = [.call(callee, [], position: Position(1, 1))]
            let g = CallGraph(modules: [m])
            #expect(callee.knownTargets == implementations)
            if count > limit {
                #expect(callee.possibleTargets.isEmpty)
                #expect(g.callees(of: 0).isEmpty)
                #expect(g.externalCalls.map(\.name) == [""])
                #expect(g.unfollowedInterfaceCalls == 1)
            } else {
                #expect(callee.possibleTargets == implementations)
                #expect(g.callees(of: 0) == Array(1...count))
                #expect(g.externalCalls.isEmpty)
                #expect(g.unfollowedInterfaceCalls == 0)
            }
        }
    }

    @Test func severalModulesShareOneGraph() {
        let a = Self.module([[0]], prefix: "a.f")
        var b = Self.module([[]], prefix: "b.f")
        b.functions[0].blocks[0].instructions = [.call(.function("a.f0"), [], position: Position(1, 1))]
        let g = CallGraph(modules: [a, b])
        #expect(g.nodes == [.init(module: 0, function: 0), .init(module: 1, function: 0)])
        #expect(g.callees(of: 1) == [0])
        #expect(g.stronglyConnectedComponents() == [[0], [1]])
    }
}
