import Foundation

/// Runs `pkg-config --cflags` for `#cgo pkg-config:` lines, as the go
/// command does before compiling the preamble. A missing pkg-config or an
/// unknown package is a failure: the go build would fail the same way.
public struct PkgConfig: Sendable {
    /// The executable, found on PATH (nil: not installed).
    public var executable: String?

    public init(executable: String? = PkgConfig.find()) {
        self.executable = executable
    }

    /// `pkg-config` on PATH ($PKG_CONFIG first, as the go command does).
    public static func find() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["PKG_CONFIG"], !explicit.isEmpty {
            if explicit.contains("/") { return FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil }
            return search(explicit, environment)
        }
        return search("pkg-config", environment)
    }

    private static func search(_ name: String, _ environment: [String: String]) -> String? {
        (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The reading flags for `packages`.
    public func cflags(_ packages: [String]) -> Result<[String], CParseFailure> {
        guard !packages.isEmpty else { return .success([]) }
        guard let executable else {
            return .failure(CParseFailure(message: "pkg-config is not installed (needed for \(packages.joined(separator: " ")))"))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--cflags", "--"] + packages
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return .failure(CParseFailure(message: "could not run pkg-config: \(error)"))
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errorData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return .failure(CParseFailure(message: "pkg-config --cflags \(packages.joined(separator: " ")) failed"
                                          + (message.isEmpty ? "" : ": " + message)))
        }
        let text = String(decoding: data, as: UTF8.self)
        return .success(CgoFlags.readingFlags(CgoDirective.split(Substring(text))))
    }
}
