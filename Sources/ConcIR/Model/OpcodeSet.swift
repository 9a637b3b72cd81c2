/// A set of opcodes as a bit set, for the rule dispatcher: each rule says
/// which operations it cares about, and one walk over the IR calls only the
/// rules whose set contains the operation at hand (ruff's bitset-gated pass).
public struct OpcodeSet: Hashable, Sendable, ExpressibleByArrayLiteral, Sequence {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    public init() {}

    public init<S: Sequence>(_ opcodes: S) where S.Element == Opcode {
        for op in opcodes { insert(op) }
    }

    public init(arrayLiteral opcodes: Opcode...) { self.init(opcodes) }

    /// Every operation.
    public static let all = OpcodeSet(Opcode.allCases)

    /// Operations on channels, including the channels made by timers,
    /// tickers and contexts.
    public static let channels: OpcodeSet = [.chanMake, .chanSend, .chanRecv, .chanClose, .chanLen, .chanCap,
                                             .timeAfter, .timeTick, .ctxDone]

    @inline(__always) public func contains(_ op: Opcode) -> Bool {
        let bit = op.rawValue
        return bit < 64 ? low & (1 << UInt64(bit)) != 0 : high & (1 << UInt64(bit - 64)) != 0
    }

    public mutating func insert(_ op: Opcode) {
        let bit = op.rawValue
        if bit < 64 { low |= 1 << UInt64(bit) } else { high |= 1 << UInt64(bit - 64) }
    }

    public func union(_ other: OpcodeSet) -> OpcodeSet {
        var copy = self
        copy.low |= other.low
        copy.high |= other.high
        return copy
    }

    public var isEmpty: Bool { low == 0 && high == 0 }

    /// Whether the two sets have an opcode in common.
    public func intersects(_ other: OpcodeSet) -> Bool {
        low & other.low != 0 || high & other.high != 0
    }

    public func makeIterator() -> AnyIterator<Opcode> {
        var iterator = Opcode.allCases.makeIterator()
        return AnyIterator {
            while let op = iterator.next() {
                if self.contains(op) { return op }
            }
            return nil
        }
    }
}
