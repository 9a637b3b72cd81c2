import ConcIR
import RuntimeModel
import Testing
@testable import Analyses

/// Calls through function values in callee summaries: a value the function
/// names itself is judged by what it names, a parameter by what each
/// caller passes, anything else as code that may touch concurrency.
@Suite struct FunctionValueSummaryTests {
    private struct Summaries {
        let program: ProgramIndex
        let summaries: CalleeSummaries

        init(_ text: String) throws {
            let module = try DSL.parse(text, path: "t.cir")
            let graph = CallGraph(modules: [module])
            program = ProgramIndex(modules: [module], callGraph: graph)
            summaries = CalleeSummaries(program: program, callGraph: graph)
        }

        subscript(name: String) -> FunctionSummary {
            get throws { summaries[try #require(program.function(named: name))] }
        }

        func isSkippable(_ name: String) throws -> Bool {
            summaries.skippableCalls.retainedArguments[try #require(program.function(named: name))] != nil
        }
    }

    private static let helpers = """
    package example.com/p
    global example.com/p.hook func(int)

    func example.com/p.quiet(x int) {
    b0:
    \treturn
    }

    func example.com/p.loud(x int) {
    \tvar ch chan int
    b0:
    \tch = chan.make int, 1
    \tchan.send ch, x
    \treturn
    }

    """

    /// runtime.callCgoSymbolizer's shape: a local chosen between two named
    /// functions runs one of those two.
    @Test func localChosenBetweenNamedFunctions() throws {
        let s = try Summaries(Self.helpers + """
        func example.com/p.pickQuiet(x int) {
        \tvar call func(int)
        b0:
        \tassign call = func example.com/p.quiet
        \tif ? then b1 else b2
        b1:
        \tassign call = nil
        \tjump b2
        b2:
        \tcall (call)(x)
        \treturn
        }

        func example.com/p.pickLoud(x int) {
        \tvar call func(int)
        \tvar other func(int)
        b0:
        \tassign call = func example.com/p.quiet
        \tassign other = func example.com/p.loud
        \tif ? then b1 else b2
        b1:
        \tassign call = other
        \tjump b2
        b2:
        \tcall (call)(x)
        \treturn
        }
        """)
        #expect(try !s["example.com/p.pickQuiet"].touchesConcurrency)
        #expect(try s.isSkippable("example.com/p.pickQuiet"))
        #expect(try s["example.com/p.pickLoud"].touchesConcurrency)
        #expect(try !s.isSkippable("example.com/p.pickLoud"))
    }

    /// A value from an operation other than a copy (a call's result) may be
    /// anything the program made.
    @Test func valueFromACallMayTouch() throws {
        let s = try Summaries(Self.helpers + """
        func example.com/p.make() func(int) {
        b0:
        \treturn func example.com/p.loud
        }

        func example.com/p.viaResult(x int) {
        \tvar f func(int)
        b0:
        \tf = call example.com/p.make()
        \tcall (f)(x)
        \treturn
        }
        """)
        #expect(try s["example.com/p.viaResult"].touchesConcurrency)
    }

    /// hexdumpWords' shape: a function that calls its parameter is run by
    /// the machine, and each caller is judged by the value it passes.
    @Test func parameterCalledIsDecidedByTheCaller() throws {
        let s = try Summaries(Self.helpers + """
        func example.com/p.each(x int, f func(int)) {
        b0:
        \tcall (f)(x)
        \treturn
        }

        func example.com/p.passQuiet(x int) {
        b0:
        \tcall example.com/p.each(x, func example.com/p.quiet)
        \treturn
        }

        func example.com/p.passLoud(x int) {
        b0:
        \tcall example.com/p.each(x, func example.com/p.loud)
        \treturn
        }

        func example.com/p.passOn(x int, g func(int)) {
        b0:
        \tcall example.com/p.each(x, g)
        \treturn
        }
        """)
        let each = try s["example.com/p.each"]
        #expect(!each.touchesConcurrency && each.parameters[1].contains(.called) && !each.parameters[0].contains(.called))
        #expect(try !s.isSkippable("example.com/p.each"))
        #expect(try !s["example.com/p.passQuiet"].touchesConcurrency)
        #expect(try s.isSkippable("example.com/p.passQuiet"))
        #expect(try s["example.com/p.passLoud"].touchesConcurrency)
        let passOn = try s["example.com/p.passOn"]
        #expect(!passOn.touchesConcurrency && passOn.parameters[1].contains(.called) && !passOn.parameters[0].contains(.called))
    }

    /// A closure handed to a callee that calls it does not call what the
    /// closure captures.
    @Test func capturedParameterOfAClosureIsNotCalled() throws {
        let s = try Summaries(Self.helpers + """
        func example.com/p.each(x int, f func(int)) {
        b0:
        \tcall (f)(x)
        \treturn
        }

        func example.com/p.outer(x int, data []int) {
        b0:
        \tcall example.com/p.each(x, func example.com/p.outer.func1)
        \treturn
        }

        func example.com/p.outer.func1(y int) {
        \tparent example.com/p.outer
        \tcapture data []int
        b0:
        \treturn
        }
        """)
        let outer = try s["example.com/p.outer"]
        #expect(!outer.touchesConcurrency && !outer.parameters.contains { $0.contains(.called) })
        #expect(try s.isSkippable("example.com/p.outer"))
    }

    /// The model reads a package-level variable as a value from outside: a
    /// call through one is unknown code, and keeps its arguments.
    @Test func callThroughAGlobalIsUnknownCode() throws {
        let s = try Summaries(Self.helpers + """
        func example.com/p.viaGlobal(x int) {
        b0:
        \tcall (example.com/p.hook)(x)
        \treturn
        }
        """)
        let summary = try s["example.com/p.viaGlobal"]
        #expect(!summary.touchesConcurrency && summary.parameters == [.retained])
    }

    /// runtime.printArgs' shape: one literal calls another through a
    /// variable of the enclosing function; the variable holds what the
    /// enclosing function stores, unless a literal writes it too.
    @Test func captureHoldsWhatTheEnclosingFunctionStores() throws {
        let s = try Summaries(Self.helpers + """
        func example.com/p.printer(x int) {
        \tvar comma func(int)
        \tvar one func(int)
        b0:
        \tassign comma = func example.com/p.quiet
        \tassign one = func example.com/p.printer.func1
        \tcall (one)(x)
        \treturn
        }

        func example.com/p.printer.func1(y int) {
        \tparent example.com/p.printer
        \tcapture comma func(int)
        b0:
        \tcall (comma)(y)
        \treturn
        }

        func example.com/p.rebinder(x int) {
        \tvar comma func(int)
        \tvar one func(int)
        b0:
        \tassign comma = func example.com/p.quiet
        \tassign one = func example.com/p.rebinder.func1
        \tcall (one)(x)
        \tcall example.com/p.rebinder.func2()
        \treturn
        }

        func example.com/p.rebinder.func1(y int) {
        \tparent example.com/p.rebinder
        \tcapture comma func(int)
        b0:
        \tcall (comma)(y)
        \treturn
        }

        func example.com/p.rebinder.func2() {
        \tparent example.com/p.rebinder
        \tcapture comma func(int)
        b0:
        \tcomma = call example.com/p.make()
        \treturn
        }

        func example.com/p.make() func(int) {
        b0:
        \treturn func example.com/p.loud
        }
        """)
        #expect(try !s["example.com/p.printer.func1"].touchesConcurrency)
        #expect(try !s["example.com/p.printer"].touchesConcurrency)
        #expect(try s["example.com/p.rebinder.func1"].touchesConcurrency)
        #expect(try s["example.com/p.rebinder"].touchesConcurrency)
    }

    /// A helper that runs its callback is still run by the model: the
    /// goroutine the callback starts is found blocked.
    @Test func callbackRunByAHelperIsFollowed() throws {
        let r = try LeakHarness.analyse("""
        package example.com/p

        func example.com/p.run(f func()) {
        b0:
        \tcall (f)()
        \treturn
        }

        func example.com/p.start() {
        \tvar ch chan int
        b0:
        \tch = chan.make int, 0
        \tcall example.com/p.run(func example.com/p.start.func1)
        \treturn
        }

        func example.com/p.start.func1() {
        \tparent example.com/p.start
        \tcapture ch chan int
        b0:
        \tgo example.com/p.start.func2()
        \treturn
        }

        func example.com/p.start.func2() {
        \tparent example.com/p.start.func1
        \tcapture ch chan int
        b0:
        \t↓chan.send ch, 1
        \treturn
        }
        """)
        #expect(r.actual == r.expectedWith(["CH1001"]))
    }
}
