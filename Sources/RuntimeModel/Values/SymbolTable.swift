/// Names unknown values so that the same unknown thing gets the same
/// symbol wherever it shows up in one exploration: parameter #i of the root,
/// the field `items` of that parameter, the length of it.
///
/// The table is deterministic (keys, not allocation order, decide the ids
/// of equal keys within one exploration) and lives outside the explored
/// states, so states never carry it and symbols need no renaming when
/// states are compared.
public final class SymbolTable {
    /// What a symbol stands for.
    public enum Key: Hashable {
        /// Parameter (or receiver, index 0 for methods) of the root function.
        case parameter(Int)
        /// A field of another symbol's value.
        case field(UInt32, String)
        /// The length of another symbol's value.
        case length(UInt32)
        /// An unknown value first needed as a count at this site (a loop
        /// header, `make(chan T, n)`), in this function.
        case site(FunctionRef, block: Int, instruction: Int)
    }

    private var ids: [Key: UInt32] = [:]
    private var keys: [Key] = []

    public init() {}

    public func symbol(for key: Key) -> UInt32 {
        if let id = ids[key] { return id }
        let id = UInt32(truncatingIfNeeded: keys.count)
        ids[key] = id
        keys.append(key)
        return id
    }

    public func key(of symbol: UInt32) -> Key? {
        Int(symbol) < keys.count ? keys[Int(symbol)] : nil
    }
}
