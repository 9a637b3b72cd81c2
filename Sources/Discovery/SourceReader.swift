#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a source file was not read. Each case renders as the one line the
/// user sees after the file's path.
public enum ReadFailure: Error, Hashable, Sendable, CustomStringConvertible {
    case tooLarge(size: Int, limit: Int)
    case binary
    case notRegularFile
    /// The operating system's reason (`Permission denied`, ...).
    case system(String)

    public var description: String {
        switch self {
        case .tooLarge(let size, let limit):
            return "file too large: \(size) bytes exceeds the limit of \(limit) bytes (--max-file-size), skipped"
        case .binary: return "binary file, skipped"
        case .notRegularFile: return "not a regular file, skipped"
        case .system(let reason): return reason
        }
    }
}

/// The one place that reads source files, so that every stage refuses the
/// same inputs: over the size limit, binary (a NUL byte in the first
/// 8 KiB), not a regular file (a FIFO would block forever), or unreadable.
/// Offsets in the syntax tree are 32-bit, so nothing of 4 GiB or more is
/// ever returned whatever the limit.
public struct SourceReader: Sendable {
    public static let defaultMaxFileSize = 32 << 20
    /// The largest file the parser's 32-bit offsets can address.
    public static let absoluteMaxFileSize = Int(UInt32.max) - 1
    /// How much of the start of a file is searched for NUL bytes.
    public static let binaryProbeLength = 8 << 10

    public let maxFileSize: Int

    public init(maxFileSize: Int = SourceReader.defaultMaxFileSize) {
        self.maxFileSize = max(0, min(maxFileSize, SourceReader.absoluteMaxFileSize))
    }

    /// The whole file.
    public func read(_ path: String) -> Result<[UInt8], ReadFailure> {
        readPrefix(path, length: Int.max).flatMap { prefix in
            prefix.isWholeFile ? .success(prefix.bytes) : .failure(.system("file changed while being read"))
        }
    }

    /// At most `length` bytes from the start of the file, and whether that
    /// is the whole file. The size and binary checks always apply.
    public func readPrefix(_ path: String, length: Int) -> Result<(bytes: [UInt8], isWholeFile: Bool), ReadFailure> {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(.system(Self.lastErrorMessage())) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.system(Self.lastErrorMessage())) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.notRegularFile) }
        let size = Int(info.st_size)
        guard size <= maxFileSize else { return .failure(.tooLarge(size: size, limit: maxFileSize)) }
        let wanted = min(max(0, length), size)
        // One byte more than needed, so that reaching the end is seen.
        let target = min(max(wanted, Self.binaryProbeLength) + 1, maxFileSize + 1)
        var bytes = [UInt8](repeating: 0, count: target)
        var count = 0
        while count < target {
            let n = bytes.withUnsafeMutableBytes { buffer in
                systemRead(fd, buffer.baseAddress.map { $0 + count }, target - count)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.system(Self.lastErrorMessage()))
            }
            if n == 0 { break }
            count += n
        }
        let reachedEnd = count < target
        if count > maxFileSize { return .failure(.tooLarge(size: count, limit: maxFileSize)) }
        bytes.removeSubrange(count...)
        if bytes.prefix(Self.binaryProbeLength).contains(0) { return .failure(.binary) }
        let isWhole = reachedEnd && count <= wanted
        if count > wanted { bytes.removeSubrange(wanted...) }
        return .success((bytes, isWhole))
    }

    static func lastErrorMessage() -> String {
        String(cString: strerror(errno))
    }
}

/// `read(2)`, named apart from `SourceReader.read` so the call is unambiguous.
@inline(__always)
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Darwin)
    return Darwin.read(fd, buffer, count)
    #elseif canImport(Musl)
    return Musl.read(fd, buffer, count)
    #else
    return Glibc.read(fd, buffer, count)
    #endif
}
