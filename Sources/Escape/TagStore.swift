import Foundation
import GoSema

/// Parameter tags of functions already analysed (this run's dependencies
/// first), which calls from later batches read, as the compiler reads
/// them from export data.
final class TagStore: @unchecked Sendable {
    private var tagsByFunction: [ObjectIdentifier: [ParameterTag]] = [:]
    private var inlineBodies: [ObjectIdentifier: InlineBody] = [:]
    private let lock = NSLock()

    /// Records that the compiler would inline `function` (inlining mode).
    func setInlinable(_ body: InlineBody, for function: Object) {
        lock.lock()
        inlineBodies[ObjectIdentifier(function)] = body
        lock.unlock()
    }

    func inlineBody(_ function: Object) -> InlineBody? {
        lock.lock()
        defer { lock.unlock() }
        return inlineBodies[ObjectIdentifier(function)]
    }

    func set(_ tags: [ParameterTag], for function: Object) {
        lock.lock()
        tagsByFunction[ObjectIdentifier(function)] = tags
        lock.unlock()
    }

    /// The tags of a function, receiver first; for a function never
    /// analysed (its package was not checked), the conservative answer:
    /// every parameter with pointers leaks to the heap.
    func tags(for function: Object) -> [ParameterTag] {
        lock.lock()
        let known = tagsByFunction[ObjectIdentifier(function)]
        lock.unlock()
        if let known { return known }
        guard let signature = function.type.signature else { return [] }
        var types: [GoType] = []
        if function.kind == .method, let r = signature.receiver { types.append(r) }
        types += signature.parameters
        return types.map { Sizes.hasPointers($0) ? .leaksToHeap : ParameterTag() }
    }

    func isKnown(_ function: Object) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return tagsByFunction[ObjectIdentifier(function)] != nil
    }
}
