/// What the engine may know about a source file beyond its findings: its
/// lines (for fingerprints), its functions (to name the enclosing one) and
/// the Go version its build constraints select.
public struct SourceContext: Hashable, Sendable {
    /// A named function's line span; function literals are named by the
    /// driver (`Serve.func1`), as the Go compiler names them.
    public struct FunctionSpan: Hashable, Sendable {
        public var name: String
        public var startLine: Int
        public var endLine: Int
        public init(name: String, startLine: Int, endLine: Int) {
            self.name = name
            self.startLine = startLine
            self.endLine = endLine
        }
    }

    /// Relative to the analysis root, as in `Finding.location.file`.
    public var file: String
    public var lines: [String]
    public var functions: [FunctionSpan]
    /// From a `//go:build go1.N` constraint, when there is one.
    public var goVersion: GoLanguageVersion?

    public init(file: String, lines: [String], functions: [FunctionSpan] = [], goVersion: GoLanguageVersion? = nil) {
        self.file = file
        self.lines = lines
        self.functions = functions
        self.goVersion = goVersion
    }

    /// Splits `text` into lines.
    public init(file: String, text: String, functions: [FunctionSpan] = [], goVersion: GoLanguageVersion? = nil) {
        self.init(file: file, lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                  functions: functions, goVersion: goVersion)
    }

    public func line(_ number: Int) -> String? {
        number >= 1 && number <= lines.count ? lines[number - 1] : nil
    }

    /// The innermost function whose span holds `line`.
    public func enclosingFunction(of line: Int) -> String? {
        functions.filter { $0.startLine <= line && line <= $0.endLine }
            .min { ($0.endLine - $0.startLine) < ($1.endLine - $1.startLine) }?.name
    }
}
