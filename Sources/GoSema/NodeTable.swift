import GoSyntax

/// A fact that only some syntax nodes of a file have (a constant value, a
/// selection), kept as a slot per node and the values in the order they
/// were recorded.
///
/// The checker records these facts and the lowering and escape passes ask
/// for them at almost every expression. As dictionaries keyed by `NodeID`
/// each of those questions hashed the node with SipHash: on GOROOT/src the
/// constant lookups alone were 9% of lowering and the inserts 4% of type
/// checking. Here a lookup is two array reads. The cost is four bytes per
/// node of the file for the slots.
public struct NodeTable<Value: Sendable>: Sendable {
    /// Per node: 0 when it has no value, else the value's index plus one.
    private var slots: [UInt32]
    private var values: [Value] = []

    /// A table for a file of `nodeCount` nodes, with room for `expected` values.
    public init(nodeCount: Int, expected: Int = 0) {
        slots = [UInt32](repeating: 0, count: nodeCount)
        values.reserveCapacity(expected)
    }

    /// How many nodes have a value.
    public var count: Int { slots.reduce(0) { $0 + ($1 == 0 ? 0 : 1) } }

    public subscript(node: NodeID) -> Value? {
        get {
            let i = node.index
            guard i >= 0, i < slots.count else { return nil }
            let slot = slots[i]
            return slot == 0 ? nil : values[Int(slot) - 1]
        }
        set {
            let i = node.index
            guard i >= 0, i < slots.count else { return }
            guard let newValue else {
                slots[i] = 0
                return
            }
            let slot = slots[i]
            if slot != 0 {
                values[Int(slot) - 1] = newValue
            } else {
                values.append(newValue)
                slots[i] = UInt32(values.count)
            }
        }
    }
}
