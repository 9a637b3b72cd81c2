import Findings

/// What stages add to a run. Stages append; the pipeline sorts at the end,
/// so a stage may produce results in any order (or from any thread).
public struct StageOutput: Sendable {
    public var findings: [Finding] = []
    public var notifications: [Notification] = []
    /// Descriptors of rules that may have fired; only those that did are reported.
    public var rules: [RuleDescriptor] = []

    public init() {}
}

/// One step of `conclint lint` after parsing: type checking, lowering to
/// the concurrency IR, an analysis, the rule engine. Each stage reads the
/// parsed workspace (and whatever earlier stages left in `state`) and adds
/// findings or notifications.
///
/// Stages run in the order `LintPipeline.stages` lists them; a stage that
/// needs another's product (types, IR) finds it in `state`, keyed by type.
public protocol LintStage: Sendable {
    var name: String { get }
    func run(_ input: ParsedWorkspace, state: inout PipelineState, output: inout StageOutput)
}

/// Products stages hand to later stages (a type-checked program, the IR),
/// stored by their type so that stages need not know each other.
public struct PipelineState {
    private var products: [ObjectIdentifier: Any] = [:]

    public init() {}

    public subscript<T>(_ type: T.Type) -> T? {
        get { products[ObjectIdentifier(type)] as? T }
        set { products[ObjectIdentifier(type)] = newValue }
    }
}

/// The first stage: syntax errors are not results (DESIGN.md); they travel
/// as notifications, one per error, with line and column.
public struct SyntaxErrorStage: LintStage {
    public init() {}
    public var name: String { "syntax errors" }

    public func run(_ input: ParsedWorkspace, state: inout PipelineState, output: inout StageOutput) {
        for package in input.packages {
            for file in package.files {
                guard let tree = file.tree else { continue }
                output.notifications += SourceLoader.syntaxErrorNotifications(tree, displayPath: file.displayPath)
            }
        }
    }
}
