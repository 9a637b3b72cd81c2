import GoSyntax

/// Options of an escape run.
public struct EscapeOptions: Sendable {
    /// Model the compiler's inlining (`go build -gcflags=-m`); false
    /// mirrors `-gcflags='-m -l'`.
    public var inlining: Bool
    /// Keep the chain of flows behind each heap decision.
    public var explain: Bool
    /// Nodes a batch may visit before its decisions degrade to "escapes".
    public var maxWorkPerBatch: Int
    /// Threads for packages that do not depend on each other; the
    /// decisions never depend on it.
    public var jobs: Int

    public init(inlining: Bool = false, explain: Bool = false, maxWorkPerBatch: Int = 2_000_000, jobs: Int = 1) {
        self.inlining = inlining
        self.explain = explain
        self.maxWorkPerBatch = maxWorkPerBatch
        self.jobs = max(1, jobs)
    }
}

/// One line of `go build -gcflags=-m` output, computed.
public struct EscapeDecision: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// `moved to heap: x`
        case movedToHeap
        /// `EXPR escapes to heap`
        case escapesToHeap
        /// `EXPR does not escape`
        case doesNotEscape
        /// `leaking param: p`
        case leakingParam
        /// `leaking param content: p`
        case leakingParamContent
        /// `leaking param: p to result r level=n`
        case leakingParamToResult
        /// `p does not escape` (a parameter)
        case parameterDoesNotEscape
        /// Other messages of the compiler's escape pass (ignored self-assignments, unsafe uintptr).
        case note

        /// Whether the decision puts something on the heap.
        public var isHeap: Bool {
            switch self {
            case .movedToHeap, .escapesToHeap, .leakingParam, .leakingParamContent, .leakingParamToResult: return true
            default: return false
            }
        }
    }

    /// The file's path as discovery named it.
    public var path: String
    public var offset: UInt32
    public var line: Int
    public var column: Int
    public var kind: Kind
    /// The message without the position, as the compiler prints it.
    public var message: String
    /// The function the decision belongs to (compiler naming).
    public var function: String
    /// Readable steps that cause a heap decision (with `explain`).
    public var explanation: [ExplanationStep]
    /// True when the analysis gave up on the function (code it cannot
    /// model): the decision is the safe "escapes".
    public var unknown: Bool
    /// What the decision is about, for rules: the allocating expression
    /// or the variable's name, and the offset where it starts.
    public var site: NodeID = .none
    public var siteOffset: UInt32 = 0
    /// The kind of allocation (nil for variables and parameters).
    public var allocation: AllocationKind? = nil
    /// Whether the allocation or variable sits inside a loop of its function.
    public var inLoop = false
    /// Why the compiler puts it on the heap regardless of flows, if it does.
    public var heapReason: HeapReason? = nil
    /// The top-level declaration (`.funcDecl`, or a package-level `var`
    /// spec) the decision belongs to, and the file's index in its package.
    public var declaration: NodeID = .none
    public var fileIndex = 0

    /// `path:line:col: message`, the compiler's line.
    public var compilerLine: String { "\(path):\(line):\(column): \(message)" }
}

/// What an allocation site allocates.
public enum AllocationKind: String, Sendable, Hashable {
    case new, pointerLiteral, makeSlice, makeMap, sliceLiteral, mapLiteral, closure, methodValue
    case stringConversion, concatenation, interfaceConversion, variadicSlice
}

/// Why something is on the heap whatever flows.
public enum HeapReason: String, Sendable, Hashable {
    case tooLarge = "too large for stack"
    case nonConstantSize = "non-constant size"
}

/// One flow of an explanation: "&x flows to p (line 12)".
public struct ExplanationStep: Sendable, Hashable {
    public var text: String
    public var path: String
    public var line: Int
    public var column: Int
}

/// What an escape run found.
public struct EscapeReport: Sendable {
    /// Decisions per analysed file, in the compiler's order for that file.
    public var decisions: [String: [EscapeDecision]] = [:]
    /// Files in the order they were analysed.
    public var files: [String] = []
    /// Every decision in the order the compiler prints them (batch by batch).
    public var ordered: [EscapeDecision] = []
    public var functionsAnalysed = 0
    /// Functions whose decisions were degraded to "escapes".
    public var functionsUnknown = 0

    public init() {}

    /// Every decision, file by file.
    public var all: [EscapeDecision] { files.flatMap { decisions[$0] ?? [] } }

    /// Adds the report of packages analysed after those of this one.
    mutating func append(_ later: EscapeReport) {
        decisions.merge(later.decisions) { _, new in new }
        files += later.files
        ordered += later.ordered
        functionsAnalysed += later.functionsAnalysed
        functionsUnknown += later.functionsUnknown
    }
}
