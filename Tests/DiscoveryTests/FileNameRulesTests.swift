import Testing
@testable import Discovery

private let linuxAMD64 = BuildContext(goos: "linux", goarch: "amd64")

@Test(arguments: [
    ("x.go", true), ("x_linux.go", true), ("x_windows.go", false), ("x_amd64.go", true), ("x_arm64.go", false),
    ("x_linux_amd64.go", true), ("x_linux_arm64.go", false), ("x_windows_amd64.go", false),
    ("x_linux_test.go", true), ("x_windows_test.go", false), ("x_linux_amd64_test.go", true),
    ("x_darwin_arm64_test.go", false),
    // Only names from the known lists constrain; the part before the first _ never does.
    ("x_foo.go", true), ("linux.go", true), ("windows.go", true), ("windows_test.go", true),
    ("x_amd64_linux.go", true), ("x_unix.go", true), ("x_wasip1.go", false), ("x_test.go", true),
    ("x_windows.pb.go", false), ("zsyscall_windows.go", false), ("defs_linux_amd64.go", true),
])
func platformSuffixes(name: String, builds: Bool) {
    #expect(FileNameRules.matchesPlatformSuffix(name, in: linuxAMD64) == builds)
}

@Test func androidBuildsLinuxSuffixedFiles() {
    let android = BuildContext(goos: "android", goarch: "arm64")
    #expect(FileNameRules.matchesPlatformSuffix("x_linux.go", in: android))
    #expect(FileNameRules.matchesPlatformSuffix("x_android_arm64.go", in: android))
    #expect(!FileNameRules.matchesPlatformSuffix("x_linux_amd64.go", in: android))
}

@Test func candidateNames() {
    #expect(FileNameRules.isCandidateGoFile("a.go"))
    #expect(!FileNameRules.isCandidateGoFile("_a.go"))
    #expect(!FileNameRules.isCandidateGoFile(".a.go"))
    #expect(!FileNameRules.isCandidateGoFile("a.go.txt"))
    #expect(FileNameRules.isTestFile("a_test.go") && !FileNameRules.isTestFile("atest.go"))
}

@Test func selectionCombinesNameHeaderAndTests() {
    let header = FileHeader(goBuildLine: "//go:build linux", packageName: "p")
    #expect(FileSelection.decide(fileName: "a.go", header: header, context: linuxAMD64) == .included)
    #expect(FileSelection.decide(fileName: "a_windows.go", header: header, context: linuxAMD64)
        == .excluded("file name suffix"))
    var noTests = linuxAMD64
    noTests.includeTests = false
    #expect(FileSelection.decide(fileName: "a_test.go", header: header, context: noTests) == .excluded("test file"))
    #expect(FileSelection.decide(fileName: "a_test.go", header: header, context: linuxAMD64) == .included)
}

@Test func goBuildWinsOverPlusBuild() {
    let header = FileHeader(goBuildLine: "//go:build linux", plusBuildLines: ["// +build windows"], packageName: "p")
    #expect(FileSelection.decide(fileName: "a.go", header: header, context: linuxAMD64) == .included)
    let plusOnly = FileHeader(plusBuildLines: ["// +build linux", "// +build windows"], packageName: "p")
    // Several +build lines are AND-ed.
    #expect(FileSelection.decide(fileName: "a.go", header: plusOnly, context: linuxAMD64) == .excluded("build constraints"))
}

@Test func invalidConstraintsAreReported() {
    var header = FileHeader(goBuildLine: "//go:build linux &&", packageName: "p")
    guard case .invalid(let message) = FileSelection.decide(fileName: "a.go", header: header, context: linuxAMD64) else {
        Issue.record("expected .invalid")
        return
    }
    #expect(message.contains("//go:build"))
    header = FileHeader(goBuildLine: "//go:build linux", packageName: "p")
    header.hasMultipleGoBuildLines = true
    #expect(FileSelection.decide(fileName: "a.go", header: header, context: linuxAMD64)
        == .invalid("multiple //go:build lines"))
}
