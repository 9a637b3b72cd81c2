/// The build configuration a file must satisfy to be analysed, as
/// go/build's `Context` decides it: target system, compiler, cgo, release
/// tags and the user's `--tags`.
public struct BuildContext: Hashable, Sendable {
    public var goos: String
    public var goarch: String
    public var cgoEnabled: Bool
    /// Tags the user asked for (`--tags a,b`).
    public var buildTags: Set<String>
    /// Release tags `go1.1` … `go1.<minor>` of this version are satisfied.
    public var releaseVersion: GoVersion
    /// Whether `_test.go` files are analysed.
    public var includeTests: Bool
    /// Tags the toolchain sets (`goexperiment.*`, `amd64.v1`); see `ToolchainTags`.
    public var toolchainTags: Set<String>

    /// `toolchainTags` defaults to the toolchain's own for this GOARCH and version.
    public init(goos: String = "linux", goarch: String = "amd64", cgoEnabled: Bool = true,
                buildTags: Set<String> = [], releaseVersion: GoVersion = .newestKnown,
                includeTests: Bool = true, toolchainTags: Set<String>? = nil) {
        self.goos = goos
        self.goarch = goarch
        self.cgoEnabled = cgoEnabled
        self.buildTags = buildTags
        self.releaseVersion = releaseVersion
        self.includeTests = includeTests
        self.toolchainTags = toolchainTags
            ?? ToolchainTags.tags(goarch: goarch, version: releaseVersion, environment: [:])
    }

    /// The context `go vet` would use in this environment: `GOOS`, `GOARCH`
    /// and `CGO_ENABLED` from the environment, linux/amd64 and cgo otherwise;
    /// `GOEXPERIMENT` and `GOAMD64` adjust the toolchain tags.
    public static func fromEnvironment(_ environment: [String: String], buildTags: Set<String> = [],
                                       releaseVersion: GoVersion = .newestKnown,
                                       includeTests: Bool = true) -> BuildContext {
        func value(_ key: String) -> String? {
            guard let v = environment[key]?.trimmingWhitespace(), !v.isEmpty else { return nil }
            return v
        }
        let goarch = value("GOARCH") ?? "amd64"
        return BuildContext(goos: value("GOOS") ?? "linux",
                            goarch: goarch,
                            cgoEnabled: value("CGO_ENABLED") != "0",
                            buildTags: buildTags,
                            releaseVersion: releaseVersion,
                            includeTests: includeTests,
                            toolchainTags: ToolchainTags.tags(goarch: goarch, version: releaseVersion,
                                                              environment: environment))
    }

    /// Whether a single build tag holds, with go/build's special cases:
    /// android implies linux, illumos implies solaris, ios implies darwin.
    public func satisfies(_ tag: String) -> Bool {
        switch tag {
        case goos, goarch, "gc": return true
        case "cgo": return cgoEnabled
        case "unix": return KnownPlatforms.unixOperatingSystems.contains(goos)
        case "linux" where goos == "android": return true
        case "solaris" where goos == "illumos": return true
        case "darwin" where goos == "ios": return true
        default: break
        }
        if buildTags.contains(tag) || toolchainTags.contains(tag) { return true }
        return isSatisfiedReleaseTag(tag)
    }

    /// `go1.N` holds for every N up to the release version's minor.
    private func isSatisfiedReleaseTag(_ tag: String) -> Bool {
        guard tag.hasPrefix("go1."), releaseVersion.major == 1 else { return false }
        let digits = tag.dropFirst(4)
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              digits.first != "0", let minor = Int(digits) else { return false }
        return minor >= 1 && minor <= releaseVersion.minor
    }
}
