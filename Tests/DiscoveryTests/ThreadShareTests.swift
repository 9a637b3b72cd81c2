import Foundation
import Testing
@testable import Discovery

/// Which threads ran work, and how many ran it at once at most.
private final class Occupancy: @unchecked Sendable {
    private let lock = NSLock()
    private var running = 0
    private(set) var mostAtOnce = 0
    private(set) var threads: Set<ObjectIdentifier> = []

    func enter() {
        lock.lock()
        running += 1
        mostAtOnce = max(mostAtOnce, running)
        threads.insert(ObjectIdentifier(Thread.current))
        lock.unlock()
    }

    func leave() {
        lock.lock()
        running -= 1
        lock.unlock()
    }

    /// Runs `body` counted as work.
    func working<T>(_ body: () -> T) -> T {
        enter()
        defer { leave() }
        return body()
    }

    /// The threads that ran work inside `body` (counted from empty).
    func threadsDuring(_ body: () -> Void) -> Set<ObjectIdentifier> {
        lock.lock()
        threads = []
        lock.unlock()
        body()
        lock.lock()
        defer { lock.unlock() }
        return threads
    }
}

@Test(arguments: [1, 2, 4])
func resultsComeBackInIndexOrder(threads: Int) {
    let results = ThreadShare.run(threads: threads) { share in
        parallelMap(count: 500, jobs: Parallelism(sharing: share)) { i -> Int in i * i }
    }
    #expect(results == (0..<500).map { $0 * $0 })
}

/// Maps inside maps (the analyses inside the stage, and their roots inside
/// them) each return their own results in order.
@Test func nestedMapsReturnTheirOwnResults() {
    let results = ThreadShare.run(threads: 2) { share -> [[Int]] in
        let jobs = Parallelism(sharing: share)
        return parallelMap(count: 6, jobs: jobs) { outer -> [Int] in
            parallelMap(count: 40, jobs: jobs) { inner -> Int in
                usleep(UInt32(inner % 3) * 200)
                return outer * 100 + inner
            }
        }
    }
    #expect(results == (0..<6).map { outer in (0..<40).map { outer * 100 + $0 } })
}

/// The regression this type exists for: when one outer index ends early,
/// its thread helps the map nested in the other instead of sitting idle.
/// (With `concurrentPerform`, the nested map ran on one thread.)
@Test func aThreadThatFinishedHelpsTheMapStillRunning() {
    let occupancy = Occupancy()
    var nestedThreads: Set<ObjectIdentifier> = []
    ThreadShare.run(threads: 2) { share in
        let jobs = Parallelism(sharing: share)
        let lock = NSLock()
        _ = parallelMap(count: 2, jobs: jobs) { outer -> Int in
            guard outer == 1 else { return 0 }
            let seen = occupancy.threadsDuring {
                _ = parallelMap(count: 40, jobs: jobs) { i -> Int in
                    occupancy.working { usleep(5_000); return i }
                }
            }
            lock.lock()
            nestedThreads = seen
            lock.unlock()
            return 1
        }
    }
    #expect(nestedThreads.count == 2)
}

/// However deep the nesting and however the threads are handed around,
/// no more than the share's threads run work at once.
@Test(arguments: [1, 2, 3])
func noMoreThreadsRunThanTheShareHas(threads: Int) {
    let occupancy = Occupancy()
    let total = ThreadShare.run(threads: threads) { share -> Int in
        let jobs = Parallelism(sharing: share)
        let sums = parallelMap(count: 5, jobs: jobs) { outer -> Int in
            // Uneven outer work: some indices end at once, others nest twice.
            guard outer % 2 == 1 else { return occupancy.working { outer } }
            return parallelMap(count: 8, jobs: jobs) { middle -> Int in
                parallelMap(count: 6, jobs: jobs) { inner -> Int in
                    occupancy.working {
                        usleep(UInt32(500 * (inner + middle % 3)))
                        return 1
                    }
                }.reduce(0, +)
            }.reduce(0, +)
        }
        return sums.reduce(0, +)
    }
    #expect(total == 0 + 48 + 2 + 48 + 4)
    #expect(occupancy.mostAtOnce <= threads)
}

/// Each thread that runs indices of a map makes its own worker state once,
/// and no state is shared by two threads.
@Test func eachHelperMakesItsOwnWorkerState() {
    final class Worker {
        let thread = ObjectIdentifier(Thread.current)
        var used = 0
    }
    let made = NSLock()
    var workers: [Worker] = []
    let owners = ThreadShare.run(threads: 2) { share in
        parallelMap(count: 64, jobs: Parallelism(sharing: share), worker: { () -> Worker in
            let worker = Worker()
            made.lock()
            workers.append(worker)
            made.unlock()
            return worker
        }) { worker, i -> Bool in
            usleep(1_000)
            worker.used += 1
            return worker.thread == ObjectIdentifier(Thread.current)
        }
    }
    #expect(owners.allSatisfy { $0 })
    #expect(workers.map(\.used).reduce(0, +) == 64)
    #expect(workers.count <= 2)
}
