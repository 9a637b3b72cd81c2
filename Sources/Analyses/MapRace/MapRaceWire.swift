import ConcIR

/// Map-race summaries and races as bytes, for the cache (`MapRaceReuse`):
/// compact (varints, no field names), with functions by name, since node
/// numbers move when functions come and go elsewhere, each name (of a
/// function, a field, a variable) written once in a table beside the
/// bytes, and canonical (the elements of a set
/// in the order of their own bytes with names spelled out), so that equal
/// summaries give equal bytes and tables in any run and can be hashed
/// into keys.
///
/// A summary of a large test carried tens of thousands of trail steps:
/// as JSON the map-race results of GOROOT/src took 198 MB and longer to
/// read back than to compute.
enum MapRaceWire {
    /// Bytes that do not decode (a damaged entry, a function gone).
    struct Malformed: Error {}

    struct Writer {
        private(set) var bytes: [UInt8] = []
        /// Per call-graph node: its name.
        let names: [String]
        /// Names written in place of table indices (the sort keys of sets).
        private let spellsNames: Bool
        /// The names written, in the order first written: `bytes` refer to them by index.
        private(set) var table: [String] = []
        private var tableIndex: [String: Int] = [:]
        /// Per node written: its name's index (a function name is long to hash).
        private var nodeIndex: [Int: Int] = [:]

        init(names: [String]) {
            self.init(names: names, spellsNames: false)
        }

        private init(names: [String], spellsNames: Bool) {
            self.names = names
            self.spellsNames = spellsNames
        }

        mutating func int(_ value: Int) {
            // Zigzag, then seven bits a byte.
            var v = UInt64(bitPattern: Int64(value) << 1 ^ Int64(value) >> 63)
            while v >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
                v >>= 7
            }
            bytes.append(UInt8(v))
        }

        mutating func word(_ value: UInt64) {
            int(Int(Int64(bitPattern: value)))
        }

        mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

        /// Bytes with their length.
        mutating func blob<C: Collection>(_ data: C) where C.Element == UInt8 {
            int(data.count)
            bytes += data
        }

        /// A name spelled out, not in the table.
        mutating func spelled(_ text: String) { blob(text.utf8) }

        mutating func string(_ text: String) {
            if spellsNames {
                spelled(text)
            } else if let i = tableIndex[text] {
                int(i)
            } else {
                tableIndex[text] = table.count
                table.append(text)
                int(table.count - 1)
            }
        }

        mutating func node(_ node: Int) {
            if let i = nodeIndex[node] { return int(i) }
            let name = node >= 0 && node < names.count ? names[node] : ""
            string(name)
            if !spellsNames { nodeIndex[node] = tableIndex[name] }
        }

        /// The elements in the order of their bytes with names spelled
        /// out (table indices depend on what was written before): the same
        /// set gives the same bytes whatever order it iterates in.
        mutating func set<S: Collection>(_ items: S, _ write: (inout Writer, S.Element) -> Void) {
            if items.count < 2 {
                // Most sets of locks and signals: nothing to order.
                int(items.count)
                for item in items { write(&self, item) }
                return
            }
            var keyed: [(key: [UInt8], item: S.Element)] = items.map { item in
                var w = Writer(names: names, spellsNames: true)
                write(&w, item)
                return (w.bytes, item)
            }
            keyed.sort { $0.key.lexicographicallyPrecedes($1.key) }
            int(keyed.count)
            for (key, item) in keyed {
                if spellsNames { bytes += key } else { write(&self, item) }
            }
        }

        mutating func position(_ p: Position) {
            int(Int(p.line))
            int(Int(p.column))
        }

        mutating func site(_ s: SiteStep) {
            node(s.function)
            position(s.position)
            bytes.append(s.kind.rawValue)
        }

        mutating func place(_ p: AbstractPlace) {
            switch p.root {
            case .parameter(let i): bytes.append(0); int(i)
            case .result(let i): bytes.append(1); int(i)
            case .global(let name): bytes.append(2); string(name)
            case .local(let owner, let name): bytes.append(3); node(owner); string(name)
            }
            int(p.steps.count)
            for step in p.steps {
                switch step {
                case .field(let f): bytes.append(0); string(f)
                case .element: bytes.append(1)
                }
            }
        }

        mutating func optionalPlace(_ p: AbstractPlace?) {
            bool(p != nil)
            if let p { place(p) }
        }

        mutating func lock(_ l: HeldLock) {
            optionalPlace(l.lock)
            bytes.append(l.mode.rawValue)
            bool(l.typeKey != nil)
            if let key = l.typeKey { string(key) }
        }

        mutating func places(_ ps: Set<AbstractPlace>) { set(ps) { $0.place($1) } }

        mutating func access(_ a: MapAccess) {
            place(a.map)
            bool(a.isWrite)
            set(a.locks.locks) { $0.lock($1) }
            places(a.signalsAfter)
            places(a.waitedBefore)
            places(a.startedAfter)
            site(a.site)
            string(a.name)
            int(a.trail.count)
            for s in a.trail { site(s) }
            int(a.spawnTrail.count)
            for s in a.spawnTrail { site(s) }
            bool(a.perIteration)
            word(a.assumption.mask)
            word(a.assumption.values)
            bool(a.runsFunctionValue)
            bool(a.inParallelTest)
        }

        mutating func summary(_ s: MapRaceSummary) {
            int(s.accesses.count)
            for a in s.accesses { access(a) }
            int(s.background.count)
            for a in s.background { access(a) }
            set(s.acquires) { $0.lock($1) }
            set(s.releases) { $0.optionalPlace($1) }
            places(s.signals)
            places(s.waits)
            int(s.parallelTestParameter ?? -1)
        }

