import Foundation

/// A Go language version (`1.23`), the unit in which Go changes semantics.
///
/// Patch releases and pre-release suffixes never change what is a defect, so
/// only major and minor are kept; `go1.23.4`, `1.23rc1` and `1.23` are equal.
public struct GoLanguageVersion: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses `1.23`, `go1.23`, `1.23.4` or `1.23rc1`; nil for anything else.
    public init?(_ text: String) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if rest.hasPrefix("go") { rest = rest.dropFirst(2) }
        let majorDigits = rest.prefix { $0.isASCII && $0.isNumber }
        rest = rest.dropFirst(majorDigits.count)
        guard !majorDigits.isEmpty, rest.first == "." else { return nil }
        rest = rest.dropFirst()
        let minorDigits = rest.prefix { $0.isASCII && $0.isNumber }
        rest = rest.dropFirst(minorDigits.count)
        guard !minorDigits.isEmpty, let major = Int(majorDigits), let minor = Int(minorDigits) else { return nil }
        // What may follow: a patch number or a pre-release tag, nothing else.
        if let next = rest.first {
            let patch = next == "." && rest.dropFirst().allSatisfy { $0.isASCII && $0.isNumber } && rest.count > 1
            let prerelease = (rest.hasPrefix("rc") || rest.hasPrefix("beta"))
                && rest.drop { $0.isLetter }.allSatisfy { $0.isASCII && $0.isNumber }
            guard patch || prerelease else { return nil }
        }
        self.init(major: major, minor: minor)
    }

    public static func < (a: GoLanguageVersion, b: GoLanguageVersion) -> Bool {
        (a.major, a.minor) < (b.major, b.minor)
    }

    public var description: String { "\(major).\(minor)" }
}
