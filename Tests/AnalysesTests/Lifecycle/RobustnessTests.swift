import ConcIR
import Findings
import Foundation
import Testing
@testable import Analyses

/// Large and strange IR: the analyses must finish quickly, never crash,
/// and give the same answer every time.
@Suite struct RobustnessTests {
    private static let allRules = Set(RuleExampleTests.analysed.map(\.id))

    private func at(_ line: Int) -> Position { Position(line, 1) }

    /// A ticker created at the top of 20,000 if/else diamonds and stopped
    /// at the bottom, with one early return deep inside.
    @Test func hugeFunctionOfDiamonds() throws {
        let diamonds = 20_000
        var blocks: [Block] = []
        let t = Operand.variable("t")
        blocks.append(Block([Instruction(.tickerNew, results: [t], operands: [.int(1)], position: at(1))],
                            terminator: .jump(1), at: at(1)))
        for i in 0..<diamonds {
            let head = blocks.count
            let exit = i == diamonds / 2
            blocks.append(Block([], terminator: .branch(condition: .unknown, then: head + 1, else: head + 2), at: at(head + 2)))
            blocks.append(Block([Instruction(.chanRecv, operands: [.place(Place(.variable("t"), path: [.field("C")]))], position: at(head + 2))],
                                terminator: exit ? .return([]) : .jump(head + 3), at: at(head + 2)))
            blocks.append(Block([], terminator: .jump(head + 3), at: at(head + 2)))
        }
        blocks.append(Block([Instruction(.tickerStop, operands: [t], position: at(blocks.count + 2))],
                            terminator: .return([]), at: at(blocks.count + 2)))
        let function = Function(name: "p.big", locals: [Variable("t", .pointer(.named("time.Ticker")))], blocks: blocks)
        let module = Module(packagePath: "p", files: ["big.go"], functions: [function])
        let started = Date()
        let findings = Harness.findings([module], only: Self.allRules)
        #expect(Harness.summary(findings) == ["TM1001@1:1"])
        #expect(Date().timeIntervalSince(started) < 60)
    }

    /// `goto` into the middle of a loop makes the graph irreducible; the
    /// search and the dataflows still end and agree with themselves.
    @Test func irreducibleGraphFromGoto() throws {
        let text = """
        package p
        type p.S struct{ mu sync.RWMutex }
        func p.f(s *p.S, d int64) {
            var t *time.Timer
        b0:
            t = timer.new d @3:9
            if ? then b1 else b2
        b1:
            mutex.rlock s.mu @5:5
            timer.reset t, d @6:5
            jump b2
        b2:
            mutex.rlock s.mu @8:5
            if ? then b1 else b3
        b3:
            if ? then b4 else b2
        b4:
            if ? then b5 else b6
        b5:
            chan.recv t.C
            return
        b6:
            return
        }
        """
        // The receive from t.C on one way out is what makes the Reset at 6:5
        // a TM1004 (a stale value left in the channel would be taken there);
        // the other way out leaves the timer running (TM1001).
        let module = try #require(Harness.module(text))
        #expect(!ControlFlowGraph(module.functions[0]).irreducibleEdges.isEmpty)
        let first = Harness.summary(Harness.findings([module], only: Self.allRules))
        let second = Harness.summary(Harness.findings([module], only: Self.allRules))
        #expect(first == second)
        #expect(first.contains("TM1001@3:9"))
        #expect(first.contains("TM1004@6:5"))
        #expect(first.contains("MU1006@8:5"))
    }

