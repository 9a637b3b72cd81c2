import ConcIR
import Findings
import GoSema
import Lowering

/// The concurrency IR of every analysed package, plus the modules of
/// `.cir` files named on the command line (analysed like Go).
public struct LoweringStage: LintStage {
    public var jobs: Int

    public init(jobs: Int) {
        self.jobs = jobs
    }

    public var name: String { "lowering" }

    public func run(_ input: ParsedWorkspace, state: inout PipelineState, output: inout StageOutput) {
        var modules: [Module] = []
        if let program = state[Program.self] {
            modules = Lowering.lower(program, jobs: jobs)
        }
        modules += state[IRFiles.self]?.modules ?? []
        state[[Module].self] = modules
    }
}

/// `.cir` files of the run, parsed (or the errors that stopped them).
public struct IRFiles: Sendable {
    public var modules: [Module] = []
}
