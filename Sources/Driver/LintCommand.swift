import Findings
import Report

/// `conclint lint PATHS`: runs the pipeline, renders the chosen format to
/// stdout or `--output`, and prints notifications on stderr.
public enum LintCommand {
    public static func run(_ options: CommandLineOptions, environment: [String: String], workingDirectory: String,
                           processorCount: Int, pipeline: LintPipeline = .standard) -> CommandOutcome {
        let configuration: RunConfiguration
        do {
            configuration = try RunConfiguration.validate(options, environment: environment,
                                                          workingDirectory: workingDirectory,
                                                          processorCount: processorCount)
        } catch {
            return CommandOutcome(stderr: "conclint: error: \(error)\n", status: .usage)
        }
        let result = pipeline.run(configuration)
        let reportOptions = ReportOptions(workingDirectory: configuration.workingDirectory)
        let rendered = Reporter.render(result, as: configuration.format, options: reportOptions)
        var outcome = CommandOutcome(stderr: Reporter.notificationLines(result, options: reportOptions),
                                     status: status(of: result, failOn: configuration.failOn))
        if let path = configuration.outputPath {
            do {
                try AtomicFileWriter.write(rendered, to: path)
            } catch {
                outcome.stderr += "conclint: error: \(error)\n"
                outcome.status = .internalError
            }
        } else {
            outcome.stdout = rendered
        }
        return outcome
    }

    /// 1 when any finding is at or above `--fail-on`, else 0.
    static func status(of result: RunResult, failOn: Level) -> ExitStatus {
        result.findings.contains { $0.level >= failOn } ? .findings : .clean
    }
}
