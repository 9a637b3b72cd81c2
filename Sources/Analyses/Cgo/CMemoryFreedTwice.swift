import ConcIR
import Findings

/// CG1002: C memory freed twice on some path of one function: two
/// `C.free`s, a free and a wrapper that frees, or a free after a deferred
/// free. The second free corrupts the C heap (glibc aborts with "double
/// free detected" when it notices; often it does not).
struct CMemoryFreedTwice: CgoCheck {
    static let id = "CG1002"
    var ruleID: String { Self.id }

    func findings(at node: Int, _ program: CgoProgram) -> [Finding] {
        program.freedPointerEvents(at: node).filter { $0.kind == .freedTwice }.compactMap { event in
            let function = program.index.function(event.node)
            let first = FreedPointerSearch.position(event.freeSite, function)
            let what = event.variable ?? "C memory"
            let message = event.freeIsDeferred
                ? "\(what) is freed here and again by the deferred free at line \(first.line) when \(CNames.short(function.name)) returns"
                : "\(what) was already freed at line \(first.line) on this path: freeing it again corrupts the C heap"
            return program.finding(Self.id, node: event.node, at: FreedPointerSearch.position(event.site, function), message,
                                   flows: FreedPointerSearch.flow(event, program: program, last: "freed again here"))
        }
    }
}
