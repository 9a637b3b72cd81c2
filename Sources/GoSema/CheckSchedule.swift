import Foundation

/// Runs the phases of every package's check (see `Checker`) as soon as
/// what each needs is done: a package's declarations once the declarations
/// of its imports are, the chunks of its function bodies once its own
/// declarations are (in parallel with each other), the merge of its
/// chunks once they all are.
///
/// Checking level by level (every package of a level, bodies included,
/// before any package of the next) left workers idle while one big package
/// of a level (cmd/compile's ssa, runtime, net/http) checked its bodies,
/// though its importers need only its declarations.
///
/// The order of the work changes nothing in the result: a phase writes
/// only its own package's facts (a body chunk only its own files'), and
/// reads of other packages go to declarations that are complete before it
/// starts.
final class CheckSchedule: @unchecked Sendable {
    enum Task {
        case declarations(Int)
        /// Package, index of the chunk of its files.
        case bodies(Int, chunk: Int)
        case finishBodies(Int)
    }

    private let importers: [[Int]]
    private let chunkWeights: [[Int]]
    private let condition = NSCondition()
    /// Imports of each package whose declarations are not done yet.
    private var waiting: [Int]
    /// Packages whose declarations may start, lowest index first.
    private var readyDeclarations: [Int] = []
    /// Body chunks (package, chunk) that may start.
    private var readyBodies: [(package: Int, chunk: Int)] = []
    /// Packages whose chunks are all done.
    private var readyFinishes: [Int] = []
    /// Chunks of each package not done yet.
    private var chunksLeft: [Int]
    private var unfinished: Int

    /// `imports[i]`: the packages whose declarations package i reads
    /// (acyclic, without i itself). `chunkWeights[i]`: the sizes of the
    /// body chunks of package i (may be empty), so that big chunks start
    /// first and do not finish last alone.
    init(imports: [[Int]], chunkWeights: [[Int]]) {
        var importers = Array(repeating: [Int](), count: imports.count)
        for (i, list) in imports.enumerated() {
            for j in list { importers[j].append(i) }
        }
        self.importers = importers
        self.chunkWeights = chunkWeights
        waiting = imports.map(\.count)
        readyDeclarations = imports.indices.filter { imports[$0].isEmpty }.reversed()
        chunksLeft = chunkWeights.map(\.count)
        unfinished = 2 * imports.count + chunkWeights.reduce(0) { $0 + $1.count }
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
    /// Declarations come first (they let other packages start), then
    /// merges (they free the workers' results), then the biggest chunks.
    private func next() -> Task? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let i = readyDeclarations.popLast() { return .declarations(i) }
            if let i = readyFinishes.popLast() { return .finishBodies(i) }
            if !readyBodies.isEmpty {
                var best = 0
                for k in readyBodies.indices where weight(readyBodies[k]) > weight(readyBodies[best]) { best = k }
                let (i, c) = readyBodies.remove(at: best)
                return .bodies(i, chunk: c)
            }
            if unfinished == 0 { return nil }
            condition.wait()
        }
    }

    private func finish(_ task: Task) {
        condition.lock()
        switch task {
        case .declarations(let i):
            if chunkWeights[i].isEmpty { readyFinishes.append(i) }
            for c in chunkWeights[i].indices { readyBodies.append((i, c)) }
            for k in importers[i] {
                waiting[k] -= 1
                if waiting[k] == 0 { readyDeclarations.append(k) }
            }
        case .bodies(let i, _):
            chunksLeft[i] -= 1
            if chunksLeft[i] == 0 { readyFinishes.append(i) }
        case .finishBodies:
            break
        }
        unfinished -= 1
        condition.broadcast()
        condition.unlock()
    }

    private func weight(_ chunk: (package: Int, chunk: Int)) -> Int {
        chunkWeights[chunk.package][chunk.chunk]
    }
}
