import Cgo
import Driver
import Findings
import Foundation
import Testing
import TestSupport

/// The cgo stage inside `conclint lint`: preamble C functions seen through
/// by the rules, per package; bad preambles and unknown names as one
/// notification per file, with the Go analyses going on.
@Suite struct CgoStageTests {
    /// Reading preambles needs libclang (scripts/test installs libclang-dev).
    static let libclang = CPreambleReader().isAvailable

    struct Run {
        var findings: [String]
        var notifications: [Findings.Notification]
    }

    /// Lints a module made of `files` (path in the module to source), with
    /// the rules of rules/, its preambles read by `reader`; findings as
    /// `file:line:col RULE`.
    static func lint(_ files: [String: String], reader: CPreambleReader = CPreambleReader()) throws -> Run {
        let dir = try Repository.temporaryDirectory("conclint-cgo")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "module example.com/m\n\ngo 1.19\n".write(toFile: dir + "/go.mod", atomically: true, encoding: .utf8)
        for (path, source) in files {
            let full = dir + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try source.write(toFile: full, atomically: true, encoding: .utf8)
        }
        var options = CommandLineOptions()
        options.paths = ["./..."]
        options.jobs = 2
        var environment = ProcessInfo.processInfo.environment
        environment["CONCLINT_RULES"] = Repository.path("rules")
        let configuration = try RunConfiguration.validate(options, environment: environment, workingDirectory: dir,
                                                          processorCount: 2)
        let outcome = try LintPipeline.standard(configuration, cReader: reader).run(configuration)
        return Run(findings: outcome.result.findings.map { "\($0.location.file):\($0.location.line):\($0.location.column) \($0.ruleID)" }.sorted(),
                   notifications: outcome.result.notifications)
    }

    /// A package whose preamble defines `release` (freeing or not) and Go
    /// code that hands C memory to it.
    static func releasing(_ package: String, frees: Bool) -> String {
        """
        package \(package)

        /*
        #include <stdlib.h>
        static void release(char *s) { \(frees ? "free(s);" : "(void)s;") }
        */
        import "C"

        // Use hands a C copy of s to release.
        func Use(s string) {
        \tcs := C.CString(s)
        \tC.release(cs)
        }

        """
    }

    /// Two packages define a C function of the same name that does different
    /// things: each package's calls see its own (cgo compiles each
    /// package's preambles apart).
    @Test(.enabled(if: libclang, "needs libclang")) func sameCNameInTwoPackagesStaysApart() throws {
        let frees = try Self.lint(["a/a.go": Self.releasing("a", frees: true), "b/b.go": Self.releasing("b", frees: false)])
        #expect(frees.findings == ["b/b.go:11:8 CG1001"])
        let other = try Self.lint(["a/a.go": Self.releasing("a", frees: false), "b/b.go": Self.releasing("b", frees: true)])
        #expect(other.findings == ["a/a.go:11:8 CG1001"])
    }

    /// A preamble that does not read (a missing header) is one warning naming
    /// the file; the Go side of the file is still analysed.
    @Test(.enabled(if: libclang, "needs libclang")) func missingHeaderIsOneNotificationAndTheRunGoesOn() throws {
        let source = """
        package m

        /*
        #include "no-such-header.h"
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
        let run = try Self.lint(["m.go": source])
        let about = run.notifications.filter { $0.file == "m.go" }
        #expect(about.count == 1)
        #expect(about.first?.kind == .warning)
        #expect(about.first?.message.contains("no-such-header.h") == true)
        #expect(run.findings == ["m.go:12:2 CG1020"])
    }

    /// C names the preamble does not declare: one warning for the file,
    /// listing them, at the first.
    @Test(.enabled(if: libclang, "needs libclang")) func unknownCNamesAreOneNotificationPerFile() throws {
        let source = """
        package m

        // #include <stdlib.h>
        import "C"

        // F calls two functions nothing declares.
        func F() int {
        \tC.first_missing()
        \treturn int(C.second_missing(1))
        }

        """
        let run = try Self.lint(["m.go": source])
        let about = run.notifications.filter { $0.file == "m.go" }
        #expect(about.count == 1)
        #expect(about.first?.line == 8)
        #expect(about.first?.message.contains("C.first_missing, C.second_missing") == true)
    }

    /// C types are unknown to the Go type checker: indexing a C array
    /// typedef, or naming `*C.void`, says nothing (misc/cgo/test and gmp do
    /// both); the C side knows them.
    @Test(.enabled(if: libclang, "needs libclang")) func cTypesRaiseNoFollowOnErrors() throws {
        let source = """
        package m

        /*
        typedef unsigned char id_bytes[16];
        static void fill(unsigned char *p) { p[0] = 1; }
        */
        import "C"

        var nothing *C.void = nil

        // First fills an id and returns its first byte.
        func First() byte {
        \tvar id C.id_bytes
        \tC.fill(&id[0])
        \treturn byte(id[0])
        }

        """
        let run = try Self.lint(["m.go": source])
        #expect(run.notifications.isEmpty, "\(run.notifications)")
    }

    /// A free in a loop of a pointer allocated before it: the next
    /// iteration uses it and frees it again; freeing each element of an
    /// array in a loop is neither.
    @Test func freeInALoop() throws {
        let source = """
        package m

        /*
        #include <stdlib.h>
        static void use(void *p) { (void)p; }
        */
        import "C"

        import "unsafe"

        // Twice frees one buffer per iteration.
        func Twice(n int) {
        \tbuf := C.malloc(8)
        \tfor i := 0; i < n; i++ {
        \t\tC.use(buf)
        \t\tC.free(buf)
        \t}
        }

        // Each frees every element once.
        func Each(ptrs []unsafe.Pointer) {
        \tfor i := range ptrs {
        \t\tC.free(ptrs[i])
        \t}
        }

        """
        let run = try Self.lint(["m.go": source])
        let memory = run.findings.filter { $0.hasSuffix("CG1002") || $0.hasSuffix("CG1003") }
        #expect(memory == ["m.go:15:3 CG1003", "m.go:16:3 CG1002"])
    }
}
