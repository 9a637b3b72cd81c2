/// What a Go file's name alone says about whether it is built.
public enum FileNameRules {
    /// Files go/build ignores outright: not `.go`, or named `_x.go` / `.x.go`.
    public static func isCandidateGoFile(_ name: String) -> Bool {
        name.hasSuffix(".go") && !name.hasPrefix("_") && !name.hasPrefix(".")
    }

    public static func isTestFile(_ name: String) -> Bool {
        name.hasSuffix("_test.go")
    }

    /// The `_GOOS`, `_GOARCH` and `_GOOS_GOARCH` suffix rule of go/build.
    ///
    /// Everything before the first `_` is ignored (so `linux.go` is not
    /// constrained), a trailing `_test` is dropped, and only names from the
    /// known lists constrain: `_foo.go` builds everywhere.
    public static func matchesPlatformSuffix(_ name: String, in context: BuildContext) -> Bool {
        let stem = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard let underscore = stem.firstIndex(of: "_") else { return true }
        var parts = stem[underscore...].split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "test" { parts.removeLast() }
        let n = parts.count
        if n >= 2, KnownPlatforms.operatingSystems.contains(parts[n - 2]),
           KnownPlatforms.architectures.contains(parts[n - 1]) {
            return context.satisfies(parts[n - 1]) && context.satisfies(parts[n - 2])
        }
        if n >= 1, KnownPlatforms.operatingSystems.contains(parts[n - 1])
            || KnownPlatforms.architectures.contains(parts[n - 1]) {
            return context.satisfies(parts[n - 1])
        }
        return true
    }
}

/// Whether one file is part of the build, and why not when it is not.
public enum FileSelection: Hashable, Sendable {
    case included
    /// Excluded by a rule the user expects (tags, suffix, tests off): silent.
    case excluded(String)
    /// The file's constraints could not be read: reported to the user.
    case invalid(String)

    /// Decides from the file name and its header, in go/build's order:
    /// name suffix first, then `//go:build` (or, without one, every
    /// `// +build` line, AND-ed).
    public static func decide(fileName: String, header: FileHeader, context: BuildContext) -> FileSelection {
        if !context.includeTests && FileNameRules.isTestFile(fileName) { return .excluded("test file") }
        if !FileNameRules.matchesPlatformSuffix(fileName, in: context) { return .excluded("file name suffix") }
        if header.hasMultipleGoBuildLines { return .invalid("multiple //go:build lines") }
        if let line = header.goBuildLine {
            do {
                let expression = try ConstraintParser.parseGoBuildLine(line)
                return expression.evaluate(in: context) ? .included : .excluded("build constraints")
            } catch let error as ConstraintSyntaxError {
                return .invalid("invalid //go:build line: \(error.message)")
            } catch {
                return .invalid("invalid //go:build line")
            }
        }
        for line in header.plusBuildLines
        where !ConstraintParser.parsePlusBuildLine(line).evaluate(in: context) {
            return .excluded("build constraints")
        }
        return .included
    }
}
