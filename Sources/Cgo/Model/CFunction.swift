/// A position inside a preamble's C text (1-based line and byte column).
public struct CPosition: Hashable, Sendable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// A C type as far as the rules need it: its spelling and its shape.
public struct CType: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        case void, integer, floating, pointer, record, enumeration, function, array, other
    }

    /// As clang spells it (`const char *`, `struct addrinfo *`, `sqlite3 *`).
    public var spelling: String
    /// The canonical shape (typedefs looked through).
    public var kind: Kind

    public init(spelling: String, kind: Kind) {
        self.spelling = spelling
        self.kind = kind
    }

    public var isPointer: Bool { kind == .pointer }
    public var description: String { spelling }
}

public struct CParameter: Hashable, Sendable {
    /// Empty for an unnamed parameter of a declaration.
    public var name: String
    public var type: CType

    public init(name: String, type: CType) {
        self.name = name
        self.type = type
    }
}

/// A C function the preamble can call: declared by a header or the
/// preamble, and defined (with a body) in the preamble or elsewhere.
public struct CFunction: Hashable, Sendable {
    public var name: String
    public var result: CType
    public var parameters: [CParameter]
    public var isVariadic: Bool
    /// What its body does, when the preamble defines it; nil for a function
    /// only declared there (its body is in a library or a .c file).
    public var body: CFunctionBody?
    /// Where the preamble declares or defines it (nil: in a header).
    public var position: CPosition?

    public init(name: String, result: CType, parameters: [CParameter], isVariadic: Bool,
                body: CFunctionBody? = nil, position: CPosition? = nil) {
        self.name = name
        self.result = result
        self.parameters = parameters
        self.isVariadic = isVariadic
        self.body = body
        self.position = position
    }

    /// Defined in the preamble (so its calls are known).
    public var isDefined: Bool { body != nil }
}

/// An argument or value as the body facts see it: one of the function's
/// own parameters, or anything else.
public enum CValue: Hashable, Sendable {
    /// Parameter number n (0-based), possibly through casts and parentheses.
    case parameter(Int)
    /// The result of calling the named function (directly, or through a
    /// local variable assigned from that call).
    case callResult(String)
    case other
}

/// One call in a function body.
public struct CCall: Hashable, Sendable {
    /// The called function's name (empty for a call through a pointer).
    public var callee: String
    public var arguments: [CValue]
    public var position: CPosition

    public init(callee: String, arguments: [CValue], position: CPosition) {
        self.callee = callee
        self.arguments = arguments
        self.position = position
    }
}

/// What a preamble function's body does that matters where Go meets C:
/// whom it calls with which of its parameters, what it returns, which
/// parameters it keeps in global memory.
public struct CFunctionBody: Hashable, Sendable {
    /// Calls in source order.
    public var calls: [CCall]
    /// The values of its `return` statements.
    public var returns: [CValue]
    /// Parameters stored (as pointers) into a global variable or into
    /// memory reached from one: parameter index to the global's name.
    public var parametersKeptInGlobals: [Int: String]

    public init(calls: [CCall] = [], returns: [CValue] = [], parametersKeptInGlobals: [Int: String] = [:]) {
        self.calls = calls
        self.returns = returns
        self.parametersKeptInGlobals = parametersKeptInGlobals
    }
}
