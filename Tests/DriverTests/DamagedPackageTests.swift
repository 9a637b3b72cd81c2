import Foundation
import Testing
import TestSupport
@testable import Driver

/// Real packages damaged the ways a file is damaged mid-edit or on disk:
/// lines cut, repeated or moved, a file truncated, a token or stray bytes
/// dropped in, two names swapped. Whatever the damage, `lint`, `escape`
/// and `ir` end, and lint's report is well-formed JSON. The seeds are
/// fixed, so a failure names the damage that caused it; a fuzzed copy of
/// runtime/pprof cut inside its import block is how the loader's
/// empty-import-path crash was found.
@Suite(.enabled(if: Goroot.isAvailable, "needs GOROOT/src"))
struct DamagedPackageTests {
    /// Small packages with goroutines, channels, locks and tests.
    static let packages = ["sync", "context", "net/http/fcgi", "os/signal", "internal/singleflight", "expvar",
                           "log", "runtime/pprof", "text/template/parse", "io", "sync/atomic", "time"]

    @Test(arguments: 0..<24) func everyCommandEndsOnADamagedPackage(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed))
        let source = try #require(Goroot.sourceDirectory)
        let package = random.pick(Self.packages)
        let tree = try TemporaryTree()
        let names = try FileManager.default.contentsOfDirectory(atPath: source + "/" + package).filter { $0.hasSuffix(".go") }.sorted()
        for name in names {
            try tree.write(name, try Data(contentsOf: URL(fileURLWithPath: source + "/" + package + "/" + name)))
        }
        var damage: [String] = []
        for _ in 0..<random.int(1..<4) {
            let name = random.pick(names)
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: tree.path(name))))
            let (damaged, how) = Damage.apply(to: bytes, using: &random)
            try tree.write(name, Data(damaged))
            damage.append("\(name): \(how)")
        }
        let context = "\(package), \(damage.joined(separator: "; "))"

        let lint = LintCommand.run(options(["."], format: "json") { $0.workflow.noCache = true }, environment: [:],
                                   workingDirectory: tree.root, processorCount: 2)
        #expect(lint.status == .clean || lint.status == .findings, "lint: \(context)\n\(lint.stderr)")
        #expect((try? JSONSerialization.jsonObject(with: Data(lint.stdout.utf8))) != nil, "lint JSON: \(context)")

        let escape = EscapeCommand.run(options(["."]), flags: EscapeCommand.Flags(), environment: [:],
                                       workingDirectory: tree.root, processorCount: 2)
        #expect(escape.status != .usage && escape.status != .internalError, "escape: \(context)\n\(escape.stderr)")

        let ir = IRCommand.run(options(["."]), function: nil, environment: [:], workingDirectory: tree.root, processorCount: 2)
        #expect(ir.status != .usage && ir.status != .internalError, "ir: \(context)\n\(ir.stderr)")
    }
}

/// One edit that breaks a Go file, chosen by a seeded generator.
enum Damage {
    static let tokens = ["go ", "defer ", "select {", "chan ", "<-", "}", "{", ")", "(", "func() {", "for {", "[", "]",
                         "range ", "mu.Lock()", "wg.Add(1)", "make(map[string]int)", "type T[P any] ", "interface{",
                         "struct{", ",", ";", "\n", "`", "\"", "'", "/*", "0x", "...", ":=", "case ", "default:",
                         "import \"C\"\n", "//go:noinline\n", "goto L\n", "L:\n"]

    static func apply(to bytes: [UInt8], using random: inout SplitMix64) -> ([UInt8], String) {
        guard !bytes.isEmpty else { return (bytes, "empty, left as is") }
        func below(_ n: Int) -> Int { n <= 0 ? 0 : random.int(0..<n) }
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        func joined() -> [UInt8] { Array(lines.joined(separator: [0x0A])) }
        switch below(7) {
        case 0:
            let i = below(lines.count)
            let j = min(lines.count, i + 1 + below(14))
            lines.removeSubrange(i..<j)
            return (joined(), "lines \(i + 1)-\(j) deleted")
        case 1:
            let k = below(bytes.count)
            return (Array(bytes[..<k]), "truncated at byte \(k)")
        case 2:
            let k = below(bytes.count)
            let token = random.pick(tokens)
            return (Array(bytes[..<k]) + Array(token.utf8) + Array(bytes[k...]), "\(token.debugDescription) inserted at byte \(k)")
        case 3:
            let k = below(bytes.count)
            let n = min(bytes.count - k, 1 + below(7))
            return (Array(bytes[..<k]) + Array(bytes[(k + n)...]), "\(n) bytes deleted at byte \(k)")
        case 4:
            let i = below(lines.count)
            let j = min(lines.count, i + 1 + below(9))
            let k = below(lines.count)
            lines.insert(contentsOf: Array(lines[i..<j]), at: k)
            return (joined(), "lines \(i + 1)-\(j) repeated before line \(k + 1)")
        case 5:
            let k = below(bytes.count)
            let junk = (0..<(1 + below(5))).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            return (Array(bytes[..<k]) + junk + Array(bytes[k...]), "bytes \(junk) inserted at byte \(k)")
        default:
            let i = below(lines.count)
            let j = min(lines.count, i + 1 + below(29))
            let chunk = Array(lines[i..<j])
            lines.removeSubrange(i..<j)
            let k = below(lines.count + 1)
            lines.insert(contentsOf: chunk, at: k)
            return (joined(), "lines \(i + 1)-\(j) moved to line \(k + 1)")
        }
    }
}
