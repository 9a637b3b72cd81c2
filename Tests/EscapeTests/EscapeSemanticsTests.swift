import Escape
import Testing

/// The compiler's decisions on small programs, one concern each (the
/// expected lines are what `go build -gcflags='-m -l'` prints for them).
@Suite struct EscapeSemanticsTests {
    @Test func pointerToLocalReturnedMovesToHeap() {
        let d = EscapeFixture.decisions("""
        package p
        func f() *int {
        \tx := 1
        \treturn &x
        }
        """)
        #expect(d == ["3:2: moved to heap: x"])
    }

    /// `new(x)` (Go 1.26) stores x in the new variable: a pointer kept
    /// there goes where the new variable goes. `new(T)` holds nothing.
    @Test func newOfAValueHoldsIt() {
        let d = EscapeFixture.decisions("""
        package p
        var g **int
        func kept(p *int) { g = new(p) }
        func local(p *int) int { q := new(p); return **q }
        func empty() { g = new(*int) }
        """)
        #expect(d == ["3:11: leaking param: p", "3:28: new(p) escapes to heap",
                      "4:12: p does not escape", "4:34: new(p) does not escape",
                      "5:23: new(*int) escapes to heap"])
    }

    @Test func parameterTagsByLevel() {
        let d = EscapeFixture.decisions("""
        package p
        var g *int
        func a(p *int) { g = p }
        func b(p *int) *int { return p }
        func c(p **int) *int { return *p }
        func d(p *int) int { return *p }
        """)
        #expect(d == ["3:8: leaking param: p", "4:8: leaking param: p to result ~r0 level=0",
                      "5:8: leaking param: p to result ~r0 level=1", "6:8: p does not escape"])
    }

    @Test func callersUseCalleeTags() {
        let d = EscapeFixture.decisions("""
        package p
        func id(p *int) *int { return p }
        func use() int {
        \tx := 1
        \treturn *id(&x)
        }
        """)
        #expect(d == ["2:9: leaking param: p to result ~r0 level=0"])
    }

    @Test func recursionIsOneBatch() {
        let d = EscapeFixture.decisions("""
        package p
        var g *int
        func even(p *int, n int) { if n > 0 { odd(p, n-1) } }
        func odd(p *int, n int) { if n == 1 { g = p } else { even(p, n-1) } }
        """)
        #expect(d.contains("3:11: leaking param: p"))
        #expect(d.contains("4:10: leaking param: p"))
    }

    @Test func closureCapturesByReferenceWhenReassigned() {
        let d = EscapeFixture.decisions("""
        package p
        func f() func() int {
        \tn := 0
        \treturn func() int { n++; return n }
        }
        func g() func() int {
        \tn := 0
        \treturn func() int { return n }
        }
        """)
        #expect(d == ["3:2: moved to heap: n", "4:9: func literal escapes to heap", "8:9: func literal escapes to heap"])
    }

    @Test func deferredClosureInALoopEscapes() {
        let d = EscapeFixture.decisions("""
        package p
        func f(n int) {
        \tdefer func() {}()
        \tfor i := 0; i < n; i++ {
        \t\tdefer func() {}()
        \t}
        }
        """)
        #expect(d == ["3:8: func literal does not escape", "5:9: func literal escapes to heap"])
    }

    @Test func interfaceConversionsAndConstants() {
        let d = EscapeFixture.decisions("""
        package p
        var sink interface{}
        func f(n int, p *int) {
        \tsink = n
        \tsink = 5
        \tsink = p
        }
        """)
        #expect(d == ["3:15: leaking param: p", "4:2: n escapes to heap", "5:2: 5 escapes to heap"])
    }

    @Test func stackSizeLimits() {
        let d = EscapeFixture.decisions("""
        package p
        func f(n int) int {
        \tvar big [11 << 20]byte
        \tsmall := make([]byte, 8)
        \tlarge := make([]byte, 100000)
        \tsized := make([]byte, n)
        \treturn len(big) + len(small) + len(large) + len(sized)
        }
        """)
        #expect(d == ["3:6: moved to heap: big", "4:15: make([]byte, 8) does not escape",
                      "5:15: make([]byte, 100000) escapes to heap", "6:15: make([]byte, n) escapes to heap"])
    }

    @Test func noescapeDirectiveOnBodilessFunctions() {
        let d = EscapeFixture.decisions("""
        package p
        //go:noescape
        func a(p *byte)
        func b(p *byte)
        """)
        #expect(d == ["3:8: p does not escape", "4:8: leaking param: p"])
    }

    @Test func explanationsFollowTheFlow() {
        let r = EscapeFixture.report("""
        package p
        type node struct{ next *node }
        var head *node
        func push() {
        \tn := node{}
        \tp := &n
        \thead = p
        }
        """, options: EscapeOptions(explain: true))
        let moved = r.ordered.first { $0.kind == .movedToHeap }
        #expect(moved?.message == "moved to heap: n")
        #expect(moved?.explanation.map(\.text) == ["&n flows to p (address taken)", "p flows to the heap (assigned)"])
    }

    @Test func codeThatDoesNotTypeCheckDegradesWithoutCrashing() {
        let d = EscapeFixture.decisions("""
        package p
        func f(q *Missing) *int {
        \tx := undefined(q)
        \treturn &x
        }
        """)
        #expect(d.contains("3:2: moved to heap: x"))
    }

    @Test func hugeFunctionsDegradeToEscapesAndAreMarkedUnknown() {
        var body = ""
        for i in 0..<50 { body += "\tv\(i) := new(int)\n\t_ = v\(i)\n" }
        let r = EscapeFixture.report("package p\nfunc f() {\n\(body)}\n", options: EscapeOptions(maxWorkPerBatch: 20))
        #expect(!r.ordered.isEmpty)
        #expect(r.ordered.allSatisfy { $0.unknown && $0.kind.isHeap })
        #expect(r.functionsUnknown == 1)
    }

    @Test func recursionThroughInterfacesTerminates() {
        let d = EscapeFixture.decisions("""
        package p
        type I interface{ M(p *int) }
        type T struct{ i I }
        func (t T) M(p *int) { t.i.M(p) }
        """)
        #expect(d == ["4:7: leaking param: t", "4:14: leaking param: p"])
    }

    @Test func cgoFilesDoNotCrash() {
        let d = EscapeFixture.decisions("""
        package p
        // #include <stdlib.h>
        import "C"
        func f() *int { x := 1; return &x }
        """)
        #expect(d == ["4:17: moved to heap: x"])
    }

    @Test func inliningReportsCalleeAllocationsAtTheCallSite() {
        let d = EscapeFixture.decisions("""
        package p
        type T struct{ n int }
        func NewT(n int) *T { return &T{n: n} }
        func use() int {
        \tt := NewT(3)
        \treturn t.n
        }
        var sink *T
        func keep() { sink = NewT(4) }
        """, options: EscapeOptions(inlining: true))
        #expect(d.contains("3:6: can inline NewT"))
        #expect(d.contains("3:30: &T{...} escapes to heap"))
        #expect(d.contains("5:11: inlining call to NewT"))
        #expect(d.contains("5:11: &T{...} does not escape"))
        #expect(d.contains("9:26: &T{...} escapes to heap"))
    }
}
