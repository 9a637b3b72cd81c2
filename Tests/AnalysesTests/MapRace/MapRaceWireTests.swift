import ConcIR
import Testing
@testable import Analyses

/// The cache's encoding of map-race summaries and races: what is written
/// reads back equal, in another run's node numbers; equal summaries give
/// equal bytes whatever order their sets iterate in (the bytes are hashed
/// into the keys of callers); damaged bytes and functions that are gone
/// read as nothing.
@Suite struct MapRaceWireTests {
    static let names = ["p.Put", "p.Get", "p.Run", "p.Run.func1"]

    static func site(_ node: Int, _ line: Int, _ kind: SiteStep.Kind) -> SiteStep {
        SiteStep(function: node, position: Position(line, 2), kind: kind)
    }

    static func place(_ root: AccessRoot, _ steps: [PathStep] = []) -> AbstractPlace { AbstractPlace(root, steps) }

    /// A summary touching every field: locks with and without a type key,
    /// signals, waits, trails, a local of another function, an assumption,
    /// a parallel test's access.
    static func summary(signalOrder: [AbstractPlace]) -> MapRaceSummary {
        var assumption = ParameterAssumption()
        assumption.assume(2, true)
        assumption.assume(5, false)
        let mu = HeldLock(lock: place(.parameter(0), [.field("mu")]), mode: .exclusive, typeKey: "p.S.mu")
        let once = HeldLock(lock: place(.global("p.once")), mode: .onceBody)
        let write = MapAccess(map: place(.parameter(0), [.field("items"), .element]), isWrite: true, locks: LockSet([mu, once]),
                              signalsAfter: Set(signalOrder), waitedBefore: [place(.local(owner: 2, name: "done"))],
                              startedAfter: [place(.parameter(0), [.field("stopped")])], site: site(0, 12, .access), name: "s.items[...]", trail: [site(2, 30, .call), site(0, 11, .call)],
                              spawnTrail: [site(2, 28, .spawn)], perIteration: true, assumption: assumption)
        let read = MapAccess(map: place(.result(1)), isWrite: false, locks: LockSet(), signalsAfter: [], waitedBefore: [],
                             site: site(1, 20, .access), name: "m", trail: [], spawnTrail: [])
        var parallel = read
        parallel.inParallelTest = true
        parallel.spawnTrail = [site(1, 8, .parallelTest)]
        var s = MapRaceSummary()
        s.accesses = [write, read]
        s.background = [read, parallel]
        s.acquires = [mu]
        s.releases = [nil, place(.parameter(1))]
        s.signals = Set(signalOrder)
        s.waits = [place(.local(owner: 3, name: "%4"), [.field("wg")])]
        return s
    }

    static let signals = [place(.parameter(0), [.field("ch")]), place(.global("p.done")), place(.local(owner: 2, name: "wg"))]

    static func encode(_ s: MapRaceSummary) -> (bytes: [UInt8], table: [String]) {
        var w = MapRaceWire.Writer(names: names)
        w.summary(s)
        return (w.bytes, w.table)
    }

    @Test func aSummaryReadsBackEqualInAnotherRunsNumbers() throws {
        let s = Self.summary(signalOrder: Self.signals)
        let (bytes, table) = Self.encode(s)
        // Each name once, however often it is written.
        #expect(Set(table).count == table.count && table.contains("p.Run"))
        // The same functions, numbered otherwise in the reading run.
        let renumbered = Dictionary(uniqueKeysWithValues: Self.names.reversed().enumerated().map { ($1, $0) })
        var r = MapRaceWire.Reader(bytes, table: table, node: { renumbered[$0] })
        let back = try r.summary()
        #expect(r.isAtEnd)
        #expect(back.accesses[0].site.function == renumbered["p.Put"])
        #expect(back.accesses[0].trail.map(\.function) == [renumbered["p.Run"], renumbered["p.Put"]])
        #expect(back.waits.first?.root == .local(owner: renumbered["p.Run.func1"]!, name: "%4"))
        // Read in the writing run's numbers, it is the summary written.
        var same = MapRaceWire.Reader(bytes, table: table, node: { Self.names.firstIndex(of: $0) })
        #expect(try same.summary() == s)
    }

