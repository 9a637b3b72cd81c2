/// What the Go spec lets an import path be ("Import declarations"): a
/// non-empty string of graphic characters without spaces, none of
/// ``!"#$%&'()*,:;<=>?[\]^`{|}`` and no U+FFFD. The go command and
/// go/types reject any other path before looking for the package, and so
/// does the loader: a path from a damaged file (`import ("`) names no
/// directory.
enum ImportPathSyntax {
    /// Why `path` cannot be imported, or nil when it can.
    static func problem(_ path: String) -> String? {
        guard !path.isEmpty else { return "empty string" }
        for scalar in path.unicodeScalars where !isAllowed(scalar) {
            return "invalid character \(spell(scalar))"
        }
        return nil
    }

    static func isValid(_ path: String) -> Bool { problem(path) == nil }

    private static let excluded = Set("!\"#$%&'()*,:;<=>?[\\]^`{|}\u{FFFD}".unicodeScalars)

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        guard !excluded.contains(scalar) else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// `U+0020`, as Go's `%U` spells a code point.
    private static func spell(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
