import Testing
@testable import RuleEngine

@Suite struct LifecycleParsingTests {
    static let file = "rules/timer/TM1999-sample-rule.yaml"

    /// A lifecycle block appended at line 24 of `minimalRule()`.
    private func lifecycle(acquire: String = "    - call: time.NewTicker",
                           release: String = "    - call: (*time.Ticker).Stop",
                           rest: String = "  messages:\n    leak: \"{resource} not stopped\"") -> String {
        minimalRule(extra: "lifecycle:\n  resource: ticker\n  acquire:\n\(acquire)\n  release:\n\(release)\n\(rest)")
    }

    private func error(_ text: String) -> String? {
        configurationError { _ = try RuleFileParser.parse(text: text, file: Self.file) }?.description
    }

    @Test func tickerRuleModel() throws {
        let set = try RuleSet.load(directory: Repository.rules)
        let spec = try #require(set["TM1001"]?.lifecycle)
        #expect(spec.resource == "ticker")
        #expect(spec.acquire == [
            AcquireSpec(call: CallPattern(packagePath: "time", name: "NewTicker"), resource: .result(0)),
            AcquireSpec(call: CallPattern(packagePath: "time", name: "NewTimer"), resource: .result(0)),
        ])
        #expect(spec.release == [
            .call(CallPattern(packagePath: "time", receiver: .init(typeName: "Ticker", isPointer: true), name: "Stop"), .receiver),
            .call(CallPattern(packagePath: "time", receiver: .init(typeName: "Timer", isPointer: true), name: "Stop"), .receiver),
        ])
        #expect(spec.transfer.contains(.goroutineIfReleased))
        #expect(spec.options == LifecycleOptions(deferReleaseOK: true, loopScoped: true, panicPaths: false))
        #expect(spec.messages.leak.render(["resource": "ticker", "call": "time.NewTicker", "line": "12"])
                == "time.NewTicker(...) is not stopped on the path through line 12")
        #expect(set["TM1001"]?.analysis == "lifecycle")
    }

    @Test func sqlRowsRuleUsesResultSlotsOnMethods() throws {
        let spec = try #require(try RuleSet.load(directory: Repository.rules)["GR9001"]?.lifecycle)
        #expect(spec.acquire.first == AcquireSpec(
            call: CallPattern(packagePath: "database/sql", receiver: .init(typeName: "DB", isPointer: true), name: "Query"),
            resource: .result(0), errorResult: 1))
    }

    @Test func defaultSlots() throws {
        let text = lifecycle(acquire: "    - call: (*sync.Mutex).Lock\n    - call: context.WithCancel\n      result: 1",
                             release: "    - call: (*sync.Mutex).Unlock\n    - invoke: true\n    - call: C.free")
        let spec = try #require(try RuleFileParser.parse(text: text, file: Self.file).lifecycle)
        #expect(spec.acquire.map(\.resource) == [.receiver, .result(1)])
        #expect(spec.release.last == .call(CallPattern(packagePath: "C", name: "free"), .argument(0)))
        #expect(spec.release[1] == .invoke)
        #expect(spec.options == LifecycleOptions())
    }

    @Test func receiverOnAFunction() {
        #expect(error(lifecycle(acquire: "    - call: time.NewTicker\n      receiver: true"))
                == "\(Self.file):28:17: lifecycle.acquire[0].receiver: time.NewTicker is a function, it has no receiver")
    }

    @Test func twoSlots() {
        #expect(error(lifecycle(acquire: "    - call: os.Open\n      result: 0\n      argument: 1"))
                == "\(Self.file):29:17: lifecycle.acquire[0].argument: give only one of result, receiver, argument")
    }

    @Test func contextArgumentBindsTheResourceToAContext() throws {
        let spec = try #require(try RuleSet.load(directory: Repository.rules)["GR9001"]?.lifecycle)
        let queryContext = try #require(spec.acquire.first { $0.call.name == "QueryContext" })
        #expect(queryContext.contextArgument == 0)
        #expect(spec.acquire.first { $0.call.name == "Query" }?.contextArgument == nil)
        #expect(error(lifecycle(acquire: "    - call: C.take\n      argument: 0\n      context-argument: 0"))
                == "\(Self.file):29:25: lifecycle.acquire[0].context-argument: the context argument cannot also be the resource (argument #0)")
    }

    @Test func successResultSaysWhereATryLockLocked() throws {
        let spec = try #require(try RuleSet.load(directory: Repository.rules)["MU1001"]?.lifecycle)
        #expect(spec.acquire.first { $0.call.name == "TryLock" }?.successResult == 0)
        #expect(spec.acquire.first { $0.call.name == "Lock" }?.successResult == nil)
        #expect(error(lifecycle(acquire: "    - call: pkg.Open\n      result: 0\n      success-result: 0"))
                == "\(Self.file):29:23: lifecycle.acquire[0].success-result: the success result cannot also be the resource (result #0)")
        #expect(error(lifecycle(acquire: "    - call: pkg.Open\n      error-result: 1\n      success-result: 2"))
                == "\(Self.file):29:23: lifecycle.acquire[0].success-result: an acquisition has an error result or a success result, not both")
    }

    @Test func badCallPattern() {
        let text = error(lifecycle(acquire: "    - call: NewTicker"))
        #expect(text?.hasPrefix("\(Self.file):27:13: lifecycle.acquire[0].call: expected a function as go/types names it") == true)
    }

    @Test func unknownKeyInRelease() {
        let text = error(lifecycle(release: "    - call: (*time.Ticker).Stop\n      reciever: true"))
        #expect(text?.hasPrefix("\(Self.file):30:7: lifecycle.release[0].reciever: unknown field") == true)
        #expect(text?.hasSuffix("(did you mean 'receiver'?)") == true)
    }

    /// `when-returns: false`: the call releases only on the path where its
    /// bool result is false (`(*sql.Rows).Next` closes the rows then).
    @Test func releaseWhenTheCallReturnsFalse() throws {
        let text = lifecycle(release: "    - call: (*database/sql.Rows).Next\n      when-returns: false")
        let spec = try #require(try RuleFileParser.parse(text: text, file: Self.file).lifecycle)
        #expect(spec.release == [.callReturningFalse(
            CallPattern(packagePath: "database/sql", receiver: .init(typeName: "Rows", isPointer: true), name: "Next"), .receiver)])
    }

    @Test func releaseWhenTheCallReturnsTrueIsRefused() {
        #expect(error(lifecycle(release: "    - call: (*database/sql.Rows).Next\n      when-returns: true"))
                == "\(Self.file):30:21: lifecycle.release[0].when-returns: only false is supported (the call releases when its bool result is false)")
    }

    @Test func releaseByInvokingHasNoWhenReturns() {
        let text = error(lifecycle(release: "    - invoke: true\n      when-returns: false"))
        #expect(text?.hasPrefix("\(Self.file):30:21: lifecycle.release[0].when-returns: a release by invoking the resource names no call") == true)
    }

    @Test func contradictoryTransfers() {
        let rest = "  transfer: [return, argument, argument-if-released]\n  messages:\n    leak: \"x\""
        #expect(error(lifecycle(rest: rest))
                == "\(Self.file):30:32: lifecycle.transfer[2]: argument-if-released and argument contradict each other; keep one")
    }

    @Test func unknownTransfer() {
        let text = error(lifecycle(rest: "  transfer: [returned]\n  messages:\n    leak: \"x\""))
        #expect(text?.hasPrefix("\(Self.file):30:14: lifecycle.transfer[0]: expected one of return, field, global") == true)
    }

    @Test func unknownPlaceholder() {
        #expect(error(lifecycle(rest: "  messages:\n    leak: \"{resource} leaks at {lines}\""))
                == "\(Self.file):31:11: lifecycle.messages.leak: unknown placeholder {lines}; use {resource}, {line}, {call}, {function}, {variable}")
    }

    @Test func missingLeakMessage() {
        #expect(error(lifecycle(rest: "  messages:\n    double-release: \"twice\""))
                == "\(Self.file):31:5: lifecycle.messages.leak: missing required field")
    }

    @Test func lifecycleWithAnotherAnalysis() {
        #expect(error(lifecycle() + "\nanalysis: leak")
                == "\(Self.file):32:11: analysis: a rule with a lifecycle block is checked by the lifecycle analysis, found \"leak\"")
    }

    @Test func emptyAcquireList() {
        #expect(error(minimalRule(extra: "lifecycle:\n  resource: x\n  acquire: []\n  release: []\n  messages:\n    leak: x"))
                == "\(Self.file):26:12: lifecycle.acquire: expected at least one entry")
    }

    @Test func callPatterns() {
        #expect(CallPattern("(*database/sql.Rows).Close")?.description == "(*database/sql.Rows).Close")
        #expect(CallPattern("(time.Duration).String")?.receiver?.isPointer == false)
        #expect(CallPattern("github.com/go-redis/redis.NewClient")?.packagePath == "github.com/go-redis/redis")
        #expect(CallPattern("gopkg.in/yaml.v3.Unmarshal")?.name == "Unmarshal")
        #expect(CallPattern("time.") == nil)
        #expect(CallPattern("(*time.Ticker)Stop") == nil)
        #expect(CallPattern("(*time.Ticker.Stop") == nil)
        #expect(CallPattern("Stop") == nil)
    }

    @Test func messageTemplates() {
        #expect(MessageTemplate.validate("{resource} at {line}") == nil)
        #expect(MessageTemplate.validate("oops {") == "unclosed '{'")
        #expect(MessageTemplate.validate("oops }") == "unbalanced '}'")
        #expect(MessageTemplate("{call}")?.render([:]) == "{call}")
    }
}
