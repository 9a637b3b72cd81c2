import Driver
import Findings
import Foundation
import Testing
import TestSupport

/// The cgo test programs of the Go distribution (GOROOT/misc/cgo, Go 1.19):
/// the lint reads all of them, testdata included, and reports exactly the
/// findings judged in docs/triage/goroot.md's misc/cgo section, so a change
/// that adds or removes one must be judged there.
@Suite struct MiscCgoTests {
    static let directory: String? = Goroot.miscDirectory.map { $0 + "/cgo" }
        .flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
    static let enabled = directory != nil && Goroot.version?.hasPrefix("go1.19") == true && CgoStageTests.libclang

    /// `./...` and every testdata directory below `root` (`./...` skips them, as `go vet` does).
    static func patterns(under root: String) -> [String] {
        var out = ["./..."]
        let e = FileManager.default.enumerator(atPath: root)
        while let rel = e?.nextObject() as? String {
            if (rel as NSString).lastPathComponent == "testdata" {
                out.append("./" + rel + "/...")
                e?.skipDescendants()
            }
        }
        return out.sorted()
    }

    /// The `misc/cgo/...:line RULE` rows of the triage's misc/cgo section.
    static func triagedRows() throws -> [String] {
        let text = try String(contentsOfFile: Repository.path("docs/triage/goroot.md"), encoding: .utf8)
        guard let start = text.range(of: "\n## misc/cgo") else { return [] }
        var rows: [String] = []
        for line in text[start.upperBound...].split(separator: "\n") {
            if line.hasPrefix("## ") { break }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, cells[0].hasPrefix("misc/cgo/") else { continue }
            rows.append("\(cells[0]) \(cells[1])")
        }
        return rows.sorted()
    }

    @Test(.enabled(if: enabled, "needs Go 1.19's GOROOT/misc/cgo and libclang"))
    func findingsAreTheTriagedOnes() throws {
        let root = try #require(Self.directory)
        var options = CommandLineOptions()
        options.paths = Self.patterns(under: root)
        options.jobs = 2
        var environment = ProcessInfo.processInfo.environment
        environment["CONCLINT_RULES"] = Repository.path("rules")
        let configuration = try RunConfiguration.validate(options, environment: environment, workingDirectory: root,
                                                          processorCount: 2)
        let outcome = try LintPipeline.standard(configuration).run(configuration)
        let found = outcome.result.findings.map { f -> String in
            // Paths are shown from GOROOT/misc ("cgo/test/test.go").
            let file = f.location.file.hasPrefix("cgo/") ? "misc/" + f.location.file : f.location.file
            return "\(file):\(f.location.line) \(f.ruleID)"
        }.sorted()
        let triaged = try Self.triagedRows()
        #expect(triaged.count == 19)
        #expect(found == triaged)
        let cgoFiles = outcome.statistics.first { $0.name == "cgo.files" }?.count
        #expect(cgoFiles == 118)
    }
}
