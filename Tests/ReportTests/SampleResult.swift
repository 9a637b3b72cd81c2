import Findings

/// A hand-built result that exercises every field reporters print: a
/// finding with a two-goroutine code flow, related locations and a fix; a
/// finding with a message that needs escaping; notifications with and
/// without positions.
enum SampleResult {
    static let leakRule = RuleDescriptor(
        id: "CL1001", name: "goroutine-blocked-send", category: .channel, defaultLevel: .error,
        summary: "Goroutine blocks forever on a channel send",
        description: "A goroutine sends on an unbuffered channel that no one receives from after the spawner returns.",
        tags: ["leak", "concurrency"], precision: "high", helpURI: "https://example.com/rules/CL1001")

    static let timerRule = RuleDescriptor(
        id: "CL3001", name: "ticker-not-stopped", category: .timer, defaultLevel: .warning,
        summary: "Ticker never stopped", description: "A time.Ticker is created and never stopped.")

    static var leak: Finding {
        Finding(
            ruleID: "CL1001", category: .channel, level: .error,
            message: "goroutine blocks forever sending on ch",
            location: Location(file: "pkg/leak.go", line: 12, column: 3, endLine: 12, endColumn: 10),
            related: [RelatedLocation(location: Location(file: "pkg/leak.go", line: 8, column: 8),
                                      message: "ch is made here, unbuffered")],
            flows: [CodeFlow(message: "the spawner returns before receiving", threads: [
                ThreadFlow(name: "main goroutine", steps: [
                    FlowStep(location: Location(file: "pkg/leak.go", line: 10, column: 2), message: "spawns the goroutine"),
                    FlowStep(location: Location(file: "pkg/leak.go", line: 14, column: 2), message: "returns"),
                ]),
                ThreadFlow(name: "goroutine spawned at pkg/leak.go:10", steps: [
                    FlowStep(location: Location(file: "pkg/leak.go", line: 12, column: 3), message: "blocks sending on ch"),
                ]),
            ])],
            fixes: [Fix(description: "make ch buffered", edits: [
                TextEdit(file: "pkg/leak.go", startLine: 8, startColumn: 8, endLine: 8, endColumn: 23,
                         text: "make(chan int, 1)"),
            ])],
            fingerprint: "leak-fp")
    }

    static var ticker: Finding {
        Finding(
            ruleID: "CL3001", category: .timer, level: .warning,
            message: "ticker t is never stopped: 100% sure, \"quoted\", tab\there,\nsecond line",
            location: Location(file: "dir with space/tick,er.go", line: 5, column: 7))
    }

    static var result: RunResult {
        RunResult(
            root: "/home/dev space/project",
            rules: [timerRule, leakRule],
            findings: [leak, ticker],
            notifications: [
                Notification(kind: .error, file: "broken.go", line: 3, column: 14, message: "expected ';', found 'EOF'"),
                Notification(kind: .error, file: "binary.go", message: "binary file, skipped"),
                Notification(kind: .warning, file: "/outside/go.mod", message: "line 2: invalid go version 'x'"),
            ],
            toolVersion: "0.1.0")
    }
}
