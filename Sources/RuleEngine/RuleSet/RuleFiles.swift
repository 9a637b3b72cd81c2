import Foundation

/// The text of one rule file and the path shown for it in errors.
public struct RuleFileText: Hashable, Sendable {
    /// Relative to the rules directory, with `/` separators (`timer/TM1001-ticker-not-stopped.yaml`).
    public var relativePath: String
    public var text: String

    public init(relativePath: String, text: String) {
        self.relativePath = relativePath
        self.text = text
    }
}

/// Finding and reading rule files on disk.
public enum RuleFiles {
    /// Every `.yaml`/`.yml` file below `directory` (hidden entries skipped),
    /// sorted by relative path so that loading, and so its errors, is
    /// deterministic. `displayPath` names the directory in errors.
    public static func collect(directory: URL, displayPath: String) throws -> [RuleFileText] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ConfigurationError(file: displayPath, message: "rules directory not found")
        }
        let root = directory.standardizedFileURL.resolvingSymlinksInPath()
        guard let walker = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else {
            throw ConfigurationError(file: displayPath, message: "rules directory cannot be read")
        }
        var relativePaths: [String] = []
        for case let url as URL in walker where ["yaml", "yml"].contains(url.pathExtension) {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey])
            guard values?.isRegularFile == true else { continue }
            let full = url.standardizedFileURL.resolvingSymlinksInPath().path
            guard full.hasPrefix(root.path + "/") else { continue }
            relativePaths.append(String(full.dropFirst(root.path.count + 1)))
        }
        return try relativePaths.sorted().map { relative in
            let display = join(displayPath, relative)
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(relative).path) else {
                throw ConfigurationError(file: display, message: "cannot read the rule file")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw ConfigurationError(file: display, message: "the rule file is not UTF-8 text")
            }
            return RuleFileText(relativePath: relative, text: text)
        }
    }

    /// `dir` + `/` + `relative`, without doubling the separator.
    static func join(_ directory: String, _ relative: String) -> String {
        if directory.isEmpty || directory == "." { return relative }
        return directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }
}
