import Driver
import Findings
import Foundation
import RuleEngine
import TestSupport

/// Runs every example of every rule file through the real pipeline, once,
/// and keeps what each example produced.
///
/// Each example becomes a package of its own (a directory with a go.mod
/// giving its Go version, or a .cir file), together with the variants
/// STYLE.md asks for: every bad example again with a suppression comment
/// above each marked line (must be silent) and with a multi-byte prefix in
/// front of each marked line (same findings, columns shifted by the
/// prefix's bytes). All of them go through one run, so the standard
/// library is read once.
final class RuleExampleHarness: @unchecked Sendable {
    enum Kind: String {
        case bad, good, suppressed, prefixed
    }

    struct Case {
        var ruleID: String
        var kind: Kind
        var index: Int
        /// The example's path as findings name it (relative to the run's root).
        var file: String
        var expected: [ExpectedFinding]
        /// Where the example is written in its rule file.
        var origin: String
    }

    let rules: RuleSet
    private(set) var cases: [Case] = []
    private(set) var findingsByFile: [String: [Finding]] = [:]
    private(set) var notes: [String] = []
    private(set) var error: String?

    /// The examples of rules/, run once per test process.
    static let shared = RuleExampleHarness()

    private init() {
        do {
            rules = try RuleSet.load(directory: URL(fileURLWithPath: Repository.path("rules")), displayPath: "rules")
        } catch {
            rules = (try? RuleSet(rules: [])) ?? RuleExampleHarness.unreachable()
            self.error = "rules/ does not load: \(error)"
            return
        }
        do {
            try run()
        } catch {
            self.error = "running the examples failed: \(error)"
        }
    }

    private func run() throws {
        let root = try Repository.temporaryDirectory("rule-examples")
        defer { try? FileManager.default.removeItem(atPath: root) }
        var paths: [String] = []
        for rule in rules.rules where !rule.deprecated && Self.selected(rule.id) {
            let groups: [(Kind, [RuleExample])] = [(.bad, rule.examples.bad), (.good, rule.examples.good)]
            for (kind, examples) in groups {
                for (i, example) in examples.enumerated() {
                    let extracted = example.extracted
                    var variants: [(Kind, ExtractedExample)] = [(kind, extracted)]
                    // The variants are Go comments: they apply to Go examples only.
                    if kind == .bad && example.language == .go {
                        variants.append((.suppressed, ExampleVariants.suppressed(extracted, ruleID: rule.id)))
                        variants.append((.prefixed, ExampleVariants.behindPrefix(extracted)))
                    }
                    for (variantKind, variant) in variants {
                        let dir = "\(rule.id)/\(variantKind.rawValue)\(i + 1)"
                        let file = try write(variant, language: example.language, goVersion: example.goVersion,
                                             root: root, directory: dir)
                        paths.append(example.language == .cir ? root + "/" + file : root + "/" + dir)
                        cases.append(Case(ruleID: rule.id, kind: variantKind, index: i + 1, file: file,
                                          expected: variant.expected, origin: "\(example.file):\(example.line)"))
                    }
                }
            }
        }
        var options = CommandLineOptions()
        options.paths = paths
        options.format = "json"
        options.jobs = 2
        options.tests = false
        var environment = ProcessInfo.processInfo.environment
        environment["CONCLINT_RULES"] = Repository.path("rules")
        let configuration = try RunConfiguration.validate(options, environment: environment, workingDirectory: root,
                                                          processorCount: 2)
        let outcome = try LintPipeline.standard(configuration).run(configuration)
        // Findings name files relative to the run's root (the first example's
        // module) when inside it, else absolute; each example file is known
        // by its last three components, so the root's own files (`main.go`)
        // get the root put back in front first.
        let rootModule = paths.first.flatMap { FileManager.default.fileExists(atPath: $0 + "/go.mod") ? $0 : nil }
        for f in outcome.result.findings {
            var file = f.location.file
            if let rootModule, !file.hasPrefix("/") { file = rootModule + "/" + file }
            let key = file.split(separator: "/").suffix(3).joined(separator: "/")
            findingsByFile[key, default: []].append(f)
        }
        notes = outcome.result.notifications.filter { $0.kind == .error }.map(\.oneLine)
    }

    /// Writes one example; returns its file's path relative to `root`.
    private func write(_ example: ExtractedExample, language: ExampleLanguage, goVersion: GoLanguageVersion?,
                       root: String, directory: String) throws -> String {
        let dir = root + "/" + directory
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if language == .cir {
            let file = directory + "/example.cir"
            try example.source.write(toFile: root + "/" + file, atomically: true, encoding: .utf8)
            return file
        }
        var mod = "module examples/\(directory)\n"
        if let goVersion { mod += "\ngo \(goVersion)\n" }
        try mod.write(toFile: dir + "/go.mod", atomically: true, encoding: .utf8)
        let file = directory + "/main.go"
        try example.source.write(toFile: root + "/" + file, atomically: true, encoding: .utf8)
        return file
    }

    /// The findings of `rule` in the example file of `c`, as positions.
    func actual(_ c: Case) -> [ExpectedFinding] {
        (findingsByFile[c.file] ?? []).filter { $0.ruleID == c.ruleID }
            .map { ExpectedFinding(line: $0.location.line, column: $0.location.column) }.sorted()
    }

    /// Messages of everything found in the example file (for failure reports).
    func everything(_ c: Case) -> [String] {
        (findingsByFile[c.file] ?? []).map { "\($0.location.line):\($0.location.column) \($0.ruleID) \($0.message)" }
    }

    /// An empty rule set cannot fail to build; this documents that.
    private static func unreachable() -> RuleSet {
        fatalError("an empty rule set is always valid")
    }

    /// Rule ids with examples, for parameterised tests.
    static var ruleIDs: [String] {
        (try? RuleSet.load(directory: URL(fileURLWithPath: Repository.path("rules")), displayPath: "rules"))?
            .rules.filter { !$0.deprecated && selected($0.id) }.map(\.id) ?? []
    }

    /// `CONCLINT_EXAMPLE_RULES=MR,TM1001` narrows a local run to rules whose
    /// id starts with one of the entries (all rules when unset, as in CI).
    static func selected(_ id: String) -> Bool {
        guard let filter = ProcessInfo.processInfo.environment["CONCLINT_EXAMPLE_RULES"], !filter.isEmpty else { return true }
        return filter.split(separator: ",").contains { id.hasPrefix($0.trimmingCharacters(in: .whitespaces)) }
    }
}
