import Foundation

/// A finding message with `{placeholder}`s filled in by the analysis:
/// `"{resource} created here is not stopped on the path through line {line}"`.
public struct MessageTemplate: Hashable, Sendable, CustomStringConvertible {
    /// The placeholders an analysis can fill.
    public static let placeholders: [String] = ["resource", "line", "call", "function", "variable"]

    public var text: String

    /// Checks the template; the error text says what is wrong, without position.
    public static func validate(_ text: String) -> String? {
        var rest = Substring(text)
        while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            guard rest[open] == "{" else { return "unbalanced '}'" }
            guard let close = rest[open...].firstIndex(of: "}") else { return "unclosed '{'" }
            let name = String(rest[rest.index(after: open)..<close])
            guard placeholders.contains(name) else {
                return "unknown placeholder {\(name)}; use \(placeholders.map { "{\($0)}" }.joined(separator: ", "))"
            }
            rest = rest[rest.index(after: close)...]
        }
        return nil
    }

    public init?(_ text: String) {
        guard Self.validate(text) == nil else { return nil }
        self.text = text
    }

    /// The message with each known placeholder replaced; placeholders without
    /// a value stay visible rather than vanish.
    public func render(_ values: [String: String]) -> String {
        var result = text
        for (name, value) in values { result = result.replacingOccurrences(of: "{\(name)}", with: value) }
        return result
    }

    public var description: String { text }
}
