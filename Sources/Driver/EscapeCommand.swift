import Discovery
import Escape
import Findings
import Foundation
import GoSema

/// `conclint escape [-l] [--explain] [--stats] PATHS`: the escape
/// decisions of Go code in the format of `go build -gcflags=-m` (with
/// `-l`, `-gcflags='-m -l'`), batch by batch as the compiler prints them.
/// Test files are left out, as `go build` leaves them out.
public enum EscapeCommand {
    public struct Flags: Sendable {
        public var noInlining = false
        public var explain = false
        public var stats = false
        public init() {}
    }

    public static func run(_ options: CommandLineOptions, flags: Flags, environment: [String: String],
                           workingDirectory: String, processorCount: Int) -> CommandOutcome {
        var options = options
        options.tests = false
        let configuration: RunConfiguration
        do {
            configuration = try RunConfiguration.validate(options, environment: environment, workingDirectory: workingDirectory,
                                                          processorCount: processorCount)
        } catch {
            return CommandOutcome(stderr: "conclint: error: \(error)\n", status: .usage)
        }
        let start = Date()
        var loader = LoaderOptions.fromEnvironment(buildContext: configuration.buildContext, jobs: configuration.jobs)
        loader.checkDependencyBodies = true
        let box = EscapeReportBox()
        let pipeline = LintPipeline(stages: [SyntaxErrorStage(), TypeCheckStage(loader: loader),
                                             EscapeReportStage(flags: flags, box: box, workingDirectory: configuration.workingDirectory,
                                                               jobs: configuration.jobs)])
        do {
            let outcome = try pipeline.run(configuration)
            let report = box.report
            var text = ""
            for d in report.ordered {
                text += d.compilerLine + "\n"
                if flags.explain && d.kind.isHeap {
                    for step in d.explanation {
                        text += "    \(step.text) at \(step.path):\(step.line):\(step.column)\n"
                    }
                }
            }
            var stderr = outcome.result.notifications.filter { $0.kind == .error }.map { $0.oneLine + "\n" }.joined()
            if flags.stats {
                let heap = report.ordered.filter { $0.kind.isHeap }.count
                let unknown = report.ordered.filter(\.unknown).count
                let seconds = Date().timeIntervalSince(start)
                stderr += "escape: \(report.files.count) files, \(report.functionsAnalysed) functions, \(report.ordered.count) decisions "
                    + "(\(heap) heap, \(unknown) unknown in \(report.functionsUnknown) functions), "
                    + String(format: "%.2fs", seconds) + "\n"
            }
            var result = CommandOutcome(stdout: text, stderr: stderr, status: .clean)
            result.memory = outcome.memory
            return result
        } catch {
            return CommandOutcome(stderr: "conclint: error: \(error)\n", status: .usage)
        }
    }
}

/// Runs the escape analysis over the type-checked program and keeps its
/// report in the pipeline state (for the escape command).
struct EscapeReportStage: LintStage {
    var flags: EscapeCommand.Flags
    let box: EscapeReportBox
    var workingDirectory: String
    var jobs: Int
    var name: String { "escape report" }

    func run(_ input: ParsedWorkspace, state: inout PipelineState, output: inout StageOutput) {
        guard let program = state[Program.self] else { return }
        let options = EscapeOptions(inlining: !flags.noInlining, explain: flags.explain, jobs: jobs)
        var report = EscapeAnalysis.run(program, options: options)
        let root = input.workspace.root
        for i in report.ordered.indices {
            report.ordered[i].path = compilerPath(report.ordered[i].path, root: root)
        }
        box.report = report
    }

    /// Paths as the go command prints them: `./x.go` under the working
    /// directory, absolute elsewhere.
    func compilerPath(_ path: String, root: String) -> String {
        let absolute = path.hasPrefix("/") ? path : root + "/" + path
        let base = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
        if absolute.hasPrefix(base) { return "./" + absolute.dropFirst(base.count) }
        return absolute
    }
}

/// Where the stage leaves its report for the command (the pipeline's
/// outcome carries findings, not reports). Written once, read after the run.
final class EscapeReportBox: @unchecked Sendable {
    var report = EscapeReport()
}
