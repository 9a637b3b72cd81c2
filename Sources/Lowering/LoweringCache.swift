import ConcIR
import GoSema

/// Facts the lowering derives from a method object again and again (its IR
/// name, whether it is a known standard library operation), computed once
/// per package. One cache per package, used by one thread.
final class LoweringCache {
    private var methodNames: [ObjectIdentifier: String] = [:]
    private var knownMethods: [ObjectIdentifier: KnownAPI.Entry?] = [:]

    /// The IR name of a concrete method (its name does not depend on the
    /// value it is called on).
    func methodName(_ method: Object, compute: () -> String) -> String {
        let key = ObjectIdentifier(method)
        if let n = methodNames[key] { return n }
        let n = compute()
        methodNames[key] = n
        return n
    }

    /// The known operation of a concrete method, or nil.
    func knownMethod(_ method: Object, compute: () -> KnownAPI.Entry?) -> KnownAPI.Entry? {
        let key = ObjectIdentifier(method)
        if let cached = knownMethods[key] { return cached }
        let entry = compute()
        knownMethods[key] = .some(entry)
        return entry
    }
}
