import ConcIR
import ContentHash
import Discovery
import Foundation
import RuleEngine

/// The map-race analysis's results kept between runs: per call-graph
/// component with anything to analyse, its races, its counters, and the
/// summaries of its members that another function may read. After an
/// edit, a component nothing it reads changed is taken as it was; the
/// others are analysed again, on the summaries of callees taken or
/// analysed before them (the analysis runs callees first).
///
/// A component's key hashes what its analysis reads:
/// - each member's name and digest (`FunctionDigests`: its text, its
///   closures', its package's and its imports' declarations), and for a
///   closure its enclosing function's digest (the resolver follows a
///   captured variable to the function value the parent stored in it);
/// - what is decided outside a member's text: the locks every caller
///   holds around its calls (`MapRaceCallerLocks`), whether its module has
///   per-iteration loop variables, and whether anything calls or names it
///   (only then is its summary stored, see below);
/// - each function the members call or name (any call-graph edge out of
///   the component): its name, its digest (a call site is translated with
///   the callee's parameters) and its summary, which stands for
///   everything below it. A change below that leaves a summary as it was
///   stops there;
/// - the rules, the program-wide channel fields used as semaphores and
///   the pointer fields that name another lock (`settings`).
/// A summary read besides, with no call-graph edge (a handler's
/// `ServeHTTP`, read by type where the handler is registered; a function
/// value the resolver followed through a captured variable), is stored
/// with its digest and summary hash and checked before reuse.
///
/// Summaries are stored only for members something calls or names, and
/// for `ServeHTTP` methods (`HandlerSelfCheck` reads them by type) and
/// initializers and `main`s (`InitGoroutineCheck`) and parallel tests
/// (`ParallelTestCheck`): the
/// roots, tests above all, have the largest summaries and no reader. A
/// new caller changes the member's key, so its summary is then computed.
struct MapRaceReuse {
    /// A component as stored: one blob of `MapRaceWire` bytes, since the
    /// summaries are bytes already and JSON around each field cost more
    /// than the analysis it saved.
    struct Stored: Codable {
        /// Members by their position in name order, with their summaries.
        var summaries: [(member: Int, summary: Encoded)] = []
        var races = Encoded(bytes: [], names: [])
        var counters: [Int] = []
        /// Summaries read besides the callees': name to digest and summary hash.
        var reads: [String: String] = [:]

        var isEmpty: Bool { summaries.isEmpty && races.bytes.isEmpty && counters.allSatisfy { $0 == 0 } && reads.isEmpty }

        init() {}

        init(from decoder: Decoder) throws {
            var r = MapRaceWire.Reader([UInt8](try decoder.singleValueContainer().decode(Data.self)))
            summaries = try r.list { r in (try r.int(), try Stored.encoded(&r)) }
            races = try Stored.encoded(&r)
            counters = try r.list { try $0.int() }
            reads = Dictionary(try r.list { r in (try r.spelled(), try r.spelled()) }, uniquingKeysWith: { first, _ in first })
            guard r.isAtEnd else { throw MapRaceWire.Malformed() }
        }

        func encode(to encoder: Encoder) throws {
            var w = MapRaceWire.Writer(names: [])
            w.int(summaries.count)
            for (member, summary) in summaries {
                w.int(member)
                Stored.write(summary, &w)
            }
            Stored.write(races, &w)
            w.int(counters.count)
            for c in counters { w.int(c) }
            w.int(reads.count)
            for (name, mark) in reads.sorted(by: { $0.key < $1.key }) {
                w.spelled(name)
                w.spelled(mark)
            }
            var c = encoder.singleValueContainer()
            try c.encode(Data(w.bytes))
        }

        private static func write(_ e: Encoded, _ w: inout MapRaceWire.Writer) {
            w.int(e.names.count)
            for name in e.names { w.spelled(name) }
            w.blob(e.bytes)
        }

        private static func encoded(_ r: inout MapRaceWire.Reader) throws -> Encoded {
            let names = try r.list { try $0.spelled() }
            return Encoded(bytes: try r.blob(), names: names)
        }
    }

    /// A summary or races as `MapRaceWire` writes them.
    struct Encoded {
        var bytes: [UInt8]
        var names: [String]
    }

    private var store: UnitStore<Stored>
    private let program: MapRaceProgram
    private let digests: FunctionDigests
    private let callerLocks: MapRaceCallerLocks
    /// Per module: the key of its package's entry (by import path and files).
    private let entries: [String]
    /// Per node: something calls or names it, or it is a `ServeHTTP`: its summary is stored.
    private let isRead: [Bool]
    /// Per node with a summary something reads: its encoding hashed (`noteSummaries`).
    private var summaryHashes: [Int: [UInt8]] = [:]
    /// Per component, by its smallest node: its place in the store.
    private var places: [Int: Place] = [:]
    /// Per component handed back by `lookup`, by its smallest node: its entry.
    private var reused: [Int: Stored] = [:]
    /// The summaries of the components `lookup` handed back, as stored,
    /// until `noteSummaries` takes them in.
    private var storedEncodings: [Int: Encoded] = [:]
    private(set) var reusedComponents = 0
    private let jobs: Parallelism

