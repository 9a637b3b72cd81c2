import Findings
import GoSyntax
import RuleEngine

/// The last stage: every finding passes through the rule engine, which
/// applies the configuration, suppression comments, levels by Go version,
/// fingerprints and the output order, and names the rules that fired.
public struct RuleEngineStage: LintStage {
    public init() {}

    public var name: String { "rules" }

    public func run(_ input: ParsedWorkspace, state: inout PipelineState, output: inout StageOutput) {
        guard let setup = state[LintSetup.self] else { return }
        var suppressions: [SuppressionIndex] = []
        var sources: [SourceContext] = []
        let files = Set(output.findings.map(\.location.file))
        for package in input.packages {
            let version = GoLanguageVersion(input.languageVersion(of: package.source).description)
            for file in package.files {
                guard let tree = file.tree else { continue }
                let comments = tree.comments.map { c -> SourceComment in
                    let start = tree.source.location(of: c.start)
                    let end = tree.source.location(of: c.end)
                    return SourceComment(line: start.line, column: start.column, endLine: end.line,
                                         text: tree.source.text(from: c.start, to: c.end),
                                         isStandalone: Self.isStandalone(tree, c))
                }
                let hasDirective = comments.contains { $0.text.hasPrefix("//conclint:") || $0.text.hasPrefix("//nolint") }
                if hasDirective || setup.configuration.reportUnusedIgnores {
                    suppressions.append(SuppressionIndex(file: file.displayPath, comments: comments))
                }
                if files.contains(file.displayPath) {
                    sources.append(Self.context(tree, file: file.displayPath, version: version))
                }
            }
        }
        let engine = RuleEngine(rules: setup.rules)
        let finalized = engine.finalize(findings: output.findings, config: setup.configuration,
                                        suppressions: suppressions, sources: sources, goVersion: nil)
        output.findings = finalized.findings
        output.rules = finalized.rules
        output.notifications += finalized.notifications
    }

    /// Whether nothing but blanks precede the comment on its line.
    private static func isStandalone(_ tree: SyntaxTree, _ c: Comment) -> Bool {
        let bytes = tree.source.bytes
        var i = Int(c.start) - 1
        while i >= 0, bytes[i] == 0x20 || bytes[i] == 0x09 { i -= 1 }
        return i < 0 || bytes[i] == 0x0A
    }

    /// Lines and function spans of a file, for fingerprints.
    private static func context(_ tree: SyntaxTree, file: String, version: GoLanguageVersion?) -> SourceContext {
        var spans: [SourceContext.FunctionSpan] = []
        for decl in tree.declarations {
            guard case .funcDecl(let recv, let name, _, _) = tree[decl] else { continue }
            var qualified = tree.identName(name) ?? "_"
            if let r = tree.list(recv).first, case .field(_, let t, _) = tree[r] {
                qualified = "(\(tree.expressionText(t))).\(qualified)"
            }
            spans.append(SourceContext.FunctionSpan(name: qualified, startLine: tree.location(decl).line,
                                                    endLine: tree.source.location(of: tree.end(decl)).line))
        }
        let text = String(decoding: tree.source.bytes, as: UTF8.self)
        return SourceContext(file: file, text: text, functions: spans, goVersion: version)
    }
}
