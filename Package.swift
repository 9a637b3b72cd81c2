// swift-tools-version:6.0
import Foundation
import PackageDescription

/// The hot stages walk millions of nodes; Swift's dynamic exclusivity
/// checks cost about a tenth of their time (measured with callgrind on
/// GOROOT/src). Release builds turn them off; debug builds and tests keep them.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

/// libclang, for reading cgo preambles (Sources/CClang, Sources/Cgo).
/// Debian and Ubuntu's libclang-dev ship no pkg-config file, so a
/// `pkgConfig:` system library cannot find it; instead the newest
/// `/usr/lib/llvm-N` holding clang-c/Index.h and libclang is used (then
/// Homebrew's llvm), and `$LIBCLANG_PREFIX` overrides the search. Without
/// one, Cgo builds without libclang and every preamble is unknown C.
let libclangPrefix: String? = {
    let fm = FileManager.default
    func usable(_ prefix: String) -> Bool {
        fm.fileExists(atPath: prefix + "/include/clang-c/Index.h")
            && ["so", "dylib"].contains { fm.fileExists(atPath: prefix + "/lib/libclang." + $0) }
    }
    if let prefix = ProcessInfo.processInfo.environment["LIBCLANG_PREFIX"], !prefix.isEmpty {
        return usable(prefix) ? prefix : nil
    }
    let versions = ((try? fm.contentsOfDirectory(atPath: "/usr/lib")) ?? [])
        .filter { $0.hasPrefix("llvm-") }
        .compactMap { name in Int(name.dropFirst("llvm-".count)).map { (version: $0, path: "/usr/lib/" + name) } }
        .sorted { $0.version > $1.version }
        .map(\.path)
    return (versions + ["/opt/homebrew/opt/llvm", "/usr/local/opt/llvm"]).first(where: usable)
}()
/// Only Cgo gets libclang's include directory: it imports CClang
/// internally, so no C type reaches its clients (CClang.h explains why they
/// load it without that directory).
let cgoSwiftSettings: [SwiftSetting] =
    libclangPrefix.map { [.define("CONCLINT_LIBCLANG"), .unsafeFlags(["-Xcc", "-I\($0)/include"])] } ?? []
let cgoLinkerSettings: [LinkerSetting] = libclangPrefix.map {
    [.unsafeFlags(["-L\($0)/lib", "-Xlinker", "-rpath", "-Xlinker", "\($0)/lib"])]
} ?? []

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
        // SHA-256 for cache keys and checksums (Foundation on Linux has none).
        .target(name: "ContentHash", swiftSettings: hotPath),
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
        .target(name: "Escape", dependencies: ["GoSyntax", "GoSema", "Discovery"], swiftSettings: hotPath),
        // Rules as data (rules/*.yaml), configuration, suppression.
        .target(name: "RuleEngine", dependencies: ["Findings", "Yams"]),
        // The libclang C API (clang-c/Index.h); include and library paths from libclangPrefix.
        .systemLibrary(name: "CClang"),
        // cgo preambles read with libclang: C functions, their calls, types, constant macros.
        .target(name: "Cgo", dependencies: libclangPrefix == nil ? ["GoSyntax"] : ["CClang", "GoSyntax"],
                swiftSettings: cgoSwiftSettings, linkerSettings: cgoLinkerSettings),
        // Analyses over the IR: lifecycle, leaks/deadlocks, map races, sync misuse.
        .target(name: "Analyses", dependencies: ["ConcIR", "RuntimeModel", "RuleEngine", "Findings", "Discovery", "ContentHash"], swiftSettings: hotPath),
        // Text, JSON, SARIF, GitHub and GitLab output.
        .target(name: "Report", dependencies: ["Findings"]),
        // The pipeline, wired end to end: paths in, findings out.
        .target(name: "Driver", dependencies: [
            "GoSyntax", "Discovery", "GoSema", "ConcIR", "Lowering", "RuntimeModel",
            "Escape", "RuleEngine", "Analyses", "Findings", "Report", "Cgo", "ContentHash",
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
        .testTarget(name: "ConcIRTests", dependencies: ["ConcIR", "TestSupport"]),
        .testTarget(name: "LoweringTests", dependencies: ["Lowering", "ConcIR", "GoSema", "GoSyntax", "Discovery", "TestSupport"]),
        .testTarget(name: "RuleEngineTests", dependencies: ["RuleEngine", "Findings"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Findings"]),
        .testTarget(name: "AnalysesTests", dependencies: ["Analyses", "RuntimeModel", "ConcIR", "Driver", "GoSema", "ContentHash", "TestSupport"]),
        .testTarget(name: "EscapeTests", dependencies: ["Escape", "Driver"]),
        .testTarget(name: "CgoTests", dependencies: ["Cgo", "Driver", "Analyses", "ConcIR", "Findings", "GoSyntax", "TestSupport"]),
        // End-to-end: the CLI, samples, rule examples, corpus checks against GOROOT.
        .testTarget(name: "DriverTests", dependencies: ["Driver", "Findings", "Report", "RuleEngine", "ContentHash", "TestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
