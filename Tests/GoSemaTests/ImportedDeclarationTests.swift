import GoSyntax
import Testing
@testable import GoSema

/// A package a run only imports is checked without its bodies, and its
/// package-level variables whose type the syntax gives (a declared type, a
/// composite literal with its type written) are typed without checking
/// their initializers. Their types must be those of a full check.
struct ImportedDeclarationTests {
    static let source = """
        package p

        type T struct {
        \ta int
        \tb []string
        }

        const n = 3

        var (
        \tpointer  = &T{a: 1}
        \tvalue    = T{1, nil}
        \tparened  = (&T{b: []string{"x"}})
        \tcounted  = [...]int{1, 2, 5: 3}
        \tsized    = [n]byte{}
        \tmapped   = map[string]*T{"x": {a: 2}}
        \tsliced   = []T{{a: 1}}
        \tdeclared T = make1()
        \tcalled   = make1()
        \tpair, two = 1, "s"
        \tmixed, lit = make1(), T{}
        )

        func make1() T { return T{} }
        """

    private func variableTypes(checkingBodies: Bool) -> [String: String] {
        let tree = parseGoFile(SourceFile(path: "p/p.go", bytes: Array(Self.source.utf8)))
        let info = PackageInfo(path: "example.com/p", name: "p", directory: "/virtual/p", goVersion: "1.22",
                               bodiesChecked: checkingBodies)
        let checker = Checker(package: info, trees: [tree], checkBodies: checkingBodies) { _ in nil }
        checker.checkDeclarations()
        var types: [String: String] = [:]
        for object in info.scope.objects where object.kind == .variable { types[object.name] = object.type.description }
        return types
    }

    @Test func variablesHaveTheTypesOfAFullCheck() {
        let imported = variableTypes(checkingBodies: false)
        let full = variableTypes(checkingBodies: true)
        #expect(imported.count == 13)
        #expect(imported == full)
        #expect(imported["counted"] == "[6]int")
        #expect(imported["sized"] == "[3]uint8")
        #expect(imported["parened"] == "*p.T")
        #expect(imported["lit"] == "p.T")
    }
}
