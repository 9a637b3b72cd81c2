/// `conclint baseline write [PATHS] [--output FILE]`: records today's
/// findings as SARIF, so that later runs with `--baseline FILE` report only
/// new ones. Findings do not fail this command: recording them is its job.
public enum BaselineCommand {
    public static let defaultFile = "conclint-baseline.sarif"

    public static func write(_ options: CommandLineOptions, environment: [String: String], workingDirectory: String,
                             processorCount: Int) -> CommandOutcome {
        var options = options
        options.format = "sarif"
        options.output = options.output ?? defaultFile
        options.workflow.baseline = nil
        options.workflow.newFromRevision = nil
        options.workflow.shard = nil
        var outcome = LintCommand.run(options, environment: environment, workingDirectory: workingDirectory,
                                      processorCount: processorCount)
        if outcome.status == .findings || outcome.status == .clean {
            outcome.status = .clean
            outcome.stderr += "conclint: baseline written to \(options.output ?? defaultFile)\n"
        }
        return outcome
    }
}
