import Foundation
@testable import RuleEngine

/// Paths of the repository, found from this file so that no machine path is written down.
enum Repository {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let rules = root.appendingPathComponent("rules")
    static let generatedRules = root.appendingPathComponent("Sources/RuleEngine/RuleSet/EmbeddedRules.generated.swift")
    static let rulesDoc = root.appendingPathComponent("docs/rules.md")
}

/// A fresh temporary directory, removed by the caller with `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("conclint-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func write(_ relativePath: String, _ text: String) throws {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// The error a throwing expression raised, if it was a `ConfigurationError`.
func configurationError(_ body: () throws -> Void) -> ConfigurationError? {
    do {
        try body()
        return nil
    } catch let error as ConfigurationError {
        return error
    } catch {
        return ConfigurationError(file: "?", message: "unexpected error \(error)")
    }
}

/// A minimal valid rule file, with `replacing` lines swapped in by key, for error tests.
/// Line numbers are fixed: id 1, name 2, category 3, level 4, summary 5,
/// description 6-7, tags 8, precision 9, since 10, examples 11-.
func minimalRule(id: String = "TM1999", name: String = "sample-rule", extra: String = "",
                 level: String = "warning", bad: String? = nil, good: String? = nil) -> String {
    let badCode = bad ?? "package p\n\nvar x = ↓1\n"
    let goodCode = good ?? "package p\n\nvar y = 2\n"
    return """
    id: \(id)
    name: \(name)
    category: timer
    level: \(level)
    summary: A sample rule.
    description: |
      Why it matters.
    tags: [sample]
    precision: high
    since: "0.1.0"
    examples:
      bad:
        - |
    \(indent(badCode, by: 6))
      good:
        - |
    \(indent(goodCode, by: 6))
    \(extra)
    """
}

func indent(_ text: String, by spaces: Int) -> String {
    let pad = String(repeating: " ", count: spaces)
    return text.split(separator: "\n", omittingEmptySubsequences: false)
        .map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
}
