/// A Go function or method named the way `go/types` prints it
/// (`Func.FullName`): `time.NewTicker`, `database/sql.Open`,
/// `(*time.Ticker).Stop`, `(time.Duration).String`, `C.free`.
///
/// The lifecycle engine matches resolved calls against these; it never sees
/// the spelling in the source, so an import alias does not matter.
public struct CallPattern: Hashable, Sendable, CustomStringConvertible {
    /// A method's receiver type.
    public struct Receiver: Hashable, Sendable {
        public var typeName: String
        public var isPointer: Bool
        public init(typeName: String, isPointer: Bool) {
            self.typeName = typeName
            self.isPointer = isPointer
        }
    }

    /// The full import path (`database/sql`), or `C` for cgo.
    public var packagePath: String
    public var receiver: Receiver?
    public var name: String

    public init(packagePath: String, receiver: Receiver? = nil, name: String) {
        self.packagePath = packagePath
        self.receiver = receiver
        self.name = name
    }

    /// Parses the `FullName` spelling; nil when it is not one.
    public init?(_ text: String) {
        if text.hasPrefix("(") {
            guard let close = text.firstIndex(of: ")") else { return nil }
            var inner = text[text.index(after: text.startIndex)..<close]
            let isPointer = inner.hasPrefix("*")
            if isPointer { inner = inner.dropFirst() }
            let afterParen = text[text.index(after: close)...]
            guard afterParen.hasPrefix("."), let (path, typeName) = Self.splitQualified(inner) else { return nil }
            let method = String(afterParen.dropFirst())
            guard Self.isIdentifier(method) else { return nil }
            self.init(packagePath: path, receiver: Receiver(typeName: typeName, isPointer: isPointer), name: method)
        } else {
            guard let (path, name) = Self.splitQualified(Substring(text)) else { return nil }
            self.init(packagePath: path, name: name)
        }
    }

    /// A method's resource is its receiver by default, a function's its first result.
    public var isMethod: Bool { receiver != nil }

    public var description: String {
        guard let receiver else { return "\(packagePath).\(name)" }
        return "(\(receiver.isPointer ? "*" : "")\(packagePath).\(receiver.typeName)).\(name)"
    }

    /// `a/b/pkg.Name` into (`a/b/pkg`, `Name`): the last dot after the last slash separates them.
    private static func splitQualified(_ text: Substring) -> (String, String)? {
        let lastSlash = text.lastIndex(of: "/")
        let searchFrom = lastSlash.map { text.index(after: $0) } ?? text.startIndex
        guard let dot = text[searchFrom...].lastIndex(of: ".") else { return nil }
        let path = String(text[..<dot])
        let name = String(text[text.index(after: dot)...])
        let pathParts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard isIdentifier(name), !path.isEmpty,
              pathParts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isPathCharacter) }),
              let last = pathParts.last, isIdentifier(String(last).replacingDashes()) else { return nil }
        return (path, name)
    }

    private static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.first, first == "_" || first.isLetter else { return false }
        return text.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
    }

    private static func isPathCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || "_-.~".contains(c)
    }
}

private extension String {
    /// Import paths may end in `go-foo`; the package name check ignores dashes and dots.
    func replacingDashes() -> String {
        String(map { $0 == "-" || $0 == "." ? "_" : $0 })
    }
}
