import Foundation
import Testing
@testable import Discovery

private func discover(_ tree: TemporaryTree, _ arguments: [String], context: BuildContext = BuildContext(),
                      maxFileSize: Int = SourceReader.defaultMaxFileSize, jobs: Int = 2) -> Workspace {
    WorkspaceDiscovery.discover(arguments, options: DiscoveryOptions(
        context: context, reader: SourceReader(maxFileSize: maxFileSize), workingDirectory: tree.root, jobs: jobs))
}

/// Every package as `importPath: file, file` with root-relative names.
private func summary(_ workspace: Workspace) -> [String] {
    workspace.packages.map { package in
        "\(package.importPath) (\(package.name)): " + package.files.map { workspace.displayPath($0) }.joined(separator: " ")
    }
}

@Test func walksPatternsAndSkipsWhatGoSkips() throws {
    let tree = try TemporaryTree()
    try tree.write("go.mod", "module example.com/m\n\ngo 1.21\ntoolchain go1.21.4\n")
    try tree.write("a.go", "package m\n")
    try tree.write("sub/b.go", "package sub\n")
    try tree.write("sub/deeper/c.go", "package deeper\n")
    for skipped in ["vendor/v", "testdata", ".hidden", "_underscore", "sub/testdata", "sub/vendor"] {
        try tree.write("\(skipped)/x.go", "package x\n")
    }
    try tree.write("_ignored.go", "package m\n")
    try tree.write(".ignored.go", "package m\n")
    try tree.write("notes.txt", "not go\n")

    let workspace = discover(tree, ["./..."])
    #expect(workspace.root == tree.root)
    #expect(workspace.module?.path == "example.com/m")
    #expect(workspace.module?.goVersion == GoVersion(major: 1, minor: 21))
    #expect(workspace.module?.toolchain == "go1.21.4")
    #expect(summary(workspace) == [
        "example.com/m (m): a.go",
        "example.com/m/sub (sub): sub/b.go",
        "example.com/m/sub/deeper (deeper): sub/deeper/c.go",
    ])
    #expect(workspace.notifications.isEmpty)
    #expect(workspace.packages.allSatisfy { $0.goVersion == GoVersion(major: 1, minor: 21) })
}

@Test func aDirectoryArgumentIsNotRecursiveButSubPatternsAre() throws {
    let tree = try TemporaryTree()
    try tree.write("a.go", "package m\n")
    try tree.write("sub/b.go", "package sub\n")
    try tree.write("sub/deeper/c.go", "package deeper\n")
    #expect(summary(discover(tree, ["."])) == [". (m): a.go"])
    #expect(summary(discover(tree, ["sub/..."])) == ["sub (sub): sub/b.go", "sub/deeper (deeper): sub/deeper/c.go"])
    // A skipped name is still analysed when named explicitly.
    try tree.write("testdata/t.go", "package t\n")
    #expect(summary(discover(tree, ["testdata"])) == ["testdata (t): testdata/t.go"])
}

@Test func explicitFilesAndDuplicates() throws {
    let tree = try TemporaryTree()
    try tree.write("a.go", "package m\n")
    try tree.write("b.go", "package m\n")
    let workspace = discover(tree, ["b.go", "./...", "a.go"])
    #expect(summary(workspace) == [". (m): a.go b.go"])
}

@Test func buildConstraintsAndSuffixesSelectFiles() throws {
    let tree = try TemporaryTree()
    try tree.write("a.go", "package m\n")
    try tree.write("b_windows.go", "package m\n")
    try tree.write("c_linux_amd64.go", "package m\n")
    try tree.write("d.go", "//go:build windows\n\npackage m\n")
    try tree.write("e.go", "// +build linux,amd64\n\npackage m\n")
    try tree.write("f.go", "//go:build ignore\n\npackage main\n")
    try tree.write("g.go", "//go:build custom\n\npackage m\n")
    try tree.write("h.go", "//go:build go1.30\n\npackage m\n")
    try tree.write("a_test.go", "package m\n")
    #expect(summary(discover(tree, ["."])) == [". (m): a.go a_test.go c_linux_amd64.go e.go"])

    var context = BuildContext(goos: "windows", goarch: "amd64", buildTags: ["custom"], includeTests: false)
    #expect(summary(discover(tree, ["."], context: context)) == [". (m): a.go b_windows.go d.go g.go"])
    context.releaseVersion = GoVersion(major: 1, minor: 30)
    #expect(summary(discover(tree, ["."], context: context)) == [". (m): a.go b_windows.go d.go g.go h.go"])
}

