#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ContentHash
import Discovery
import Foundation

/// A directory of cache entries that concurrent runs may share.
///
/// Each entry is one file named by its key, written to a temporary file in
/// the same directory and renamed into place, so a reader sees a whole old
/// entry, a whole new one, or none. An entry starts with a header giving the
/// payload's length and SHA-256; a file that is short, long, or whose
/// payload does not match is ignored as a miss (never trusted), and the
/// next store replaces it. Nothing is locked: two runs computing the same
/// entry both write it, and the last rename wins with equal content.
public struct ResultCache: Sendable {
    public let directory: String
    static let magic = "conclint-cache 1"

    public init(directory: String) {
        self.directory = directory
    }

    /// `$XDG_CACHE_HOME/conclint`, else `$HOME/.cache/conclint`; nil when
    /// neither is set (then nothing is cached unless `--cache-dir` says where).
    static func defaultDirectory(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return PathUtilities.join(xdg, "conclint") }
        if let home = environment["HOME"], home.hasPrefix("/") { return PathUtilities.join(home, ".cache/conclint") }
        return nil
    }

    /// `kind/ab/abcdef…`: two-level, so that no directory grows huge.
    func path(kind: String, key: String) -> String {
        PathUtilities.join(PathUtilities.join(PathUtilities.join(directory, kind), String(key.prefix(2))), key)
    }

    /// The payload stored under `key`, if present and intact.
    public func load(kind: String, key: String) -> Data? {
        guard let data = FileManager.default.contents(atPath: path(kind: kind, key: key)) else { return nil }
        return Self.verifiedPayload(data)
    }

    /// Header `magic\nsha256\nlength\n`, then the payload; nil unless all agree.
    static func verifiedPayload(_ data: Data) -> Data? {
        let bytes = [UInt8](data)
        var lines: [String] = []
        var start = 0
        var index = 0
        while lines.count < 3, index < bytes.count, index - start <= 80 {
            if bytes[index] == 0x0A {
                lines.append(String(decoding: bytes[start..<index], as: UTF8.self))
                start = index + 1
            }
            index += 1
        }
        guard lines.count == 3, lines[0] == magic, let length = Int(lines[2]), length == bytes.count - start else {
            return nil
        }
        let payload = Array(bytes[start...])
        guard SHA256.hex(payload) == lines[1] else { return nil }
        return Data(payload)
    }

    static func entry(_ payload: Data) -> Data {
        let bytes = [UInt8](payload)
        var out = Data("\(magic)\n\(SHA256.hex(bytes))\n\(bytes.count)\n".utf8)
        out.append(payload)
        return out
    }

    /// Stores `payload` under `key`. Failures (read-only or full disk) only
    /// cost the next run its hit, so they are swallowed.
    public func store(kind: String, key: String, payload: Data) {
        let target = path(kind: kind, key: key)
        let folder = PathUtilities.parent(target)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            return
        }
        let temporary = PathUtilities.join(folder, ".\(key).\(getpid()).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary, contents: Self.entry(payload)) else { return }
        if rename(temporary, target) != 0 { unlink(temporary) }
    }
}

/// Who built this conclint: its version and its executable's size, change
/// time and inode, so that a rebuilt binary (even of the same version)
/// never reads entries another build wrote.
enum BuildIdentity {
    static let current: String = {
        var path = "/proc/self/exe"
        var info = stat()
        if stat(path, &info) != 0 {
            path = CommandLine.arguments.first ?? ""
            if stat(path, &info) != 0 { return ToolInfo.version }
        }
        #if canImport(Darwin)
        let changed = info.st_mtimespec
        #else
        let changed = info.st_mtim
        #endif
        return "\(ToolInfo.version) \(info.st_size) \(changed.tv_sec).\(changed.tv_nsec) \(info.st_ino)"
    }()
}
