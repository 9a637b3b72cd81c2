import GoSema
import GoSyntax

/// What a location of the escape graph stands for.
enum LocationKind: Equatable {
    /// The heap, where everything that outlives a frame goes.
    case heap
    /// Nowhere: values flowing here are discarded.
    case blank
    /// A variable: a local, a parameter, a named or unnamed result.
    case variable(Object)
    /// Storage an expression allocates: `new(T)`, `&T{}`, `make`, a slice
    /// or map literal, a closure, a method value, a string conversion or
    /// concatenation, a conversion to an interface, a variadic `...` slice.
    case allocation(NodeID, AllocationShape)
    /// A temporary the compiler introduces (range operand, call results,
    /// go/defer argument copies): never reported.
    case temporary
}

/// How an allocation is printed and sized.
typealias AllocationShape = AllocationKind

/// A node of the escape graph. Edges are stored on their destination, as
/// the compiler stores them, because the walk goes from a sink backwards
/// to everything that flows into it.
struct Location {
    var kind: LocationKind
    /// The function unit that owns it (an index into the batch's units).
    var function: Int
    /// The loop depth where it was declared: a location in a deeper loop
    /// than its destination must outlive the iteration.
    var loopDepth: Int
    var edges: [Edge] = []
    var escapes = false
    /// 1-based index of the result this location is, 0 otherwise.
    var resultIndex = 0
    var isParameter = false
    var tag = ParameterTag()
    var captured = false
    var reassigned = false
    var addressTaken = false
    /// Where the location is reported: the file's index in its package and
    /// a byte offset; the text used by messages.
    var file: Int
    var offset: UInt32
    var text: String

    // Walk state.
    var derefs = 0
    var walkGeneration: UInt32 = 0
    var walkDestination = -1
    var walkEdge = -1
    var queued = false
    /// The flow that made it escape, for explanations.
    var escapeChain: [FlowStep]? = nil
    /// Set when the stack limits alone put it on the heap.
    var heapReason: HeapReason? = nil
    /// The file whose syntax the location's node belongs to (a callee's
    /// file for what an inlined body allocates).
    var source: TypedFile? = nil

    init(kind: LocationKind, function: Int, loopDepth: Int, file: Int, offset: UInt32, text: String) {
        self.kind = kind
        self.function = function
        self.loopDepth = loopDepth
        self.file = file
        self.offset = offset
        self.text = text
    }

    /// The type of a variable's location (invalid for other kinds).
    var kindType: GoType {
        if case .variable(let o) = kind { return o.type }
        return .invalid
    }

    var isVariable: Bool { if case .variable = kind { return true } else { return false } }
    var isAllocation: Bool { if case .allocation = kind { return true } else { return false } }
}

/// A flow `destination = *^derefs source` (derefs -1 is `&source`).
struct Edge {
    var source: Int32
    var derefs: Int32
    var note: Note?
}

/// Why a flow exists, for explanations: what happened and where.
struct Note {
    var why: FlowReason
    var file: Int32
    var offset: UInt32
}

enum FlowReason: String {
    case assign = "assigned"
    case returned = "returned"
    case addressOf = "address taken"
    case indirection = "dereferenced"
    case callParameter = "passed to a call"
    case interfaceConversion = "converted to an interface"
    case captured = "captured by a closure"
    case sliceElement = "stored in a slice literal"
    case mapElement = "stored in a map"
    case send = "sent on a channel"
    case appended = "appended to a slice"
    case goDefer = "used by a go or defer statement"
    case spill = "allocated"
    case range = "ranged over"
    case tooLarge = "too large for the stack"
    case nonConstantSize = "made with a non-constant size"
    case dynamicCall = "passed to a call through an interface or function value"
    case unknown = "flows"
}

/// One step of an explanation: `destination` receives `source`.
struct FlowStep {
    var destination: Int
    var source: Int
    var derefs: Int
    var note: Note?
}

/// Where a value flows: a location and a dereference count (-1 means the
/// value's address flows there).
struct Hole {
    var destination: Int
    var derefs: Int
    var addressTaken = false
    var note: Note? = nil

    func shifted(_ delta: Int) -> Hole {
        var k = self
        k.derefs += delta
        k.addressTaken = delta < 0
        if k.derefs < -1 { k.derefs = -1 }
        return k
    }

    func deref() -> Hole { shifted(1) }
    func address() -> Hole { shifted(-1) }

    func noted(_ why: FlowReason, _ file: Int, _ offset: UInt32) -> Hole {
        var k = self
        k.note = Note(why: why, file: Int32(file), offset: offset)
        return k
    }
}
