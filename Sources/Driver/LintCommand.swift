import Findings
import Foundation
import Report

/// `conclint lint`: runs the pipeline and renders the report. Configuration
/// problems (options, `.conclint.yml`, rule files) end the run with exit 2
/// before anything is written.
public enum LintCommand {
    public static func run(_ options: CommandLineOptions, environment: [String: String], workingDirectory: String,
                           processorCount: Int, pipeline: LintPipeline? = nil) -> CommandOutcome {
        let configuration: RunConfiguration
        do {
            configuration = try RunConfiguration.validate(options, environment: environment,
                                                          workingDirectory: workingDirectory,
                                                          processorCount: processorCount)
        } catch {
            return CommandOutcome(stderr: "conclint: error: \(error)\n", status: .usage)
        }
        let outcome: LintPipeline.Outcome
        do {
            outcome = try (pipeline ?? LintPipeline.standard(configuration)).run(configuration, useCache: true)
        } catch {
            return CommandOutcome(stderr: "conclint: error: \(error)\n", status: .usage)
        }
        let result = WorkflowFilter.apply(configuration.workflow, to: outcome)
        let reportOptions = ReportOptions(workingDirectory: configuration.workingDirectory)
        let rendered = Reporter.render(result, as: configuration.format, options: reportOptions)
        var stderr = Reporter.notificationLines(result, options: reportOptions)
        if configuration.showStats {
            for (name, count) in outcome.statistics { stderr += "stats: \(name) \(count)\n" }
        }
        var commandOutcome = CommandOutcome(stderr: stderr, status: status(of: result, failOn: outcome.failOn))
        commandOutcome.memory = outcome.memory
        if let path = configuration.outputPath {
            do {
                try AtomicFileWriter.write(rendered, to: path)
            } catch {
                commandOutcome.stderr += "conclint: error: \(error)\n"
                commandOutcome.status = .internalError
            }
        } else {
            commandOutcome.stdout = rendered
        }
        return commandOutcome
    }

    static func status(of result: RunResult, failOn: Level) -> ExitStatus {
        result.findings.contains { $0.level >= failOn } ? .findings : .clean
    }
}
