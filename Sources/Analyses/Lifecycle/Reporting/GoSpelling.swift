import ConcIR

/// IR places and names written back as Go, for messages and fixes.
enum GoSpelling {
    /// The Go name of a variable: the lowering renames a shadowing
    /// variable `err#1`; the source calls it `err`.
    static func variableName(_ name: String) -> String {
        guard let hash = name.firstIndex(of: "#") else { return name }
        return String(name[..<hash])
    }

    /// A place as a Go expression (`s.wg`, `wg`, `counts`); nil for
    /// temporaries and element accesses, which have no one spelling.
    static func expression(_ place: Place) -> String? {
        var text: String
        switch place.root {
        case .temp: return nil
        case .variable(let v): text = variableName(v)
        case .global(let g):
            let last = g.split(separator: "/").last.map(String.init) ?? g
            text = last.split(separator: ".").last.map(String.init) ?? last
        }
        for selector in place.path {
            switch selector {
            case .field(let f): text += "." + f
            case .deref: continue
            case .element: return nil
            }
        }
        return text
    }
}
