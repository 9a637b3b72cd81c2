/// How a dotted name in operand position is read: the one rule shared by
/// the parser (to read it) and the printer (to know when a global must be
/// written `global(name)` to be read back as itself).
///
/// `a.b.c` is the variable `a` with fields `b.c` when `a` is a variable of
/// the function; otherwise the longest declared global that is a prefix at a
/// dot (`example.com/p.cfg` in `example.com/p.cfg.mu`) with the rest as
/// fields; otherwise it is undeclared. The work is done on UTF-8 bytes: this
/// runs once per distinct name of every parsed function.
enum NameResolution {
    enum Resolved: Equatable {
        case variable(String, fields: [String])
        case global(String, fields: [String])
    }

    static func resolve(_ text: String, variables: Set<String>, globals: Set<String>) -> Resolved? {
        let utf8 = text.utf8
        guard let firstDot = utf8.firstIndex(of: 0x2E) else {
            if variables.contains(text) { return .variable(text, fields: []) }
            if globals.contains(text) { return .global(text, fields: []) }
            return nil
        }
        let head = String(text[..<firstDot])
        if variables.contains(head) { return .variable(head, fields: fields(text, after: firstDot)) }
        var end = utf8.endIndex
        while true {
            let candidate = end == utf8.endIndex ? text : String(text[..<end])
            if globals.contains(candidate) {
                return .global(candidate, fields: end == utf8.endIndex ? [] : fields(text, after: end))
            }
            guard let dot = utf8[..<end].lastIndex(of: 0x2E) else { return nil }
            end = dot
        }
    }

    /// The dot-separated parts of `text` after the dot at `dot`.
    private static func fields(_ text: String, after dot: String.Index) -> [String] {
        text.utf8[text.utf8.index(after: dot)...].split(separator: 0x2E, omittingEmptySubsequences: false)
            .map { String(Substring($0)) }
    }
}
