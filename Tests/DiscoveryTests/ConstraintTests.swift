import Testing
@testable import Discovery

/// linux/amd64 with cgo, release tags up to go1.21, and the user tag `foo`.
private let linux = BuildContext(goos: "linux", goarch: "amd64", cgoEnabled: true, buildTags: ["foo"],
                                 releaseVersion: GoVersion(major: 1, minor: 21))

private func goBuild(_ expression: String, _ context: BuildContext = linux) throws -> Bool {
    try ConstraintParser.parseGoBuildLine("//go:build " + expression).evaluate(in: context)
}

@Test(arguments: [
    ("linux", true), ("windows", false), ("!windows", true), ("!linux", false),
    ("linux && amd64", true), ("linux && arm64", false), ("windows || amd64", true),
    ("unix", true), ("cgo", true), ("gc", true), ("gccgo", false), ("foo", true), ("bar", false),
    ("go1.1", true), ("go1.21", true), ("go1.22", false), ("!go1.22", true), ("go1.021", false),
    ("ignore", false), ("!ignore", true),
    // && binds tighter than ||.
    ("windows && arm64 || linux", true), ("linux || windows && arm64", true),
    ("(linux || windows) && arm64", false), ("!(linux && amd64)", false), ("!linux || amd64", true),
    ("((linux))", true), ("!!linux", true), ("  linux&&amd64  ", true), ("linux\t&&\tamd64", true),
    ("a.b || linux", true), ("unicodeé || windows", false),
])
func goBuildExpressionsEvaluateAsGoDoes(expression: String, expected: Bool) throws {
    #expect(try goBuild(expression) == expected)
}

@Test(arguments: ["", "linux &&", "&& linux", "linux & amd64", "(linux", "linux)", "linux amd64",
                  "!", "linux || || amd64", "linux,amd64", "()", "lin-ux"])
func malformedGoBuildExpressionsAreErrors(expression: String) {
    #expect(throws: ConstraintSyntaxError.self) { try goBuild(expression) }
}

@Test func deeplyNestedExpressionIsRefusedWithoutCrashing() {
    let deep = String(repeating: "(", count: 100_000) + "linux" + String(repeating: ")", count: 100_000)
    #expect(throws: ConstraintSyntaxError.self) { try goBuild(deep) }
    let negations = String(repeating: "!", count: 100_000) + "linux"
    #expect(throws: ConstraintSyntaxError.self) { try goBuild(negations) }
}

@Test func goBuildLineRecognition() {
    #expect(ConstraintParser.isGoBuildLine("//go:build linux"))
    #expect(ConstraintParser.isGoBuildLine("//go:build\tlinux"))
    #expect(!ConstraintParser.isGoBuildLine("// go:build linux"))
    #expect(!ConstraintParser.isGoBuildLine("//go:buildlinux"))
    #expect(ConstraintParser.isPlusBuildLine("// +build linux"))
    #expect(ConstraintParser.isPlusBuildLine("//+build linux"))
    #expect(!ConstraintParser.isPlusBuildLine("// +buildlinux"))
    #expect(!ConstraintParser.isPlusBuildLine("/* +build linux */"))
}

@Test(arguments: [
    ("// +build linux", true), ("// +build windows", false),
    // Space is OR, comma is AND.
    ("// +build windows linux", true), ("// +build linux,arm64", false), ("// +build linux,amd64", true),
    ("// +build windows,amd64 linux,amd64", true), ("// +build !windows", true), ("// +build !linux,amd64", false),
    // Malformed factors become the never-set tag `ignore`, as in go/build.
    ("// +build !!linux", false), ("// +build", false), ("// +build ignore", false), ("// +build l!nux", false),
])
func plusBuildLinesEvaluateAsGoDoes(line: String, expected: Bool) {
    #expect(ConstraintParser.parsePlusBuildLine(line).evaluate(in: linux) == expected)
}

