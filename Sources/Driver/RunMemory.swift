/// What a run built (the parse trees, the types, the IR and the analyses'
/// products), handed to the command-line entry point with the outcome.
///
/// Freeing it object by object takes a measurable share of a run: half a
/// second of a whole-GOROOT lint, a sixth of `conclint ir`, on one core
/// after the work is done. The command line writes its output and ends the
/// process while holding it, so the system takes the memory back at once
/// (as compilers do). In-process callers (the tests) drop it like any value.
public final class RunMemory: @unchecked Sendable {
    // Held, never read: immutable after the run, so sharing is safe.
    private let parsed: ParsedWorkspace
    private let state: PipelineState

    init(parsed: ParsedWorkspace, state: PipelineState) {
        self.parsed = parsed
        self.state = state
    }
}
