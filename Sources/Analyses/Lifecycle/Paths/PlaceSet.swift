import ConcIR

/// The places that hold a tracked resource on one path: a handful at most,
/// kept sorted in an array instead of a `Set`.
///
/// The path search hashes the whole tracker state at every block it
/// enters, and a `Set` hashes each element with a freshly seeded hasher of
/// its own (seeding, hashing and finalizing per place: the largest single
/// cost of the lifecycle analysis on GOROOT/src), while an array feeds its
/// elements to the one hasher. Kept in one order, equal sets are equal
/// arrays and hash alike.
struct PlaceSet: Hashable, Sequence, ExpressibleByArrayLiteral {
    private(set) var places: [Place] = []

    init() {}

    init(arrayLiteral elements: Place...) {
        formUnion(elements)
    }

    init<S: Sequence>(_ elements: S) where S.Element == Place {
        formUnion(elements)
    }

    var isEmpty: Bool { places.isEmpty }

    func contains(_ place: Place) -> Bool { places.contains(place) }

    @discardableResult
    mutating func insert(_ place: Place) -> Bool {
        let i = places.firstIndex { !PlaceSet.precedes($0, place) } ?? places.count
        if i < places.count, places[i] == place { return false }
        places.insert(place, at: i)
        return true
    }

    mutating func formUnion<S: Sequence>(_ other: S) where S.Element == Place {
        for place in other { insert(place) }
    }

    /// Removes `place`; returns it when it was there.
    @discardableResult
    mutating func remove(_ place: Place) -> Place? {
        guard let i = places.firstIndex(of: place) else { return nil }
        return places.remove(at: i)
    }

    func makeIterator() -> IndexingIterator<[Place]> { places.makeIterator() }

    /// A fixed order of places: by root (temporaries, variables, globals),
    /// then by path, a prefix first.
    static func precedes(_ a: Place, _ b: Place) -> Bool {
        if a.root != b.root { return rootPrecedes(a.root, b.root) }
        for (x, y) in zip(a.path, b.path) where x != y { return selectorPrecedes(x, y) }
        return a.path.count < b.path.count
    }

    private static func rootPrecedes(_ a: Place.Root, _ b: Place.Root) -> Bool {
        switch (a, b) {
        case (.temp(let x), .temp(let y)): return x < y
        case (.variable(let x), .variable(let y)), (.global(let x), .global(let y)): return x < y
        case (.temp, _): return true
        case (.variable, .global): return true
        default: return false
        }
    }

    private static func selectorPrecedes(_ a: Selector, _ b: Selector) -> Bool {
        switch (a, b) {
        case (.field(let x), .field(let y)): return x < y
        case (.deref, .element), (.deref, .field), (.element, .field): return true
        default: return false
        }
    }
}
