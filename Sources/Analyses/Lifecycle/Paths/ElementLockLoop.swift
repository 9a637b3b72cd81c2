import ConcIR

/// A lock taken on an element of a container inside a counted loop that
/// releases none of them: `for i := range s.shards { s.shards[i].mu.Lock()
/// }`, the way a sharded map locks every shard before a whole-map
/// operation. The IR collapses elements into one `[]`, so the lock each
/// iteration takes looks like the one before; the loop's own shape says it
/// is another. A loop that also unlocks the element (`mu[k].Lock(); if
/// bad { continue }; mu[k].Unlock()`) takes one element at a time, and
/// coming round with it held is still a leak.
enum ElementLockLoop {
    /// The trip count of the innermost loop around `block` when the lock
    /// on `place` (an element's) is one such: the loop is counted and no
    /// instruction of it releases `place`.
    static func trips(of place: Place, acquiredIn block: Int, facts: FunctionFacts,
                      releases: (Instruction) -> [Place]) -> LoopTrips? {
        guard place.path.contains(.element) else { return nil }
        let loops = facts.cfg.loops.filter { $0.contains(block) }
        guard let innermost = loops.min(by: { $0.blocks.count < $1.blocks.count }),
              let trips = facts.function.blocks[innermost.header].loop, trips.isCounted else { return nil }
        for b in innermost.blocks {
            for inst in facts.function.blocks[b].instructions
            where releases(inst).contains(where: { facts.normalize($0) == place }) {
                return nil
            }
        }
        return trips
    }
}
