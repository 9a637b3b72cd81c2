/// Facts about this build of conclint that every output names.
public enum ToolInfo {
    public static let name = "conclint"
    public static let version = "0.1.0"
}

/// Exit codes, as DESIGN.md fixes them.
public enum ExitStatus: Int32, Sendable {
    /// Nothing at or above the failing level.
    case clean = 0
    /// Findings at or above the failing level (`parse`: syntax or read errors).
    case findings = 1
    /// Bad arguments or configuration; nothing was written.
    case usage = 2
    /// conclint itself failed (for example, the output could not be written).
    case internalError = 3
}

/// What a command produced: the text for each stream and the exit code.
/// Commands return this instead of printing, so tests run them in-process.
public struct CommandOutcome: Sendable {
    public var stdout: String
    public var stderr: String
    public var status: ExitStatus
    /// What the run built, for a caller that ends the process without
    /// freeing it (RunMemory).
    public var memory: RunMemory?

    public init(stdout: String = "", stderr: String = "", status: ExitStatus) {
        self.stdout = stdout
        self.stderr = stderr
        self.status = status
    }
}
