import ConcIR
import RuleEngine
import RuntimeModel
import Testing
@testable import Analyses

/// Channels reachable by code the model does not see are never reported;
/// channels that move through helpers (callee summaries, inlined callees)
/// are followed.
@Suite struct EscapeAndSummaryTests {
    /// A channel from the caller may be read by the caller: silent.
    @Test func parameterChannelIsSilent() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.start(out chan int) {
        b0:
        \tgo example.com/p.start.func1()
        \treturn
        }

        func example.com/p.start.func1() {
        \tparent example.com/p.start
        \tcapture out chan int
        b0:
        \tchan.send out, 1
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// signal.Notify-style: the channel goes to code outside the program.
    @Test func channelPassedToUnknownCodeIsSilent() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.wait() {
        \tvar sig chan int
        b0:
        \tsig = chan.make int, 1
        \tcall os/signal.Notify(sig)
        \tgo example.com/p.wait.func1()
        \treturn
        }

        func example.com/p.wait.func1() {
        \tparent example.com/p.wait
        \tcapture sig chan int
        b0:
        \tchan.recv sig
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// Stored in a global: anyone may use it later.
    @Test func channelInAGlobalIsSilent() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p
        global example.com/p.events chan int

        func example.com/p.start() {
        \tvar ch chan int
        b0:
        \tch = chan.make int, 0
        \tassign example.com/p.events = ch
        \tgo example.com/p.start.func1()
        \treturn
        }

        func example.com/p.start.func1() {
        \tparent example.com/p.start
        \tcapture ch chan int
        b0:
        \tchan.recv ch
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// Made in one function, handed to a helper that starts the worker,
    /// returned to a third function that abandons it on one path.
    @Test func abandonedThroughThreeFunctions() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.startWorker(ch chan int) {
        b0:
        \tgo example.com/p.worker(ch)
        \treturn
        }

        func example.com/p.worker(ch chan int) {
        b0:
        \t%1 = call example.com/p.compute()
        \t↓chan.send ch, %1
        \treturn
        }

        func example.com/p.compute() int

        func example.com/p.produce() chan int {
        \tvar ch chan int
        b0:
        \tch = chan.make int, 0
        \tcall example.com/p.startWorker(ch)
        \treturn ch
        }

        func example.com/p.consumer() int {
        \tvar ch chan int
        b0:
        \tch = call example.com/p.produce()
        \tif ? then b1 else b2
        b1:
        \treturn 0
        b2:
        \t%1 = chan.recv ch
        \treturn %1
        }
        """)
        #expect(r.actual == r.expectedWith(["CH1001"]))
        let steps = r.finding("CH1001")?.flows.first?.threads.flatMap(\.steps).map(\.message) ?? []
        #expect(steps.contains("[2] consumer returns here"))
    }

    /// A struct whose result channel is read by nobody once the method returns.
    @Test func structFieldChannelOfALocalStruct() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p
        type example.com/p.job struct{ result chan int }

        func example.com/p.submit() {
        \tvar j *example.com/p.job
        b0:
        \tj = alloc.new example.com/p.job
        \t%1 = chan.make int, 0
        \tassign j.result = %1
        \tgo (*example.com/p.job).run(j)
        \treturn
        }

        func (j *example.com/p.job) run() {
        b0:
        \t↓chan.send j.result, 42
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["CH1001"]))
        #expect(r.finding("CH1001")?.message == "send on j.result blocks forever: nothing receives from it after submit returns")
    }

    /// The same struct reached from the receiver: the caller may read it.
    @Test func structFieldOfTheReceiverIsSilent() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p
        type example.com/p.job struct{ result chan int }

        func (j *example.com/p.job) start() {
        b0:
        \t%1 = chan.make int, 0
        \tassign j.result = %1
        \tgo (*example.com/p.job).run(j)
        \treturn
        }

        func (j *example.com/p.job) run() {
        b0:
        \tchan.send j.result, 42
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// A helper without concurrency is skipped; one that keeps its argument
    /// makes the channel escape.
    @Test func summariesSkipInertHelpersAndEscapeWhatTheyKeep() throws {
        let text = """
        package example.com/p
        global example.com/p.registry chan int

        func example.com/p.log(ch chan int) {
        b0:
        \tcall fmt.Println(1)
        \treturn
        }

        func example.com/p.register(ch chan int) {
        b0:
        \tassign example.com/p.registry = ch
        \treturn
        }

        func example.com/p.start() {
        \tvar a chan int
        \tvar b chan int
        b0:
        \ta = chan.make int, 0
        \tb = chan.make int, 0
        \tcall example.com/p.log(a)
        \tcall example.com/p.register(b)
        \tgo example.com/p.start.func1()
        \treturn
        }

        func example.com/p.start.func1() {
        \tparent example.com/p.start
        \tcapture a chan int
        \tcapture b chan int
        b0:
        \tselect { case recv b -> b1; default -> b1 }
        b1:
        \t↓chan.recv a
        \treturn
        }
        """
        let r = try LeakHarness.analyse(text)
        #expect(r.actual == r.expectedWith(["CH1002"]))
        let module = try ConcIR.DSL.parse(ExtractedExample(snippet: text).source, path: "t.cir")
        let graph = CallGraph(modules: [module])
        let program = ProgramIndex(modules: [module], callGraph: graph)
        let summaries = CalleeSummaries(program: program, callGraph: graph)
        let log = try #require(program.function(named: "example.com/p.log"))
        let register = try #require(program.function(named: "example.com/p.register"))
        let start = try #require(program.function(named: "example.com/p.start"))
        #expect(!summaries[log].touchesConcurrency && summaries[log].parameters == [[]])
        #expect(!summaries[register].touchesConcurrency && summaries[register].parameters == [.retained])
        #expect(summaries[start].touchesConcurrency)
    }

    /// A skipped helper that returns a part of its argument (`j.tags`) lets
    /// that part escape, not the argument: the job's result channel stays
    /// the model's, and the send on it that nobody receives is found. A
    /// helper that returns the channel itself lets it escape.
    @Test func summariesKeepOnlyThePartAHelperReturns() throws {
        func text(getter: String) -> String {
            """
            package example.com/p
            type example.com/p.job struct{ result chan int; tags []string }

            func (j *example.com/p.job) labels() []string {
            b0:
            \treturn j.tags
            }

            func (j *example.com/p.job) results() chan int {
            b0:
            \treturn j.result
            }

            func example.com/p.submit() {
            \tvar j *example.com/p.job
            b0:
            \tj = alloc.new example.com/p.job
            \t%1 = chan.make int, 0
            \tassign j.result = %1
            \t%2 = call (*example.com/p.job).\(getter)(j)
            \tgo (*example.com/p.job).run(j)
            \treturn
            }

            func (j *example.com/p.job) run() {
            b0:
            \t↓chan.send j.result, 42
            \treturn
            }
            """
        }
        let kept = try LeakHarness.analyse(text(getter: "labels"))
        #expect(kept.actual == kept.expectedWith(["CH1001"]))
        let escaped = try LeakHarness.analyse(text(getter: "results"))
        #expect(escaped.findings.isEmpty)

        let module = try ConcIR.DSL.parse(ExtractedExample(snippet: text(getter: "labels")).source, path: "t.cir")
        let graph = CallGraph(modules: [module])
        let program = ProgramIndex(modules: [module], callGraph: graph)
        let summaries = CalleeSummaries(program: program, callGraph: graph)
        let labels = try #require(program.function(named: "(*example.com/p.job).labels"))
        #expect(!summaries[labels].touchesConcurrency && summaries[labels].parameters == [[]])
        #expect(summaries[labels].retainedParts == [SkippableCalls.Part(argument: 0, path: [.field("tags")])])
    }

    /// An interface call with several implementations is unknown code.
    @Test func interfaceCallWithSeveralImplementationsIsUnknown() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.run(s example.com/p.Sink) {
        \tvar ch chan int
        b0:
        \tch = chan.make int, 0
        \tcall (example.com/p.Sink).Attach(s, ch) targets [example.com/p.a, example.com/p.b]
        \tgo example.com/p.run.func1()
        \treturn
        }

        func example.com/p.a(s example.com/p.Sink, ch chan int) {
        b0:
        \treturn
        }

        func example.com/p.b(s example.com/p.Sink, ch chan int) {
        b0:
        \treturn
        }

        func example.com/p.run.func1() {
        \tparent example.com/p.run
        \tcapture ch chan int
        b0:
        \tchan.send ch, 1
        \treturn
        }
        """)
        #expect(r.findings.isEmpty)
    }

    /// One helper starts the worker, another waits for it; the function
    /// that calls both abandons the wait on one path.
    @Test func functionJoiningASpawnerAndAWaiterIsExplored() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p
        type example.com/p.future struct{ ch chan int }

        func example.com/p.async() *example.com/p.future {
        \tvar f *example.com/p.future
        b0:
        \tf = alloc.new example.com/p.future
        \t%1 = chan.make int, 0
        \tassign f.ch = %1
        \tgo example.com/p.async.func1()
        \treturn f
        }

        func example.com/p.async.func1() {
        \tparent example.com/p.async
        \tcapture f *example.com/p.future
        b0:
        \tif ? then b1 else b2
        b1:
        \tchan.send f.ch, 1
        \treturn
        b2:
        \treturn
        }

        func (f *example.com/p.future) get() int {
        b0:
        \t↓%1 = chan.recv f.ch
        \treturn %1
        }

        func example.com/p.size() int {
        b0:
        \t%1 = call example.com/p.async()
        \t%2 = call (*example.com/p.future).get(%1)
        \treturn %2
        }
        """)
        #expect(r.actual == r.expectedWith(["CH1002"]))
    }
}

