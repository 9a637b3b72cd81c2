/// The threads a computation may use: a number of its own, or a share of
/// threads it has with the computations running beside it.
public struct Parallelism: Sendable, ExpressibleByIntegerLiteral {
    /// How many threads may run the computation's work at one time.
    public let threads: Int
    /// The share its maps run on, if any.
    public let share: ThreadShare?

    /// `threads` threads of its own.
    public init(threads: Int) {
        self.threads = max(1, threads)
        share = nil
    }

    /// The threads of `share`.
    public init(sharing share: ThreadShare) {
        threads = share.threads
        self.share = share
    }

    public init(integerLiteral threads: Int) { self.init(threads: threads) }
}
