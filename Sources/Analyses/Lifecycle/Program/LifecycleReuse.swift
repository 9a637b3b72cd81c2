import ConcIR
import ContentHash
import Discovery
import Findings
import RuleEngine

/// The lifecycle analysis's results kept between runs: per call-graph
/// component with anything to analyse, its members' summaries, its
/// findings and its searches over the bound. After an edit, a component
/// nothing it reads changed is taken as it was; the others are analysed
/// again, on the summaries of callees taken or analysed before them.
///
/// The engine runs callees first, so when it comes to a component, the
/// summaries of everything the component calls are this run's. Its key
/// hashes what its analysis reads:
/// - each member's digest (`FunctionDigests`: its text, its closures',
///   its package's and its imports' declarations) and name;
/// - what the analysis decides from outside a member's text: whether a
///   `go` statement starts it, under which models a finding can depend
///   on its summary (a holder of the resource above it), and for a
///   closure the digest of the function around it (`handedOff` reads the
///   closures beside it);
/// - each function the members call or name (any call-graph edge out of
///   the component): its digest, since the analysis reads a callee's
///   signature and a closure's body, and its summary under every model,
///   which stands for everything below it. A change below that leaves a
///   summary as it was stops there;
/// - the rules' lifecycle specs, levels and Go notes, and the bounds
///   (`settings`).
/// What the analysis read besides is stored with the result and checked
/// before reuse: the methods of a returned handle's type (`BodyReads`),
/// and the text of the files of findings with a `defer` fix, which copies
/// a line's indentation (few findings have one, and hashing every
/// member's file for them took a third of the time spent on keys).
struct LifecycleReuse {
    /// A component as stored. Members go by their position in name
    /// order (the key hashes their names), so that node numbers, which
    /// move when functions come and go elsewhere, are never stored. Most
    /// components find nothing: what is empty is left out.
    struct Stored: Codable {
        var summaries: [StoredSummary] = []
        var findings: [Finding] = []
        var exhausted = 0
        /// The functions read besides, by name, with their digests.
        var readFunctions: [String: String] = [:]
        /// The packages whose methods were listed, with a digest of the list.
        var readMethodLists: [String: String] = [:]
        /// The files of findings with a fix, with a digest of their text.
        var fixedFiles: [String: String] = [:]

        /// Nothing found, summarised or read: most components.
        var isEmpty: Bool {
            summaries.isEmpty && findings.isEmpty && exhausted == 0 && readFunctions.isEmpty && readMethodLists.isEmpty
                && fixedFiles.isEmpty
        }

        private enum CodingKeys: String, CodingKey {
            case summaries, findings, exhausted, readFunctions, readMethodLists, fixedFiles
        }

        init() {}

