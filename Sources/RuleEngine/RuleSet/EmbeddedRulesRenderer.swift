import Foundation

/// Writes the Swift source that embeds rules/ into the binary
/// (EmbeddedRules.generated.swift), so that an installed conclint needs no
/// files beside it. A test regenerates it and fails when the checked-in copy
/// is stale; `CONCLINT_UPDATE_GENERATED=1` makes that test rewrite it.
public enum EmbeddedRulesRenderer {
    public static func render(_ files: [RuleFileText]) -> String {
        var out = """
        // Generated from rules/ by EmbeddedRulesRenderer; do not edit.
        // Regenerate: CONCLINT_UPDATE_GENERATED=1 swift test --filter GeneratedFilesAreCurrent

        /// The built-in rule files, as they were in rules/ at build time.
        enum EmbeddedRules {
            static let files: [RuleFileText] = [

        """
        for file in files {
            let hashes = String(repeating: "#", count: delimiterLength(for: file.text))
            out += "        RuleFileText(relativePath: \(quoted(file.relativePath)), text: \(hashes)\"\"\"\n"
            out += file.text
            if !file.text.hasSuffix("\n") || file.text.isEmpty {
                out += "\n"
            }
            // A multi-line literal drops the line break before its closing
            // delimiter; one empty line keeps the file's final newline.
            if file.text.hasSuffix("\n") { out += "\n" }
            out += "\"\"\"\(hashes)),\n"
        }
        out += "    ]\n}\n"
        return out
    }

    /// The number of `#` that makes a raw literal whose delimiter and
    /// interpolation cannot occur in `text`.
    static func delimiterLength(for text: String) -> Int {
        var count = 1
        while text.contains("\"" + String(repeating: "#", count: count))
                || text.contains("\\" + String(repeating: "#", count: count)) {
            count += 1
        }
        return count
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
