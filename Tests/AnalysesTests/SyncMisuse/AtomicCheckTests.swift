import Findings
import Testing
@testable import Analyses

/// SY1004-SY1008: load-modify-store with and without locks, in-place
/// writes through the loaded value, concrete types stored, plain accesses
/// next to atomic ones, copies of sync values.
@Suite struct AtomicCheckTests {
    static let header = """
        package example.com/a
        file "test.cir"
        type example.com/a.Config struct{ limits map[string]int; name string; mu sync.Mutex }
        type example.com/a.Stats struct{ hits int64; n sync/atomic.Int64 }
        global example.com/a.cfg sync/atomic.Value
        global example.com/a.mu sync.Mutex
        global example.com/a.next sync/atomic.Int64

        """

    @Test func loadThenStoreOfAComputedValue() {
        let o = SyncHarness.run(Self.header + """
            func example.com/a.id() int64 {
                var id int64
            b0:
                %1 = atomic.load example.com/a.next
                assign id = ?
                ↓atomic.store example.com/a.next, id
                return id
            }
            """, rule: "SY1004")
        #expect(o.actual == o.expected)
        #expect(SyncHarness.steps(o.findings.first) == [
            "11 next is loaded here", "13 a value computed from it is stored here; a Store in between is lost",
        ])
    }

    @Test func aLockAtTheLoadOrInEveryCallerSerialisesTheUpdate() {
        let locked = SyncHarness.run(Self.header + """
            func example.com/a.update() {
                var c *example.com/a.Config
            b0:
                mutex.lock example.com/a.mu
                defer mutex.unlock example.com/a.mu
                %1 = atomic.value.load example.com/a.cfg
                assign c = %1
                %2 = alloc.lit *example.com/a.Config
                assign %2.limits = c.limits
                atomic.value.store example.com/a.cfg, %2
                return
            }
            """, rule: "SY1004")
        #expect(locked.actual.isEmpty)
        let callers = SyncHarness.run(Self.header + """
            func example.com/a.bumpLocked() {
            b0:
                %1 = atomic.load example.com/a.next
                atomic.store example.com/a.next, ?
                return
            }

            func example.com/a.bump() {
            b0:
                mutex.lock example.com/a.mu
                call example.com/a.bumpLocked()
                mutex.unlock example.com/a.mu
                return
            }
            """, rule: "SY1004")
        #expect(callers.actual.isEmpty)
        let oneCallerUnlocked = SyncHarness.run(Self.header + """
            func example.com/a.bumpLocked() {
            b0:
                %1 = atomic.load example.com/a.next
                ↓atomic.store example.com/a.next, ?
                return
            }

            func example.com/a.bump() {
            b0:
                mutex.lock example.com/a.mu
                call example.com/a.bumpLocked()
                mutex.unlock example.com/a.mu
                call example.com/a.bumpLocked()
                return
            }
            """, rule: "SY1004")
        #expect(oneCallerUnlocked.actual == oneCallerUnlocked.expected)
    }

    @Test func aTestedLoadAndAConstantStoreAreNotAnUpdate() {
        let o = SyncHarness.run(Self.header + """
            func example.com/a.setDefault() {
            b0:
                %1 = atomic.value.load example.com/a.cfg
                if ? then b1 else b2
            b1:
                %2 = alloc.lit *example.com/a.Config
                atomic.value.store example.com/a.cfg, %2
                jump b2
            b2:
                atomic.store example.com/a.next, 0
                return
            }
            """, rule: "SY1004")
        #expect(o.actual.isEmpty)
    }

    @Test func writesThroughTheLoadedPointerRaceWithReaders() {
        let o = SyncHarness.run(Self.header + """
            func example.com/a.set(k string, v int) {
                var c *example.com/a.Config
                var copy example.com/a.Config
            b0:
                %1 = atomic.value.load example.com/a.cfg
                assign c = %1
                assign copy = *c
                assign copy.name = k
                ↓map.write c.limits
                return
            }
            """, rule: "SY1005")
        #expect(o.actual == o.expected)
        #expect(o.findings.first?.related.first?.location.line == 12)
    }

    @Test func aMutexInsideTheValueGuardsItsField() {
        let o = SyncHarness.run(Self.header + """
            func example.com/a.rename(n string) {
                var c *example.com/a.Config
            b0:
                %1 = atomic.value.load example.com/a.cfg
                assign c = %1
                mutex.lock c.mu
                assign c.name = n
                mutex.unlock c.mu
                ↓assign c.name = n
                return
            }
            """, rule: "SY1005")
        #expect(o.actual == o.expected)
    }

    @Test func storesOfDifferentConcreteTypesAndNil() {
        let o = SyncHarness.run(Self.header + """
            func example.com/a.first(c *example.com/a.Config) {
            b0:
                atomic.value.store example.com/a.cfg, c
                return
            }

            func example.com/a.second(c example.com/a.Config, e error) {
            b0:
                ↓atomic.value.store example.com/a.cfg, c
                atomic.value.store example.com/a.cfg, e
                ↓atomic.value.store example.com/a.cfg, nil
                return
            }
            """, rule: "SY1006")
        #expect(o.actual == o.expected)
        #expect(o.findings.first?.related.first?.location.line == 10)
    }

    @Test func plainAccessesNextToAtomicOnes() {
        let o = SyncHarness.run(Self.header + """
            func (s *example.com/a.Stats) Hit() {
            b0:
                atomic.add s.hits, 1
                return
            }

            func (s *example.com/a.Stats) Flush() int64 {
                var n int64
            b0:
                ↓assign n = s.hits
                ↓assign s.hits = 0
                use n
                ↓return s.hits
            }

            func example.com/a.New() *example.com/a.Stats {
            b0:
                %1 = alloc.lit *example.com/a.Stats
                assign %1.hits = 0
                return %1
            }
            """, rule: "SY1007")
        #expect(o.actual == o.expected)
    }

    @Test func copiesOfOnceAndTypedAtomics() {
        let o = SyncHarness.run(Self.header + """
            ↓func (s example.com/a.Stats) Total() int64 {
            b0:
                %1 = atomic.load s.n
                return %1
            }

            func example.com/a.snapshot(p *example.com/a.Stats) int64 {
                var s example.com/a.Stats
            b0:
                ↓assign s = *p
                return 0
            }
            """, rule: "SY1008")
        #expect(o.actual == o.expected)
    }
}
