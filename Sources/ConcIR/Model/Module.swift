/// One Go package (or one .cir file) in the concurrency IR.
///
/// Everything is a value: a module can be built on any thread, compared
/// with `==` (the DSL round-trip tests do), and shared between analyses
/// without copying its arrays.
public struct Module: Hashable, Sendable {
    /// The import path (`example.com/p`, `main`).
    public var packagePath: String
    /// The Go language version the package is compiled with ("1.19"), empty
    /// when unknown (analyses then assume the newest). Verdicts change with it.
    public var goVersion: String
    /// Source files; `Function.file` indexes this list.
    public var files: [String]
    /// Named types whose structure matters (struct types with fields), so
    /// that a field path such as `s.mu` has a type.
    public var types: [TypeDeclaration]
    /// Package-level variables by qualified name: this package's, and those
    /// of other packages its functions use (`os.Args`).
    public var globals: [Variable]
    public var functions: [Function]

    public init(packagePath: String = "", goVersion: String = "", files: [String] = [],
                types: [TypeDeclaration] = [], globals: [Variable] = [], functions: [Function] = []) {
        self.packagePath = packagePath
        self.goVersion = goVersion
        self.files = files
        self.types = types
        self.globals = globals
        self.functions = functions
    }

    /// The parsed `goVersion`, nil when empty or malformed.
    public var languageVersion: GoVersion? { GoVersion(goVersion) }

    /// The function with this qualified name (linear search; build a
    /// dictionary when asking often).
    public func function(named name: String) -> Function? {
        functions.first { $0.name == name }
    }
}

/// `type Name Underlying`.
public struct TypeDeclaration: Hashable, Sendable {
    public var name: String
    public var type: GoType

    public init(_ name: String, _ type: GoType) {
        self.name = name
        self.type = type
    }
}

/// A Go language version: "1.19", "go1.22.3".
public struct GoVersion: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int

    public init(_ major: Int, _ minor: Int, _ patch: Int = 0) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Parses "1.19", "1.22.3" or "go1.23"; nil for anything else.
    public init?(_ text: String) {
        var s = Substring(text)
        if s.hasPrefix("go") { s = s.dropFirst(2) }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count) else { return nil }
        var numbers: [Int] = []
        for p in parts {
            guard !p.isEmpty, p.count <= 9, p.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(p) else { return nil }
            numbers.append(n)
        }
        self.init(numbers[0], numbers[1], numbers.count > 2 ? numbers[2] : 0)
    }

    public static func < (a: GoVersion, b: GoVersion) -> Bool {
        (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch)
    }

    /// Whether this version is at least `major.minor`.
    public func isAtLeast(_ major: Int, _ minor: Int) -> Bool {
        self >= GoVersion(major, minor)
    }

    public var description: String {
        patch == 0 ? "\(major).\(minor)" : "\(major).\(minor).\(patch)"
    }
}
