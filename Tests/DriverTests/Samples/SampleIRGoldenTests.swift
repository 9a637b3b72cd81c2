import Driver
import Foundation
import TestSupport
import Testing

/// The IR of every sample program is checked in next to it as `ir.golden`
/// (reviewed by hand once), so that a change to the lowering shows up as a
/// diff of what the analyses see. `CONCLINT_UPDATE_GOLDEN=1` rewrites them.
///
/// The samples import the standard library, whose types come from GOROOT
/// when Go is installed and from the built-in model otherwise; the goldens
/// are written with GOROOT, so without Go the test is skipped.
@Suite struct SampleIRGoldenTests {
    /// Every directory under samples/ that holds a main.go.
    static var sampleDirectories: [String] {
        let root = Repository.path("samples")
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var dirs: [String] = []
        while let rel = walker.nextObject() as? String {
            if rel.hasSuffix("/main.go") || rel == "main.go" {
                dirs.append((rel as NSString).deletingLastPathComponent)
            }
        }
        return dirs.sorted()
    }

    @Test func thereAreSamples() {
        #expect(Self.sampleDirectories.count >= 10, "samples/ holds \(Self.sampleDirectories.count) programs")
    }

    @Test(.enabled(if: Goroot.isAvailable, "needs GOROOT (the goldens hold the standard library's types)"),
          arguments: sampleDirectories)
    func irMatchesGolden(sample: String) throws {
        let dir = Repository.path("samples/" + sample)
        var options = CommandLineOptions()
        options.paths = ["."]
        options.jobs = 2
        let outcome = IRCommand.run(options, function: nil, environment: ProcessInfo.processInfo.environment,
                                    workingDirectory: dir, processorCount: 2)
        #expect(outcome.status == .clean, "\(outcome.stderr)")
        let golden = dir + "/ir.golden"
        if ProcessInfo.processInfo.environment["CONCLINT_UPDATE_GOLDEN"] == "1" {
            try outcome.stdout.write(toFile: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: golden, encoding: .utf8)
        #expect(outcome.stdout == expected, "samples/\(sample): the IR differs from ir.golden (CONCLINT_UPDATE_GOLDEN=1 rewrites it; review the diff)")
    }
}
