import Testing
@testable import Discovery

@Test func readsModuleGoAndToolchain() {
    let parsed = GoModParser.parse("""
        // comment
        module example.com/m // trailing

        go 1.22

        toolchain go1.22.3

        require (
            example.com/dep v1.0.0
            module v1 // not a module line
        )
        replace example.com/dep => ../dep
        """)
    #expect(parsed.modulePath == "example.com/m")
    #expect(parsed.goVersion == GoVersion(major: 1, minor: 22))
    #expect(parsed.toolchain == "go1.22.3")
    #expect(parsed.problems.isEmpty)
}

@Test func quotedModulePathAndPatchVersion() {
    let parsed = GoModParser.parse("module \"example.com/quoted\"\ngo 1.21.0\n")
    #expect(parsed.modulePath == "example.com/quoted")
    #expect(parsed.goVersion?.description == "1.21.0")
    #expect(parsed.toolchain == nil)
}

@Test func badGoLineIsAProblemNotACrash() {
    let parsed = GoModParser.parse("module m\ngo banana\n")
    #expect(parsed.modulePath == "m")
    #expect(parsed.goVersion == nil)
    #expect(parsed.problems == ["line 2: invalid go version 'banana'"])
}

@Test func emptyGoMod() {
    let parsed = GoModParser.parse("")
    #expect(parsed.modulePath == nil && parsed.goVersion == nil && parsed.problems.isEmpty)
}
