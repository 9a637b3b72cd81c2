import Discovery
import Findings
import Foundation

/// `--new-from-rev REV`: the lines changed since a git revision, as
/// golangci-lint's option of the same name reads them: `git diff REV` (the
/// working tree against REV, so committed, staged and unstaged changes all
/// count) with no context lines, each hunk's new lines taken as changed,
/// and files git does not track yet taken as changed throughout. A result is
/// kept when its primary line is a changed line.
public struct ChangedLines: Sendable {
    /// Absolute path -> changed line numbers (1-based).
    var lines: [String: Set<Int>]
    /// Absolute paths changed throughout (new, untracked).
    var wholeFiles: Set<String>

    public func contains(_ location: Location, root: String) -> Bool {
        let path = location.file.hasPrefix("/") ? location.file : PathUtilities.join(root, location.file)
        return wholeFiles.contains(path) || lines[path]?.contains(location.line) == true
    }

    /// Asks git in `directory`; an unknown revision or a directory outside
    /// a git work tree is a usage error.
    static func since(_ revision: String, in directory: String) throws -> ChangedLines {
        guard !revision.isEmpty, !revision.hasPrefix("-") else {
            throw UsageError("invalid --new-from-rev '\(revision)' (expected a git revision)")
        }
        let top = try Git.run(["rev-parse", "--show-toplevel"], in: directory, purpose: "--new-from-rev needs a git work tree")
            .trimmingCharacters(in: .newlines)
        _ = try Git.run(["rev-parse", "--verify", "--quiet", "\(revision)^{commit}"], in: top,
                        purpose: "--new-from-rev: unknown revision '\(revision)'")
        let diff = try Git.run(["-c", "core.quotepath=off", "diff", "--no-color", "--no-ext-diff", "--no-renames",
                                "--unified=0", revision, "--"], in: top, purpose: "--new-from-rev: git diff failed")
        var changed = parse(diff: diff, top: top)
        let untracked = try Git.run(["ls-files", "--others", "--exclude-standard", "-z"], in: top,
                                    purpose: "--new-from-rev: git ls-files failed")
        for name in untracked.split(separator: "\0") where !name.isEmpty {
            changed.wholeFiles.insert(PathUtilities.join(top, String(name)))
        }
        return changed
    }

    /// Reads `git diff --unified=0` output: `+++ b/path` names the file,
    /// `@@ -a,b +c,d @@` says lines c..c+d-1 are new (d defaults to 1).
    static func parse(diff: String, top: String) -> ChangedLines {
        var result = ChangedLines(lines: [:], wholeFiles: [])
        var current: String?
        for line in diff.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("+++ ") {
                let name = unquote(String(line.dropFirst(4)))
                current = name.hasPrefix("b/") ? PathUtilities.join(top, String(name.dropFirst(2))) : nil
            } else if line.hasPrefix("@@ "), let file = current, let range = newRange(String(line)) {
                result.lines[file, default: []].formUnion(range)
            }
        }
        return result
    }

    /// The new-side range of a hunk header, e.g. `@@ -3,0 +4,2 @@` -> 4..<6.
    static func newRange(_ header: String) -> Range<Int>? {
        guard let plus = header.split(separator: " ").first(where: { $0.hasPrefix("+") }) else { return nil }
        let parts = plus.dropFirst().split(separator: ",", omittingEmptySubsequences: false)
        guard let start = parts.first.flatMap({ Int($0) }) else { return nil }
        let count = parts.count > 1 ? Int(parts[1]) ?? 0 : 1
        return count > 0 ? start..<start + count : nil
    }

    /// git quotes names with unusual bytes C-style ("a\\tb", octal escapes).
    static func unquote(_ name: String) -> String {
        guard name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") else { return name }
        let inner = Array(name.utf8.dropFirst().dropLast())
        var bytes: [UInt8] = []
        var i = 0
        while i < inner.count {
            guard inner[i] == UInt8(ascii: "\\"), i + 1 < inner.count else {
                bytes.append(inner[i])
                i += 1
                continue
            }
            let next = inner[i + 1]
            let simple: [UInt8: UInt8] = [UInt8(ascii: "n"): 0x0A, UInt8(ascii: "t"): 0x09, UInt8(ascii: "r"): 0x0D,
                                          UInt8(ascii: "a"): 0x07, UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C,
                                          UInt8(ascii: "v"): 0x0B, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "\""): 0x22]
            if let byte = simple[next] {
                bytes.append(byte)
                i += 2
            } else if i + 3 < inner.count, let value = UInt8(String(decoding: inner[i + 1...i + 3], as: UTF8.self), radix: 8) {
                bytes.append(value)
                i += 4
            } else {
                bytes.append(next)
                i += 2
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Runs git (found on PATH) and returns its standard output.
enum Git {
    static func run(_ arguments: [String], in directory: String, purpose: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw UsageError("\(purpose): cannot run git (\(error))") }
        // Standard error is drained on another thread so that neither pipe fills and blocks git.
        final class Box: @unchecked Sendable { var data = Data() }
        let errors = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errors.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let reason = String(decoding: errors.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw UsageError(reason.isEmpty ? purpose : "\(purpose) (\(reason))")
        }
        return String(decoding: output, as: UTF8.self)
    }
}
