import CSupport

/// Knows how much of the current thread's stack is left, so that a
/// recursive-descent parser can refuse hostile nesting before it overflows,
/// whatever the thread (main, Dispatch worker, test runner) and whatever
/// the build (a debug build's frames are many times larger).
public struct StackGuard {
    /// Lowest address the stack may grow down to before we stop; 0 when
    /// the platform cannot tell (then only the depth limit applies).
    private let limit: UInt

    /// Room kept free below the limit for the work done after refusing.
    private static let reserve: UInt = 256 * 1024

    public init() {
        let low = UInt(conclint_stack_low_address())
        limit = low == 0 ? 0 : low + StackGuard.reserve
    }

    /// Whether the stack still has room for deeper recursion.
    @inline(__always) public func hasRoom() -> Bool {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) } > limit
    }
}
