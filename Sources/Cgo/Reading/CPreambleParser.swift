/// What to parse: a preamble's C text as one in-memory translation unit.
public struct CParseRequest: Hashable, Sendable {
    /// The C text (`CgoPreamble.text`).
    public var text: String
    /// The name of the in-memory file; `#include "x.h"` is looked up next
    /// to it, so it sits in the Go file's directory.
    public var fileName: String
    /// Compiler flags from `#cgo CFLAGS`/`CPPFLAGS` and pkg-config (`-I`, `-D` ...).
    public var flags: [String]

    public init(text: String, fileName: String, flags: [String]) {
        self.text = text
        self.fileName = fileName
        self.flags = flags
    }
}

/// Why a preamble gave no C facts: the message names the problem; the
/// position, when there is one, is a C line and column of the preamble.
public struct CParseFailure: Hashable, Sendable, Error {
    public var message: String
    public var position: CPosition?

    public init(message: String, position: CPosition? = nil) {
        self.message = message
        self.position = position
    }
}

/// Reads preambles. The libclang reader is the real one; `UnknownC` stands
/// in when libclang is not there, and every preamble is then unknown C.
public protocol CPreambleParser: Sendable {
    /// Whether this parser can read C at all (false: every request fails the same way).
    var isAvailable: Bool { get }
    func parse(_ request: CParseRequest) -> Result<CTranslationUnit, CParseFailure>
}

/// The parser for a run without libclang: every preamble is unknown C.
public struct UnknownC: CPreambleParser {
    public var reason: String

    public init(reason: String = "conclint was built without libclang (install libclang-dev and rebuild)") {
        self.reason = reason
    }

    public var isAvailable: Bool { false }

    public func parse(_ request: CParseRequest) -> Result<CTranslationUnit, CParseFailure> {
        .failure(CParseFailure(message: reason))
    }
}

/// The best parser this build has: libclang when it was found at build
/// time, `UnknownC` otherwise.
public enum CPreambleParsers {
    public static var standard: any CPreambleParser {
        #if CONCLINT_LIBCLANG
        return LibClangParser()
        #else
        return UnknownC()
        #endif
    }
}
