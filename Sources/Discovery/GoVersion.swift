/// A Go language version such as `1.22`, `1.21.3` or `1.23rc1`.
///
/// Verdicts of later analyses depend on the minor version (timers changed in
/// 1.23, loop variables in 1.22), so the version is parsed once here and
/// compared as numbers, never as strings ("1.9" < "1.10").
public struct GoVersion: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    /// Nil when the version names only a language version (`1.22`).
    public var patch: Int?
    /// A pre-release suffix such as `rc1` or `beta2`, kept for display.
    public var prerelease: String?

    public init(major: Int, minor: Int, patch: Int? = nil, prerelease: String? = nil) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = prerelease
    }

    /// The newest Go release this build of conclint knows about. It decides
    /// the default release tags (`go1.1` … `go1.N`) and the version assumed
    /// when neither go.mod nor `--go` names one.
    public static let newestKnown = GoVersion(major: 1, minor: 25)

    /// Parses `1.22`, `1.22.3`, `go1.22`, `1.23rc1`; nil for anything else.
    public init?(parsing text: String) {
        var s = Substring(text.trimmingWhitespace())
        if s.hasPrefix("go") { s = s.dropFirst(2) }
        let numberPart = s.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let suffix = s.dropFirst(numberPart.count)
        let fields = numberPart.split(separator: ".", omittingEmptySubsequences: false)
        guard fields.count >= 1, fields.count <= 3,
              fields.allSatisfy({ !$0.isEmpty && $0.count <= 6 }),
              let major = Int(fields[0]) else { return nil }
        let minor = fields.count > 1 ? Int(fields[1]) : 0
        let patch = fields.count > 2 ? Int(fields[2]) : nil
        guard let minor, fields.count < 3 || patch != nil else { return nil }
        if !suffix.isEmpty {
            guard suffix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
                  suffix.first?.isLetter == true else { return nil }
        }
        self.init(major: major, minor: minor, patch: patch,
                  prerelease: suffix.isEmpty ? nil : String(suffix))
    }

    /// The language version alone (`1.22`), as build tags and go.mod speak of it.
    public var language: GoVersion { GoVersion(major: major, minor: minor) }

    /// `go1.1` … `go1.<minor>`: the release tags a toolchain of this version satisfies.
    public var releaseTags: [String] {
        guard major == 1, minor >= 1 else { return [] }
        return (1...minor).map { "go1.\($0)" }
    }

    public var description: String {
        var s = "\(major).\(minor)"
        if let patch { s += ".\(patch)" }
        if let prerelease { s += prerelease }
        return s
    }

    public static func < (a: GoVersion, b: GoVersion) -> Bool {
        (a.major, a.minor, a.patch ?? 0) < (b.major, b.minor, b.patch ?? 0)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs, CR and LF.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = firstIndex(where: { !isSpace($0) }),
              let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
