import ConcIR
import Lowering
import Testing

/// `new(x)` (Go 1.26) allocates a variable holding x's value: x is
/// evaluated first (a receive in it is a receive), then stored through the
/// new pointer, so that what it holds is followed like any stored value.
/// `new(T)` stays an allocation with nothing stored.
@Suite struct NewOfValueTests {
    static let source = """
        package config

        type settings struct {
        \tdone *chan struct{}
        \tsize *int
        }

        func f(ch chan struct{}, in chan int) *settings {
        \tn := new(<-in)
        \t_ = n
        \treturn &settings{done: new(ch), size: new(int)}
        }
        """

    @Test func theValueIsEvaluatedThenStoredThroughTheNewPointer() throws {
        let f = try #require(OneFilePackage.function("f", of: Self.source, name: "config", file: "config.go"))
        let instructions = f.blocks.flatMap(\.instructions)
        let ops = instructions.map(\.op).filter { [.chanRecv, .allocNew].contains($0) }
        // The receive of new(<-in) comes before its allocation; three allocations in all.
        #expect(ops == [.chanRecv, .allocNew, .allocNew, .allocNew])
        let stores = instructions.filter { inst in
            guard inst.op == .assign, case .place(let p)? = inst.results.first else { return false }
            return p.path == [.deref]
        }
        // The received value (a temporary) and ch are stored; new(int) stores nothing.
        #expect(stores.count == 2)
        #expect(stores.contains { $0.operands.first == .place(Place(.variable("ch"), path: [])) })
    }
}
