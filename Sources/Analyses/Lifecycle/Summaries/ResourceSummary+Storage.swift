import ConcIR
import ContentHash

// Summaries are stored between runs (`LifecycleReuse`): callers that
// changed are analysed again on the summaries of callees that did not.
// A place's path is stored as words, since `Selector` belongs to the IR.

extension SummaryPlace: Codable {
    private enum CodingKeys: String, CodingKey {
        case base, path
    }

    /// A selector as one word: `.name`, `[]` or `*`.
    fileprivate static func word(_ selector: Selector) -> String {
        switch selector {
        case .field(let name): return "." + name
        case .element: return "[]"
        case .deref: return "*"
        }
    }

    private static func selector(_ word: String) -> Selector? {
        if word.hasPrefix(".") { return .field(String(word.dropFirst())) }
        if word == "[]" { return .element }
        if word == "*" { return .deref }
        return nil
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        base = try container.decode(Base.self, forKey: .base)
        path = try container.decode([String].self, forKey: .path).map { word in
            guard let s = Self.selector(word) else {
                throw DecodingError.dataCorruptedError(forKey: .path, in: container, debugDescription: "selector \(word)")
            }
            return s
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(base, forKey: .base)
        try container.encode(path.map(Self.word), forKey: .path)
    }
}

extension ResourceSummary {
    /// Feeds the summary to a hasher the same way for equal summaries (its
    /// sets sorted, as a set's own order changes from run to run): what a
    /// caller's key hashes of it (`LifecycleReuse`).
    func feed(_ hasher: inout SHA256) {
        for places in [releases, handsOver, acquires] {
            hasher.update(UInt64(places.count))
            for place in places.sorted() { place.feed(&hasher) }
        }
        hasher.update(UInt64(returnsFresh.count))
        for r in returnsFresh.sorted() { hasher.update(UInt64(bitPattern: Int64(r))) }
        hasher.update(UInt64(releasesOnError.count))
        for place in releasesOnError.keys.sorted() {
            place.feed(&hasher)
            hasher.update(field: releasesOnError[place]!)
        }
        hasher.update(UInt64(releasesWhenFlag.count))
        for place in releasesWhenFlag.keys.sorted() {
            place.feed(&hasher)
            hasher.update(field: releasesWhenFlag[place]!.name)
            hasher.update(UInt64(releasesWhenFlag[place]!.value ? 1 : 0))
        }
        hasher.update(UInt64(acquiresWhenTrue.count))
        for place in acquiresWhenTrue.keys.sorted() {
            place.feed(&hasher)
            hasher.update(UInt64(bitPattern: Int64(acquiresWhenTrue[place]!)))
        }
        hasher.update(UInt64(acquiresWhenNil.count))
        for place in acquiresWhenNil.keys.sorted() {
            place.feed(&hasher)
            hasher.update(UInt64(bitPattern: Int64(acquiresWhenNil[place]!)))
        }
    }
}

extension SummaryPlace {
    func feed(_ hasher: inout SHA256) {
        switch base {
        case .operand(let k):
            hasher.update(UInt64(0))
            hasher.update(UInt64(bitPattern: Int64(k)))
        case .capture(let name):
            hasher.update(UInt64(1))
            hasher.update(field: name)
        case .global(let name):
            hasher.update(UInt64(2))
            hasher.update(field: name)
        }
        hasher.update(UInt64(path.count))
        for selector in path { hasher.update(field: Self.word(selector)) }
    }
}
