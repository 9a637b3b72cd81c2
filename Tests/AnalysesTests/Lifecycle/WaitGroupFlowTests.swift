import Findings
import Testing

/// The WaitGroup checks that search paths (WG1051, WG1053) show the path
/// they found as a code flow, the way lifecycle leaks do.
@Suite struct WaitGroupFlowTests {
    private static func steps(_ finding: Finding?) -> [String]? {
        finding?.flows.first?.threads.first?.steps.map { "\($0.location.line):\($0.location.column) \($0.message)" }
    }

    @Test func doneSkippedByAnEarlyReturn() throws {
        let text = """
        package p
        func p.All(items []string) {
            var wg sync.WaitGroup
        b0:
            jump b1
        b1: loop len(items)
            if ? then b2 else b3
        b2:
            wg.add wg, 1
            go p.All.func1()
            jump b1
        b3:
            wg.wait wg
            return
        }
        func p.All.func1() @13:6 {
            parent p.All
            capture wg sync.WaitGroup
        b0:
            if ? then b1 else b2 @14:27
        b1:
            return @16:5
        b2:
            wg.done wg @18:4
            return @19:3
        }
        """
        let findings = Harness.findings(text, only: ["WG1051"])
        #expect(Harness.summary(findings) == ["WG1051@16:5"])
        #expect(Self.steps(findings.first) == [
            "13:6 the goroutine starts here",
            "14:27 the condition is true",
            "16:5 returns here without wg.Done",
        ])
    }

    @Test func doneBeforeAnEarlyReturnOnTopOfTheDeferredOne() throws {
        let text = """
        package p
        func p.work(wg *sync.WaitGroup, fail bool) @3:1 {
        b0:
            defer wg.done wg @4:2
            if fail then b1 else b2 @5:2
        b1:
            wg.done wg @6:3
            return @7:3
        b2:
            return @9:1
        }
        """
        let findings = Harness.findings(text, only: ["WG1053"])
        #expect(Harness.summary(findings) == ["WG1053@7:3"])
        #expect(Self.steps(findings.first) == [
            "3:1 the function starts here",
            "5:2 the condition is true",
            "7:3 wg.Done is called once too often here",
        ])
    }
}
