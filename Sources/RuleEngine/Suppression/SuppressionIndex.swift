import Findings

/// The suppression directives of one file, indexed by the lines they cover.
///
/// A directive covers its own line. When it stands alone on its line it also
/// covers the first line after its block of standalone comments, so several
/// directives can be stacked above one statement:
///
/// ```go
/// //conclint:ignore TM1001 stopped by the caller's Close
/// //nolint:conclint
/// t := time.NewTicker(d)
/// ```
public struct SuppressionIndex: Hashable, Sendable {
    /// The file, relative to the analysis root as in `Finding.location.file`.
    public let file: String
    /// Every directive in source order.
    public let directives: [SuppressionDirective]
    /// Comments that looked like `//conclint:ignore` but could not be read.
    public let malformed: [Notification]
    private let byLine: [Int: [Int]]

    public init(file: String, comments: [SourceComment]) {
        self.file = file
        let sorted = comments.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
        let commentOnlyLines = Set(sorted.filter(\.isStandalone).flatMap { $0.line...max($0.line, $0.endLine) })
        var directives: [SuppressionDirective] = []
        var malformed: [Notification] = []
        for comment in sorted {
            switch DirectiveParse(comment: comment.text) {
            case .none:
                continue
            case let .malformed(message):
                malformed.append(Notification(kind: .warning, file: file, line: comment.line,
                                              column: comment.column, message: message))
            case let .directive(kind, targets, reason):
                var last = comment.endLine
                if comment.isStandalone {
                    last += 1
                    while commentOnlyLines.contains(last) { last += 1 }
                }
                directives.append(SuppressionDirective(
                    kind: kind, targets: targets, reason: reason, file: file, line: comment.line,
                    column: comment.column, coveredLines: comment.line...last, text: comment.text))
            }
        }
        var byLine: [Int: [Int]] = [:]
        for (index, directive) in directives.enumerated() {
            for line in directive.coveredLines { byLine[line, default: []].append(index) }
        }
        self.directives = directives
        self.malformed = malformed
        self.byLine = byLine
    }

    /// The first directive that suppresses `finding`, or nil.
    public func suppresses(_ finding: Finding) -> SuppressionDirective? {
        guard finding.location.file == file else { return nil }
        return byLine[finding.location.line]?.lazy.map { directives[$0] }.first { $0.matches(finding) }
    }
}