@Test func explicitlyNamedExcludedFileGetsANote() throws {
    let tree = try TemporaryTree()
    try tree.write("w.go", "//go:build windows\n\npackage m\n")
    let workspace = discover(tree, ["w.go"])
    #expect(workspace.packages.isEmpty)
    #expect(workspace.notifications == [
        DiscoveryNotification(severity: .note, path: "w.go", message: "excluded by build constraints, skipped"),
    ])
}

@Test func invalidConstraintIsReportedAndTheRestGoesOn() throws {
    let tree = try TemporaryTree()
    try tree.write("a.go", "package m\n")
    try tree.write("bad.go", "//go:build linux &&\n\npackage m\n")
    let workspace = discover(tree, ["."])
    #expect(summary(workspace) == [". (m): a.go"])
    #expect(workspace.notifications.count == 1)
    #expect(workspace.notifications.first?.path == "bad.go")
    #expect(workspace.notifications.first?.message.contains("invalid //go:build line") == true)
}

@Test func testPackagesAndMismatchedClauses() throws {
    let tree = try TemporaryTree()
    try tree.write("go.mod", "module example.com/m\n")
    try tree.write("p/a.go", "package p\n")
    try tree.write("p/b.go", "// doc\npackage p\n")
    try tree.write("p/odd.go", "package other\n")
    try tree.write("p/a_test.go", "package p\n")
    try tree.write("p/x_test.go", "package p_test\n")
    try tree.write("p/y_test.go", "package q_test\n")
    try tree.write("p/ignored.go", "package documentation\n")
    try tree.write("onlytests/z_test.go", "package onlytests_test\n")
    let workspace = discover(tree, ["./..."])
    #expect(summary(workspace) == [
        "example.com/m/onlytests_test (onlytests_test): onlytests/z_test.go",
        "example.com/m/p (p): p/a.go p/a_test.go p/b.go",
        "example.com/m/p_test (p_test): p/x_test.go",
    ])
    #expect(workspace.packages[2].isExternalTest)
    #expect(workspace.notifications.map(\.path) == ["p/odd.go", "p/y_test.go"])
    #expect(workspace.notifications.first?.message
        == "package other differs from package p of the other files in p; file skipped")
}

@Test func majorityNamesTheDirectoryPackage() throws {
    let tree = try TemporaryTree()
    try tree.write("a.go", "package minority\n")
    try tree.write("b.go", "package majority\n")
    try tree.write("c.go", "package majority\n")
    let workspace = discover(tree, ["."])
    #expect(summary(workspace) == [". (majority): b.go c.go"])
    #expect(workspace.notifications.map(\.path) == ["a.go"])
}

@Test func filesWithoutAPackageClauseGoToTheParser() throws {
    let tree = try TemporaryTree()
    try tree.write("a.go", "package m\n")
    try tree.write("empty.go", "")
    try tree.write("junk.go", "this is not go\n")
    #expect(summary(discover(tree, ["."])) == [". (m): a.go empty.go junk.go"])
}

@Test func missingPathsAndNonGoFilesAreNotifications() throws {
    let tree = try TemporaryTree()
    try tree.write("a.go", "package m\n")
    try tree.write("readme.md", "# hi\n")
    let workspace = discover(tree, [".", "missing.go", "nowhere/...", "readme.md", "a...b"])
    #expect(summary(workspace) == [". (m): a.go"])
    #expect(workspace.notifications.map(\.description) == [
        "a...b: unsupported pattern: only a trailing /... is understood",
        "missing.go: No such file or directory",
        "nowhere: No such file or directory",
        "readme.md: not a Go source file (the name does not end in .go)",
    ])
}