    init(memo: AnalysisMemo, rules: [Rule], program: MapRaceProgram, callerLocks: MapRaceCallerLocks, modules: [Module], jobs: Parallelism) {
        self.jobs = jobs
        var settings = rules.map { "\($0.id) \($0.category) \($0.level) \(String(reflecting: $0.goNotes))" }.sorted()
        settings.append("semaphores " + program.semaphoreFields.sorted().joined(separator: ","))
        settings.append("lock pointers " + program.lockPointers.description)
        settings.append("bounds \(MapRaceSummary.maxAccesses) \(MapRaceSummary.maxBackground) \(MapAccess.maxTrail)")
        var store = UnitStore<Stored>(memo: memo, kind: "maprace", settings: settings.joined(separator: "\n"), empty: Stored(),
                                      isEmpty: \.isEmpty)
        let entries = store.entryKeys(of: modules)
        store.preload(entries: entries, jobs: jobs)
        self.store = store
        self.entries = entries
        self.program = program
        self.callerLocks = callerLocks
        digests = memo.digests
        var isRead = (0..<program.count).map {
            ConcurrencyVocabulary.isServeHTTP(program.functions[$0]) || InitGoroutineCheck.reads(program.functions[$0])
                || ParallelTestCheck.reads(program.functions[$0])
        }
        for edge in program.callGraph.edges where edge.from != edge.to && edge.to < isRead.count { isRead[edge.to] = true }
        self.isRead = isRead
    }

    /// The components' outcomes from an earlier run, for those nothing
    /// read changed. Keys are computed and entries decoded in parallel
    /// (the components of a wave are independent), the store is read in order.
    mutating func lookup(_ components: [[Int]]) -> [MapRaceAnalysis.ComponentOutcome?] {
        let computed = parallelMap(count: components.count, jobs: jobs) { i in place(of: components[i]) }
        var found: [(index: Int, stored: Stored, place: Place)] = []
        for (i, place) in computed.enumerated() {
            guard let place, let anchor = components[i].min() else { continue }
            places[anchor] = place
            if let stored = store.cached(entry: place.entry, unit: place.unit) { found.append((i, stored, place)) }
        }
        let decoded = parallelMap(count: found.count, jobs: jobs) { k in outcome(found[k].stored, found[k].place) }
        var out = [MapRaceAnalysis.ComponentOutcome?](repeating: nil, count: components.count)
        for (k, hit) in found.enumerated() {
            guard let outcome = decoded[k], let anchor = components[hit.index].min() else { continue }
            out[hit.index] = outcome
            reused[anchor] = hit.stored
            for s in hit.stored.summaries { storedEncodings[hit.place.members[s.member].node] = s.summary }
            reusedComponents += 1
        }
        return out
    }

    /// This run's outcomes of a wave's components with work (analysed, or
    /// handed back by `lookup`).
    mutating func record(_ components: [[Int]], _ outcomes: [MapRaceAnalysis.ComponentOutcome?]) {
        var written: [Int: MapRaceSummary] = [:]
        for outcome in outcomes { written.merge(outcome?.writes ?? [:]) { _, new in new } }
        let encoded = noteSummaries(written)
        for (component, outcome) in zip(components, outcomes) {
            if let outcome { record(component, outcome, summaries: encoded) }
        }
    }

    /// Takes in the summaries a wave wrote that something may read, for
    /// the keys of the components that call them (a reused one's as they
    /// were stored, the others encoded here); returns them encoded, for `record`.
    private mutating func noteSummaries(_ writes: [Int: MapRaceSummary]) -> [Int: Encoded] {
        for (node, summary) in writes where summary.isEmpty || !isRead[node] { summaryHashes[node] = nil }
        let written = writes.filter { !$0.value.isEmpty && isRead[$0.key] }.keys.sorted()
        let names = program.callGraph.names
        let known = storedEncodings
        let encoded = parallelMap(count: written.count, jobs: jobs) { i -> (Encoded, [UInt8]) in
            let e: Encoded
            if let stored = known[written[i]] {
                e = stored
            } else {
                var w = MapRaceWire.Writer(names: names)
                w.summary(writes[written[i]]!)
                e = Encoded(bytes: w.bytes, names: w.table)
            }
            var hasher = SHA256()
            MapRaceReuse.feed(e, to: &hasher)
            return (e, hasher.finalize())
        }
        storedEncodings = [:]
        var out: [Int: Encoded] = [:]
        for (node, (e, hash)) in zip(written, encoded) {
            summaryHashes[node] = hash
            out[node] = e
        }
        return out
    }

