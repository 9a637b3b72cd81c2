import ConcIR
import Discovery
import Foundation
import GoSema
import GoSyntax
import Lowering
import TestSupport
import Testing

/// Issue 3 on the real corpus: every package of GOROOT/src type-checks,
/// every function lowers to valid IR, the IR prints and parses back to an
/// equal IR, and nearly every static call resolves to its target.
@Suite(.enabled(if: Goroot.isAvailable, "needs GOROOT (apt-get install golang-go)"))
struct GorootLoweringTests {
    /// GOROOT/src checked and lowered once for the suite.
    static let corpus: (program: Program, modules: [Module])? = {
        guard let src = Goroot.sourceDirectory else { return nil }
        let options = DiscoveryOptions(context: BuildContext(includeTests: false), workingDirectory: src, jobs: 2)
        let workspace = WorkspaceDiscovery.discover([src + "/..."], options: options)
        let reader = SourceReader()
        var packages: [AnalysedPackage] = []
        for p in workspace.packages {
            let trees = p.files.compactMap { f -> SyntaxTree? in
                guard case .success(let bytes) = reader.read(f) else { return nil }
                return parseGoFile(SourceFile(path: f, bytes: bytes))
            }
            packages.append(AnalysedPackage(importPath: p.importPath, name: p.name, directory: p.directory, trees: trees,
                                            moduleRoot: p.module?.directory, modulePath: p.module?.path, goVersion: "1.19"))
        }
        let program = ProgramLoader.load(packages, options: LoaderOptions(goroot: Goroot.root.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path },
                                                                          moduleCache: nil, jobs: 2))
        return (program, Lowering.lower(program, jobs: 2))
    }()

    @Test func everyPackageTypeChecksWithoutDiagnostics() throws {
        let corpus = try #require(Self.corpus)
        #expect(corpus.program.analysed.count > 300)
        let diagnostics = corpus.program.analysed.flatMap { p in p.diagnostics.map { "\($0.file): \($0.message)" } }
        #expect(diagnostics.isEmpty, "\(diagnostics.count) diagnostics, e.g. \(diagnostics.prefix(10))")
    }

    @Test func everyFunctionLowersToValidIR() throws {
        let corpus = try #require(Self.corpus)
        let functions = corpus.modules.reduce(0) { $0 + $1.functions.count }
        #expect(functions > 25_000)
        var issues: [String] = []
        for m in corpus.modules { issues += Validator.validate(m).map { "\(m.packagePath): \($0)" } }
        #expect(issues.isEmpty, "\(issues.count) validator issues, e.g. \(issues.prefix(10))")
    }

    @Test func printedIRParsesBackEqual() throws {
        let corpus = try #require(Self.corpus)
        var failures: [String] = []
        for m in corpus.modules {
            do {
                let back = try DSL.parse(DSL.print(m), path: m.packagePath)
                if back != m { failures.append("\(m.packagePath): differs after a round trip") }
            } catch {
                failures.append("\(m.packagePath): \(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
    }

    /// The share of static calls (of functions and of methods on concrete
    /// types) whose target the IR names; README.md reports it.
    @Test func staticCallsResolve() throws {
        let corpus = try #require(Self.corpus)
        var stats = CallResolution()
        for p in corpus.program.analysed { stats.count(p) }
        let share = Double(stats.resolvedStatic) / Double(max(1, stats.resolvedStatic + stats.unresolved))
        print("call resolution on GOROOT/src: \(stats)")
        #expect(share > 0.95, "\(stats)")
    }
}

/// Counts every call expression of a package by what it calls.
struct CallResolution: CustomStringConvertible {
    var resolvedStatic = 0
    var interface = 0
    var functionValue = 0
    var builtinOrConversion = 0
    var unresolved = 0

    mutating func count(_ p: PackageInfo) {
        for file in p.files {
            let tree = file.tree
            tree.walk(tree.root) { id in
                guard case .call(var fun, _, _, _) = tree[id] else { return true }
                while case .paren(let x) = tree[fun] { fun = x }
                if let o = file.object(of: fun) {
                    switch o.kind {
                    case .function: resolvedStatic += 1
                    case .method:
                        if o.type.signature?.receiver != nil { resolvedStatic += 1 } else { interface += 1 }
                    case .builtin, .typeName: builtinOrConversion += 1
                    case .variable, .parameter, .result, .field: functionValue += 1
                    default: unresolved += 1
                    }
                } else if case .function = file.type(of: fun).underlying {
                    functionValue += 1      // a literal, a call's result, an index: a function value
                } else if isTypeExpression(tree, fun) {
                    builtinOrConversion += 1
                } else {
                    unresolved += 1
                }
                return true
            }
        }
    }

    private func isTypeExpression(_ tree: SyntaxTree, _ node: NodeID) -> Bool {
        switch tree[node] {
        case .arrayType, .mapType, .chanType, .funcType, .structType, .interfaceType, .star, .index: return true
        default: return false
        }
    }

    var description: String {
        "static \(resolvedStatic), interface \(interface), function values \(functionValue), builtins and conversions \(builtinOrConversion), unresolved \(unresolved)"
    }
}
