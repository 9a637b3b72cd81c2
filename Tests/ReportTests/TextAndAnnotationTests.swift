import Findings
import Testing
@testable import Report

@Test func textFormatPrintsFindingsFlowsAndFixes() {
    let text = Reporter.render(SampleResult.result, as: .text)
    #expect(text == """
        pkg/leak.go:12:3: goroutine blocks forever sending on ch [CL1001]
            pkg/leak.go:8:8: ch is made here, unbuffered
            flow: the spawner returns before receiving
              1. [main goroutine] pkg/leak.go:10:2: spawns the goroutine
              2. [main goroutine] pkg/leak.go:14:2: returns
              3. [goroutine spawned at pkg/leak.go:10] pkg/leak.go:12:3: blocks sending on ch
            fix: make ch buffered
        dir with space/tick,er.go:5:7: ticker t is never stopped: 100% sure, "quoted", tab\there, second line [CL3001]

        """)
}

@Test func notificationsAreOneLineEach() {
    #expect(Reporter.notificationLines(SampleResult.result) == """
        broken.go:3:14: expected ';', found 'EOF'
        binary.go: binary file, skipped
        /outside/go.mod: line 2: invalid go version 'x'

        """)
}

@Test func textPathsFollowTheWorkingDirectory() {
    var result = SampleResult.result
    result.findings = [SampleResult.ticker]
    result.notifications = [result.notifications[0], result.notifications[2]]
    let fromParent = ReportOptions(workingDirectory: "/home/dev space")
    #expect(Reporter.render(result, as: .text, options: fromParent).hasPrefix("project/dir with space/tick,er.go:5:7: "))
    #expect(Reporter.notificationLines(result, options: fromParent)
        == "project/broken.go:3:14: expected ';', found 'EOF'\n/outside/go.mod: line 2: invalid go version 'x'\n")
    let elsewhere = ReportOptions(workingDirectory: "/elsewhere")
    #expect(Reporter.render(result, as: .text, options: elsewhere)
        .hasPrefix("/home/dev space/project/dir with space/tick,er.go:5:7: "))
}

@Test func githubAnnotationsAreEscapedAsTheRunnerRequires() {
    let lines = Reporter.render(SampleResult.result, as: .github).split(separator: "\n").map(String.init)
    #expect(lines == [
        "::error file=pkg/leak.go,line=12,col=3,endLine=12,endColumn=10,title=CL1001::goroutine blocks forever sending on ch"
            + "%0A1. pkg/leak.go:10:2: spawns the goroutine%0A2. pkg/leak.go:14:2: returns"
            + "%0A3. pkg/leak.go:12:3: blocks sending on ch%0Afix: make ch buffered",
        "::warning file=dir with space/tick%2Cer.go,line=5,col=7,title=CL3001::"
            + "ticker t is never stopped: 100%25 sure, \"quoted\", tab\there,%0Asecond line",
        "::error file=broken.go,line=3,col=14,title=conclint::expected ';', found 'EOF'",
        "::error file=binary.go,title=conclint::binary file, skipped",
        "::warning file=/outside/go.mod,title=conclint::line 2: invalid go version 'x'",
    ])
}

@Test func githubEscapingRules() {
    #expect(GitHubReporter.escapeData("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f")
    #expect(GitHubReporter.escapeProperty("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf")
    var note = SampleResult.ticker
    note.level = .note
    let result = RunResult(root: "/r", rules: [], findings: [note], notifications: [], toolVersion: "0")
    #expect(Reporter.render(result, as: .github).hasPrefix("::notice "))
}

@Test func everyFormatIsDeterministic() {
    for format in ReportFormat.allCases {
        let first = Reporter.render(SampleResult.result, as: format)
        let second = Reporter.render(SampleResult.result, as: format)
        #expect(first == second, "\(format)")
        #expect(!first.isEmpty, "\(format)")
    }
}

@Test func emptyResultRendersEmptyDocuments() {
    let empty = RunResult(root: "/r", rules: [], findings: [], notifications: [], toolVersion: "0")
    #expect(Reporter.render(empty, as: .text) == "")
    #expect(Reporter.render(empty, as: .github) == "")
    #expect(Reporter.render(empty, as: .gitlab) == "[]\n")
}
