import Findings
import Testing
@testable import Analyses

/// SY1001-SY1003 on small IR programs: which paths count as reset, which
/// Puts clean a pool, what counts as a use after Put, which values are
/// pointer-shaped.
@Suite struct PoolCheckTests {
    static let header = """
        package example.com/p
        file "test.cir"
        type example.com/p.rec struct{ id int; tags []string }
        global example.com/p.bufs sync.Pool
        global example.com/p.recs sync.Pool

        """

    @Test func bufferUsedBeforeResetOnOneBranch() {
        let o = SyncHarness.run(Self.header + """
            func example.com/p.render(fresh bool) string {
                var buf *bytes.Buffer
                var s string
            b0:
                ↓%1 = pool.get example.com/p.bufs
                assign buf = %1
                if fresh then b1 else b2
            b1:
                call (*bytes.Buffer).Reset(buf)
                jump b2
            b2:
                call (*bytes.Buffer).WriteString(buf, "x")
                %2 = call (*bytes.Buffer).String(buf)
                assign s = %2
                pool.put example.com/p.bufs, buf
                return s
            }
            """, rule: "SY1001")
        #expect(o.actual == o.expected)
        // The witness takes the branch that skips the Reset and ends at the first use.
        #expect(SyncHarness.steps(o.findings.first) == [
            "10 buf is taken from bufs", "12 the condition is false", "17 buf is used here with the last user's contents",
        ])
    }

    @Test func resetAfterEveryGetOrBeforeEveryPutIsClean() {
        let afterGet = SyncHarness.run(Self.header + """
            func example.com/p.render() {
                var buf *bytes.Buffer
            b0:
                %1 = pool.get example.com/p.bufs
                assign buf = %1
                call (*bytes.Buffer).Reset(buf)
                call (*bytes.Buffer).WriteString(buf, "x")
                defer pool.put example.com/p.bufs, buf
                return
            }
            """, rule: "SY1001")
        #expect(afterGet.actual.isEmpty)
        let beforePut = SyncHarness.run(Self.header + """
            func example.com/p.put(b *bytes.Buffer) {
            b0:
                call (*bytes.Buffer).Reset(b)
                pool.put example.com/p.bufs, b
                return
            }

            func example.com/p.render() {
                var buf *bytes.Buffer
            b0:
                %1 = pool.get example.com/p.bufs
                assign buf = %1
                call (*bytes.Buffer).WriteString(buf, "x")
                call example.com/p.put(buf)
                return
            }
            """, rule: "SY1001")
        #expect(beforePut.actual.isEmpty)
    }

    @Test func oneDirtyPutMakesThePoolDirty() {
        let o = SyncHarness.run(Self.header + """
            func example.com/p.put(b *bytes.Buffer) {
            b0:
                call (*bytes.Buffer).Reset(b)
                pool.put example.com/p.bufs, b
                return
            }

            func example.com/p.putFast(b *bytes.Buffer) {
            b0:
                pool.put example.com/p.bufs, b
                return
            }

            func example.com/p.render() {
                var buf *bytes.Buffer
            b0:
                ↓%1 = pool.get example.com/p.bufs
                assign buf = %1
                call (*bytes.Buffer).WriteString(buf, "x")
                call example.com/p.put(buf)
                return
            }
            """, rule: "SY1001")
        #expect(o.actual == o.expected)
    }

    @Test func structFieldsReadBeforeWrittenAndTruncation() {
        let stale = SyncHarness.run(Self.header + """
            func example.com/p.tag(id int, t string) int {
                var r *example.com/p.rec
            b0:
                ↓%1 = pool.get example.com/p.recs
                assign r = %1
                assign r.id = id
                assign r.tags = r.tags
                use r.tags
                pool.put example.com/p.recs, r
                return id
            }
            """, rule: "SY1001")
        #expect(stale.actual == stale.expected)
        #expect(stale.findings.first?.message.hasPrefix("r.tags is read on line 12 before it is set") == true)
        // `r.tags = r.tags[:0]` lowers to `assign r.tags = ?`: a reset of the field.
        let truncated = SyncHarness.run(Self.header + """
            func example.com/p.tag(id int, t string) int {
                var r *example.com/p.rec
            b0:
                %1 = pool.get example.com/p.recs
                assign r = %1
                assign r.tags = ?
                assign r.tags = r.tags
                use r.id
                pool.put example.com/p.recs, r
                return id
            }
            """, rule: "SY1001")
        #expect(truncated.actual == ["9:5"], "r.id is still stale, r.tags is not")
    }

    /// A Put that zeroes a field (a constant, nil, a truncation) hands out
    /// objects whose field is clean; a Put that appends to the field or
    /// stores a caller's value in it after zeroing hands it out dirty.
    @Test func putsCleanOnlyTheFieldsTheyLeaveZeroed() {
        let reader = """
            func example.com/p.tag(t string) int {
                var r *example.com/p.rec
            b0:
                ↓%1 = pool.get example.com/p.recs
                assign r = %1
                assign r.tags = r.tags
                use r.id
                call example.com/p.release(r, 0)
                return 0
            }

            """
        let zeroing = SyncHarness.run(Self.header + reader.replacingOccurrences(of: "↓", with: "") + """
            func example.com/p.release(r *example.com/p.rec, id int) {
            b0:
                assign r.id = 0
                assign r.tags = ?
                pool.put example.com/p.recs, r
                return
            }
            """, rule: "SY1001")
        #expect(zeroing.actual.isEmpty)
        let appending = SyncHarness.run(Self.header + reader + """
            func example.com/p.release(r *example.com/p.rec, id int) {
            b0:
                assign r.id = 0
                assign r.tags = ?
                assign r.tags = r.tags
                pool.put example.com/p.recs, r
                return
            }
            """, rule: "SY1001")
        #expect(appending.actual == appending.expected)
        #expect(appending.findings.first?.message.hasPrefix("r.tags is read on line 11 before it is set") == true)
        let storing = SyncHarness.run(Self.header + reader + """
            func example.com/p.release(r *example.com/p.rec, id int) {
            b0:
                %1 = alloc.lit example.com/p.rec
                assign *r = %1
                assign r.id = id
                pool.put example.com/p.recs, r
                return
            }
            """, rule: "SY1001")
        #expect(storing.actual == storing.expected)
        #expect(storing.findings.first?.message.hasPrefix("r.id is read on line 12 before it is set") == true)
    }

    /// The fix puts `buf.Reset()` on the line after the statement that
    /// gives the object its `*T` variable (after the whole statement when it
    /// spans lines), and is not offered for `buf, _ := ...`, where buf may
    /// be nil and Reset on it would panic.
    @Test func fixInsertsTheResetAfterTheGet() throws {
        let go = """
            package p

            func render() {
            \tbuf := bufs.Get().(*bytes.Buffer)
            \tbuf.WriteString("x")
            }

            func tolerant() {
            \tbuf, _ := bufs.Get().(*bytes.Buffer)
            \tif buf == nil {
            \t\tbuf = new(bytes.Buffer)
            \t}
            \tbuf.WriteString("x")
            }

            func twoSteps() {
            \tv := bufs.Get()
            \tbuf := v.(
            \t\t*bytes.Buffer)
            \tbuf.WriteString("x")
            }
            """
        let o = SyncHarness.run(Self.header + """
            func example.com/p.render() @3:1 {
                var buf *bytes.Buffer
            b0:
                %1 = pool.get example.com/p.bufs @4:9
                assign buf = %1 @4:2
                call (*bytes.Buffer).WriteString(buf, "x") @5:2
                return @6:1
            }

            func example.com/p.tolerant() @8:1 {
                var buf *bytes.Buffer
            b0:
                %1 = pool.get example.com/p.bufs @9:12
                assign buf = %1 @9:2
                if ? then b1 else b2 @10:5
            b1:
                %2 = alloc.new bytes.Buffer @11:9
                assign buf = %2 @11:3
                jump b2 @12:2
            b2:
                call (*bytes.Buffer).WriteString(buf, "x") @13:2
                return @14:1
            }

            func example.com/p.twoSteps() @16:1 {
                var v any
                var buf *bytes.Buffer
            b0:
                %1 = pool.get example.com/p.bufs @17:7
                assign v = %1 @17:2
                assign buf = v @18:2
                call (*bytes.Buffer).WriteString(buf, "x") @20:2
                return @21:1
            }
            """, rule: "SY1001", goSource: go)
        #expect(o.actual == ["17:7", "4:9", "9:12"])
        let fixes = o.findings.map { f in
            f.fixes.flatMap(\.edits).map { "\($0.startLine):\($0.startColumn)-\($0.endLine):\($0.endColumn) \($0.text)" }
        }
        #expect(fixes == [["5:1-5:1 \tbuf.Reset()\n"], [], ["20:1-20:1 \tbuf.Reset()\n"]])
        let first = try #require(o.findings.first?.fixes.first)
        #expect(first.description == "insert `buf.Reset()` after Get")
        #expect(first.edits.first?.file == "test.cir")
    }

    @Test func useAfterPutAndViewsReturnedPastADeferredPut() {
        let used = SyncHarness.run(Self.header + """
            func example.com/p.store(id int) int {
                var r *example.com/p.rec
            b0:
                %1 = pool.get example.com/p.recs
                assign r = %1
                assign r.id = id
                ↓pool.put example.com/p.recs, r
                return r.id
            }
            """, rule: "SY1002")
        #expect(used.actual == used.expected)
        let view = SyncHarness.run(Self.header + """
            func example.com/p.bytes() []byte {
                var buf *bytes.Buffer
            b0:
                %1 = pool.get example.com/p.bufs
                assign buf = %1
                ↓defer pool.put example.com/p.bufs, buf
                %2 = call (*bytes.Buffer).Bytes(buf)
                return %2
            }
            """, rule: "SY1002")
        #expect(view.actual == view.expected)
        let copied = SyncHarness.run(Self.header + """
            func example.com/p.text() string {
                var buf *bytes.Buffer
            b0:
                %1 = pool.get example.com/p.bufs
                assign buf = %1
                defer pool.put example.com/p.bufs, buf
                %2 = call (*bytes.Buffer).String(buf)
                return %2
            }
            """, rule: "SY1002")
        #expect(copied.actual.isEmpty)
    }

    @Test func aNewObjectInTheSameVariableIsNotAUseAfterPut() {
        let o = SyncHarness.run(Self.header + """
            func example.com/p.each(n int) {
                var buf *bytes.Buffer
            b0:
                jump b1
            b1: loop
                %1 = pool.get example.com/p.bufs
                assign buf = %1
                call (*bytes.Buffer).Reset(buf)
                pool.put example.com/p.bufs, buf
                if ? then b1 else b2
            b2:
                return
            }
            """, rule: "SY1002")
        #expect(o.actual.isEmpty)
    }

    @Test func valuesInAPoolAllocate() {
        let o = SyncHarness.run(Self.header + """
            func example.com/p.init() {
            b0:
                %1 = alloc.lit sync.Pool
                assign %1.New = func example.com/p.init.func1
                assign example.com/p.bufs = %1
                return
            }

            ↓func example.com/p.init.func1() any {
                parent example.com/p.init
            b0:
                %1 = alloc.make []byte, 0, 64
                return %1
            }

            func example.com/p.keep(b []byte, p *[]byte, m map[string]int, r example.com/p.rec) {
            b0:
                ↓pool.put example.com/p.bufs, b
                pool.put example.com/p.bufs, p
                pool.put example.com/p.bufs, m
                ↓pool.put example.com/p.recs, r
                return
            }
            """, rule: "SY1003")
        #expect(o.actual == o.expected)
    }
}
