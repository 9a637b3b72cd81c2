import Dispatch
import Discovery
import Findings
import GoSyntax
import Report

/// `conclint parse PATHS [--stats]`: parses only, prints each syntax error
/// as `path:line:col: message` (sorted) on stdout, files that could not be
/// read on stderr, and with `--stats` the totals and the wall time.
///
/// Trees are dropped as soon as they are counted, so memory stays at what
/// the files being parsed at this moment need.
public enum ParseCommand {
    /// What is kept of one parsed file.
    struct FileSummary: Sendable {
        var lines = 0
        var bytes = 0
        var syntaxErrors: [Notification] = []
        var readFailure: Notification?
    }

    public struct Statistics: Sendable, Equatable {
        public var files = 0
        public var lines = 0
        public var bytes = 0
        public var syntaxErrors = 0
        /// Missing paths, unreadable, binary or oversize files: each reported on stderr.
        public var inputErrors = 0
    }

    public static func run(_ options: CommandLineOptions, environment: [String: String], workingDirectory: String,
                           processorCount: Int) -> CommandOutcome {
        let start = DispatchTime.now()
        let configuration: RunConfiguration
        do {
            configuration = try RunConfiguration.validate(options, environment: environment,
                                                          workingDirectory: workingDirectory,
                                                          processorCount: processorCount)
        } catch {
            return CommandOutcome(stderr: "conclint: error: \(error)\n", status: .usage)
        }
        let workspace = WorkspaceDiscovery.discover(configuration.paths, options: configuration.discoveryOptions)
        let paths = workspace.allFiles
        let summaries = parallelMap(count: paths.count, jobs: configuration.jobs) { index in
            summarize(paths[index], displayPath: workspace.displayPath(paths[index]), reader: configuration.reader)
        }

        var statistics = Statistics()
        var syntaxErrors: [Notification] = []
        var problems = workspace.notifications.map(Notification.init)
        for summary in summaries {
            if let failure = summary.readFailure {
                problems.append(failure)
                continue
            }
            statistics.files += 1
            statistics.lines += summary.lines
            statistics.bytes += summary.bytes
            statistics.syntaxErrors += summary.syntaxErrors.count
            syntaxErrors += summary.syntaxErrors
        }

        statistics.inputErrors = problems.filter { $0.kind == .error }.count

        let reportOptions = ReportOptions(workingDirectory: configuration.workingDirectory)
        func lines(_ notifications: [Notification]) -> String {
            var output = StageOutput()
            output.notifications = notifications
            let result = RunResultAssembly.assemble(output, root: workspace.root)
            return Reporter.notificationLines(result, options: reportOptions)
        }
        var outcome = CommandOutcome(stdout: lines(syntaxErrors), stderr: lines(problems), status: .clean)
        let failed = !syntaxErrors.isEmpty || problems.contains { $0.kind == .error }
        outcome.status = failed ? .findings : .clean
        if configuration.showStats {
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            outcome.stdout += render(statistics, seconds: elapsed)
        }
        return outcome
    }

    static func summarize(_ path: String, displayPath: String, reader: SourceReader) -> FileSummary {
        let loaded = SourceLoader.load(path, displayPath: displayPath, reader: reader)
        var summary = FileSummary()
        guard let tree = loaded.file.tree else {
            summary.readFailure = loaded.failure
            return summary
        }
        summary.lines = tree.source.lineCount
        summary.bytes = tree.source.bytes.count
        summary.syntaxErrors = SourceLoader.syntaxErrorNotifications(tree, displayPath: displayPath)
        return summary
    }

    static func render(_ s: Statistics, seconds: Double) -> String {
        let time = (seconds * 1000).rounded() / 1000
        var text = "files: \(s.files)\nlines: \(s.lines)\nbytes: \(s.bytes)\nsyntax errors: \(s.syntaxErrors)\n"
        if s.inputErrors > 0 { text += "input errors: \(s.inputErrors)\n" }
        return text + "wall time: \(time)s\n"
    }
}
