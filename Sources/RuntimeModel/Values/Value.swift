import ConcIR

/// An abstract Go value, as the runtime model needs it.
///
/// Only identities matter to the concurrency rules (which channel, which
/// WaitGroup), plus the few scalars that decide branches and loop counts.
/// Everything else is `unknown`. Reference-like things (channels, sync
/// objects, structs reached through pointers, closures) live in the heap and
/// are referred to by `ObjectID`; variables that closures capture or whose
/// address is taken live in heap cells (`CellID`), because Go shares them by
/// reference.
public enum Value: Hashable, Sendable {
    /// The zero value of a variable or field that was never written: a nil
    /// channel, an unlocked mutex, a WaitGroup at zero, an empty struct.
    case zero
    /// A value from outside the explored program (a parameter of the root,
    /// the result of an unanalysed call, a global). It may be anything, and
    /// operations on it may complete at any time.
    case unknown
    /// An unknown value with an identity, so that two loops over the same
    /// slice run the same number of times (see `SymbolTable`).
    case symbol(UInt32)
    case int(Int64)
    case bool(Bool)
    /// The `nil` constant.
    case nilValue
    case object(ObjectID)
    /// A pointer to a variable (`&x` of a captured or address-taken variable).
    case cell(CellID)
    /// A top-level function used as a value (closures are heap objects).
    case function(FunctionRef)

    /// Whether nothing is known about the value's identity.
    public var isOpaque: Bool {
        switch self {
        case .unknown, .symbol: return true
        default: return false
        }
    }

    /// The integer the value is, when the model knows it (a variable never
    /// written is 0).
    public var integer: Int64? {
        switch self {
        case .int(let n): return n
        case .zero: return 0
        default: return nil
        }
    }

    /// The object this value refers to directly.
    public var objectID: ObjectID? {
        if case .object(let id) = self { return id }
        return nil
    }
}

/// A heap object's identity: its index in `Heap.objects`.
public struct ObjectID: Hashable, Sendable, Comparable {
    public var raw: UInt32
    public init(_ raw: UInt32) { self.raw = raw }
    public static func < (a: ObjectID, b: ObjectID) -> Bool { a.raw < b.raw }
}

/// A heap cell's identity: its index in `Heap.cells`.
public struct CellID: Hashable, Sendable {
    public var raw: UInt32
    public init(_ raw: UInt32) { self.raw = raw }
}

/// A function of the explored program: its index in `ProgramIndex.functions`.
public struct FunctionRef: Hashable, Sendable, Comparable {
    public var raw: Int32
    public init(_ raw: Int32) { self.raw = raw }
    public init(_ index: Int) { self.raw = Int32(truncatingIfNeeded: index) }
    public var index: Int { Int(raw) }
    public static func < (a: FunctionRef, b: FunctionRef) -> Bool { a.raw < b.raw }
}

/// A place in the program text: a function and a position in its file.
public struct Site: Hashable, Sendable {
    public var function: FunctionRef
    public var position: Position

    public init(function: FunctionRef, position: Position) {
        self.function = function
        self.position = position
    }
}
