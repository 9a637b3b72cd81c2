/// Package initialisation: `init` functions (lowered as `pkg.init.N`), the
/// package's variable initialiser (`pkg.init`) and the closures in them.
/// They run before any goroutine of the package, so the sync rules that
/// look for concurrent accesses skip them. A method named init is not one.
enum PackageInitialization {
    static func contains(_ functionName: String) -> Bool {
        guard !functionName.hasPrefix("("), let range = functionName.range(of: ".init", options: .backwards) else { return false }
        // Closures of an init function are named after it: pkg.init.0.func1, pkg.init.func2.
        var rest = functionName[range.upperBound...]
        if let func_ = rest.range(of: ".func") { rest = rest[..<func_.lowerBound] }
        if rest.isEmpty { return true }
        guard rest.first == ".", rest.count > 1 else { return false }
        return rest.dropFirst().allSatisfy(\.isNumber)
    }
}
