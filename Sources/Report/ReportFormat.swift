import Findings

/// The output formats `--format` accepts.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, sarif, github, gitlab
}

/// Settings that are not part of the results themselves.
public struct ReportOptions: Sendable {
    /// When set, text output shows paths relative to this directory (or
    /// absolute when outside it) instead of relative to the analysis root,
    /// so that editors started in the working directory can open them.
    public var workingDirectory: String?
    /// SARIF `tool.driver.informationUri`.
    public var informationURI: String
    /// What a SARIF file may hold (default: GitHub code scanning's limits).
    public var sarifLimits: SARIFLimits

    public static let defaultInformationURI = "https://github.com/conclint/conclint"

    public init(workingDirectory: String? = nil, informationURI: String = ReportOptions.defaultInformationURI,
                sarifLimits: SARIFLimits = .codeScanning) {
        self.workingDirectory = workingDirectory
        self.informationURI = informationURI
        self.sarifLimits = sarifLimits
    }
}

/// Renders a `RunResult` in any format. Every renderer is a pure function
/// of its input: the same result gives the same bytes.
public enum Reporter {
    /// The main output (stdout or `--output`).
    public static func render(_ result: RunResult, as format: ReportFormat, options: ReportOptions = ReportOptions()) -> String {
        switch format {
        case .text: return TextReporter(result: result, options: options).findingsText()
        case .json: return JSONReporter.render(result)
        case .sarif: return SARIFReporter(result: result, options: options).render()
        case .github: return GitHubReporter.render(result)
        case .gitlab: return GitLabReporter.render(result)
        }
    }

    /// The notifications, one `path:line:col: message` line each, for stderr.
    public static func notificationLines(_ result: RunResult, options: ReportOptions = ReportOptions()) -> String {
        TextReporter(result: result, options: options).notificationsText()
    }
}
