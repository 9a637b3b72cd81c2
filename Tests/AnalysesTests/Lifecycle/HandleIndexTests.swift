import ConcIR
import Testing
@testable import Analyses

/// The index `ReleasingHandle` looks places up in answers what its scans
/// of the whole function answered.
@Suite struct HandleIndexTests {
    static let source = """
    package p
    go 1.22

    func p.begin(s *p.store, other *p.store) *p.wrapper {
        var tw *p.txn
        var w *p.wrapper
        var u *p.txn
    b0:
        mutex.rlock s.mu
        %1 = alloc.lit *p.txn
        assign %1.common.s = s
        assign tw = %1
        call (*p.txn).init(tw, other)
        %2 = call p.wrap(tw)
        assign w = %2
        assign u = tw
        return w
    }
    """

    private static func index() throws -> HandleIndex {
        let module = try DSL.parse(source, path: "t.cir")
        let function = module.functions[0]
        let facts = FunctionFacts(node: 0, function: function, file: "t.cir", cfg: ControlFlowGraph(function),
                                  types: FunctionTypes(function: function, environment: TypeEnvironment(modules: [module])))
        return HandleIndex(facts: facts)
    }

    private static func variable(_ name: String, _ fields: String...) -> Place {
        Place(.variable(name), path: fields.map { .field($0) })
    }

    @Test func copiesOfOneValueAreOneClassWhateverTheOrder() throws {
        let index = try Self.index()
        let literal = Place(.temp(1))
        let txn: Set<Place> = [literal, Self.variable("tw"), Self.variable("u")]
        #expect(index.aliases(of: literal) == txn)
        #expect(index.aliases(of: Self.variable("u")) == txn)
        #expect(index.aliases(of: Self.variable("w")) == [Self.variable("w"), Place(.temp(2))])
        // Stored a field deep, not copied whole: no class of its own.
        #expect(index.aliases(of: Self.variable("s")) == [Self.variable("s")])
    }

    @Test func storesIntoFieldsAndCallsAreFoundByPlace() throws {
        let index = try Self.index()
        #expect(index.storesIntoFields[Self.variable("s")] == [Place(.temp(1), path: [.field("common"), .field("s")])])
        #expect(index.storesIntoFields[Self.variable("other")] == nil)
        #expect(index.callsOnReceiver[Self.variable("tw")] == [HandleIndex.Site(block: 0, index: 4)])
        #expect(index.callsByResult[Place(.temp(2))] == [HandleIndex.Site(block: 0, index: 5)])
        #expect(index.callsByResult[Self.variable("w")] == nil)
    }
}
