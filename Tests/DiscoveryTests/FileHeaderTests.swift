import Testing
@testable import Discovery

private func scan(_ text: String) -> FileHeader {
    FileHeader.scan(Array(text.utf8)[...], isWholeFile: true)
}

@Test func readsGoBuildAndPackageName() {
    let header = scan("// Copyright\n\n//go:build linux && amd64\n\n// Package p does things.\npackage p\n")
    #expect(header.goBuildLine == "//go:build linux && amd64")
    #expect(header.packageName == "p")
    #expect(header.isComplete)
}

@Test func plusBuildCountsOnlyBeforeABlankLine() {
    // Followed by a blank line: a constraint.
    #expect(scan("// +build linux\n\npackage p\n").plusBuildLines == ["// +build linux"])
    // Directly before the package clause: package documentation, not a constraint.
    #expect(scan("// +build linux\npackage p\n").plusBuildLines.isEmpty)
    // Two groups: only lines up to the last blank line before the code count.
    let header = scan("// +build linux\n\n// +build windows\npackage p\n")
    #expect(header.plusBuildLines == ["// +build linux"])
}

@Test func goBuildCountsAnywhereInTheLeadingComments() {
    // go/build takes //go:build from the whole leading comment block.
    #expect(scan("//go:build linux\npackage p\n").goBuildLine == "//go:build linux")
}

@Test func constraintsAfterThePackageClauseDoNotCount() {
    let header = scan("package p\n\n//go:build windows\n\n// +build windows\n\nfunc f() {}\n")
    #expect(header.goBuildLine == nil)
    #expect(header.plusBuildLines.isEmpty)
    #expect(header.packageName == "p")
}

@Test func constraintsInsideBlockCommentsDoNotCount() {
    let header = scan("/*\n//go:build windows\n*/\n\npackage p\n")
    #expect(header.goBuildLine == nil)
    #expect(header.packageName == "p")
}

@Test func constraintsAfterABlockCommentStillCountForGoBuild() {
    let header = scan("/* license */\n//go:build linux\n\npackage p\n")
    #expect(header.goBuildLine == "//go:build linux")
}

@Test func multipleGoBuildLinesAreFlagged() {
    #expect(scan("//go:build linux\n//go:build amd64\n\npackage p\n").hasMultipleGoBuildLines)
}

@Test func packageClauseForms() {
    #expect(scan("package main").packageName == "main")
    #expect(scan("\u{FEFF}package bom\n").packageName == "bom")
    #expect(scan("/* a */ package /* b */ spaced // c\n").packageName == "spaced")
    #expect(scan("package\n\tnewline\n").packageName == "newline")
    #expect(scan("package héllo\n").packageName == "héllo")
    #expect(scan("func f() {}\n").packageName == nil)
    #expect(scan("").packageName == nil)
    #expect(scan("package 123\n").packageName == nil)
}

@Test func aTruncatedPrefixAsksForMore() {
    let text = Array("// long comment\npackage longname\n".utf8)
    let cutInComment = FileHeader.scan(text[..<10], isWholeFile: false)
    #expect(!cutInComment.isComplete)
    let cutInName = FileHeader.scan(text[..<24], isWholeFile: false)
    #expect(!cutInName.isComplete)
    let whole = FileHeader.scan(text[...], isWholeFile: false)
    #expect(whole.isComplete && whole.packageName == "longname")
}

@Test func crlfLineEndings() {
    let header = scan("// +build linux\r\n\r\n//go:build linux\r\n\r\npackage p\r\n")
    #expect(header.goBuildLine == "//go:build linux")
    #expect(header.plusBuildLines == ["// +build linux"])
    #expect(header.packageName == "p")
}
