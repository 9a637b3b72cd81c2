import Foundation

/// A directory tree made for one test and removed afterwards. Paths are
/// resolved (no symbolic links), so they compare equal to what discovery
/// reports.
final class TemporaryTree {
    let root: String

    init() throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory()).resolvingSymlinksInPath().path
        root = base + "/conclint-discovery-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit {
        // Restore permissions a test may have removed, so removal succeeds.
        if let e = FileManager.default.enumerator(atPath: root) {
            while let rel = e.nextObject() as? String { chmod(root + "/" + rel, 0o755) }
        }
        try? FileManager.default.removeItem(atPath: root)
    }

    func path(_ relative: String) -> String { root + "/" + relative }

    /// Writes `contents` at `relative`, creating directories.
    func write(_ relative: String, _ contents: String) throws {
        try write(relative, Data(contents.utf8))
    }

    func write(_ relative: String, _ data: Data) throws {
        let full = path(relative)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: full))
    }

    func symlink(_ relative: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path(relative), withDestinationPath: destination)
    }
}

/// Whether this process runs as root, for which permission bits do not
/// stop reads.
var isRoot: Bool { geteuid() == 0 }
