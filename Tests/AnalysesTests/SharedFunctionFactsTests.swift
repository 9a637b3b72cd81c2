import ConcIR
import Testing
@testable import Analyses

/// The run's one store of graphs and types answers each function as a
/// fresh build would, whichever thread asks first.
@Suite struct SharedFunctionFactsTests {
    struct Answer: Sendable {
        var succ: [[Int]]
        var types: [GoType]
    }

    static let source = """
    package example.com/p

    func example.com/p.a(ch chan int) {
    \tvar n int
    b0:
    \tassign n = 0
    \tjump b1
    b1: loop
    \t%1 = cmp.lt n, 3
    \tif %1 then b2 else b3
    b2:
    \tchan.send ch, n
    \tassign n = ?
    \tjump b1
    b3:
    \treturn
    }

    func example.com/p.b() {
    \tvar ch chan int
    b0:
    \t%1 = chan.make int, 0
    \tassign ch = %1
    \tgo example.com/p.a(ch)
    \t%2 = chan.recv ch
    \tif ? then b1 else b2
    b1:
    \treturn
    b2:
    \tpanic "no"
    }
    """

    @Test func everyThreadGetsWhatAFreshBuildGives() async throws {
        let module = try DSL.parse(Self.source, path: "t.cir")
        let graph = CallGraph(modules: [module])
        let shared = SharedFunctionFacts(modules: [module], callGraph: graph)
        let nodes = graph.nodes.indices
        // Each node asked many times, in an order that differs per thread.
        let answers = await withTaskGroup(of: (Int, [Answer]).self) { group in
            for i in 0..<64 {
                group.addTask {
                    (i, nodes.map { n in
                        let node = (n + i) % graph.nodes.count
                        let types = shared.types(node)
                        let f = module.functions[graph.nodes[node].function]
                        let operands = f.blocks.flatMap(\.instructions).flatMap { $0.results + $0.operands }
                        return Answer(succ: shared.cfg(node).successors, types: operands.map(types.type(of:)))
                    })
                }
            }
            var out = [[Answer]](repeating: [], count: 64)
            for await (i, row) in group { out[i] = row }
            return out
        }
        for (i, row) in answers.enumerated() {
            for (n, answer) in row.enumerated() {
                let node = (n + i) % graph.nodes.count
                let f = module.functions[graph.nodes[node].function]
                let fresh = FunctionTypes(function: f, environment: TypeEnvironment(modules: [module]))
                let operands = f.blocks.flatMap(\.instructions).flatMap { $0.results + $0.operands }
                #expect(answer.succ == ControlFlowGraph(f).successors)
                #expect(answer.types == operands.map(fresh.type(of:)))
            }
        }
        #expect(answers.count == 64)
    }
}
