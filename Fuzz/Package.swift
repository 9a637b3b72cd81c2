// swift-tools-version:6.0
import PackageDescription

/// libFuzzer targets for conclint's three parsers of untrusted input: Go
/// source, the concurrency IR's DSL (`.cir` files) and `.conclint.yml`.
/// A package of its own, so that the main build never needs the fuzzer
/// runtime: build it with
///
///     swift build -c release --package-path Fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library
///
/// (or `-c debug`: SwiftPM then renames an executable's entry point to
/// `<Target>_main`, which each target defines to start libFuzzer's driver),
/// and run it with `Fuzz/run.sh SECONDS`. The library targets are the main
/// package's own sources, reached through the links in Sources/.
let package = Package(
    name: "conclint-fuzz",
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .target(name: "CSupport"),
        .target(name: "GoSyntax", dependencies: ["CSupport"]),
        .target(name: "ConcIR"),
        .target(name: "Findings"),
        .target(name: "RuleEngine", dependencies: ["Findings", "Yams"]),
        // libFuzzer's LLVMFuzzerRunDriver, for debug builds (see DebugEntry in each target).
        .target(name: "CFuzzDriver", path: "Targets/CFuzzDriver"),
        .executableTarget(name: "FuzzGoParser", dependencies: ["GoSyntax", "CFuzzDriver"], path: "Targets/FuzzGoParser"),
        .executableTarget(name: "FuzzIRParser", dependencies: ["ConcIR", "CFuzzDriver"], path: "Targets/FuzzIRParser"),
        .executableTarget(name: "FuzzConfigLoader", dependencies: ["RuleEngine", "CFuzzDriver"], path: "Targets/FuzzConfigLoader"),
    ],
    swiftLanguageModes: [.v5]
)
