/// Decides whether an object-like macro is a constant Go can use as
/// `C.NAME` the way cgo does: its replacement is one number, character or
/// string literal (adjacent strings allowed), possibly signed and in parentheses.
public enum MacroConstant {
    /// The constant's text, or nil when the replacement is anything else
    /// (an expression, a type, a call, nothing at all).
    public static func value<S: Collection>(of tokens: S) -> String? where S.Element == String {
        var t = Array(tokens)
        while t.count >= 2, t.first == "(", t.last == ")" { t = Array(t.dropFirst().dropLast()) }
        guard !t.isEmpty else { return nil }
        var sign = ""
        if ["-", "+", "~"].contains(t[0]) {
            sign = t[0]
            t.removeFirst()
            while t.count >= 2, t.first == "(", t.last == ")" { t = Array(t.dropFirst().dropLast()) }
        }
        guard let first = t.first else { return nil }
        if t.count == 1, isNumber(first) || isCharacter(first) { return sign + first }
        if sign.isEmpty, t.allSatisfy(isString) { return t.joined(separator: " ") }
        return nil
    }

    private static func isNumber(_ token: String) -> Bool {
        guard let first = token.first else { return false }
        if first.isASCII && first.isNumber { return true }
        return first == "." && token.dropFirst().first?.isNumber == true
    }

    private static func isCharacter(_ token: String) -> Bool {
        token.count >= 3 && token.hasSuffix("'") && (token.hasPrefix("'") || token.hasPrefix("L'") || token.hasPrefix("u'") || token.hasPrefix("U'"))
    }

    private static func isString(_ token: String) -> Bool {
        token.count >= 2 && token.hasSuffix("\"") && (token.hasPrefix("\"") || token.hasPrefix("L\"") || token.hasPrefix("u8\""))
    }
}
