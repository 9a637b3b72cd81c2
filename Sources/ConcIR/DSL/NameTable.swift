/// The distinct names of one DSL text, each decoded to a String once.
///
/// Printed IR repeats the same few names (variables, callees, opcodes)
/// millions of times; interning them in the lexer means the parser never
/// decodes or hashes a repeated name again, and can cache per name what it
/// means: the opcode it spells, and what it resolves to in the function
/// being parsed. The table is kept as parallel arrays so that probing it
/// touches only plain integers (no reference counting).
struct NameTable {
    private var hashes: [UInt64] = []
    private var starts: [UInt32] = []
    private var lengths: [UInt32] = []
    /// The decoded names, by id.
    private(set) var strings: [String] = []
    /// The operation each name spells, by id.
    private(set) var opcodes: [Opcode?] = []
    /// For each id, the function number (`Parser.functionNumber`) its cached
    /// resolution belongs to, and the place it resolved to there.
    private(set) var resolvedIn: [Int] = []
    private(set) var resolved: [Place?] = []
    private var slots: [Int32]
    private var mask: Int
    /// The spellings of names that do not come from the source (keywords);
    /// their `starts` are offsets here, tagged with `externalTag`.
    private var externalBytes: [UInt8] = []
    private static let externalTag: UInt32 = 0x8000_0000

    init(capacity: Int) {
        var size = 64
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for keyword in Keyword.allCases {
            let spelling = Array(keyword.spelling.utf8)
            let offset = externalBytes.count
            externalBytes += spelling
            let id = spelling.withUnsafeBufferPointer { intern($0, 0, $0.count, externalOffset: offset) }
            assert(id == keyword.rawValue)
        }
    }

    /// The id of the name spelled by `buf[start..<end]`, adding it if new.
    ///
    /// Names added with an `externalOffset` (the keywords) do not come from
    /// `buf`; their bytes are kept in `externalBytes` at that offset.
    mutating func intern(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, externalOffset: Int? = nil) -> Int32 {
        let hash = NameTable.hash(buf, start, end)
        let length = UInt32(end - start)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = Int(slots[slot])
            if id < 0 { break }
            if hashes[id] == hash, lengths[id] == length, same(id, buf, start, end) { return Int32(id) }
            slot = (slot + 1) & mask
        }
        let string = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<end]), as: UTF8.self)
        let id = Int32(strings.count)
        hashes.append(hash)
        starts.append(externalOffset.map { UInt32($0) | NameTable.externalTag } ?? UInt32(start))
        lengths.append(length)
        strings.append(string)
        opcodes.append(Opcode.named(string))
        resolvedIn.append(-1)
        resolved.append(nil)
        slots[slot] = id
        if strings.count * 2 > slots.count { grow() }
        return id
    }

    mutating func cache(_ place: Place, for id: Int32, function: Int) {
        resolvedIn[Int(id)] = function
        resolved[Int(id)] = place
    }

    /// The cached resolution of a name in function number `function`.
    func cached(_ id: Int32, function: Int) -> Place? {
        resolvedIn[Int(id)] == function ? resolved[Int(id)] : nil
    }

    private func same(_ id: Int, _ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let s = starts[id]
        guard let base = buf.baseAddress else { return start == end }
        let b = UnsafeRawPointer(base + start)
        let n = end - start
        if s & NameTable.externalTag != 0 {
            return externalBytes.withUnsafeBytes { NameTable.equal($0.baseAddress! + Int(s & ~NameTable.externalTag), b, n) }
        }
        return NameTable.equal(UnsafeRawPointer(base + Int(s)), b, n)
    }

    private static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
        var i = 0
        while i + 8 <= n {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        while i < n {
            if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
            i += 1
        }
        return true
    }

    /// FNV-1a over 8-byte words, then the remaining bytes: names are
    /// hashed once each, in the lexer's inner loop.
    private static func hash(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        guard let base = buf.baseAddress else { return hash }
        let p = UnsafeRawPointer(base + start)
        let n = end - start
        var i = 0
        while i + 8 <= n {
            hash = (hash ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x100_0000_01B3
            hash ^= hash >> 29
            i += 8
        }
        while i < n {
            hash = (hash ^ UInt64(p.load(fromByteOffset: i, as: UInt8.self))) &* 0x100_0000_01B3
            i += 1
        }
        return hash ^ (hash >> 32)
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }
}
