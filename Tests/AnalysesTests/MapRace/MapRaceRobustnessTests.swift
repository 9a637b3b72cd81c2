import ConcIR
import Testing
@testable import Analyses

/// Bad input: accesses whose map cannot be resolved produce no finding and
/// are counted; deep call chains, recursion and large functions finish.
@Suite struct MapRaceRobustnessTests {
    @Test func unknownMapOperandIsCountedNotReported() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.f() {
        b0:
        \tgo p.g()
        \tmap.write ?
        \treturn
        }

        func p.g() {
        b0:
        \tmap.write ?
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
        #expect(r.statistics["maprace.accesses-unresolved"] == 2)
        #expect(r.statistics["maprace.accesses"] == 2)
    }

    /// A map of a type the lowering could not determine (reflection, unsafe).
    @Test func untypedMapIsCountedNotReported() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.f(x ?) {
        b0:
        \tgo p.g(x)
        \tmap.write x
        \treturn
        }

        func p.g(x ?) {
        b0:
        \tmap.write x
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
        #expect(r.statistics["maprace.accesses-unresolved"] == 2)
    }

    /// A method value loses its receiver in the IR: what goes through the
    /// receiver cannot be bound, and is counted.
    @Test func methodValueReceiverIsCountedAsUnbound() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        type p.T struct{ m map[int]int }

        func (t *p.T) tick() {
        b0:
        \tmap.write t.m
        \treturn
        }

        func p.f(t *p.T) {
        b0:
        \ttime.afterfunc 10, func (*p.T).tick
        \tmap.write t.m
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
        #expect((r.statistics["maprace.callee-accesses-unbound"] ?? 0) >= 1)
    }

    /// A chain of 2,000 calls down to a write, started as a goroutine.
    @Test func longCallChainsFinish() {
        var functions: [Function] = []
        let m = Variable("m", .map(key: .basic(.int), value: .basic(.int)))
        for i in 0..<2000 {
            let body: Instruction = i == 1999
                ? Instruction(.mapWrite, operands: [.variable("m")], position: Position(i + 1, 2))
                : .call(.function("p.f\(i + 1)"), [.variable("m")], position: Position(i + 1, 2))
            functions.append(Function(name: "p.f\(i)", position: Position(i + 1, 1), parameters: [m],
                                      blocks: [Block([body], terminator: .return([]), at: Position(i + 1, 3))]))
        }
        functions.append(Function(name: "p.main", position: Position(3000, 1), parameters: [m], blocks: [
            Block([.call(.function("p.f0"), [.variable("m")], mode: .go, position: Position(3000, 2)),
                   Instruction(.mapWrite, operands: [.variable("m")], position: Position(3001, 2))],
                  terminator: .return([]), at: Position(3002, 1)),
        ]))
        let module = Module(packagePath: "p", files: ["p.go"], functions: functions)
        let r = MapRaceHarness.analyse(modules: [module])
        #expect(r.actual == ["MR1001@3001:2"])
    }

    /// A function of 5,000 blocks in one loop, with locks and accesses.
    @Test func largeFunctionsFinish() {
        let m = Variable("m", .map(key: .basic(.int), value: .basic(.int)))
        let mu = Variable("mu", .named("sync.Mutex"))
        var blocks: [Block] = [Block([.call(.function("p.w"), [.variable("m")], mode: .go, position: Position(1, 2))],
                                     terminator: .jump(1), at: Position(1, 3))]
        let n = 5_000
        for i in 1...n {
            let next = i == n ? 1 : i + 1
            blocks.append(Block([Instruction(.mutexLock, operands: [.variable("mu")], position: Position(i + 1, 2)),
                                 Instruction(.mapRead, operands: [.variable("m")], position: Position(i + 1, 3)),
                                 Instruction(.mutexUnlock, operands: [.variable("mu")], position: Position(i + 1, 4))],
                                terminator: i == n ? .branch(condition: .unknown, then: next, else: n + 1) : .jump(next),
                                at: Position(i + 1, 5)))
        }
        blocks.append(Block([], terminator: .return([]), at: Position(n + 2, 1)))
        let main = Function(name: "p.main", position: Position(1, 1), parameters: [m], locals: [mu], blocks: blocks)
        let worker = Function(name: "p.w", position: Position(n + 3, 1), parameters: [m], blocks: [
            Block([Instruction(.mapWrite, operands: [.variable("m")], position: Position(n + 4, 2))],
                  terminator: .return([]), at: Position(n + 5, 1)),
        ])
        let module = Module(packagePath: "p", files: ["p.go"], functions: [main, worker])
        let r = MapRaceHarness.analyse(modules: [module])
        // Every read races with the worker's write; one finding per pair.
        #expect(r.findings.count == n)
        #expect(r.findings.allSatisfy { $0.location.line == n + 4 })
    }

    /// Cyclic copies between variables resolve without hanging.
    @Test func cyclicCopiesResolve() throws {
        let r = try MapRaceHarness.analyse("""
        package p

        func p.f() {
        \tvar a map[int]int
        \tvar b map[int]int
        b0:
        \tassign a = b
        \tassign b = a
        \tgo p.f.func1()
        \t↓map.write a
        \treturn
        }

        func p.f.func1() {
        \tparent p.f
        \tcapture a map[int]int
        b0:
        \tmap.read a
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["MR1002"]))
    }
}
