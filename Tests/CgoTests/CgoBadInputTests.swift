import Cgo
import Findings
import Foundation
import Testing

/// Preambles conclint cannot or should not read: bad C, a generated header
/// over the size limit, no libclang at all. Each is one warning naming the
/// file, its C is unknown, and the rest of the run (the file's Go side, the
/// other packages) goes on. Equal preambles are read once per run.
@Suite struct CgoBadInputTests {
    /// A Go file whose preamble is `preamble` and whose Go side has a CG1020
    /// defect at line `11 + preamble lines`, column 2 (a thread locked and
    /// unlocked only when ok), which needs no C to be found.
    static func lockingFile(preamble: [String]) -> String {
        """
        package m

        /*
        \(preamble.joined(separator: "\n"))
        */
        import "C"

        import "runtime"

        // Pin locks the thread and unlocks it only when ok.
        func Pin(ok bool) {
        \truntime.LockOSThread()
        \tif ok {
        \t\truntime.UnlockOSThread()
        \t}
        }

        """
    }

    /// Bad C: one warning at the Go line of the C error; the file's Go side
    /// and another package's good preamble are still analysed.
    @Test(.enabled(if: CgoStageTests.libclang, "needs libclang")) func cSyntaxErrorIsOneWarningAtItsLine() throws {
        let bad = Self.lockingFile(preamble: ["#include <stdlib.h>", "", "static int broken(int x { return x; }"])
        let run = try CgoStageTests.lint(["m.go": bad, "ok/ok.go": CgoStageTests.releasing("ok", frees: false)])
        let about = run.notifications.filter { $0.file == "m.go" }
        #expect(about.count == 1)
        #expect(about.first?.kind == .warning)
        #expect(about.first?.line == 6, "the C error is on the preamble's third line, Go line 6")
        #expect(about.first?.message.hasPrefix("cgo preamble not read: ") == true)
        #expect(run.notifications.filter { $0.file == "ok/ok.go" }.isEmpty)
        #expect(run.findings == ["m.go:14:2 CG1020", "ok/ok.go:11:8 CG1001"])
    }

    /// A generated header over the limit (8 MiB) is not handed to libclang:
    /// one warning naming it; a big one under the limit is read, and its
    /// declarations resolve `C.name`s.
    @Test(.enabled(if: CgoStageTests.libclang, "needs libclang")) func hugeGeneratedHeaders() throws {
        let limit = CPreambleLimits().maxLocalHeaderBytes
        let over = Self.generatedHeader(prefix: "over", minimumBytes: limit + 1)
        let run = try CgoStageTests.lint(["m.go": Self.lockingFile(preamble: ["#include \"gen.h\""]), "gen.h": over])
        let about = run.notifications.filter { $0.file == "m.go" }
        #expect(about.count == 1)
        #expect(about.first?.message.contains("gen.h has \(over.utf8.count) bytes, over the limit of \(limit)") == true)
        #expect(run.findings == ["m.go:12:2 CG1020"])

        let under = Self.generatedHeader(prefix: "under", minimumBytes: 2 << 20)
        let last = under.split(separator: "\n").last.map { String($0.dropFirst("int ".count).prefix { $0 != "(" }) } ?? ""
        let user = """
        package m

        // #include "gen.h"
        import "C"

        // Last calls the last function the generated header declares.
        func Last() int { return int(C.\(last)(1)) }

        """
        let read = try CgoStageTests.lint(["m.go": Self.lockingFile(preamble: ["#include \"gen.h\""]), "use/use.go": user,
                                           "use/gen.h": under, "gen.h": under])
        #expect(read.notifications.filter { $0.file.hasSuffix(".go") }.isEmpty, "\(read.notifications)")
        #expect(read.findings == ["m.go:12:2 CG1020"])
    }

    /// Without libclang every preamble is unknown C, said once for the run
    /// (not once per file), and the rules that need no C still find.
    @Test func withoutLibclangItIsSaidOnce() throws {
        let run = try CgoStageTests.lint(["m.go": Self.lockingFile(preamble: ["#include <stdlib.h>"]),
                                          "n/n.go": Self.lockingFile(preamble: ["#include <stdio.h>"]).replacingOccurrences(of: "package m", with: "package n")],
                                         reader: CPreambleReader(parser: UnknownC(reason: "no libclang in this test")))
        let cgo = run.notifications.filter { $0.message.contains("cgo") }
        #expect(cgo.count == 1)
        #expect(cgo.first?.file == "m.go")
        #expect(cgo.first?.message == "cgo preambles are not read (no libclang in this test): the C functions of 2 cgo file(s) are unknown C")
        #expect(run.findings == ["m.go:12:2 CG1020", "n/n.go:12:2 CG1020"])
    }

    /// Equal preambles in one directory are parsed once; the same text in
    /// another directory is parsed again (its quoted includes are other files).
    @Test(.enabled(if: CgoStageTests.libclang, "needs libclang")) func equalPreamblesAreParsedOnce() throws {
        let counting = CountingParser(inner: CPreambleParsers.standard)
        let reader = CPreambleReader(parser: counting)
        let same = ["#include <stdlib.h>", "static int twice(int x) { return 2 * x; }"]
        let twin = Self.lockingFile(preamble: same).replacingOccurrences(of: "func Pin(", with: "func Pin2(")
        let run = try CgoStageTests.lint(["m.go": Self.lockingFile(preamble: same), "m2.go": twin,
                                          "m3.go": Self.lockingFile(preamble: ["#include <stdio.h>"]).replacingOccurrences(of: "func Pin(", with: "func Pin3("),
                                          "n/n.go": Self.lockingFile(preamble: same).replacingOccurrences(of: "package m", with: "package n")],
                                         reader: reader)
        #expect(counting.calls == 3)
        #expect(reader.statistics.parses == 3)
        #expect(reader.statistics.cacheHits == 1)
        #expect(run.findings == ["m.go:13:2 CG1020", "m2.go:13:2 CG1020", "m3.go:12:2 CG1020", "n/n.go:13:2 CG1020"])
    }

    /// A header of prototypes `int <prefix>_fN(int);`, at least `minimumBytes` long.
    static func generatedHeader(prefix: String, minimumBytes: Int) -> String {
        var out = "/* generated */\n"
        out.reserveCapacity(minimumBytes + 64)
        var n = 0
        while out.utf8.count < minimumBytes {
            out += "int \(prefix)_f\(n)(int);\n"
            n += 1
        }
        return out
    }
}

/// A parser that counts how often the reader hands it a preamble.
final class CountingParser: CPreambleParser, @unchecked Sendable {
    let inner: any CPreambleParser
    private let lock = NSLock()
    private var count = 0

    init(inner: any CPreambleParser) {
        self.inner = inner
    }

    var calls: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    var isAvailable: Bool { inner.isAvailable }

    func parse(_ request: CParseRequest) -> Result<CTranslationUnit, CParseFailure> {
        lock.lock()
        count += 1
        lock.unlock()
        return inner.parse(request)
    }
}
