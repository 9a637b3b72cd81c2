#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Discovery

/// Writes `--output` so that readers only ever see the old file or the
/// whole new one: the text goes to a temporary file in the same directory
/// (same file system, so the rename is atomic), which is flushed and then
/// renamed over the target. On any failure the temporary file is removed.
///
/// Two targets are not replaced: a device or pipe (`--output /dev/null`,
/// which a rename would turn into a regular file) is written in place, and
/// a symbolic link keeps pointing where it did, its target being replaced.
enum AtomicFileWriter {
    struct WriteError: Error, CustomStringConvertible {
        var description: String
    }

    /// Fails early (before any work) when the target cannot be written:
    /// its directory is missing or the path is a directory.
    static func checkWritable(_ path: String) throws {
        let directory = PathUtilities.parent(path)
        var info = stat()
        guard stat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw UsageError("cannot write --output \(path): directory \(directory) does not exist")
        }
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw UsageError("cannot write --output \(path): it is a directory")
        }
        guard access(directory, W_OK) == 0 else {
            throw UsageError("cannot write --output \(path): \(String(cString: strerror(errno)))")
        }
    }

    static func write(_ text: String, to requestedPath: String) throws {
        let path = resolvedTarget(requestedPath)
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            try writeInPlace(text, to: path)
            return
        }
        let directory = PathUtilities.parent(path)
        let name = PathUtilities.lastComponent(path)
        var template = Array(PathUtilities.join(directory, ".\(name).tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer in
            mkstemp(buffer.baseAddress!)
        }
        guard fd >= 0 else { throw WriteError(description: "cannot create a temporary file in \(directory): \(lastError())") }
        let temporary = String(cString: template)
        var succeeded = false
        defer {
            if !succeeded { unlink(temporary) }
        }
        let writeResult = writeAll(fd, Array(text.utf8))
        let syncResult = writeResult == nil ? (fsync(fd) == 0 ? nil : lastError()) : nil
        fchmod(fd, 0o644)
        let closeResult = close(fd) == 0 ? nil : lastError()
        if let failure = writeResult ?? syncResult ?? closeResult {
            throw WriteError(description: "cannot write \(path): \(failure)")
        }
        guard rename(temporary, path) == 0 else {
            throw WriteError(description: "cannot replace \(path): \(lastError())")
        }
        succeeded = true
    }

    /// The file a symbolic link points at (so the link survives), else the path itself.
    private static func resolvedTarget(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// For devices and pipes, where there is nothing to replace atomically.
    private static func writeInPlace(_ text: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw WriteError(description: "cannot write \(path): \(lastError())") }
        let failure = writeAll(fd, Array(text.utf8))
        close(fd)
        if let failure { throw WriteError(description: "cannot write \(path): \(failure)") }
    }

    /// Nil on success, else the system's reason.
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> String? {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                systemWrite(fd, raw.baseAddress.map { $0 + offset }, bytes.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return lastError()
            }
            offset += n
        }
        return nil
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}

@inline(__always)
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Darwin)
    return Darwin.write(fd, buffer, count)
    #elseif canImport(Musl)
    return Musl.write(fd, buffer, count)
    #else
    return Glibc.write(fd, buffer, count)
    #endif
}
