/// The textual form of the IR (grammar in docs/ir.md): print a module or a
/// function, parse text back.
///
/// For a module the validator accepts, `parse(print(m)) == m`, and printing
/// parsed printed text gives the same text. Printing never fails; parsing
/// stops at the first error of a file and throws it as a `DSLError`.
public enum DSL {
    /// The module as DSL text.
    public static func print(_ module: Module) -> String {
        String(decoding: printBytes(module), as: UTF8.self)
    }

    /// The module as UTF-8 bytes (what `print` returns, without the String).
    public static func printBytes(_ module: Module) -> [UInt8] {
        var p = Printer(module: module, capacity: 4096)
        p.printModule(module)
        return p.out.bytes
    }

    /// One function as DSL text (for `conclint ir --func NAME`). Globals are
    /// resolved against `module`, whose files name the function's file.
    public static func print(_ function: Function, in module: Module) -> String {
        var p = Printer(module: module, capacity: 1024)
        p.printFunction(function, files: module.files)
        return p.out.string
    }

    /// The module's text in parts, for hashing: `header` is everything
    /// but the functions (package, Go version, files, types, globals), and
    /// `visit` receives each function's text, in order, with its index and
    /// where in the text its positions (`line:column`) were written, in
    /// order. One printer serves the whole module, so asking per function
    /// costs no more than printing the module.
    public static func printParts(_ module: Module, header: (ArraySlice<UInt8>) -> Void,
                                  visit: (Int, ArraySlice<UInt8>, [Range<Int>]) -> Void) {
        var withoutFunctions = module
        withoutFunctions.functions = []
        var p = Printer(module: module, capacity: 4096)
        p.printModule(withoutFunctions)
        header(p.out.bytes[...])
        for (i, f) in module.functions.enumerated() {
            p.out.removeAll()
            p.positionRanges = []
            p.printFunction(f, files: module.files)
            visit(i, p.out.bytes[...], p.positionRanges ?? [])
        }
    }

    /// Parses DSL text; `path` is the file named in errors.
    public static func parse(_ text: String, path: String) throws -> Module {
        try parse(bytes: Array(text.utf8), path: path)
    }

    /// Parses DSL text given as UTF-8 bytes (invalid UTF-8 in names and
    /// strings is decoded with replacement characters).
    public static func parse(bytes: [UInt8], path: String) throws -> Module {
        var parser = Parser(bytes: bytes, path: path)
        return try parser.parseModule()
    }
}
