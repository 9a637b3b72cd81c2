import ConcIR

/// Whether each function communicates itself: a channel, WaitGroup or
/// context operation, or a select (`RootSelection.communication`). Root
/// selection asks it of every callee of every function that may start
/// goroutines; the call graph's `OperationSet` of each function answers
/// it without walking the instructions again.
struct CommunicatingFunctions {
    private let operations: [OperationSet]
    private static let communication = OpcodeSet(RootSelection.communication)

    init(callGraph: CallGraph) {
        operations = callGraph.operations
    }

    var count: Int { operations.count }

    subscript(node: Int) -> Bool {
        node < operations.count && (operations[node].selects || operations[node].opcodes.intersects(Self.communication))
    }
}
