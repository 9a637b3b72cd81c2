import ConcIR
import Testing

/// An interface call on a local that only ever holds what a constructor
/// returns is followed into that type's method alone
/// (`InterfaceCallNarrowing`); anything the narrowing cannot see through
/// keeps every implementation.
@Suite struct InterfaceCallNarrowingTests {
    private static let source = """
    package report

    type Report interface{ Stats() int }

    type report struct{ n int }

    func (r *report) Stats() int { return r.n }

    type weighted struct{ base Report }

    func (w *weighted) Stats() int { return w.base.Stats() * 2 }

    // NewSample returns a *report behind the interface.
    func NewSample() Report {
    \tr := &report{}
    \treturn r
    }

    // NewEither returns one type or the other.
    func NewEither(w bool) Report {
    \tif w {
    \t\treturn &weighted{base: NewSample()}
    \t}
    \treturn NewSample()
    }

    func Narrowed() int {
    \tr := NewSample()
    \treturn r.Stats()
    }

    func Either() int {
    \tr := NewEither(true)
    \treturn r.Stats()
    }

    func Parameter(r Report) int { return r.Stats() }

    func ReassignedByClosure() int {
    \tr := NewSample()
    \tfunc() { r = &weighted{base: r} }()
    \treturn r.Stats()
    }

    func AddressTaken() int {
    \tr := NewSample()
    \tp := &r
    \t*p = &weighted{}
    \treturn r.Stats()
    }
    """

    private func targets(_ function: String) throws -> [String] {
        let f = try #require(OneFilePackage.function(function, of: Self.source, name: "report", file: "report.go"))
        let calls = f.blocks.flatMap(\.instructions).compactMap { inst -> [String]? in
            guard case .interface(let name, let implementations)? = inst.callee, name.hasSuffix(".Stats") else { return nil }
            return implementations
        }
        return try #require(calls.first)
    }

    private let report = "(*example.com/report.report).Stats"
    private let weighted = "(*example.com/report.weighted).Stats"

    @Test func aConstructorsConcreteTypeNarrowsTheCall() throws {
        #expect(try targets("Narrowed") == [report])
    }

    @Test func aConstructorOfTwoTypesKeepsBoth() throws {
        #expect(try targets("Either") == [report, weighted])
    }

    @Test func whatTheNarrowingCannotSeeThroughKeepsEveryImplementation() throws {
        #expect(try targets("Parameter") == [report, weighted])
        #expect(try targets("ReassignedByClosure") == [report, weighted])
        #expect(try targets("AddressTaken") == [report, weighted])
    }
}
