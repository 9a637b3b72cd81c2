// swift-tools-version:6.0
import PackageDescription

/// The hot stages walk millions of nodes; Swift's dynamic exclusivity
/// checks cost about a tenth of their time (measured with callgrind on
/// GOROOT/src). Release builds turn them off; debug builds and tests keep them.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

/// conclint: a static analyzer for concurrency anti-patterns in Go.
///
/// One target per pipeline stage (see docs/architecture.md). Each stage
/// depends only on the stages before it; nothing reaches back.
let package = Package(
    name: "conclint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "conclint", targets: ["conclint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // Shared result model: findings, locations, code flows, fixes, notifications.
        .target(name: "Findings"),
        // Platform facts Swift cannot reach (the current thread's stack bounds).
        .target(name: "CSupport"),
        // Lexer, parser and the flat AST of Go source files (positions and comments kept).
        .target(name: "GoSyntax", dependencies: ["CSupport"], swiftSettings: hotPath),
        // What to analyse: go.mod, build constraints, file suffixes, package grouping.
        .target(name: "Discovery", dependencies: ["GoSyntax"]),
        // Names, scopes, types and the call graph, from source.
        .target(name: "GoSema", dependencies: ["GoSyntax", "Discovery"], swiftSettings: hotPath),
        // The concurrency IR, its control-flow graph and its textual DSL.
        .target(name: "ConcIR", swiftSettings: hotPath),
        // Typed AST -> concurrency IR.
        .target(name: "Lowering", dependencies: ["GoSyntax", "GoSema", "ConcIR"], swiftSettings: hotPath),
        // Abstract model of Go's runtime: goroutines, channels, WaitGroups, locks, timers.
        .target(name: "RuntimeModel", dependencies: ["ConcIR"], swiftSettings: hotPath),
        // The escape analysis, done on the typed AST as the Go compiler does.
        .target(name: "Escape", dependencies: ["GoSyntax", "GoSema"], swiftSettings: hotPath),
        // Rules as data (rules/*.yaml), configuration, suppression.
        .target(name: "RuleEngine", dependencies: ["Findings", "Yams"]),
        // Analyses over the IR: lifecycle, leaks/deadlocks, map races, sync misuse.
        .target(name: "Analyses", dependencies: ["ConcIR", "RuntimeModel", "RuleEngine", "Findings"], swiftSettings: hotPath),
        // Text, JSON, SARIF, GitHub and GitLab output.
        .target(name: "Report", dependencies: ["Findings"]),
        // The pipeline, wired end to end: paths in, findings out.
        .target(name: "Driver", dependencies: [
            "GoSyntax", "Discovery", "GoSema", "ConcIR", "Lowering", "RuntimeModel",
            "Escape", "RuleEngine", "Analyses", "Findings", "Report",
        ]),
        .executableTarget(name: "conclint", dependencies: [
            "Driver",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Shared test helpers: locating GOROOT and the repository, running commands.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "GoSyntaxTests", dependencies: ["GoSyntax", "TestSupport"]),
        .testTarget(name: "DiscoveryTests", dependencies: ["Discovery"]),
        .testTarget(name: "GoSemaTests", dependencies: ["GoSema", "GoSyntax", "Discovery", "TestSupport"]),
        .testTarget(name: "ConcIRTests", dependencies: ["ConcIR"]),
        .testTarget(name: "LoweringTests", dependencies: ["Lowering", "ConcIR", "GoSema", "GoSyntax", "Discovery", "TestSupport"]),
        .testTarget(name: "RuleEngineTests", dependencies: ["RuleEngine", "Findings"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Findings"]),
        .testTarget(name: "AnalysesTests", dependencies: ["Analyses", "RuntimeModel", "ConcIR", "Driver"]),
        .testTarget(name: "EscapeTests", dependencies: ["Escape", "Driver"]),
        // End-to-end: the CLI, samples, rule examples, corpus checks against GOROOT.
        .testTarget(name: "DriverTests", dependencies: ["Driver", "Findings", "Report", "RuleEngine", "TestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
