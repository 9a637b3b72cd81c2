import Foundation

/// The layouts of one program's functions, shared by the `ProgramIndex`
/// copies of the threads that explore it. A layout is immutable once made,
/// so the threads may read one another's; the lock only guards the table,
/// and is taken on a thread's first use of a function (each thread keeps
/// what it got in its own index). A layout is made outside the lock, so
/// one thread's layout does not hold up another's lookups; two threads
/// that make the same one at once make equal layouts, and the first stays.
final class LayoutStore: @unchecked Sendable {
    private let lock = NSLock()
    private var layouts: [FunctionLayout?]

    init(count: Int) {
        layouts = Array(repeating: nil, count: count)
    }

    /// The layout of function `index`, made by `make` if no thread made it yet.
    func layout(_ index: Int, make: () -> FunctionLayout) -> FunctionLayout {
        if let known = stored(index) { return known }
        let made = make()
        lock.lock()
        defer { lock.unlock() }
        if let first = layouts[index] { return first }
        layouts[index] = made
        return made
    }

    private func stored(_ index: Int) -> FunctionLayout? {
        lock.lock()
        defer { lock.unlock() }
        return layouts[index]
    }
}
