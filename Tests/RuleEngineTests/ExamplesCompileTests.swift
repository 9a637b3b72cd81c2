import Foundation
import Testing
@testable import RuleEngine

/// Rule examples will be run through the analyses, so they must be real Go:
/// every Go example, and the variants the harness derives from each bad
/// one, must build with the Go toolchain (the oracle), and the examples as
/// written must already be gofmt-formatted.
@Suite(.enabled(if: GoOracle.goBinary != nil, "needs the go toolchain"))
struct ExamplesCompileTests {
    /// One module with a package directory per example and variant.
    private func writeModule(_ rules: RuleSet, into dir: TemporaryDirectory) throws -> Int {
        try dir.write("go.mod", "module examples\n\ngo 1.19\n")
        var packages = 0
        for rule in rules.rules {
            let kinds = [("bad", rule.examples.bad), ("good", rule.examples.good)]
            for (kind, examples) in kinds {
                for (index, example) in examples.enumerated() where example.language == .go {
                    let extracted = example.extracted
                    var variants = [("as-written", extracted)]
                    if kind == "bad" {
                        variants.append(("suppressed", ExampleVariants.suppressed(extracted, ruleID: rule.id)))
                        variants.append(("prefixed", ExampleVariants.behindPrefix(extracted)))
                    }
                    for (name, variant) in variants {
                        try dir.write("\(rule.id)/\(kind)\(index + 1)/\(name)/example.go", variant.source)
                        packages += 1
                    }
                }
            }
        }
        return packages
    }

    @Test func everyExampleAndVariantBuilds() throws {
        let go = try #require(GoOracle.goBinary)
        let rules = try RuleSet.load(directory: Repository.rules)
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let packages = try writeModule(rules, into: dir)
        #expect(packages >= 3 * 10 + 11)
        let result = try GoOracle.run(go, ["build", "./..."], in: dir.url)
        #expect(result.status == 0, "go build failed:\n\(result.output)")
    }

    @Test func examplesAreGofmtFormatted() throws {
        let gofmt = try #require(GoOracle.gofmtBinary)
        let rules = try RuleSet.load(directory: Repository.rules)
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        for rule in rules.rules {
            for (index, example) in (rule.examples.bad + rule.examples.good).enumerated() where example.language == .go {
                try dir.write("\(rule.id)-\(index).go", example.extracted.source)
            }
        }
        let result = try GoOracle.run(gofmt, ["-l", "."], in: dir.url)
        #expect(result.status == 0)
        #expect(result.output.isEmpty, "not gofmt-formatted: \(result.output)")
    }
}
