import Foundation
import Testing
@testable import Discovery

/// A record of which index started and finished when, shared by threads.
private final class Timeline: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var events: [(index: Int, started: Bool)] = []

    func note(_ index: Int, started: Bool) {
        lock.lock()
        events.append((index, started))
        lock.unlock()
    }

    func finished(before index: Int) -> Set<Int> {
        let start = events.firstIndex { $0.index == index && $0.started } ?? 0
        return Set(events[..<start].filter { !$0.started }.map(\.index))
    }
}

/// A diamond and a chain: 0 <- 1, 0 <- 2, {1, 2} <- 3, 3 <- 4; 5 alone.
private let dependencies = [[], [0], [0], [1, 2], [3], []]

@Test(arguments: [1, 2, 4])
func everyIndexStartsAfterItsDependenciesFinish(jobs: Int) {
    let timeline = Timeline()
    let results = dependencyOrderedMap(count: dependencies.count, dependencies: dependencies,
                                       priority: [0, 1, 2, 0, 0, 9], jobs: jobs) { i -> Int in
        timeline.note(i, started: true)
        usleep(2_000)
        timeline.note(i, started: false)
        return i * 10
    }
    #expect(results == [0, 10, 20, 30, 40, 50])
    for (i, list) in dependencies.enumerated() {
        #expect(Set(list).isSubset(of: timeline.finished(before: i)), "index \(i)")
    }
    #expect(timeline.events.count == 2 * dependencies.count)
}

/// On one thread the ready index with the highest priority runs first.
@Test func theHighestPriorityReadyIndexRunsFirst() {
    let timeline = Timeline()
    _ = dependencyOrderedMap(count: dependencies.count, dependencies: dependencies,
                             priority: [0, 1, 2, 0, 0, 9], jobs: 1) { i in timeline.note(i, started: true) }
    #expect(timeline.events.map(\.index) == [5, 0, 2, 1, 3, 4])
}

/// A cycle cannot be ordered; the map still runs every index once and returns.
@Test(arguments: [1, 3])
func aCycleDoesNotHang(jobs: Int) {
    let runs = Timeline()
    let results = dependencyOrderedMap(count: 4, dependencies: [[1], [2], [1], []], priority: [0, 0, 0, 0], jobs: jobs) { i -> Int in
        runs.note(i, started: true)
        return i
    }
    #expect(results == [0, 1, 2, 3])
    #expect(runs.events.map(\.index).sorted() == [0, 1, 2, 3])
}
