/// One `#cgo` line of a preamble: `#cgo [constraints] VERB: arguments`,
/// for example `#cgo linux CFLAGS: -I${SRCDIR}/include -DNDEBUG` or
/// `#cgo pkg-config: sqlite3`.
///
/// cgo applies these to the whole package, not only to the file that holds
/// them; `CgoFlags` gathers them.
public struct CgoDirective: Hashable, Sendable {
    public enum Verb: Hashable, Sendable {
        case cflags, cppflags, ldflags, pkgConfig
        /// CXXFLAGS, FFLAGS and anything else: irrelevant to reading C.
        case other(String)
    }

    /// Build constraints before the verb, each as written (`linux`, `!windows`, `linux,amd64`).
    public var constraints: [String]
    public var verb: Verb
    /// The arguments, split as a shell would split them (quotes removed).
    public var arguments: [String]
    /// The Go line the directive is on.
    public var goLine: Int

    public init(constraints: [String], verb: Verb, arguments: [String], goLine: Int) {
        self.constraints = constraints
        self.verb = verb
        self.arguments = arguments
        self.goLine = goLine
    }

    /// Parses one preamble line; nil when it is not a `#cgo` line.
    public init?(line: String, goLine: Int) {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix("#cgo"), let after = trimmed.dropFirst(4).first, after == " " || after == "\t" else { return nil }
        let body = trimmed.dropFirst(4)
        guard let colon = body.firstIndex(of: ":") else {
            self.init(constraints: [], verb: .other(""), arguments: [], goLine: goLine)
            return
        }
        var words = body[..<colon].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let verbName = words.popLast() ?? ""
        let verb: Verb
        switch verbName {
        case "CFLAGS": verb = .cflags
        case "CPPFLAGS": verb = .cppflags
        case "LDFLAGS": verb = .ldflags
        case "pkg-config": verb = .pkgConfig
        default: verb = .other(verbName)
        }
        self.init(constraints: words, verb: verb, arguments: Self.split(body[body.index(after: colon)...]), goLine: goLine)
    }

    /// Whether the constraints hold, given which build tags are satisfied
    /// (`linux`, `amd64`, `cgo` ...). A constraint is a comma-separated
    /// conjunction of tags, each possibly negated with `!`; any word may hold.
    public func applies(satisfies tag: (String) -> Bool) -> Bool {
        if constraints.isEmpty { return true }
        return constraints.contains { word in
            word.split(separator: ",").allSatisfy { term in
                term.hasPrefix("!") ? !tag(String(term.dropFirst())) : tag(String(term))
            }
        }
    }

    /// Splits arguments the way cgo does: on blanks, with single or double
    /// quotes grouping (a backslash escapes the next character).
    static func split(_ text: Substring) -> [String] {
        var out: [String] = []
        var current = ""
        var inWord = false
        var quote: Character? = nil
        var escaped = false
        for c in text {
            if escaped {
                current.append(c)
                escaped = false
                continue
            }
            if c == "\\" {
                escaped = true
                inWord = true
                continue
            }
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
                continue
            }
            switch c {
            case "\"", "'":
                quote = c
                inWord = true
            case " ", "\t":
                if inWord { out.append(current) }
                current = ""
                inWord = false
            default:
                current.append(c)
                inWord = true
            }
        }
        if inWord { out.append(current) }
        return out
    }
}