    /// A chain of 5,000 functions handing a ticker down to the one that
    /// stops it: summaries flow bottom-up without recursion.
    @Test func deepCallChain() throws {
        let depth = 5_000
        let ticker = GoType.pointer(.named("time.Ticker"))
        var functions: [Function] = []
        for i in 0..<depth {
            let body: Instruction = i == depth - 1
                ? Instruction(.tickerStop, operands: [.variable("t")], position: at(i + 1))
                : .call(.function("p.f\(i + 1)"), [.variable("t")], position: at(i + 1))
            functions.append(Function(name: "p.f\(i)", parameters: [Variable("t", ticker)],
                                      blocks: [Block([body], terminator: .return([]), at: at(i + 1))]))
        }
        functions.append(Function(name: "p.start", locals: [Variable("t", ticker)], blocks: [Block([
            Instruction(.tickerNew, results: [.variable("t")], operands: [.int(1)], position: at(depth + 1)),
            .call(.function("p.f0"), [.variable("t")], position: at(depth + 2)),
        ], terminator: .return([]), at: at(depth + 3))]))
        let module = Module(packagePath: "p", files: ["chain.go"], functions: functions)
        #expect(Harness.findings([module], only: ["TM1001"]).isEmpty)
        // Cut the chain: the ticker now leaks, and the finding says so.
        var cut = module
        cut.functions[depth - 1].blocks[0].instructions = []
        #expect(Harness.summary(Harness.findings([cut], only: ["TM1001"])) == ["TM1001@\(depth + 1):1"])
    }

    /// Copies of the resource chosen by branches in a loop make the alias
    /// sets explode; the search stops at its bound and says so.
    @Test func stateBoundStopsAliasExplosion() throws {
        let copies = 24
        var lines = ["package p", "func p.f(d int64) {", "    var t *time.Ticker"]
        for i in 0..<copies { lines.append("    var v\(i) *time.Ticker") }
        lines += ["b0:", "    t = ticker.new d @1:1", "    jump h0"]
        for i in 0..<copies {
            lines += ["h\(i):", "    if ? then c\(i) else h\(i + 1)", "c\(i):", "    assign v\(i) = t", "    jump h\(i + 1)"]
        }
        lines += ["h\(copies):", "    if ? then h0 else end", "end:", "    return", "}"]
        let module = try #require(Harness.module(lines.joined(separator: "\n")))
        let statistics = StatisticsSink()
        let context = AnalysisContext(modules: [module], callGraph: CallGraph(modules: [module]),
                                      rules: Harness.repositoryRules.rules.filter { $0.id == "TM1001" },
                                      statistics: statistics, limits: AnalysisLimits(statesPerFunction: 2_000))
        let findings = LifecycleAnalysis().run(context)
        #expect(findings.isEmpty)
        #expect(statistics.snapshot.contains { $0.name == "lifecycle.searches-over-state-bound" && $0.count > 0 })
    }

    /// Random small programs built from every operation the rules look at:
    /// no crash, and the same findings on a second run.
    @Test(arguments: 0..<40)
    func randomProgramsAreHandledDeterministically(_ seed: Int) throws {
        var rng = SplitMix(seed: UInt64(seed))
        let module = RandomProgram.make(&rng)
        #expect(Validator.validate(module).isEmpty)
        let first = Harness.findings([module], only: Self.allRules)
        let second = Harness.findings([module], only: Self.allRules)
        #expect(first == second)
    }
}

/// A tiny deterministic random number generator for the tests.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random functions over a few places of each resource kind, with random
/// control flow (loops, selects, early exits, panics) and calls between them.
enum RandomProgram {
    static let places: [(String, GoType)] = [
        ("t", .pointer(.named("time.Ticker"))), ("tm", .pointer(.named("time.Timer"))),
        ("wg", .named("sync.WaitGroup")), ("mu", .named("sync.RWMutex")), ("cancel", .named("context.CancelFunc")),
        ("ctx", .named("context.Context")), ("c", .timerChannel),
    ]

