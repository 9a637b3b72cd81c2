import Foundation

/// A value made on the first ask and kept, for a whole-program fact that
/// several analyses need and none should make again: the call graph's
/// components and waves, the table of what each function names, the
/// functions' cache keys.
///
/// A class, so that every copy of its owner shares the one value. The lock
/// is held while the value is made: an analysis that asks meanwhile, on
/// another thread, waits for it rather than making it a second time.
public final class BuiltOnce<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var built: Value?

    public init() {}

    /// The value, made by `build` on the first call.
    public func value(_ build: () -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        let made = build()
        built = made
        return made
    }
}
