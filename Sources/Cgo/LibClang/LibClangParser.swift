#if CONCLINT_LIBCLANG
import Foundation
internal import CClang

/// Reads a preamble with libclang: the text is an in-memory file (nothing
/// is written to disk), parsed with the file's `#cgo` flags; the
/// declarations of the preamble and of everything it includes become a
/// `CTranslationUnit`. A preamble with an error (a missing header, bad C)
/// is a failure: its C is unknown rather than half known.
///
/// Each parse has its own libclang index, so parses may run on several
/// threads at once.
struct LibClangParser: CPreambleParser {
    /// What cgo puts before every preamble, so that the preamble may use
    /// `_GoString_` and its helpers as cgo allows; its lines are not the
    /// preamble's, and positions are shifted back by its line count.
    static let prologue = [
        "#include <stddef.h>",
        "typedef struct { const char *p; ptrdiff_t n; } _GoString_;",
        "static size_t _GoStringLen(_GoString_ s) { return (size_t)s.n; }",
        "static const char *_GoStringPtr(_GoString_ s) { return s.p; }",
    ]

    var isAvailable: Bool { true }

    func parse(_ request: CParseRequest) -> Result<CTranslationUnit, CParseFailure> {
        guard let index = clang_createIndex(0, 0) else {
            return .failure(CParseFailure(message: "libclang could not create an index"))
        }
        defer { clang_disposeIndex(index) }
        let source = Self.prologue.joined(separator: "\n") + "\n" + request.text
        let arguments = ["-x", "c", "-w", "-fno-color-diagnostics", "-ferror-limit=20"] + request.flags
        let options = UInt32(CXTranslationUnit_DetailedPreprocessingRecord.rawValue)
        var unit: CXTranslationUnit?
        let code: CXErrorCode = source.utf8CString.withUnsafeBufferPointer { text in
            request.fileName.withCString { name in
                var unsaved = CXUnsavedFile(Filename: name, Contents: text.baseAddress, Length: UInt(text.count - 1))
                return withCStrings(arguments) { argv in
                    clang_parseTranslationUnit2(index, name, argv, Int32(arguments.count), &unsaved, 1, options, &unit)
                }
            }
        }
        guard code == CXError_Success, let unit else {
            return .failure(CParseFailure(message: "libclang could not parse the preamble (error \(code.rawValue))"))
        }
        defer { clang_disposeTranslationUnit(unit) }
        if let failure = firstError(unit) { return .failure(failure) }
        var reader = TranslationUnitReader(unit: unit, prologueLines: Self.prologue.count)
        return .success(reader.read())
    }

    /// The first diagnostic of error severity, with its preamble position.
    private func firstError(_ unit: CXTranslationUnit) -> CParseFailure? {
        for i in 0..<clang_getNumDiagnostics(unit) {
            guard let diagnostic = clang_getDiagnostic(unit, i) else { continue }
            defer { clang_disposeDiagnostic(diagnostic) }
            let severity = clang_getDiagnosticSeverity(diagnostic)
            guard severity == CXDiagnostic_Error || severity == CXDiagnostic_Fatal else { continue }
            let message = Clang.string(clang_getDiagnosticSpelling(diagnostic))
            let location = clang_getDiagnosticLocation(diagnostic)
            var line: UInt32 = 0
            var column: UInt32 = 0
            clang_getExpansionLocation(location, nil, &line, &column, nil)
            let inPreamble = clang_Location_isFromMainFile(location) != 0 && Int(line) > Self.prologue.count
            if inPreamble {
                return CParseFailure(message: message, position: CPosition(line: Int(line) - Self.prologue.count, column: Int(column)))
            }
            var file: CXFile?
            clang_getExpansionLocation(location, &file, nil, nil, nil)
            let name = file.map { Clang.string(clang_getFileName($0)) } ?? ""
            return CParseFailure(message: name.isEmpty ? message : "\(name):\(line):\(column): \(message)")
        }
        return nil
    }

    /// Calls `body` with a C `argv` for `strings`, valid only during the call.
    private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        let argv = UnsafeMutablePointer<UnsafePointer<CChar>?>.allocate(capacity: strings.count + 1)
        let copies = strings.map { strdup($0) }
        defer {
            copies.forEach { free($0) }
            argv.deallocate()
        }
        for (i, copy) in copies.enumerated() { (argv + i).initialize(to: copy.map { UnsafePointer($0) }) }
        (argv + strings.count).initialize(to: nil)
        return body(UnsafePointer(argv))
    }
}
#endif