@Test func unreadableFilesAreNotifications() throws {
    let tree = try TemporaryTree()
    try tree.write("a.go", "package m\n")
    try tree.write("binary.go", Data([0x70, 0x61, 0x00, 0x01]))
    try tree.write("big.go", "package m\n" + String(repeating: "// padding\n", count: 200))
    let workspace = discover(tree, ["."], maxFileSize: 1000)
    #expect(summary(workspace) == [". (m): a.go"])
    #expect(workspace.notifications.map(\.description) == [
        "big.go: file too large: 2210 bytes exceeds the limit of 1000 bytes (--max-file-size), skipped",
        "binary.go: binary file, skipped",
    ])
}

@Test(.enabled(if: !isRoot, "as root, chmod 000 does not stop reads; DriverTests covers this case as an unprivileged user"))
func permissionDeniedDirectoryIsANotification() throws {
    let tree = try TemporaryTree()
    try tree.write("a.go", "package m\n")
    try tree.write("locked/b.go", "package locked\n")
    chmod(tree.path("locked"), 0)
    let workspace = discover(tree, ["./..."])
    #expect(summary(workspace) == [". (m): a.go"])
    #expect(workspace.notifications.map(\.description) == ["locked: cannot read directory: Permission denied"])
}

@Test func symlinkLoopsAreWalkedOnce() throws {
    let tree = try TemporaryTree()
    try tree.write("a/a.go", "package a\n")
    try tree.symlink("a/loop", to: tree.path("a"))
    try tree.symlink("a/parent", to: tree.root)
    try tree.symlink("alias", to: tree.path("a"))
    let workspace = discover(tree, ["./..."])
    // Found once, under its real path, although three links lead to it.
    #expect(workspace.allFiles == [tree.path("a/a.go")])
}

@Test func nestedModulesGovernTheirOwnPackages() throws {
    let tree = try TemporaryTree()
    try tree.write("go.mod", "module example.com/outer\ngo 1.20\n")
    try tree.write("a.go", "package outer\n")
    try tree.write("inner/go.mod", "module example.com/inner\ngo 1.23\n")
    try tree.write("inner/pkg/b.go", "package pkg\n")
    let workspace = discover(tree, ["./..."])
    #expect(summary(workspace) == ["example.com/outer (outer): a.go", "example.com/inner/pkg (pkg): inner/pkg/b.go"])
    #expect(workspace.packages.map { $0.goVersion?.minor } == [20, 23])
    #expect(workspace.module?.path == "example.com/outer")
}

@Test func rootIsTheNearestModuleAboveTheFirstArgument() throws {
    let tree = try TemporaryTree()
    try tree.write("mod/go.mod", "module example.com/mod\n")
    try tree.write("mod/sub/a.go", "package sub\n")
    let workspace = discover(tree, ["mod/sub"])
    #expect(workspace.root == tree.path("mod"))
    #expect(summary(workspace) == ["example.com/mod/sub (sub): sub/a.go"])
    // Without a go.mod, the working directory is the root.
    try tree.write("plain/p.go", "package plain\n")
    #expect(discover(tree, ["plain"]).root == tree.root)
}

@Test func outputDoesNotDependOnJobs() throws {
    let tree = try TemporaryTree()
    for i in 0..<40 {
        try tree.write("d\(i % 7)/f\(i).go", "//go:build \(i % 3 == 0 ? "windows" : "linux")\n\npackage d\(i % 7)\n")
    }
    #expect(discover(tree, ["./..."], jobs: 1) == discover(tree, ["./..."], jobs: 8))
}

@Test func longHeadersAreReadWhole() throws {
    let tree = try TemporaryTree()
    let longComment = String(repeating: "// a long license line, repeated many times over\n", count: 1000)
    try tree.write("a.go", longComment + "\n//go:build windows\n\npackage m\n")
    try tree.write("b.go", longComment + "package m\n")
    let workspace = discover(tree, ["."])
    #expect(summary(workspace) == [". (m): b.go"])
}
