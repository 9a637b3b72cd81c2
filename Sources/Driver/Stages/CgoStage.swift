import Cgo
import ConcIR
import Discovery
import Findings
import GoSema
import GoSyntax
import RuleEngine

/// The C side of cgo packages, read with libclang and handed to the
/// analyses. For each analysed file that imports "C":
///
/// 1. its preamble is read (flags from every file's `#cgo` lines of the
///    package, pkg-config, the package directory), once per distinct
///    preamble in the run;
/// 2. a preamble that does not read (bad C, a missing header, an oversized
///    header, no libclang) is one notification naming the file, and its C
///    is unknown: the Go analyses go on without it (no libclang: said once
///    for the run);
/// 3. `C.name`s the preamble does not declare are one notification per file;
/// 4. each C function the preamble defines becomes an IR stub in its
///    package's module (`C.name`, with the calls its body makes), so that
///    lifecycle summaries and the cgo analysis see through C wrappers;
/// 5. Go pointers passed to C against the cgo pointer rules are reported
///    (CG1030, CG1031), from the typed AST and the C bodies.
///
/// Runs after lowering and before the analyses.
public struct CgoStage: LintStage {
    public var buildContext: BuildContext
    public var reader: CPreambleReader
    public var jobs: Int

    public init(buildContext: BuildContext, reader: CPreambleReader = CPreambleReader(), jobs: Int) {
        self.buildContext = buildContext
        self.reader = reader
        self.jobs = jobs
    }

    public var name: String { "cgo" }

    /// One cgo file of an analysed package, with its preamble's C (nil: unknown C).
    struct CgoFile {
        var package: ParsedPackage
        var file: ParsedFile
        var tree: SyntaxTree
        var preamble: CgoPreamble
        var flags: CgoFlags
        var unit: CTranslationUnit?
    }

    public func run(_ input: ParsedWorkspace, state: inout PipelineState, output: inout StageOutput) {
        var files: [CgoFile] = []
        for package in input.packages {
            var found: [CgoFile] = []
            for file in package.files {
                guard let tree = file.tree, let preamble = CgoPreamble.extract(from: tree) else { continue }
                found.append(CgoFile(package: package, file: file, tree: tree, preamble: preamble, flags: CgoFlags(), unit: nil))
            }
            // cgo applies every file's #cgo lines to the whole package.
            let flags = CgoFlags(directives: found.flatMap(\.preamble.directives), directory: package.source.directory,
                                 satisfies: buildContext.satisfies)
            files += found.map { f in
                var f = f
                f.flags = flags
                return f
            }
        }
        guard !files.isEmpty else { return }

        // 1-2: read every preamble (in parallel; the reader's cache shares equal ones).
        if reader.isAvailable {
            let results = parallelMap(count: files.count, jobs: jobs) { i -> Result<CTranslationUnit, CParseFailure> in
                reader.read(files[i].preamble, flags: files[i].flags, directory: files[i].package.source.directory)
            }
            for (i, result) in results.enumerated() {
                switch result {
                case .success(let unit): files[i].unit = unit
                case .failure(let failure): output.notifications.append(Self.notification(failure, files[i]))
                }
            }
        } else if let first = files.first {
            let reason = reader.parser.parse(CParseRequest(text: "", fileName: "", flags: [])).failureMessage ?? "libclang is not available"
            output.notifications.append(Notification(kind: .warning, file: first.file.displayPath,
                                                     message: "cgo preambles are not read (\(reason)): the C functions of \(files.count) cgo file(s) are unknown C"))
        }
        let stats = reader.statistics
        state[LintSetup.self]?.statistics.add("cgo.files", files.count)
        state[LintSetup.self]?.statistics.add("cgo.preambles-parsed", stats.parses)

        // 3 and 5 need types.
        let typed = Self.typedFiles(state[Program.self])
        let enabled = Dictionary((state[LintSetup.self]?.enabledRules ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for f in files {
            guard let unit = f.unit, let file = typed[f.tree.source.path] else { continue }
            if let unknown = CgoNameCheck.unknownNames(in: file, unit: unit) {
                output.notifications.append(Notification(kind: .warning, file: f.file.displayPath, line: unknown.line,
                                                         column: unknown.column, message: unknown.message))
            }
            let version = GoLanguageVersion(input.languageVersion(of: f.package.source).description)
            output.findings += CgoPointerChecks(rules: enabled, version: version).findings(in: file, unit: unit, displayPath: f.file.displayPath)
        }

        // 4: the C functions as IR stubs, in their packages' modules.
        if var modules = state[[Module].self] {
            CgoStubs.add(files.compactMap { f in f.unit.map { CgoStubs.Source(file: f.file.displayPath, preamble: f.preamble, unit: $0) } },
                         to: &modules)
            state[[Module].self] = modules
        }
    }

    /// A preamble that gave no C facts, at the preamble's position when the
    /// failure has one, else at `import "C"`.
    static func notification(_ failure: CParseFailure, _ file: CgoFile) -> Notification {
        let at = failure.position.map { file.preamble.goLocation(line: $0.line, column: $0.column) }
            ?? (line: file.preamble.importLine, column: file.preamble.importColumn)
        return Notification(kind: .warning, file: file.file.displayPath, line: at.line, column: at.column,
                            message: "cgo preamble not read: \(failure.message); its C is unknown to conclint")
    }

    /// The typed files of the analysed packages, by the path their trees carry.
    static func typedFiles(_ program: Program?) -> [String: TypedFile] {
        var out: [String: TypedFile] = [:]
        for package in program?.analysed ?? [] {
            for f in package.files { out[f.path] = f }
        }
        return out
    }
}

private extension Result where Failure == CParseFailure {
    var failureMessage: String? {
        if case .failure(let f) = self { return f.message }
        return nil
    }
}
