/// Interns identifier spellings straight from the source bytes.
///
/// An open-addressing table keyed by an FNV-1a hash of the bytes: a name
/// seen before costs a hash and a byte comparison, and only the first
/// occurrence of each spelling becomes a Swift `String`.
struct NameInterner {
    private struct Entry {
        var start: UInt32
        var length: UInt32
        var hash: UInt32
    }

    private var slots: [Int32]
    private var entries: [Entry] = []
    private(set) var names: [String] = []

    init(expectedNames: Int = 256) {
        var capacity = 64
        while capacity < expectedNames * 2 { capacity <<= 1 }
        slots = Array(repeating: -1, count: capacity)
    }

    mutating func intern(_ buf: UnsafeBufferPointer<UInt8>, start: Int, length: Int) -> Name {
        var h: UInt32 = 2_166_136_261
        for i in start..<(start + length) {
            h = (h ^ UInt32(buf[i])) &* 16_777_619
        }
        var mask = slots.count - 1
        var slot = Int(h) & mask
        while true {
            let index = slots[slot]
            if index < 0 { break }
            let e = entries[Int(index)]
            if e.hash == h, Int(e.length) == length, equalBytes(buf, Int(e.start), start, length) {
                return Name(index)
            }
            slot = (slot + 1) & mask
        }
        let index = Int32(entries.count)
        entries.append(Entry(start: UInt32(start), length: UInt32(length), hash: h))
        names.append(String(decoding: UnsafeBufferPointer(rebasing: buf[start..<(start + length)]), as: UTF8.self))
        slots[slot] = index
        if entries.count * 2 > slots.count {
            grow()
            mask = slots.count - 1
        }
        return Name(index)
    }

    private func equalBytes(_ buf: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, _ n: Int) -> Bool {
        if a == b { return true }
        for i in 0..<n where buf[a + i] != buf[b + i] { return false }
        return true
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        slots = Array(repeating: -1, count: capacity)
        let mask = capacity - 1
        for (i, e) in entries.enumerated() {
            var slot = Int(e.hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(i)
        }
    }
}