    static func make(_ rng: inout SplitMix) -> Module {
        let count = Int.random(in: 2...5, using: &rng)
        var functions: [Function] = []
        for f in 0..<count {
            let blockCount = Int.random(in: 1...12, using: &rng)
            var blocks: [Block] = []
            var line = f * 1000 + 1
            for b in 0..<blockCount {
                var instructions: [Instruction] = []
                for _ in 0..<Int.random(in: 0...4, using: &rng) {
                    line += 1
                    instructions.append(instruction(&rng, line: line, functions: count, mode: mode(&rng)))
                }
                line += 1
                blocks.append(Block(instructions, terminator: terminator(&rng, b, blockCount), at: Position(line, 2)))
            }
            let parameters = f % 2 == 0 ? [Variable("t", places[0].1)] : []
            let locals = places.filter { p in !parameters.contains { $0.name == p.0 } }.map { Variable($0.0, $0.1) }
            functions.append(Function(name: "p.f\(f)", position: Position(f * 1000 + 1, 1), parameters: parameters,
                                      locals: locals, blocks: blocks))
        }
        return Module(packagePath: "p", goVersion: "1.22", files: ["r.go"], functions: functions)
    }

    private static func mode(_ rng: inout SplitMix) -> ExecutionMode {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: return .defer
        case 1: return .go
        default: return .now
        }
    }

    private static func instruction(_ rng: inout SplitMix, line: Int, functions: Int, mode: ExecutionMode) -> Instruction {
        let at = Position(line, 3)
        let v = { (name: String) in Operand.variable(name) }
        let ops: [Instruction] = [
            Instruction(.tickerNew, results: [v("t")], operands: [.int(1)], position: at),
            Instruction(.tickerStop, operands: [v("t")], mode: mode, position: at),
            Instruction(.timerNew, results: [v("tm")], operands: [.int(1)], position: at),
            Instruction(.timerReset, operands: [v("tm"), .int(2)], mode: mode, position: at),
            Instruction(.timerStop, operands: [v("tm")], mode: mode, position: at),
            Instruction(.timeTick, results: [v("c")], operands: [.int(1)], position: at),
            Instruction(.timeAfter, results: [v("c")], operands: [.int(1)], position: at),
            Instruction(.wgAdd, operands: [v("wg"), .int(Int64.random(in: -1...3, using: &rng))], mode: mode, position: at),
            Instruction(.wgDone, operands: [v("wg")], mode: mode, position: at),
            Instruction(.mutexLock, operands: [v("mu")], mode: mode, position: at),
            Instruction(.mutexUnlock, operands: [v("mu")], mode: mode, position: at),
            Instruction(.mutexRLock, operands: [v("mu")], mode: mode, position: at),
            Instruction(.mutexRUnlock, operands: [v("mu")], mode: mode, position: at),
            Instruction(.ctxWithCancel, results: [v("ctx"), v("cancel")], operands: [.nil], position: at),
            Instruction(.ctxCancel, operands: [v("cancel")], mode: mode, position: at),
            Instruction(.chanRecv, operands: [.place(Place(.variable("t"), path: [.field("C")]))], position: at),
            Instruction(.assign, results: [v("t")], operands: [v("t")], position: at),
            .call(.function("p.f\(Int.random(in: 0..<functions, using: &rng))"), [v("t")], mode: mode, position: at),
        ]
        return ops[Int.random(in: 0..<ops.count, using: &rng)]
    }

    private static func terminator(_ rng: inout SplitMix, _ b: Int, _ count: Int) -> Terminator {
        let a = Int.random(in: 0..<count, using: &rng)
        let b2 = Int.random(in: 0..<count, using: &rng)
        switch Int.random(in: 0..<7, using: &rng) {
        case 0: return .return([])
        case 1: return .panic(.string("x"))
        case 2: return .branch(condition: .unknown, then: a, else: b2)
        case 3: return .select([SelectCase(.recv(channel: .place(Place(.variable("t"), path: [.field("C")])), results: []),
                                           target: a, position: Position(1, 1))], default: b2)
        default: return b + 1 < count ? .jump(b + 1) : .return([])
        }
    }
}
