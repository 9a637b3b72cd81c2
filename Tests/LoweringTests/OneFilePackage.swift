import ConcIR
import GoSema
import GoSyntax
import Lowering

/// Lowers a package of one Go file given as text, the way the lint does
/// (types from GOROOT when `goroot` is given, else the built-in model).
enum OneFilePackage {
    /// The lowered module of package `example.com/<name>`, read from `<file>`.
    static func lower(_ source: String, name: String, file: String, goroot: String? = nil) -> Module? {
        let tree = parseGoFile(SourceFile(path: file, bytes: Array(source.utf8)))
        let package = AnalysedPackage(importPath: "example.com/" + name, name: name, directory: "/nonexistent",
                                      trees: [tree], moduleRoot: nil, modulePath: nil, goVersion: "1.19")
        let program = ProgramLoader.load([package], options: LoaderOptions(goroot: goroot, moduleCache: nil, jobs: 1))
        return Lowering.lower(program, jobs: 1).first
    }

    /// Function `function` of that package.
    static func function(_ function: String, of source: String, name: String, file: String, goroot: String? = nil) -> Function? {
        lower(source, name: name, file: file, goroot: goroot)?.function(named: "example.com/" + name + "." + function)
    }
}
