import Findings

/// Fingerprints that survive unrelated edits, for SARIF
/// `partialFingerprints` and baselines.
///
/// The key is the rule id, the file, the enclosing function's name and the
/// finding's line with whitespace collapsed (plus `neighbourLines` lines on
/// each side when asked): never a line or column number, so inserting lines
/// above, or re-indenting, keeps it. Findings with equal keys are told apart
/// by an occurrence index in file order. The value reads like GitHub's
/// `primaryLocationLineHash`: 16 hex digits, `:`, the 1-based occurrence.
public struct Fingerprinter: Sendable {
    public var neighbourLines: Int

    public init(neighbourLines: Int = 0) {
        self.neighbourLines = neighbourLines
    }

    /// Fills in `fingerprint` for every finding; order of the input is kept.
    public func assign(_ findings: [Finding], sources: [String: SourceContext]) -> [Finding] {
        let keys = findings.map { key(for: $0, source: sources[$0.location.file]) }
        let order = findings.indices.sorted { findings[$0].location < findings[$1].location }
        var occurrences: [String: Int] = [:]
        var result = findings
        for index in order {
            let key = keys[index]
            occurrences[key, default: 0] += 1
            result[index].fingerprint = Self.hex(Self.fnv1a(key)) + ":\(occurrences[key] ?? 1)"
        }
        return result
    }

    /// The text that is hashed.
    public func key(for finding: Finding, source: SourceContext?) -> String {
        let line = finding.location.line
        let function = source?.enclosingFunction(of: line) ?? ""
        let context = max(0, neighbourLines)
        let text = (line - context...line + context)
            .map { Self.normalise(source?.line($0) ?? "") }
            .joined(separator: "\n")
        return [finding.ruleID, finding.location.file, function, text].joined(separator: "\u{1F}")
    }

    /// Whitespace runs become one space; leading and trailing whitespace go.
    public static func normalise(_ line: String) -> String {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    /// 64-bit FNV-1a: small, stable across platforms and releases (unlike `Hasher`).
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