    /// This run's outcome of a component, with the summaries its wave
    /// wrote (`noteSummaries`). One `lookup` handed back is kept as stored.
    private mutating func record(_ component: [Int], _ outcome: MapRaceAnalysis.ComponentOutcome, summaries: [Int: Encoded]) {
        guard let anchor = component.min(), let place = places[anchor] else { return }
        if let stored = reused[anchor] {
            store.record(entry: place.entry, unit: place.unit, stored, analysed: false)
            return
        }
        var stored = Stored()
        for (k, member) in place.members.enumerated() {
            if let e = summaries[member.node] { stored.summaries.append((k, e)) }
        }
        var w = MapRaceWire.Writer(names: program.callGraph.names)
        for race in outcome.races { w.race(race) }
        stored.races = Encoded(bytes: w.bytes, names: w.table)
        stored.counters = outcome.counters.values
        let inside = Set(component)
        for node in outcome.summariesRead where !inside.contains(node) && !place.callees.contains(node) && node < digests.count {
            stored.reads[program.callGraph.names[node]] = readMark(node)
        }
        store.record(entry: place.entry, unit: place.unit, stored, analysed: true)
    }

    func save() { store.save(jobs: jobs) }

    /// The stored outcome in this run's nodes; nil when it does not decode
    /// or a summary it read besides changed.
    private func outcome(_ stored: Stored, _ place: Place) -> MapRaceAnalysis.ComponentOutcome? {
        for (name, mark) in stored.reads {
            guard let node = program.callGraph.node(named: name), node < digests.count, readMark(node) == mark else { return nil }
        }
        let graph = program.callGraph
        var out = MapRaceAnalysis.ComponentOutcome()
        do {
            for s in stored.summaries {
                guard s.member >= 0, s.member < place.members.count else { return nil }
                var r = MapRaceWire.Reader(s.summary.bytes, table: s.summary.names, node: graph.node(named:))
                out.writes[place.members[s.member].node] = try r.summary()
                guard r.isAtEnd else { return nil }
            }
            // Members without a stored summary have none anyone reads.
            for member in place.members where out.writes[member.node] == nil { out.writes[member.node] = .empty }
            var r = MapRaceWire.Reader(stored.races.bytes, table: stored.races.names, node: graph.node(named:))
            while !r.isAtEnd { out.races.append(try r.race()) }
        } catch {
            return nil
        }
        guard let counters = MapRaceCounters(values: stored.counters) else { return nil }
        out.counters = counters
        return out
    }

    /// An encoding, table and bytes, each with its length.
    private static func feed(_ e: Encoded, to hasher: inout SHA256) {
        hasher.update(UInt64(e.names.count))
        for name in e.names { hasher.update(field: name) }
        hasher.update(UInt64(e.bytes.count))
        hasher.update(e.bytes)
    }

    /// A summary read besides the callees': its function's digest and its hash.
    private func readMark(_ node: Int) -> String {
        SHA256.hex(Array(digests[node]) + (summaryHashes[node] ?? []))
    }

    private struct Place {
        var entry: String
        var unit: String
        var members: [(name: String, node: Int)]
        /// What the members call or name outside the component: in the key.
        var callees: Set<Int>
    }

    /// The component's package entry, its key, and its members by name.
    private func place(of component: [Int]) -> Place? {
        let graph = program.callGraph
        let inside = Set(component)
        let members = component.filter { $0 < digests.count && $0 < program.count }.map { (name: graph.names[$0], node: $0) }
            .sorted { $0.name < $1.name }
        guard let first = members.first, members.count == component.count else { return nil }
        var hasher = SHA256()
        var outside = Set<Int>()
        let names = graph.names
        for member in members {
            hasher.update(field: member.name)
            hasher.update(digests[member.node])
            hasher.update(UInt64((isRead[member.node] ? 1 : 0) | (program.perIterationLoopVariables[member.node] ? 2 : 0)))
            if let parent = program.functions[member.node].parent, let p = graph.node(named: parent), p < digests.count {
                hasher.update(UInt64(1))
                hasher.update(digests[p])
            } else {
                hasher.update(UInt64(0))
            }
            var w = MapRaceWire.Writer(names: names)
            w.places(callerLocks[member.node])
            MapRaceReuse.feed(Encoded(bytes: w.bytes, names: w.table), to: &hasher)
            for callee in graph.callees(of: member.node) where !inside.contains(callee) { outside.insert(callee) }
        }
        let called = outside.map { (name: $0 < names.count ? names[$0] : "", node: $0) }.sorted { $0.name < $1.name }
        hasher.update(UInt64(called.count))
        for callee in called {
            guard callee.node < digests.count else { return nil }
            hasher.update(field: callee.name)
            hasher.update(digests[callee.node])
            let hash = summaryHashes[callee.node] ?? []
            hasher.update(UInt64(hash.count))
            hasher.update(hash)
        }
        return Place(entry: entries[graph.nodes[first.node].module], unit: store.unitKey(hasher.finalize()), members: members,
                     callees: outside)
    }
}
