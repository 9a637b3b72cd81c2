/// The language an example is written in.
public enum ExampleLanguage: String, Hashable, Sendable, CaseIterable {
    /// A whole Go source file.
    case go
    /// Concurrency IR in its textual DSL (docs/ir.md), for programs easier to state in the IR.
    case cir
}

/// One example snippet of a rule, as written in its file. In a bad example
/// every expected finding is marked by `↓` right before the token where the
/// finding's column points; a good example has no marker and must stay silent.
public struct RuleExample: Hashable, Sendable {
    public var code: String
    public var language: ExampleLanguage
    /// The Go version to analyse the example with, when it matters (nil: the newest).
    public var goVersion: GoLanguageVersion?
    /// Where the example's text starts in the rule file, for failure messages.
    public var file: String
    public var line: Int

    public init(code: String, language: ExampleLanguage = .go, goVersion: GoLanguageVersion? = nil,
                file: String = "", line: Int = 0) {
        self.code = code
        self.language = language
        self.goVersion = goVersion
        self.file = file
        self.line = line
    }

    /// The example without markers and with the expected finding positions.
    public var extracted: ExtractedExample { ExtractedExample(snippet: code) }
}

/// A rule's examples: the bad ones must each produce the marked findings, the
/// good ones (look-alikes) none.
public struct RuleExamples: Hashable, Sendable {
    public var bad: [RuleExample]
    public var good: [RuleExample]

    public init(bad: [RuleExample] = [], good: [RuleExample] = []) {
        self.bad = bad
        self.good = good
    }
}
