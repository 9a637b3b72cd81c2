/// Runs `fill` with one empty slot per index and returns the slots' values
/// in index order: the parallel maps let each thread write its results to
/// their own slots, without a lock, and hand them back in the order of the
/// indices whichever thread ran what. `fill` must fill every slot before it
/// returns.
func collectInIndexOrder<T>(count: Int, _ fill: (UnsafeMutablePointer<T?>) -> Void) -> [T] {
    let slots = UnsafeMutablePointer<T?>.allocate(capacity: count)
    slots.initialize(repeating: nil, count: count)
    defer {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
    fill(slots)
    return (0..<count).map { slots[$0]! }
}
