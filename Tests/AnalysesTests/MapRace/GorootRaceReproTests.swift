import Driver
import Foundation
import Testing
import TestSupport

/// A map race conclint reports in the standard library, shown by the Go
/// runtime. In Go 1.19's encoding/gob a Decoder that meets a field of a
/// type its stream never defined reads the package's `idToType` map without
/// `typeLock` (the error message of `decIgnoreOpFor`), while an Encoder that
/// meets a new type writes it under the lock. The lint of encoding/gob
/// reports that pair (MR1002 at type.go:186, the read at type.go:193), and
/// docs/triage/repro/gob-idtotype, which decodes a malformed stream while
/// encoding new types, makes the race detector name the same read and
/// write, and the plain runtime die with the message MR1002 quotes.
///
/// Later Go releases keep `idToType` in a slice: the tests are for a GOROOT
/// whose gob still keeps a map, and are skipped on others.
@Suite struct GorootRaceReproTests {
    static let repro = MapRaceSample.repository.appendingPathComponent("docs/triage/repro/gob-idtotype")

    /// Builds the program (with the race detector or without) in a
    /// temporary directory, and runs it, again while `retry` holds of the
    /// run's outcome, `attempts` times at most.
    static func buildAndRun(race: Bool, environment: [String: String] = [:], attempts: Int = 1,
                            retry: (SampleRun.Outcome) -> Bool = { _ in false }) throws -> SampleRun.Outcome {
        let go = try #require(SampleRunner.executable("go"))
        let build = FileManager.default.temporaryDirectory.appendingPathComponent("conclint-gob-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: build) }
        try FileManager.default.createDirectory(at: build, withIntermediateDirectories: true)
        let program = build.appendingPathComponent("repro")
        let built = try SampleRun.run(go, ["build"] + (race ? ["-race"] : []) + ["-o", program.path, "."], in: repro,
                                      timeout: 600, environment: race ? ["CGO_ENABLED": "1"] : [:])
        try #require(built.status == 0, "go build failed: \(built.output)")
        var run = try SampleRun.run(program, [], in: build, timeout: 120, environment: environment)
        for _ in 1..<max(attempts, 1) where retry(run) {
            run = try SampleRun.run(program, [], in: build, timeout: 120, environment: environment)
        }
        return run
    }

    /// Whether GOROOT's encoding/gob keeps `idToType` in a map (Go 1.19 does).
    static var gobKeepsIdToTypeInAMap: Bool {
        guard let src = Goroot.sourceDirectory,
              let text = try? String(contentsOfFile: src + "/encoding/gob/type.go", encoding: .utf8) else { return false }
        return text.contains("var idToType = make(map[typeId]gobType)")
    }

    @Test(.enabled(if: gobKeepsIdToTypeInAMap, "needs a GOROOT whose encoding/gob keeps idToType in a map (Go 1.19)"))
    func lintOfGobReportsTheUnlockedReadAgainstTheLockedWrite() throws {
        var options = CommandLineOptions()
        options.paths = ["./encoding/gob"]
        options.jobs = 2
        let root = try #require(Goroot.sourceDirectory)
        let configuration = try RunConfiguration.validate(options, environment: ProcessInfo.processInfo.environment,
                                                          workingDirectory: root, processorCount: 2)
        let outcome = try LintPipeline.standard(configuration).run(configuration)
        let races = outcome.result.findings.filter { $0.ruleID == "MR1002" && $0.location.file == "encoding/gob/type.go" }
        let pair = races.first { f in
            f.location.line == 186 && f.related.contains { $0.location.file == "encoding/gob/type.go" && $0.location.line == 193 }
        }
        #expect(pair != nil, "MR1002 findings in type.go: \(races.map { "\($0.location.line): \($0.message)" })")
        #expect(pair?.message.contains("idToType") == true)
    }

    @Test(.enabled(if: gobKeepsIdToTypeInAMap && SampleRunner.canRunRaceDetector,
                   "needs Go 1.19's encoding/gob, the go toolchain and a C compiler for -race"))
    func theRaceDetectorNamesTheSameReadAndWrite() throws {
        // The first report is enough: the program runs for 30 seconds otherwise.
        // The runtime's own check of map accesses sees the same race and may
        // stop the program first ("concurrent map read and map write", the
        // next test), before the detector has printed its report: then the
        // program runs again, five times at most.
        let run = try Self.buildAndRun(race: true, environment: ["GORACE": "halt_on_error=1"], attempts: 5) { run in
            !run.output.contains("WARNING: DATA RACE") && run.output.contains("fatal error: concurrent map")
        }
        #expect(!run.timedOut)
        #expect(run.output.contains("WARNING: DATA RACE"), "\(run.output)")
        // The read, reached from the decoder's error path.
        #expect(run.output.contains("encoding/gob/type.go:193 "), "\(run.output)")
        #expect(run.output.contains("encoding/gob/decode.go:901 "), "\(run.output)")
        // The write: setTypeId (186) or newTypeObject (524), whichever type came first.
        #expect(run.output.contains("encoding/gob/type.go:186 ") || run.output.contains("encoding/gob/type.go:524 "), "\(run.output)")
    }

    @Test(.enabled(if: gobKeepsIdToTypeInAMap && SampleRunner.executable("go") != nil,
                   "needs Go 1.19's encoding/gob and the go toolchain"))
    func withoutTheRaceDetectorTheRuntimeDiesWithTheMessageTheRuleQuotes() throws {
        let run = try Self.buildAndRun(race: false)
        #expect(!run.timedOut)
        #expect(run.status != 0)
        #expect(run.output.contains("fatal error: concurrent map read and map write"), "\(run.output)")
        #expect(run.output.contains("encoding/gob/type.go:193"), "\(run.output)")
    }
}
