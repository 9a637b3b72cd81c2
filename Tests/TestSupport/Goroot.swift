import Foundation

/// Locates the Go toolchain that serves as the oracle in tests: $GOROOT,
/// else `go env GOROOT`. conclint itself never needs Go; tests that compare
/// with Go are enabled only when it is present.
public enum Goroot {
    public static let root: String? = {
        if let env = ProcessInfo.processInfo.environment["GOROOT"], !env.isEmpty { return env }
        guard let out = try? Shell.run(["go", "env", "GOROOT"]), out.status == 0 else { return nil }
        let s = out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return s.isEmpty ? nil : s
    }()

    /// GOROOT/src with symbolic links resolved (Debian links it from /usr/share).
    public static var sourceDirectory: String? { existing("src") }

    /// GOROOT/test: the compiler's own test programs.
    public static var testDirectory: String? { existing("test") }

    /// GOROOT/misc: cgo's own test programs among others (not in every distribution).
    public static var miscDirectory: String? { existing("misc") }

    /// The release, from GOROOT/VERSION's first line (`go1.19.8`).
    public static var version: String? {
        guard let root, let text = try? String(contentsOfFile: root + "/VERSION", encoding: .utf8) else { return nil }
        return text.split(whereSeparator: \.isNewline).first.map(String.init)
    }

    public static var isAvailable: Bool { sourceDirectory != nil }

    private static func existing(_ sub: String) -> String? {
        guard let root else { return nil }
        let path = URL(fileURLWithPath: root + "/" + sub).resolvingSymlinksInPath().path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// Every .go file under `dir`, skipping testdata directories, sorted.
    public static func goFiles(under dir: String) -> [String] {
        var files: [String] = []
        guard let e = FileManager.default.enumerator(atPath: dir) else { return [] }
        while let rel = e.nextObject() as? String {
            if rel.hasSuffix("/testdata") || rel == "testdata" {
                e.skipDescendants()
                continue
            }
            if rel.hasSuffix(".go") { files.append(dir + "/" + rel) }
        }
        return files.sorted()
    }
}

/// Runs a command and captures its output (tests only).
public enum Shell {
    public struct Output {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    public static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String]? = nil) throws -> Output {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment {
            p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read both pipes concurrently so that neither fills up and blocks the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Output(status: p.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errBox.data, as: UTF8.self))
    }
}

/// Paths of this repository, found from this source file's location.
public enum Repository {
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        // Tests/TestSupport/Goroot.swift -> repository root
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static func path(_ relative: String) -> String { root + "/" + relative }

    /// A fresh temporary directory, removed by the caller with `remove`.
    public static func temporaryDirectory(_ prefix: String = "conclint-test") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }
}
