/// A Go type, as small as the concurrency rules need and printable as Go
/// syntax (see `GoType.description`).
///
/// Named types carry their package path the way go/types prints them
/// (`sync.WaitGroup`, `example.com/p.Server`); a bare name (`T`) is a type
/// parameter or a hand-written shorthand. Struct and interface literals list
/// what is known of them; `?` stands for a type the lowering could not
/// determine. Only the recursive cases are `indirect`, so basic and named
/// types cost no allocation.
public enum GoType: Hashable, Sendable {
    /// `?`: not determined (bad input, or not modelled).
    case unknown
    case basic(BasicType)
    /// A named type with its package path, and type arguments when it is an
    /// instantiated generic (`example.com/p.List[int]`).
    case named(String, arguments: [GoType])
    indirect case pointer(GoType)
    indirect case slice(GoType)
    indirect case array(count: Int64, element: GoType)
    indirect case map(key: GoType, value: GoType)
    indirect case chan(ChanDirection, element: GoType)
    case function(Signature)
    case structure([Field])
    /// Methods are fields with a name and a `.function` type; embedded
    /// interfaces are fields with `isEmbedded`.
    case interface([Field])

    /// A named type without type arguments.
    public static func named(_ name: String) -> GoType { .named(name, arguments: []) }
}

/// Go's predeclared types. `error` and `any` are included because rules
/// treat them as leaves, as they treat `int`.
public enum BasicType: String, Hashable, Sendable, CaseIterable {
    case bool, string, error, any
    case int, int8, int16, int32, int64
    case uint, uint8, uint16, uint32, uint64, uintptr
    case float32, float64, complex64, complex128
    case byte, rune

    /// Lookup by spelling, built once.
    static let bySpelling: [String: BasicType] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })
}

/// The direction of a channel type.
public enum ChanDirection: UInt8, Hashable, Sendable {
    /// chan T
    case both
    /// chan<- T
    case send
    /// <-chan T
    case recv
}

/// A function type: parameter and result types. When `isVariadic`, the last
/// parameter's type is a slice (`...T` is `[]T`).
public struct Signature: Hashable, Sendable {
    public var parameters: [GoType]
    public var results: [GoType]
    public var isVariadic: Bool

    public init(parameters: [GoType] = [], results: [GoType] = [], isVariadic: Bool = false) {
        self.parameters = parameters
        self.results = results
        self.isVariadic = isVariadic
    }
}

/// A struct field or an interface element. An embedded field's name is the
/// name of its type (Go's rule), kept here so that a field path can name it.
public struct Field: Hashable, Sendable {
    public var name: String
    public var type: GoType
    public var isEmbedded: Bool

    public init(name: String, type: GoType, isEmbedded: Bool = false) {
        self.name = name
        self.type = type
        self.isEmbedded = isEmbedded
    }

    /// An embedded field, named after its type as Go names it (`Mutex` for
    /// `sync.Mutex`, `Base` for `*example.com/p.Base`).
    public static func embedded(_ type: GoType) -> Field {
        Field(name: type.embeddedFieldName, type: type, isEmbedded: true)
    }
}

extension GoType {
    /// The name Go gives a field that embeds this type: the type name
    /// without package and pointer.
    public var embeddedFieldName: String {
        switch self {
        case .pointer(let t): return t.embeddedFieldName
        case .named(let name, _): return String(name.unqualifiedTail)
        case .basic(let b): return b.rawValue
        default: return ""
        }
    }
}

extension String {
    /// The part after the package path: `Server` in `example.com/p.Server`.
    var unqualifiedTail: Substring {
        let afterSlash = lastIndex(of: "/").map { self[index(after: $0)...] } ?? self[...]
        guard let dot = afterSlash.firstIndex(of: ".") else { return afterSlash }
        return afterSlash[afterSlash.index(after: dot)...]
    }
}
