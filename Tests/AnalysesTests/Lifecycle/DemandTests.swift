import ConcIR
import Testing
@testable import Analyses

/// The lifecycle engine computes only the summaries a finding can depend
/// on: those below a function that holds the resource (names an
/// acquisition, or calls a helper that returns one fresh).
@Suite struct DemandTests {
    /// Poll holds a ticker and passes it down through pass to stop; user
    /// gets one fresh from newTicker and hands it to stopToo; keep could
    /// hand one over, but nothing that holds a ticker calls it.
    static let program = """
    package p
    func p.stop(t *time.Ticker) {
    b0:
        ticker.stop t
        return
    }
    func p.pass(t *time.Ticker) {
    b0:
        call p.stop(t)
        return
    }
    func p.Poll(d int64) {
        var t *time.Ticker
    b0:
        t = ticker.new d @14:5
        call p.pass(t)
        return
    }
    func p.newTicker(d int64) *time.Ticker {
        var t *time.Ticker
    b0:
        t = ticker.new d @21:5
        return t
    }
    func p.stopToo(t *time.Ticker, really bool) {
    b0:
        if really then b1 else b2
    b1:
        ticker.stop t
        return
    b2:
        return
    }
    func p.user(d int64) {
        var t *time.Ticker
    b0:
        t = call p.newTicker(d) @36:5
        call p.stopToo(t, false)
        return
    }
    func p.keep(t *time.Ticker) {
    b0:
        call p.stop(t)
        return
    }
    """

    static func engine(findingsOnly: Bool) throws -> (LifecycleEngine, AnalysedProgram) {
        let module = try #require(Harness.module(program))
        let program = AnalysedProgram(modules: [module], callGraph: CallGraph(modules: [module]))
        let rule = try #require(Harness.repositoryRules.rules.first { $0.id == "TM1001" })
        let spec = try #require(rule.lifecycle)
        let engine = LifecycleEngine(program: program, models: [ResourceModel(ruleID: rule.id, spec: spec)],
                                     limits: AnalysisLimits(), demand: findingsOnly ? .findings : .all)
        return (engine, program)
    }

    @Test func onlySummariesBelowAHolderAreComputed() throws {
        let (engine, program) = try Self.engine(findingsOnly: true)
        var demanded: [String] = []
        for node in 0..<program.nodeCount where engine.demanded.contains(node, model: 0) {
            demanded.append(program.function(node).name)
        }
        #expect(demanded.sorted() == ["p.Poll", "p.newTicker", "p.pass", "p.stop", "p.stopToo", "p.user"])
        let outcome = engine.run()
        #expect(!outcome.components.contains { $0.members.contains { program.function($0).name == "p.keep" } })
    }

    @Test func theFindingsAreThoseOfEverySummary() throws {
        let (some, program) = try Self.engine(findingsOnly: true)
        let (all, _) = try Self.engine(findingsOnly: false)
        func leaks(_ engine: LifecycleEngine) -> [String] {
            engine.run().leaks.map { "\(program.function($0.node).name)@\($0.acquisition.position.line)" }.sorted()
        }
        #expect(leaks(some) == ["p.user@36"])
        #expect(leaks(some) == leaks(all))
        // Without the demand, keep is analysed too, and summarised.
        #expect(all.run().components.contains { $0.members.contains { program.function($0).name == "p.keep" } })
    }
}
