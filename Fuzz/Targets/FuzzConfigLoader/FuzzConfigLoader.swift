import CFuzzDriver
import RuleEngine

/// The built-in rules, loaded once: configurations are checked against them.
private let builtinRules = try? RuleSet.builtin(environment: [:])

/// libFuzzer entry point: reads the input as a `.conclint.yml`. Bad input
/// must be refused with an error (exit 2 in the CLI), never a trap or a
/// hang; a configuration that parses is then validated against the
/// built-in rules and asked the questions a run asks (excluded paths).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfigLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let configuration = try? Configuration.parse(text: text, file: ".conclint.yml") else { return 0 }
    if let rules = builtinRules {
        _ = try? configuration.validate(against: rules)
    }
    _ = configuration.isExcluded("a/b/c_test.go")
    _ = configuration.isExcluded("vendor/x.go")
    return 0
}

/// The entry point of a debug build. SwiftPM links a debug executable with
/// `main` aliased to `FuzzConfigLoader_main`, the name its top-level code would have;
/// a fuzz target has none (libFuzzer's `main` runs it in release builds),
/// so this one hands the command line to libFuzzer's driver.
@_cdecl("FuzzConfigLoader_main")
public func fuzzConfigLoaderDebugEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }  // libFuzzer always passes a buffer
        return fuzzConfigLoader(data, size)
    }
}
