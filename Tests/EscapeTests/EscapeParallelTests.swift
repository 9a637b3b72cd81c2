import Escape
import GoSema
import GoSyntax
import Testing

/// Packages that do not depend on each other are analysed side by side;
/// the report must be the one a run on one thread gives, decision for
/// decision and in the same order.
struct EscapeParallelTests {
    static let hasGoroot = LoaderOptions.fromEnvironment(jobs: 1).goroot != nil

    @Test(.enabled(if: hasGoroot, "needs GOROOT for the standard packages"))
    func decisionsDoNotDependOnThreads() {
        let source = """
            package p

            import (
            \t"bytes"
            \t"sort"
            \t"strings"
            )

            func Join(s []string) string {
            \tsort.Strings(s)
            \tvar b bytes.Buffer
            \tb.WriteString(strings.Join(s, ","))
            \treturn b.String()
            }

            """
        let tree = parseGoFile(SourceFile(path: "p.go", bytes: Array(source.utf8)))
        let package = AnalysedPackage(importPath: "p", name: "p", directory: "", trees: [tree],
                                      moduleRoot: nil, modulePath: nil, goVersion: nil)
        var loader = LoaderOptions.fromEnvironment(jobs: 1)
        loader.checkDependencyBodies = true
        let program = ProgramLoader.load([package], options: loader)
        let everyPackage = program.byPath.keys.sorted().compactMap { program.byPath[$0] }
        let one = EscapeAnalysis.run(program, reporting: everyPackage, options: EscapeOptions(jobs: 1))
        let four = EscapeAnalysis.run(program, reporting: everyPackage, options: EscapeOptions(jobs: 4))
        // The dependencies (bytes, sort, strings and what they import) are
        // in the report, so several levels of packages ran.
        #expect(one.files.contains { $0.hasSuffix("bytes/buffer.go") })
        #expect(one.files.contains { $0.hasSuffix("strings/builder.go") })
        #expect(one.ordered.count > 1_000)
        #expect(one.ordered == four.ordered)
        #expect(one.files == four.files)
        #expect(one.functionsAnalysed == four.functionsAnalysed)
    }
}
