import ConcIR

/// The knobs of one exploration. Defaults keep typical worker pools and
/// pipelines exact while bounding pathological code.
public struct MachineConfiguration: Sendable {
    /// Trip counts tried for a loop whose count is unknown (a range over a
    /// parameter slice). Loops over the same unknown value agree.
    public var symbolicTripCounts: [Int]
    /// How many times a loop whose exit condition is unknown (`?`) may go
    /// round before only its exit is explored.
    public var unknownLoopIterations: Int
    /// Calls nested deeper than this are treated as unknown calls.
    public var maxCallDepth: Int
    /// More live goroutines than this abandons the exploration.
    public var maxGoroutines: Int
    /// Straight-line steps one goroutine may take between two pauses before
    /// the exploration is abandoned (a guard; loops pause on their own).
    public var maxStepsPerMove: Int
    /// Paths one move may split into (unknown branches, trip choices).
    ///
    /// A move that splits into more paths than this runs through code the
    /// model follows only by guessing every branch, and the exploration
    /// ends there. Most of the cost of such a move is paid before it is
    /// known to be over: every path is run to its end first. On GOROOT/src
    /// a bound of 512 spent 17 of the leak analysis's 29 CPU seconds in the
    /// first moves of roots that were then dropped anyway; with 64 the
    /// analysis takes 10 s, drops 13 more of its 3,222 roots, and reports
    /// the same findings but one (judged false in docs/triage/goroot.md).
    /// With 32 it saves only one second more.
    public var maxForksPerMove: Int
    /// Counted loops longer than this are not run iteration by iteration:
    /// the exploration is abandoned.
    public var maxConstantTrips: Int

    public init(symbolicTripCounts: [Int] = [1, 2, 3], unknownLoopIterations: Int = 3, maxCallDepth: Int = 8,
                maxGoroutines: Int = 48, maxStepsPerMove: Int = 100_000, maxForksPerMove: Int = 64,
                maxConstantTrips: Int = 4_096) {
        self.symbolicTripCounts = symbolicTripCounts
        self.unknownLoopIterations = unknownLoopIterations
        self.maxCallDepth = maxCallDepth
        self.maxGoroutines = maxGoroutines
        self.maxStepsPerMove = maxStepsPerMove
        self.maxForksPerMove = maxForksPerMove
        self.maxConstantTrips = maxConstantTrips
    }
}

/// How the machine treats calls to functions whose effects are known not to
/// matter (no channel, sync, timer or context operation, no goroutine, even
/// through callees): it skips them and only lets the arguments they may
/// keep escape. Computed by the analysis from callee summaries.
public struct SkippableCalls: Sendable {
    /// Per function: for each argument (receiver first), whether the callee
    /// may keep it (store, return, pass to unknown code).
    public var retainedArguments: [FunctionRef: [Bool]]
    /// Per function: the parts of arguments it keeps, where it keeps no
    /// more of them (`return c.buckets[i]`): those parts escape, the
    /// arguments themselves do not.
    public var retainedParts: [FunctionRef: [Part]]

    /// A part of an argument: its index (receiver first) and the path to
    /// it (`.buckets[]`). Ordered by argument, then path, so that a
    /// summary's parts compare equal whatever order they were found in.
    public struct Part: Hashable, Sendable, Comparable {
        public var argument: Int
        public var path: [Selector]

        public init(argument: Int, path: [Selector]) {
            self.argument = argument
            self.path = path
        }

        public static func < (a: Part, b: Part) -> Bool {
            a.argument != b.argument ? a.argument < b.argument : a.path.lexicographicallyPrecedes(b.path)
        }
    }

    public init(retainedArguments: [FunctionRef: [Bool]] = [:], retainedParts: [FunctionRef: [Part]] = [:]) {
        self.retainedArguments = retainedArguments
        self.retainedParts = retainedParts
    }
}