        mutating func side(_ s: RaceSide) {
            access(s.access)
            bool(s.origin != nil)
            if let origin = s.origin { site(origin) }
            bool(s.entry != nil)
            if let entry = s.entry { node(entry) }
            bool(s.isAnotherInstance)
            bool(s.perRequest)
        }

        mutating func race(_ r: RaceReport) {
            node(r.context)
            side(r.first)
            side(r.second)
        }
    }

    struct Reader {
        private let bytes: [UInt8]
        private var offset = 0
        /// The writer's table.
        private let table: [String]
        /// This run's node of a function name.
        private let node: (String) -> Int?

        init(_ bytes: [UInt8], table: [String] = [], node: @escaping (String) -> Int? = { _ in nil }) {
            self.bytes = bytes
            self.table = table
            self.node = node
        }

        var isAtEnd: Bool { offset == bytes.count }

        mutating func byte() throws -> UInt8 {
            guard offset < bytes.count else { throw Malformed() }
            offset += 1
            return bytes[offset - 1]
        }

        mutating func int() throws -> Int {
            var v: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let b = try byte()
                guard shift < 64 else { throw Malformed() }
                v |= UInt64(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            return Int(Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1))
        }

        /// A count of things still to read, each at least a byte long.
        mutating func count() throws -> Int {
            let n = try int()
            guard n >= 0, n <= bytes.count - offset else { throw Malformed() }
            return n
        }

        mutating func word() throws -> UInt64 { UInt64(bitPattern: Int64(try int())) }

        mutating func bool() throws -> Bool {
            switch try byte() {
            case 0: return false
            case 1: return true
            default: throw Malformed()
            }
        }

        mutating func blob() throws -> [UInt8] {
            let n = try count()
            offset += n
            return Array(bytes[offset - n..<offset])
        }

        mutating func spelled() throws -> String { String(decoding: try blob(), as: UTF8.self) }

        mutating func string() throws -> String {
            let i = try int()
            guard i >= 0, i < table.count else { throw Malformed() }
            return table[i]
        }

        mutating func function() throws -> Int {
            guard let n = node(try string()) else { throw Malformed() }
            return n
        }

        mutating func list<T>(_ read: (inout Reader) throws -> T) throws -> [T] {
            let n = try count()
            var out: [T] = []
            out.reserveCapacity(n)
            for _ in 0..<n { out.append(try read(&self)) }
            return out
        }

        mutating func position() throws -> Position {
            Position(try int(), try int())
        }

        mutating func site() throws -> SiteStep {
            let function = try function()
            let position = try position()
            guard let kind = SiteStep.Kind(rawValue: try byte()) else { throw Malformed() }
            return SiteStep(function: function, position: position, kind: kind)
        }

        mutating func place() throws -> AbstractPlace {
            let root: AccessRoot
            switch try byte() {
            case 0: root = .parameter(try int())
            case 1: root = .result(try int())
            case 2: root = .global(try string())
            case 3: root = .local(owner: try function(), name: try string())
            default: throw Malformed()
            }
            let steps = try list { r -> PathStep in
                switch try r.byte() {
                case 0: return .field(try r.string())
                case 1: return .element
                default: throw Malformed()
                }
            }
            return AbstractPlace(root, steps)
        }

        mutating func optionalPlace() throws -> AbstractPlace? {
            try bool() ? try place() : nil
        }

        mutating func lock() throws -> HeldLock {
            let place = try optionalPlace()
            guard let mode = LockMode(rawValue: try byte()) else { throw Malformed() }
            let key = try bool() ? try string() : nil
            return HeldLock(lock: place, mode: mode, typeKey: key)
        }

        mutating func places() throws -> Set<AbstractPlace> { Set(try list { try $0.place() }) }

        mutating func access() throws -> MapAccess {
            let map = try place()
            let isWrite = try bool()
            let locks = LockSet(try list { try $0.lock() })
            let signals = try places()
            let waits = try places()
            let startedAfter = try places()
            let site = try site()
            let name = try string()
            let trail = try list { try $0.site() }
            let spawnTrail = try list { try $0.site() }
            let perIteration = try bool()
            let assumption = ParameterAssumption(mask: try word(), values: try word())
            return MapAccess(map: map, isWrite: isWrite, locks: locks, signalsAfter: signals, waitedBefore: waits,
                             startedAfter: startedAfter, site: site, name: name, trail: trail, spawnTrail: spawnTrail,
                             perIteration: perIteration, assumption: assumption, runsFunctionValue: try bool(),
                             inParallelTest: try bool())
        }

        mutating func summary() throws -> MapRaceSummary {
            var s = MapRaceSummary()
            s.accesses = try list { try $0.access() }
            s.background = try list { try $0.access() }
            s.acquires = Set(try list { try $0.lock() })
            s.releases = Set(try list { try $0.optionalPlace() })
            s.signals = try places()
            s.waits = try places()
            let parallel = try int()
            guard parallel >= -1 else { throw Malformed() }
            s.parallelTestParameter = parallel < 0 ? nil : parallel
            return s
        }

        mutating func side() throws -> RaceSide {
            let access = try access()
            let origin = try bool() ? try site() : nil
            let entry = try bool() ? try function() : nil
            return RaceSide(access: access, origin: origin, entry: entry, isAnotherInstance: try bool(), perRequest: try bool())
        }

        mutating func race() throws -> RaceReport {
            RaceReport(context: try function(), first: try side(), second: try side())
        }
    }
}
