import Foundation

/// A fixed number of threads shared by parallel maps that run inside one
/// another: the analyses run side by side, and each splits its own work
/// (roots, components, functions) across threads too.
///
/// With `DispatchQueue.concurrentPerform`, a map started inside another
/// gets the threads the outer map left over when it started, which is
/// none when the outer map uses them all: the leak analysis then explored
/// every root of etcd on one thread for 19 s after the map races were done
/// on the other in half a second. Here a map's unclaimed indices stay open
/// to any thread of the share that is idle, whenever it becomes idle: a
/// thread that finished its own work, or one whose map waits for the last
/// indices its helpers are running.
///
/// At most `threads` threads run work at a time: the thread that started
/// the outermost map holds one share, each helper takes one while it runs
/// indices of a map, and a map's caller gives its share back while it
/// waits for its helpers, the last of which hands its own share to the
/// caller when it is done. Helpers are made when there is work and a free share but
/// no idle helper, and end with `run`. Results come back in index order,
/// so output never depends on which thread ran what.
///
/// A thread waiting for its helpers runs nothing else, so a lock held
/// around a map (a value built on first use) is never wanted by the
/// thread that holds it.
public final class ThreadShare: @unchecked Sendable {
    /// Threads that may run work at one time.
    public let threads: Int

    private let condition = NSCondition()
    /// Shares not held by a running thread (guarded by `condition`).
    private var free: Int
    /// Maps with indices nobody claimed yet, oldest first.
    private var open: [OpenMap] = []
    private var idleHelpers = 0
    private var helpers = 0
    private var closing = false

    /// Helpers' stacks: the analyses recurse over call-graph components
    /// and values, as deep as on the main thread's default 8 MiB.
    private static let helperStackSize = 16 << 20

    private init(threads: Int) {
        self.threads = max(1, threads)
        free = self.threads - 1
    }

    /// Runs `body` with a share of `threads` threads and ends its helpers
    /// when `body` returns.
    public static func run<R>(threads: Int, _ body: (ThreadShare) throws -> R) rethrows -> R {
        let share = ThreadShare(threads: threads)
        defer { share.close() }
        return try body(share)
    }

    /// Runs `body` for every index, on this thread and on any thread of the
    /// share that is free, and returns the results in index order. Each
    /// thread that helps first makes its own worker state with `makeWorker`.
    public func map<W, T>(count: Int, worker makeWorker: () -> W, _ body: (inout W, Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        if threads == 1 || count == 1 {
            var state = makeWorker()
            return (0..<count).map { body(&state, $0) }
        }
        // Every index below `count` is claimed by exactly one thread, which
        // fills its slot, and the helpers are done before this returns.
        return collectInIndexOrder(count: count) { slots in
            withoutActuallyEscaping(makeWorker) { makeWorker in
                withoutActuallyEscaping(body) { body in
                    let map = OpenMap(count: count)
                    map.work = { [unowned map] in
                        var state = makeWorker()
                        while let index = map.claim() { slots[index] = body(&state, index) }
                    }
                    post(map)
                    map.work?()
                    waitForHelpers(of: map)
                    // Nothing may call the closure once the non-escaping
                    // closures it captures are gone.
                    map.work = nil
                }
            }
        }
    }

    /// Opens `map` to helpers, waking an idle one or making one if a share
    /// is free.
    private func post(_ map: OpenMap) {
        condition.lock()
        open.append(map)
        recruit()
        condition.unlock()
    }

    /// Waits until no helper runs an index of `map`, giving this thread's
    /// share to other maps meanwhile.
    private func waitForHelpers(of map: OpenMap) {
        condition.lock()
        open.removeAll { $0 === map }
        if map.helpers > 0 {
            map.callerWaits = true
            free += 1
            recruit()
            // The last helper hands its share to this thread.
            while map.helpers > 0 { condition.wait() }
        }
        condition.unlock()
    }

    /// With `condition` held: wakes or makes a helper when a share is free
    /// and some map has indices to give.
    private func recruit() {
        guard free > 0, !closing, open.contains(where: \.hasUnclaimed) else { return }
        if idleHelpers > 0 {
            condition.broadcast()
        } else {
            helpers += 1
            let thread = Thread { [self] in helperLoop() }
            thread.stackSize = Self.helperStackSize
            thread.start()
        }
    }

    /// A helper: takes a free share and the oldest map with unclaimed
    /// indices, runs indices of it until none is left, and gives the share
    /// back; sleeps when there is nothing to do, until `close`.
    private func helperLoop() {
        condition.lock()
        while !closing {
            open.removeAll { !$0.hasUnclaimed }
            guard free > 0, let map = open.first else {
                idleHelpers += 1
                condition.wait()
                idleHelpers -= 1
                continue
            }
            free -= 1
            map.helpers += 1
            var work = map.work
            condition.unlock()
            work?()
            // Let go of the closure before the caller can see this helper
            // done: the caller's closures must not outlive its map.
            work = nil
            condition.lock()
            map.helpers -= 1
            if map.helpers > 0 || !map.callerWaits { free += 1 }
            condition.broadcast()
        }
        helpers -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Ends the helpers once every map has returned (all have, when `run`
    /// calls this: each map waits for its own helpers).
    private func close() {
        condition.lock()
        closing = true
        condition.broadcast()
        while helpers > 0 { condition.wait() }
        condition.unlock()
    }
}

/// One map's indices, claimed one at a time by the threads that run it.
private final class OpenMap {
    let count: Int
    private let lock = NSLock()
    private var next = 0
    /// Threads of the share other than the map's caller running its
    /// indices (guarded by the share's condition).
    var helpers = 0
    /// Whether the caller gave its share back to wait for the helpers, so
    /// that the last of them hands its own share to it (guarded by the
    /// share's condition).
    var callerWaits = false
    /// Runs indices until none is left: set by the caller, cleared before
    /// the caller returns.
    var work: (() -> Void)?

    init(count: Int) { self.count = count }

    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    var hasUnclaimed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return next < count
    }
}
