import ConcIR

/// Names as a Go programmer writes them, for messages: `fetch` for
/// `example.com/p.fetch`, `(*Server).Run`, `s.results` for a field path.
enum GoNames {
    /// A function's name without its package path.
    static func function(_ qualified: String) -> String {
        if qualified.hasPrefix("("), let close = qualified.lastIndex(of: ")") {
            let receiver = qualified[qualified.index(after: qualified.startIndex)..<close]
            let star = receiver.hasPrefix("*") ? "*" : ""
            return "(" + star + unqualified(String(receiver.drop { $0 == "*" })) + ")" + qualified[qualified.index(after: close)...]
        }
        return unqualified(qualified)
    }

    /// `example.com/p.Name.func1` -> `Name.func1`.
    static func unqualified(_ name: String) -> String {
        let afterSlash = name.lastIndex(of: "/").map { name[name.index(after: $0)...] } ?? name[...]
        guard let dot = afterSlash.firstIndex(of: ".") else { return String(afterSlash) }
        return String(afterSlash[afterSlash.index(after: dot)...])
    }

    /// A variable without the lowering's renaming suffix (`err#1` -> `err`).
    static func variable(_ name: String) -> String {
        name.firstIndex(of: "#").map { String(name[..<$0]) } ?? name
    }

    /// The operand as Go source would name it, nil for a temporary or a constant.
    static func operand(_ o: Operand) -> String? {
        guard case .place(let p) = o else { return o == .nil ? "nil" : nil }
        var text: String
        switch p.root {
        case .temp: return nil
        case .variable(let v): text = variable(v)
        case .global(let g): text = unqualified(g)
        }
        for s in p.path {
            switch s {
            case .field(let f): text += "." + f
            case .element: text += "[i]"
            case .deref: text = "*" + text
            }
        }
        return text
    }
}
