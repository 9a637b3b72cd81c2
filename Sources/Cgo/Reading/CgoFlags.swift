/// The compiler flags a package's preambles are read with: its `#cgo
/// CFLAGS`/`CPPFLAGS` (from every file of the package, as cgo does), the
/// flags its `#cgo pkg-config` packages give, and the package directory as
/// an include directory.
///
/// Only flags that change how C is read are kept (`-I`, `-D`, `-U`,
/// `-std=`, `-include` ...); optimisation, warning and code generation
/// flags are dropped.
public struct CgoFlags: Hashable, Sendable {
    public var flags: [String]
    /// pkg-config package names, in order of first mention.
    public var pkgConfigPackages: [String]

    public init(flags: [String] = [], pkgConfigPackages: [String] = []) {
        self.flags = flags
        self.pkgConfigPackages = pkgConfigPackages
    }

    /// The flags of `directives` (every file of one package) for code in
    /// `directory`; `satisfies` says which build tags hold.
    public init(directives: [CgoDirective], directory: String, satisfies: (String) -> Bool) {
        var flags = directory.isEmpty ? [] : ["-I" + directory]
        var packages: [String] = []
        for d in directives where d.applies(satisfies: satisfies) {
            switch d.verb {
            case .cflags, .cppflags:
                flags += Self.readingFlags(d.arguments.map { $0.replacingOccurrences(of: "${SRCDIR}", with: directory) })
            case .pkgConfig:
                for name in d.arguments where !name.hasPrefix("-") && !packages.contains(name) { packages.append(name) }
            case .ldflags, .other:
                break
            }
        }
        self.init(flags: flags, pkgConfigPackages: packages)
    }

    /// The flags among `arguments` that affect reading C; a flag that takes
    /// its value as the next argument (`-I dir`) keeps it.
    public static func readingFlags(_ arguments: [String]) -> [String] {
        let joined = ["-I", "-D", "-U", "-isystem", "-iquote", "-idirafter", "-include", "-imacros"]
        var out: [String] = []
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if joined.contains(a) {
                if i + 1 < arguments.count { out += [a, arguments[i + 1]] }
                i += 2
                continue
            }
            if joined.contains(where: { a.hasPrefix($0) && a.count > $0.count }) || a.hasPrefix("-std=") || a == "-ansi"
                || a.hasPrefix("-fms-extensions") || a.hasPrefix("-funsigned-char") || a.hasPrefix("-fsigned-char") {
                out.append(a)
            }
            i += 1
        }
        return out
    }
}
