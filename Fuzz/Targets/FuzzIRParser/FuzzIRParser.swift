import CFuzzDriver
import ConcIR

/// libFuzzer entry point: parses the input as a `.cir` module (the IR's
/// DSL). Rejection must be a `DSLError` with a 1-based position; an
/// accepted module must validate or fail validation without trapping, and
/// must print to text that parses back and prints the same (DESIGN.md:
/// printing then parsing gives back the same IR).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIRParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let module: Module
    do {
        module = try DSL.parse(bytes: bytes, path: "fuzz.cir")
    } catch let error as DSLError {
        precondition(error.line >= 1 && error.column >= 1, "DSL error position not 1-based")
        return 0
    } catch {
        preconditionFailure("DSL.parse threw something other than DSLError: \(error)")
    }
    let printed = DSL.print(module)
    guard let again = try? DSL.parse(printed, path: "fuzz.cir") else {
        preconditionFailure("printed module does not parse:\n\(printed)")
    }
    precondition(DSL.print(again) == printed, "print-parse-print changed the module")
    return 0
}

/// The entry point of a debug build. SwiftPM links a debug executable with
/// `main` aliased to `FuzzIRParser_main`, the name its top-level code would have;
/// a fuzz target has none (libFuzzer's `main` runs it in release builds),
/// so this one hands the command line to libFuzzer's driver.
@_cdecl("FuzzIRParser_main")
public func fuzzIRParserDebugEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }  // libFuzzer always passes a buffer
        return fuzzIRParser(data, size)
    }
}
