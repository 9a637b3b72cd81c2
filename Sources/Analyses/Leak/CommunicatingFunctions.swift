import ConcIR
import RuntimeModel

/// Whether each function communicates itself (`RootSelection.communicates`),
/// decided on first use and kept: root selection asks it of every callee of
/// every function that may start goroutines, so popular callees were
/// scanned instruction by instruction once per caller.
struct CommunicatingFunctions {
    private let program: ProgramIndex
    /// Per function: 0 not yet decided, 1 communicates, 2 does not.
    private var decided: [UInt8]

    init(program: ProgramIndex) {
        self.program = program
        decided = Array(repeating: 0, count: program.functions.count)
    }

    var count: Int { decided.count }

    subscript(node: Int) -> Bool {
        mutating get {
            if decided[node] == 0 { decided[node] = RootSelection.communicates(program.functions[node]) ? 1 : 2 }
            return decided[node] == 1
        }
    }
}
