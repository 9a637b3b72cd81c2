import Foundation

/// The Go toolchain as a test oracle (never needed by conclint itself):
/// found from $GOROOT, else on $PATH.
enum GoOracle {
    static let goBinary: URL? = find("go")
    static let gofmtBinary: URL? = find("gofmt")

    private static func find(_ tool: String) -> URL? {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let root = environment["GOROOT"], !root.isEmpty { candidates.append(root + "/bin/" + tool) }
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            candidates.append(String(directory) + "/" + tool)
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }.map(URL.init(fileURLWithPath:))
    }

    /// Runs `tool` in `directory`; returns the exit status and the combined output.
    static func run(_ tool: URL, _ arguments: [String], in directory: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
