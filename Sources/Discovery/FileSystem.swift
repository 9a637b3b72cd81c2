#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file-system questions discovery asks, answered with POSIX calls
/// so that every failure carries the operating system's own reason.
enum FileSystem {
    enum Kind: Equatable { case regular, directory, other }

    /// What a path names, following symbolic links, with the identity that
    /// detects a directory reached twice (symlink loops).
    struct Status: Equatable {
        var kind: Kind
        var device: UInt64
        var inode: UInt64
    }

    static func status(_ path: String) -> Result<Status, SystemError> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(lastError()) }
        let kind: Kind
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        default: kind = .other
        }
        return .success(Status(kind: kind, device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
    }

    /// Entry names of a directory (without `.` and `..`), sorted bytewise.
    static func entries(of directory: String) -> Result<[String], SystemError> {
        guard let dir = opendir(directory) else { return .failure(lastError()) }
        defer { closedir(dir) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(dir) else {
                if errno != 0 { return .failure(lastError()) }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return .success(names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }))
    }

    static func isRegularFile(_ path: String) -> Bool {
        if case .success(let s) = status(path) { return s.kind == .regular }
        return false
    }

    static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "/" }
        return String(cString: buffer)
    }

    /// The operating system's reason for the last failed call.
    struct SystemError: Error, Equatable, CustomStringConvertible {
        var description: String
    }

    static func lastError() -> SystemError { SystemError(description: String(cString: strerror(errno))) }
}

/// Lexical path arithmetic on `/`-separated paths. Symbolic links are not
/// resolved: paths stay as the user would recognise them.
public enum PathUtilities {
    /// `path` made absolute against `base` and normalised (no `.`, `..`, `//`).
    public static func absolute(_ path: String, relativeTo base: String) -> String {
        let joined = path.hasPrefix("/") ? path : base + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `path` relative to `root` when it lies inside it (`""` for the root itself), else nil.
    public static func relative(_ path: String, to root: String) -> String? {
        if path == root { return "" }
        let prefix = root == "/" ? "/" : root + "/"
        guard path.hasPrefix(prefix) else { return nil }
        return String(path.dropFirst(prefix.count))
    }

    public static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    public static func lastComponent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    public static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
