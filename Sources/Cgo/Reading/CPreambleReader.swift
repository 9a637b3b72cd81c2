import Foundation

/// Bounds on what a preamble may make conclint read, so that a generated
/// monster cannot stall a lint run. Over a bound, the preamble is unknown C.
public struct CPreambleLimits: Hashable, Sendable {
    /// The preamble's own text.
    public var maxPreambleBytes: Int
    /// Each header the preamble includes with quotes from the package's
    /// directory or its `-I` directories (system headers are not counted).
    public var maxLocalHeaderBytes: Int

    public init(maxPreambleBytes: Int = 1 << 20, maxLocalHeaderBytes: Int = 8 << 20) {
        self.maxPreambleBytes = maxPreambleBytes
        self.maxLocalHeaderBytes = maxLocalHeaderBytes
    }
}

/// The one door to C for a lint run: reads each preamble once (a cache
/// keyed by its text, directory and flags, shared by every thread of the
/// run), runs pkg-config once per package list, and enforces the limits.
/// Create one per run; it holds no global state.
public final class CPreambleReader: @unchecked Sendable {
    public let parser: any CPreambleParser
    public let pkgConfig: PkgConfig
    public let limits: CPreambleLimits

    /// One cached result; its own lock makes a second reader of the same
    /// preamble wait for the first instead of parsing it again.
    private final class Entry: @unchecked Sendable {
        let lock = NSLock()
        var result: Result<CTranslationUnit, CParseFailure>?
    }

    private let lock = NSLock()
    private var entries: [CParseRequest: Entry] = [:]
    private var pkgConfigResults: [[String]: Result<[String], CParseFailure>] = [:]
    private var parseCount = 0
    private var hitCount = 0

    public init(parser: any CPreambleParser = CPreambleParsers.standard, pkgConfig: PkgConfig = PkgConfig(),
                limits: CPreambleLimits = CPreambleLimits()) {
        self.parser = parser
        self.pkgConfig = pkgConfig
        self.limits = limits
    }

    public var isAvailable: Bool { parser.isAvailable }

    /// How many preambles were parsed, and how many reads the cache answered.
    public var statistics: (parses: Int, cacheHits: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (parseCount, hitCount)
    }

    /// The C of `preamble`, read with the package's `flags` from `directory`.
    public func read(_ preamble: CgoPreamble, flags: CgoFlags, directory: String) -> Result<CTranslationUnit, CParseFailure> {
        guard parser.isAvailable else { return parser.parse(CParseRequest(text: "", fileName: "", flags: [])) }
        if preamble.text.utf8.count > limits.maxPreambleBytes {
            return .failure(CParseFailure(message: "the preamble has \(preamble.text.utf8.count) bytes, over the limit of \(limits.maxPreambleBytes)"))
        }
        var all = flags.flags
        switch pkgConfigFlags(flags.pkgConfigPackages) {
        case .success(let extra): all += extra
        case .failure(let failure): return .failure(failure)
        }
        if let failure = oversizedHeader(preamble.text, directory: directory, flags: all) { return .failure(failure) }
        let request = CParseRequest(text: preamble.text, fileName: directory + "/_conclint_cgo_preamble.c", flags: all)
        return parse(request)
    }

    /// Parses through the cache.
    public func parse(_ request: CParseRequest) -> Result<CTranslationUnit, CParseFailure> {
        lock.lock()
        let entry: Entry
        if let existing = entries[request] {
            entry = existing
            hitCount += 1
        } else {
            entry = Entry()
            entries[request] = entry
            parseCount += 1
        }
        lock.unlock()
        entry.lock.lock()
        defer { entry.lock.unlock() }
        if let result = entry.result { return result }
        let result = parser.parse(request)
        entry.result = result
        return result
    }

    private func pkgConfigFlags(_ packages: [String]) -> Result<[String], CParseFailure> {
        guard !packages.isEmpty else { return .success([]) }
        lock.lock()
        if let known = pkgConfigResults[packages] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let result = pkgConfig.cflags(packages)
        lock.lock()
        pkgConfigResults[packages] = result
        lock.unlock()
        return result
    }

    /// A header included with quotes that is over the size limit, looked up
    /// as the C compiler would: next to the preamble, then in the `-I` directories.
    private func oversizedHeader(_ text: String, directory: String, flags: [String]) -> CParseFailure? {
        var directories = [directory]
        var i = 0
        while i < flags.count {
            if flags[i] == "-I" || flags[i] == "-iquote", i + 1 < flags.count {
                directories.append(flags[i + 1])
                i += 2
                continue
            }
            if flags[i].hasPrefix("-I") { directories.append(String(flags[i].dropFirst(2))) }
            i += 1
        }
        for name in Self.quotedIncludes(text) {
            for dir in directories {
                let path = name.hasPrefix("/") ? name : dir + "/" + name
                guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int else { continue }
                if size > limits.maxLocalHeaderBytes {
                    return CParseFailure(message: "\(name) has \(size) bytes, over the limit of \(limits.maxLocalHeaderBytes) for a header next to the Go code")
                }
                break
            }
        }
        return nil
    }

    /// The names of `#include "name"` lines.
    static func quotedIncludes(_ text: String) -> [String] {
        var out: [String] = []
        for line in text.split(separator: "\n") {
            var rest = line.drop { $0 == " " || $0 == "\t" }
            guard rest.hasPrefix("#") else { continue }
            rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
            guard rest.hasPrefix("include") else { continue }
            rest = rest.dropFirst("include".count).drop { $0 == " " || $0 == "\t" }
            guard rest.hasPrefix("\""), let close = rest.dropFirst().firstIndex(of: "\"") else { continue }
            out.append(String(rest[rest.index(after: rest.startIndex)..<close]))
        }
        return out
    }
}
