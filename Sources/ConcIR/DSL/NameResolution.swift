/// How a dotted name in operand position is read: the one rule shared by
/// the parser (to read it) and the printer (to know when a global must be
/// written `global(name)` to be read back as itself).
///
/// `a.b.c` is the variable `a` with fields `b.c` when `a` is a variable of
/// the function; otherwise the longest declared global that is a prefix at a
/// dot (`example.com/p.cfg` in `example.com/p.cfg.mu`) with the rest as
/// fields; otherwise it is undeclared.
enum NameResolution {
    enum Resolved: Equatable {
        case variable(String, fields: [Substring])
        case global(String, fields: [Substring])
    }

    static func resolve(_ text: Substring, variables: Set<String>, globals: Set<String>) -> Resolved? {
        let firstDot = text.firstIndex(of: ".")
        let head = firstDot.map { text[..<$0] } ?? text
        if variables.contains(String(head)) {
            let fields = firstDot.map { text[text.index(after: $0)...].split(separator: ".", omittingEmptySubsequences: false) } ?? []
            return .variable(String(head), fields: fields)
        }
        var end = text.endIndex
        while true {
            let candidate = text[..<end]
            if globals.contains(String(candidate)) {
                let rest = end == text.endIndex ? [] : text[text.index(after: end)...].split(separator: ".", omittingEmptySubsequences: false)
                return .global(String(candidate), fields: rest)
            }
            guard let dot = candidate.lastIndex(of: ".") else { return nil }
            end = dot
        }
    }
}