    @Test func equalSummariesGiveEqualBytesWhateverTheOrderOfTheirSets() {
        let forward = Self.encode(Self.summary(signalOrder: Self.signals))
        for order in [Array(Self.signals.reversed()), [Self.signals[1], Self.signals[2], Self.signals[0]]] {
            let other = Self.encode(Self.summary(signalOrder: order))
            #expect(other.bytes == forward.bytes)
            #expect(other.table == forward.table)
        }
        var changed = Self.summary(signalOrder: Self.signals)
        changed.accesses[0].isWrite = false
        #expect(Self.encode(changed).bytes != forward.bytes)
    }

    @Test func aRaceReadsBack() throws {
        let s = Self.summary(signalOrder: Self.signals)
        let race = RaceReport(context: 2,
                              first: RaceSide(access: s.accesses[0], origin: Self.site(2, 28, .spawn), entry: 3, isAnotherInstance: true),
                              second: RaceSide(access: s.accesses[1], origin: nil, entry: nil, perRequest: true))
        var w = MapRaceWire.Writer(names: Self.names)
        w.race(race)
        w.race(race)
        var r = MapRaceWire.Reader(w.bytes, table: w.table, node: { Self.names.firstIndex(of: $0) })
        for _ in 0..<2 {
            let back = try r.race()
            #expect(back.context == 2 && back.first.entry == 3 && back.first.isAnotherInstance && back.second.origin == nil)
            #expect(back.first.access == race.first.access && back.second.access == race.second.access && back.second.perRequest)
        }
        #expect(r.isAtEnd)
    }

    @Test func damagedBytesAndFunctionsThatAreGoneReadAsNothing() {
        let (bytes, table) = Self.encode(Self.summary(signalOrder: Self.signals))
        // p.Run no longer exists.
        var gone = MapRaceWire.Reader(bytes, table: table, node: { $0 == "p.Run" ? nil : Self.names.firstIndex(of: $0) })
        #expect(throws: MapRaceWire.Malformed.self) { try gone.summary() }
        // Cut short anywhere, or with a table too short for its indices.
        for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 40)) {
            var short = MapRaceWire.Reader(Array(bytes[..<cut]), table: table, node: { Self.names.firstIndex(of: $0) })
            #expect(throws: MapRaceWire.Malformed.self) { try short.summary() }
        }
        var noTable = MapRaceWire.Reader(bytes, table: [], node: { Self.names.firstIndex(of: $0) })
        #expect(throws: MapRaceWire.Malformed.self) { try noTable.summary() }
    }

    /// Every byte of a summary's encoding changed in turn, and the table
    /// shuffled: each reading throws or gives a summary that reads back
    /// the same after writing it again; none traps.
    @Test func changedBytesThrowOrReadBackStable() throws {
        let (bytes, table) = Self.encode(Self.summary(signalOrder: Self.signals))
        let node: (String) -> Int? = { Self.names.firstIndex(of: $0) }
        var decoded = 0
        var thrown = 0
        var generator = SplitMix(seed: 0x5EED)  // RobustnessTests': the same changes in every run
        for i in bytes.indices {
            for change in [UInt8(0x01), 0x80, UInt8(truncatingIfNeeded: generator.next())] {
                var damaged = bytes
                damaged[i] ^= change == 0 ? 0x40 : change
                var r = MapRaceWire.Reader(damaged, table: table.shuffled(using: &generator), node: node)
                guard let summary = try? r.summary() else {
                    thrown += 1
                    continue
                }
                decoded += 1
                var w = MapRaceWire.Writer(names: Self.names)
                w.summary(summary)
                var again = MapRaceWire.Reader(w.bytes, table: w.table, node: node)
                #expect(try again.summary() == summary)
            }
        }
        #expect(thrown > 0 && decoded + thrown == bytes.count * 3)
    }
}

