import Foundation

/// Runs `body` for every index once `body` has finished for each of its
/// dependencies, on at most `jobs` threads, and returns the results in
/// index order, so that output never depends on scheduling.
///
/// Among the indices ready at one time, the one with the highest
/// `priority` runs first: with the length of the longest chain of work
/// that waits on an index as its priority, the chain that decides when the
/// whole run ends starts as early as it can, and the threads do not wait
/// for a level of the graph to finish before starting the next.
///
/// Dependencies must point to other indices; a cycle among them (which a
/// caller's graph should not have) does not hang the run: what is left
/// when nothing is ready and nothing runs is run in index order.
public func dependencyOrderedMap<T>(count: Int, dependencies: [[Int]], priority: [Int], jobs: Int,
                                    _ body: (Int) -> T) -> [T] {
    precondition(dependencies.count == count && priority.count == count)
    guard count > 0 else { return [] }
    var schedule = DependencySchedule(dependencies: dependencies, priority: priority)
    var results = [T?](repeating: nil, count: count)
    let workers = max(1, min(jobs, count))
    if workers == 1 {
        while let index = schedule.next() {
            results[index] = body(index)
            schedule.finish(index)
        }
    } else {
        let condition = NSCondition()
        let slots = UnsafeMutablePointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
        defer {
            slots.deinitialize(count: count)
            slots.deallocate()
        }
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            condition.lock()
            while true {
                guard let index = schedule.next() else {
                    if schedule.isIdle { break }
                    condition.wait()
                    continue
                }
                condition.unlock()
                slots[index] = body(index)
                condition.lock()
                schedule.finish(index)
                condition.broadcast()
            }
            condition.unlock()
        }
        for i in 0..<count { results[i] = slots[i] }
    }
    // A cycle leaves indices that never became ready: run them in order.
    for i in 0..<count where results[i] == nil { results[i] = body(i) }
    return results.map { $0! }
}

/// Which indices may run: those whose dependencies have all finished.
/// Not thread-safe; the map's lock guards it.
struct DependencySchedule {
    private var waitingOn: [Int]
    private var dependents: [[Int]]
    private let priority: [Int]
    private var ready: [Int] = []
    private var running = 0

    init(dependencies: [[Int]], priority: [Int]) {
        self.priority = priority
        waitingOn = dependencies.map(\.count)
        dependents = Array(repeating: [], count: dependencies.count)
        for (i, list) in dependencies.enumerated() {
            for d in list { dependents[d].append(i) }
        }
        ready = waitingOn.indices.filter { waitingOn[$0] == 0 }
    }

    /// The ready index with the highest priority (the lowest index among
    /// equals), marked as running; nil when none is ready.
    mutating func next() -> Int? {
        guard var best = ready.indices.first else { return nil }
        for k in ready.indices.dropFirst() {
            let a = ready[k], b = ready[best]
            if priority[a] > priority[b] || (priority[a] == priority[b] && a < b) { best = k }
        }
        running += 1
        return ready.swapRemoveAt(best)
    }

    /// Marks `index` finished, making ready what waited only on it.
    mutating func finish(_ index: Int) {
        running -= 1
        for d in dependents[index] {
            waitingOn[d] -= 1
            if waitingOn[d] == 0 { ready.append(d) }
        }
    }

    /// Nothing is ready and nothing runs: every index is done, or what is
    /// left waits on a cycle.
    var isIdle: Bool { ready.isEmpty && running == 0 }
}

private extension Array {
    /// Removes the element at `index` by moving the last one into its place.
    mutating func swapRemoveAt(_ index: Int) -> Element {
        swapAt(index, count - 1)
        return removeLast()
    }
}
