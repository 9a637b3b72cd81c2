import Foundation

/// Runs the two phases of every package's check (see `Checker`) as soon as
/// what each needs is done: a package's declarations once the declarations
/// of its imports are, its function bodies once its own declarations are.
///
/// Checking level by level (every package of a level, bodies included,
/// before any package of the next) left workers idle while one big package
/// of a level (cmd/compile's ssa, runtime, net/http) checked its bodies,
/// though its importers need only its declarations.
///
/// The order of the work changes nothing in the result: a phase writes
/// only its own package's facts, and reads of other packages go to
/// declarations that are complete before it starts.
final class CheckSchedule: @unchecked Sendable {
    enum Task {
        case declarations(Int)
        case bodies(Int)
    }

    private let importers: [[Int]]
    private let bodyWeights: [Int]
    private let condition = NSCondition()
    /// Imports of each package whose declarations are not done yet.
    private var waiting: [Int]
    /// Packages whose declarations may start, lowest index first.
    private var readyDeclarations: [Int] = []
    /// Packages whose bodies may start.
    private var readyBodies: [Int] = []
    private var unfinished: Int

    /// `imports[i]`: the packages whose declarations package i reads
    /// (acyclic, without i itself). `bodyWeights[i]`: the size of package
    /// i, so that big bodies start first and do not finish last alone.
    init(imports: [[Int]], bodyWeights: [Int]) {
        var importers = Array(repeating: [Int](), count: imports.count)
        for (i, list) in imports.enumerated() {
            for j in list { importers[j].append(i) }
        }
        self.importers = importers
        self.bodyWeights = bodyWeights
        waiting = imports.map(\.count)
        readyDeclarations = imports.indices.filter { imports[$0].isEmpty }.reversed()
        unfinished = 2 * imports.count
    }

    /// Runs every task with up to `workers` threads; returns when all are done.
    func run(workers: Int, _ body: (Task) -> Void) {
        guard unfinished > 0 else { return }
        withoutActuallyEscaping(body) { body in
            if workers <= 1 {
                while let task = next() { body(task); finish(task) }
            } else {
                DispatchQueue.concurrentPerform(iterations: workers) { _ in
                    while let task = next() { body(task); finish(task) }
                }
            }
        }
    }

    /// The next task, waiting until one is ready; nil when all are done.
    /// Declarations come first (they let other packages start), then the
    /// biggest bodies.
    private func next() -> Task? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let i = readyDeclarations.popLast() { return .declarations(i) }
            if !readyBodies.isEmpty {
                var best = 0
                for k in readyBodies.indices where bodyWeights[readyBodies[k]] > bodyWeights[readyBodies[best]] { best = k }
                return .bodies(readyBodies.remove(at: best))
            }
            if unfinished == 0 { return nil }
            condition.wait()
        }
    }

    private func finish(_ task: Task) {
        condition.lock()
        switch task {
        case .declarations(let i):
            readyBodies.append(i)
            for k in importers[i] {
                waiting[k] -= 1
                if waiting[k] == 0 { readyDeclarations.append(k) }
            }
        case .bodies:
            break
        }
        unfinished -= 1
        condition.broadcast()
        condition.unlock()
    }
}
