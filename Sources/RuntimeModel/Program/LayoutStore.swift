import Foundation

/// The layouts of one program's functions, shared by the `ProgramIndex`
/// copies of the threads that explore it. A layout is immutable once made,
/// so the threads may read one another's; the lock only guards the table,
/// and is taken on a thread's first use of a function (each thread keeps
/// what it got in its own index).
final class LayoutStore: @unchecked Sendable {
    private let lock = NSLock()
    private var layouts: [FunctionLayout?]

    init(count: Int) {
        layouts = Array(repeating: nil, count: count)
    }

    /// The layout of function `index`, made by `make` if no thread made it yet.
    func layout(_ index: Int, make: () -> FunctionLayout) -> FunctionLayout {
        lock.lock()
        defer { lock.unlock() }
        if let l = layouts[index] { return l }
        let l = make()
        layouts[index] = l
        return l
    }
}
