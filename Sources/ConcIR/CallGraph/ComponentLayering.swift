import Foundation

/// The bottom-up strongly connected components of a call graph over every
/// kind of edge, and their waves (`CallGraph.componentWaves`), made on the
/// first ask and shared by every copy of the graph.
///
/// Six analyses of one lint ask for them (the map races, both lifecycle
/// engines, the leak analysis's summaries and roots, the cgo summaries, the
/// structural read-lock summaries), and each computed them again from the
/// whole graph. The graph never changes after it is built, so neither do
/// they; the lock guards only the first computation (an analysis that asks
/// meanwhile waits for it).
final class ComponentLayering: @unchecked Sendable {
    struct Layers: Sendable {
        let components: [[Int]]
        let waves: [[[Int]]]
    }

    private let lock = NSLock()
    private var layers: Layers?

    func value(_ make: () -> Layers) -> Layers {
        lock.lock()
        defer { lock.unlock() }
        if let layers { return layers }
        let made = make()
        layers = made
        return made
    }
}