@Test func contextSpecialCases() {
    let android = BuildContext(goos: "android", goarch: "arm64")
    #expect(android.satisfies("linux") && android.satisfies("android") && android.satisfies("unix"))
    let ios = BuildContext(goos: "ios", goarch: "arm64")
    #expect(ios.satisfies("darwin") && !ios.satisfies("linux"))
    let illumos = BuildContext(goos: "illumos", goarch: "amd64")
    #expect(illumos.satisfies("solaris"))
    let windows = BuildContext(goos: "windows", goarch: "amd64")
    #expect(!windows.satisfies("unix"))
    let plan9 = BuildContext(goos: "plan9", goarch: "386")
    #expect(!plan9.satisfies("unix") && plan9.satisfies("386"))
}

@Test func contextFromEnvironment() {
    let fallback = BuildContext.fromEnvironment([:])
    #expect(fallback.goos == "linux" && fallback.goarch == "amd64" && fallback.cgoEnabled)
    let custom = BuildContext.fromEnvironment(["GOOS": "windows", "GOARCH": "arm64", "CGO_ENABLED": "0"])
    #expect(custom.goos == "windows" && custom.goarch == "arm64" && !custom.cgoEnabled)
    #expect(!custom.satisfies("cgo"))
}

@Test func releaseTagsFollowTheVersion() {
    let go119 = BuildContext(releaseVersion: GoVersion(major: 1, minor: 19))
    #expect(go119.satisfies("go1.19") && !go119.satisfies("go1.20") && go119.satisfies("go1.1"))
    #expect(!go119.satisfies("go1.0") && !go119.satisfies("go2.1"))
    #expect(BuildContext().satisfies("go1.\(GoVersion.newestKnown.minor)"))
    #expect(GoVersion(major: 1, minor: 3).releaseTags == ["go1.1", "go1.2", "go1.3"])
}

@Test(arguments: [
    ("1.22", "1.22"), ("go1.21.3", "1.21.3"), ("1.23rc1", "1.23rc1"), ("1", "1.0"), (" 1.9 ", "1.9"),
])
func goVersionsParse(text: String, shown: String) {
    #expect(GoVersion(parsing: text)?.description == shown)
}

@Test(arguments: ["", "go", "1.", "1..2", "a.b", "1.2.3.4", "1.22-rc1", "1.2x!"])
func badGoVersionsAreRejected(text: String) {
    #expect(GoVersion(parsing: text) == nil)
}

@Test func goVersionsCompareNumerically() throws {
    let v19 = try #require(GoVersion(parsing: "1.9"))
    let v110 = try #require(GoVersion(parsing: "1.10"))
    #expect(v19 < v110)
    #expect(try #require(GoVersion(parsing: "1.21.3")) > (try #require(GoVersion(parsing: "1.21"))))
}

@Test func toolchainTagsFollowArchitectureVersionAndEnvironment() {
    let go119 = GoVersion(major: 1, minor: 19)
    let amd64 = ToolchainTags.tags(goarch: "amd64", version: go119, environment: [:])
    #expect(amd64.contains("goexperiment.regabiargs") && amd64.contains("amd64.v1"))
    #expect(!amd64.contains("goexperiment.unified") && !amd64.contains("amd64.v2"))
    #expect(!ToolchainTags.tags(goarch: "386", version: go119, environment: [:]).contains("goexperiment.regabiargs"))
    let custom = ToolchainTags.tags(goarch: "amd64", version: go119,
                                    environment: ["GOEXPERIMENT": "noregabiargs,fieldtrack", "GOAMD64": "v3"])
    #expect(!custom.contains("goexperiment.regabiargs") && custom.contains("goexperiment.fieldtrack"))
    #expect(custom.contains("amd64.v3") && !custom.contains("amd64.v4"))
    #expect(ToolchainTags.tags(goarch: "arm64", version: GoVersion(major: 1, minor: 22), environment: [:])
        .contains("goexperiment.unified"))
}
