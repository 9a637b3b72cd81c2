import Foundation

/// Runs `body` for every index on at most `jobs` threads and returns the
/// results in index order, so that output never depends on scheduling.
///
/// Workers take the next index from a shared counter, which balances files
/// of very different sizes; each result is written to its own slot.
public func parallelMap<T>(count: Int, jobs: Int, _ body: (Int) -> T) -> [T] {
    parallelMap(count: count, jobs: jobs, worker: { () }) { _, index in body(index) }
}

/// `parallelMap` where each thread first makes its own worker state (a
/// cache that is not thread-safe, say) and hands it to every `body` it runs.
/// Results still come back in index order, whichever worker made them.
public func parallelMap<W, T>(count: Int, jobs: Int, worker makeWorker: () -> W, _ body: (inout W, Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    let workers = max(1, min(jobs, count))
    if workers == 1 {
        var state = makeWorker()
        return (0..<count).map { body(&state, $0) }
    }
    // Every index below `count` is taken by exactly one worker, which fills its slot.
    return collectInIndexOrder(count: count) { slots in
        let counter = NSLock()
        var next = 0
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var state = makeWorker()
            while true {
                counter.lock()
                let index = next
                next += 1
                counter.unlock()
                guard index < count else { return }
                slots[index] = body(&state, index)
            }
        }
    }
}

/// `parallelMap` on the threads `jobs` gives.
public func parallelMap<T>(count: Int, jobs: Parallelism, _ body: (Int) -> T) -> [T] {
    parallelMap(count: count, jobs: jobs, worker: { () }) { _, index in body(index) }
}

/// `parallelMap` with worker state, on the threads `jobs` gives.
public func parallelMap<W, T>(count: Int, jobs: Parallelism, worker makeWorker: () -> W,
                              _ body: (inout W, Int) -> T) -> [T] {
    if let share = jobs.share { return share.map(count: count, worker: makeWorker, body) }
    return parallelMap(count: count, jobs: jobs.threads, worker: makeWorker, body)
}
