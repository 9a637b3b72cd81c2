import Discovery
import Findings
import GoSema
import GoSyntax

/// Names, types and imports for every analysed package (GoSema), as one
/// `Program`. What cannot be typed is reported once per cause, as notes:
/// it lowers precision, it is not a result.
public struct TypeCheckStage: LintStage {
    public var loader: LoaderOptions

    public init(loader: LoaderOptions) {
        self.loader = loader
    }

    public var name: String { "types" }

    public func run(_ input: ParsedWorkspace, state: inout PipelineState, output: inout StageOutput) {
        var packages: [AnalysedPackage] = []
        for p in input.packages {
            let trees = p.files.compactMap(\.tree)
            guard !trees.isEmpty else { continue }
            packages.append(AnalysedPackage(
                importPath: p.source.importPath, name: p.source.name, directory: p.source.directory, trees: trees,
                moduleRoot: p.source.module?.directory, modulePath: p.source.module?.path,
                goVersion: input.languageVersion(of: p.source).description))
        }
        let program = ProgramLoader.load(packages, options: loader)
        state[Program.self] = program
        var seenImports = Set<String>()
        for package in program.analysed {
            for d in package.diagnostics {
                // A missing package is said once per run, not once per importer.
                if d.message.hasPrefix("could not import"), !seenImports.insert(d.message).inserted { continue }
                let tree = package.files.first { $0.path == d.file }?.tree
                let location = tree?.source.location(of: d.offset)
                output.notifications.append(Notification(kind: .note, file: d.file, line: location?.line,
                                                         column: location?.column, message: d.message))
            }
        }
        for cycle in program.cycles {
            output.notifications.append(Notification(kind: .error, file: input.workspace.displayPath(input.workspace.root), message: cycle))
        }
    }
}
