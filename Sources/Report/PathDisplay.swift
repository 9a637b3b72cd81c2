/// How text output names files: relative to the working directory when the
/// analysis root differs from it, so that a user who ran
/// `conclint lint sub/...` from above the module sees paths they can open.
struct PathDisplay {
    let root: String
    let workingDirectory: String?

    /// `path` is relative to the root, or absolute.
    func show(_ path: String) -> String {
        guard let workingDirectory, workingDirectory != root, !path.isEmpty else { return path }
        let absolute = path.hasPrefix("/") ? path : (root == "/" ? "/" : root + "/") + path
        if absolute == workingDirectory { return "." }
        let prefix = workingDirectory == "/" ? "/" : workingDirectory + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }
}

/// Percent-encoding for URI paths (RFC 3986): unreserved characters and `/`
/// stay, every other byte of the UTF-8 form is escaped.
enum URIEncoding {
    static func encodePath(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let isUnreserved = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2E || byte == 0x5F
                || byte == 0x7E || byte == 0x2F
            if isUnreserved {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }

    /// `file:///abs/dir/` for a directory (always ending in `/`).
    static func fileURI(directory: String) -> String {
        let path = directory.hasSuffix("/") ? directory : directory + "/"
        return "file://" + encodePath(path.hasPrefix("/") ? path : "/" + path)
    }

    static func fileURI(file: String) -> String {
        "file://" + encodePath(file.hasPrefix("/") ? file : "/" + file)
    }
}

extension URIEncoding {
    /// Undoes `encodePath`: `%XX` escapes become their bytes (invalid UTF-8 is repaired).
    static func decode(_ text: String) -> String {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: "%"), i + 2 < utf8.count,
               let value = UInt8(String(decoding: utf8[i + 1...i + 2], as: UTF8.self), radix: 16) {
                bytes.append(value)
                i += 3
            } else {
                bytes.append(utf8[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The absolute path of a `file://` URI (nil for other schemes).
    static func path(ofFileURI uri: String) -> String? {
        guard uri.hasPrefix("file://") else { return nil }
        let decoded = decode(String(uri.dropFirst("file://".count)))
        return decoded.hasPrefix("/") ? decoded : "/" + decoded
    }
}
