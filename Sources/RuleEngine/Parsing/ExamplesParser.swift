import Foundation
import Yams

/// Reads a rule's `examples:` block and checks each snippet: bad examples
/// need a `↓` before every expected finding, good ones must have none, each
/// marker must point at a token, and a Go example must be a whole file.
enum ExamplesParser {
    static func parse(_ value: YAMLValue) throws -> RuleExamples {
        let fields = try value.fields(allowed: ["bad", "good"])
        let bad = try fields["bad"]?.list().map { try example($0, isBad: true) } ?? []
        let good = try fields["good"]?.list().map { try example($0, isBad: false) } ?? []
        return RuleExamples(bad: bad, good: good)
    }

    /// An example is a string (Go) or a mapping `{code, lang, go}`.
    private static func example(_ value: YAMLValue, isBad: Bool) throws -> RuleExample {
        var codeValue = value
        var language = ExampleLanguage.go
        var goVersion: GoLanguageVersion?
        if case .mapping = value.node {
            let fields = try value.fields(allowed: ["code", "lang", "go"])
            codeValue = try fields.required("code")
            language = try fields["lang"]?.choice(ExampleLanguage.self) ?? .go
            goVersion = try fields["go"].map(RuleFileParser.goVersion)
        }
        let code = try codeValue.text()
        let placement = SnippetPlacement(value: codeValue)
        let extracted = ExtractedExample(snippet: code)

        if let misplaced = extracted.misplacedMarkers.first {
            throw placement.error(at: misplaced, field: codeValue.field,
                                  "a ↓ marker must stand right before the token the finding points at")
        }
        if isBad, extracted.expected.isEmpty {
            throw codeValue.error("a bad example needs a ↓ marker before each token where a finding is expected")
        }
        if !isBad, let marker = ExtractedExample(snippet: code).expected.first {
            let raw = rawPosition(ofMarkerAt: marker, in: code)
            throw placement.error(at: raw, field: codeValue.field,
                                  "a good example must stay silent, so it cannot hold a ↓ marker")
        }
        if language == .go, !startsWithPackageClause(extracted.source) {
            throw codeValue.error("a Go example must be a whole file, starting with its package clause")
        }
        return RuleExample(code: code, language: language, goVersion: goVersion,
                           file: value.source.file, line: placement.firstContentLine ?? value.position?.line ?? 0)
    }

    /// The position of a marker in the snippet with markers (the expected
    /// position is counted without them).
    private static func rawPosition(ofMarkerAt expected: ExpectedFinding, in code: String) -> ExpectedFinding {
        let lines = code.split(separator: "\n", omittingEmptySubsequences: false)
        guard expected.line <= lines.count else { return expected }
        var bytes = 0
        for scalar in lines[expected.line - 1].unicodeScalars {
            if scalar == exampleMarker { return ExpectedFinding(line: expected.line, column: bytes + 1) }
            bytes += String(scalar).utf8.count
        }
        return expected
    }

    /// True when the first line that is not blank or a comment is `package name`.
    static func startsWithPackageClause(_ source: String) -> Bool {
        var inBlockComment = false
        // Line by line as far as the first code, not the whole example.
        let lines = sequence(state: Substring(source)) { (rest: inout Substring) -> Substring? in
            guard !rest.isEmpty else { return nil }
            guard let newline = rest.firstIndex(of: "\n") else {
                defer { rest = rest[rest.endIndex...] }
                return rest
            }
            defer { rest = rest[rest.index(after: newline)...] }
            return rest[..<newline]
        }
        for rawLine in lines {
            var line = Substring(rawLine.drop { $0 == " " || $0 == "\t" || $0 == "\r" })
            if inBlockComment {
                guard let end = line.range(of: "*/") else { continue }
                line = line[end.upperBound...].drop { $0 == " " || $0 == "\t" }
                inBlockComment = false
            }
            if line.isEmpty || line.hasPrefix("//") { continue }
            if line.hasPrefix("/*") {
                if let end = line.range(of: "*/") {
                    let rest = line[end.upperBound...].drop { $0 == " " || $0 == "\t" }
                    if rest.isEmpty { continue }
                    return rest.hasPrefix("package ")
                }
                inBlockComment = true
                continue
            }
            return line.hasPrefix("package ") || line.hasPrefix("package\t")
        }
        return false
    }
}

/// Maps a position inside a snippet back to the rule file. Exact for literal
/// block scalars (`code: |`), whose lines are the file's lines minus the
/// block indentation; other styles fall back to the value's own position.
struct SnippetPlacement {
    let value: YAMLValue
    /// The file line of the snippet's first line, for literal blocks.
    let firstContentLine: Int?
    private let indentation: Int

    init(value: YAMLValue) {
        self.value = value
        guard case let .scalar(scalar) = value.node, scalar.style == .literal,
              let start = value.position?.line else {
            firstContentLine = nil
            indentation = 0
            return
        }
        firstContentLine = start + 1
        var line = start + 1
        var indent = 0
        while let text = value.source.line(line) {
            if !text.allSatisfy({ $0 == " " }) {
                indent = text.prefix { $0 == " " }.count
                break
            }
            line += 1
        }
        indentation = indent
    }

    func error(at snippetPosition: ExpectedFinding, field: String, _ message: String) -> ConfigurationError {
        guard let first = firstContentLine else { return value.error(message) }
        let position = SourcePosition(line: first + snippetPosition.line - 1,
                                      column: indentation + snippetPosition.column)
        return value.source.error(at: position, field: field, message)
    }
}
