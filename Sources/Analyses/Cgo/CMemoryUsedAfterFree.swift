import ConcIR
import Findings

/// CG1003: C memory read or handed on after `C.free` on some path of the
/// same function (`C.GoString(p)` after `C.free(p)`). The memory may
/// already hold something else: the result is garbage or a crash.
struct CMemoryUsedAfterFree: CgoCheck {
    static let id = "CG1003"
    var ruleID: String { Self.id }

    func findings(at node: Int, _ program: CgoProgram) -> [Finding] {
        program.freedPointerEvents(at: node).filter { $0.kind == .usedAfterFree }.compactMap { event in
            let function = program.index.function(event.node)
            let freed = FreedPointerSearch.position(event.freeSite, function)
            let message = "\(event.variable ?? "C memory") is used after it was freed at line \(freed.line) on this path"
            return program.finding(Self.id, node: event.node, at: FreedPointerSearch.position(event.site, function), message,
                                   flows: FreedPointerSearch.flow(event, program: program, last: "used here after the free"))
        }
    }
}