        init(summaries: [StoredSummary], findings: [Finding], exhausted: Int, readFunctions: [String: String],
             readMethodLists: [String: String], fixedFiles: [String: String]) {
            self.summaries = summaries
            self.findings = findings
            self.exhausted = exhausted
            self.readFunctions = readFunctions
            self.readMethodLists = readMethodLists
            self.fixedFiles = fixedFiles
        }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            summaries = try c.decodeIfPresent([StoredSummary].self, forKey: .summaries) ?? []
            findings = try c.decodeIfPresent([Finding].self, forKey: .findings) ?? []
            exhausted = try c.decodeIfPresent(Int.self, forKey: .exhausted) ?? 0
            readFunctions = try c.decodeIfPresent([String: String].self, forKey: .readFunctions) ?? [:]
            readMethodLists = try c.decodeIfPresent([String: String].self, forKey: .readMethodLists) ?? [:]
            fixedFiles = try c.decodeIfPresent([String: String].self, forKey: .fixedFiles) ?? [:]
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            if !summaries.isEmpty { try c.encode(summaries, forKey: .summaries) }
            if !findings.isEmpty { try c.encode(findings, forKey: .findings) }
            if exhausted != 0 { try c.encode(exhausted, forKey: .exhausted) }
            if !readFunctions.isEmpty { try c.encode(readFunctions, forKey: .readFunctions) }
            if !readMethodLists.isEmpty { try c.encode(readMethodLists, forKey: .readMethodLists) }
            if !fixedFiles.isEmpty { try c.encode(fixedFiles, forKey: .fixedFiles) }
        }
    }

    struct StoredSummary: Codable {
        /// The member's position in name order.
        var member: Int
        var model: Int
        var summary: ResourceSummary
    }

    private var store: UnitStore<Stored>
    private let program: AnalysedProgram
    private let digests: FunctionDigests
    private let models: Int
    private let sources: SourceText
    /// Per module: the key of its package's entry (by import path and files).
    private let entries: [String]
    /// Nodes a `go` statement starts.
    private let spawned: Set<Int>
    /// Per package path: the names of its methods (`BodyReads.methodLists`).
    private let methodNames: [String: [String]]
    /// Per component, by its smallest node: its place in the store.
    private var places: [Int: Place] = [:]
    /// Per file the members were in: the digest of its text.
    private var fileDigests: [String: [UInt8]] = [:]
    private(set) var reusedComponents = 0
    /// Threads for the keys of a wave's components.
    private let jobs: Parallelism
    /// Which nodes' summaries the engine computes: decided by their callers.
    private let demanded: DemandedSummaries

    init(memo: AnalysisMemo, rules: [Rule], program: AnalysedProgram, limits: AnalysisLimits, sources: SourceText,
         demanded: DemandedSummaries, jobs: Parallelism) {
        self.jobs = jobs
        self.demanded = demanded
        let settings = rules.map { r in
            "\(r.id) \(r.category) \(r.level) \(String(reflecting: r.goNotes)) \(String(reflecting: r.lifecycle))"
        }.joined(separator: "\n") + "\nstates \(limits.statesPerFunction) depth \(limits.callDepth) sources \(!sources.isEmpty)"
        var store = UnitStore<Stored>(memo: memo, kind: "lifecycle", settings: settings, empty: Stored(), isEmpty: \.isEmpty)
        let entries = store.entryKeys(of: program.modules)
        store.preload(entries: entries, jobs: jobs)
        self.entries = entries
        self.store = store
        self.program = program
        digests = memo.digests
        models = rules.count
        self.sources = sources
        spawned = program.spawnedByGo()
        var methods: [String: [String]] = [:]
        for node in 0..<program.nodeCount where program.function(node).receiver != nil {
            methods[program.module(of: node).packagePath, default: []].append(program.function(node).name)
        }
        methodNames = methods.mapValues { $0.sorted() }
    }

    /// The components' results from an earlier run, for those nothing
    /// read changed. Their keys are computed in parallel (the components
    /// of a wave are independent), the store is read in order.
    mutating func lookup(_ components: [[Int]], summaries: SummaryTable) -> [ReusedComponent?] {
        let computed = parallelMap(count: components.count, jobs: jobs) { i in
            place(of: components[i], summaries: summaries)
        }
        return zip(components, computed).map { component, place in
            guard let place, let anchor = component.min() else { return nil }
            places[anchor] = place
            guard let stored = store.cached(entry: place.entry, unit: place.unit), let reads = stillRead(stored) else { return nil }
            reusedComponents += 1
            let members = place.members
            return ReusedComponent(summaries: stored.summaries.compactMap { s in
                s.member < members.count ? NodeSummary(node: members[s.member].node, model: s.model, summary: s.summary) : nil
            }, findings: stored.findings, exhausted: stored.exhausted, reads: reads)
        }
    }

    /// This run's results of a component: analysed, or handed back by `lookup`.
    mutating func record(_ record: ComponentRecord, findings: [Finding]) {
        guard let anchor = record.members.min(), let place = places[anchor] else { return }
        let members = place.members
        let position = Dictionary(members.enumerated().map { ($1.node, $0) }, uniquingKeysWith: { first, _ in first })
        let summaries = record.summaries.compactMap { s in
            position[s.node].map { StoredSummary(member: $0, model: s.model, summary: s.summary) }
        }
        var functions: [String: String] = [:]
        for node in record.reads.nodes where node < digests.count {
            functions[program.function(node).name] = SHA256.hex(Array(digests[node]))
        }
        var lists: [String: String] = [:]
        for package in record.reads.methodLists { lists[package] = methodListDigest(package) }
        var files: [String: String] = [:]
        for finding in findings where !finding.fixes.isEmpty { files[finding.location.file] = SHA256.hex(fileDigest(of: finding.location.file)) }
        store.record(entry: place.entry, unit: place.unit,
                     Stored(summaries: summaries, findings: findings, exhausted: record.exhausted,
                            readFunctions: functions, readMethodLists: lists, fixedFiles: files),
                     analysed: record.reusedFindings == nil)
    }

    func save(jobs: Parallelism) { store.save(jobs: jobs) }

    /// The stored reads as this run's nodes, when none of them changed.
    private mutating func stillRead(_ stored: Stored) -> BodyReads? {
        for (file, digest) in stored.fixedFiles where SHA256.hex(fileDigest(of: file)) != digest { return nil }
        var reads = BodyReads()
        for (name, digest) in stored.readFunctions {
            guard let node = program.node(named: name), node < digests.count, SHA256.hex(Array(digests[node])) == digest else {
                return nil
            }
            reads.nodes.insert(node)
        }
        for (package, digest) in stored.readMethodLists {
            guard methodListDigest(package) == digest else { return nil }
            reads.methodLists.insert(package)
        }
        return reads
    }

    private func methodListDigest(_ package: String) -> String {
        var hasher = SHA256()
        for name in methodNames[package] ?? [] { hasher.update(field: name) }
        return hasher.finalizeHex()
    }

    private struct Place {
        var entry: String
        var unit: String
        var members: [(name: String, node: Int)]
    }

    /// The component's package entry, its key, and its members by name.
    /// The entry is that of the package of its first member by name, so
    /// that it does not depend on node numbers.
    private func place(of component: [Int], summaries: SummaryTable) -> Place? {
        let inside = Set(component)
        let members = component.filter { $0 < digests.count }.map { (name: program.function($0).name, node: $0) }
            .sorted { $0.name < $1.name }
        guard let first = members.first, members.count == component.count else { return nil }
        var hasher = SHA256()
        var outside = Set<Int>()
        for member in members {
            hasher.update(field: member.name)
            hasher.update(digests[member.node])
            hasher.update(UInt64(spawned.contains(member.node) ? 1 : 0))
            for m in 0..<models { hasher.update(UInt64(demanded.contains(member.node, model: m) ? 1 : 0)) }
            let function = program.function(member.node)
            if let parent = function.parent, let p = program.node(named: parent), p < digests.count { hasher.update(digests[p]) }
            for callee in program.callGraph.callees(of: member.node) where !inside.contains(callee) { outside.insert(callee) }
        }
        let called = outside.map { (name: $0 < digests.count ? program.function($0).name : "", node: $0) }.sorted { $0.name < $1.name }
        hasher.update(UInt64(called.count))
        for callee in called {
            guard callee.node < digests.count else { return nil }
            hasher.update(field: callee.name)
            hasher.update(digests[callee.node])
            feedSummaries(of: callee.node, in: summaries, to: &hasher)
        }
        return Place(entry: entries[program.callGraph.nodes[first.node].module], unit: store.unitKey(hasher.finalize()),
                     members: members)
    }

    /// A node's summaries under every model (most nodes have none).
    private func feedSummaries(of node: Int, in summaries: SummaryTable, to hasher: inout SHA256) {
        for m in 0..<models {
            if let summary = summaries[node, m] {
                hasher.update(UInt64(1))
                summary.feed(&hasher)
            } else {
                hasher.update(UInt64(0))
            }
        }
    }

    private mutating func fileDigest(of file: String) -> [UInt8] {
        if let known = fileDigests[file] { return known }
        let digest = SHA256.digest(sources.bytes(of: file) ?? [])
        fileDigests[file] = digest
        return digest
    }
}
