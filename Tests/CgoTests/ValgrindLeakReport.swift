/// The C heap blocks valgrind's leak check (`--leak-check=full
/// --show-leak-kinds=all`) finds left at a Go program's exit, read from its
/// loss records rather than its summary so that the Go runtime's own blocks
/// can be told apart from the program's.
///
/// The runtime's cgo support allocates in C too, and some of it is timing:
/// `x_cgo_thread_start` mallocs the start record of each new thread, and
/// the thread frees it once it runs, so a process ending just after a
/// thread was made leaves one block "still reachable" on some machines and
/// not on others. Such records (their stack has a frame in the runtime's
/// `gcc_*.c` files) are not the program's and are not counted. "Possibly
/// lost" blocks are the thread-local storage glibc gives each runtime
/// thread and are not counted either.
struct ValgrindLeakReport {
    /// A loss record: its blocks, how valgrind classed them, and the
    /// functions and files of its allocation stack.
    struct LossRecord {
        var blocks: Int
        var kind: String
        var frames: [String] = []

        /// Whether the runtime's cgo support allocated it.
        var isGoRuntimeGlue: Bool {
            frames.contains { $0.contains(" x_cgo_") || $0.contains("(gcc_") }
        }
    }

    /// The kinds that mean memory the program still held at exit.
    static let countedKinds: Set<String> = ["definitely lost", "indirectly lost", "still reachable"]

    var records: [LossRecord] = []
    /// Whether valgrind reached its leak check at all.
    var hasLeakCheck = false

    init(_ output: String) {
        var current: LossRecord?
        for rawLine in output.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = Self.withoutPidPrefix(rawLine)
            if line.contains("All heap blocks were freed") || line.hasPrefix("LEAK SUMMARY:") { hasLeakCheck = true }
            if let record = Self.recordHeader(line) {
                if let done = current { records.append(done) }
                current = record
            } else if current != nil, line.hasPrefix("at 0x") || line.hasPrefix("by 0x") {
                current?.frames.append(String(line))
            } else if let done = current {
                records.append(done)
                current = nil
            }
        }
        if let done = current { records.append(done) }
    }

    /// The blocks the program itself left: counted kinds, runtime glue left out.
    var programBlocks: Int {
        records.filter { Self.countedKinds.contains($0.kind) && !$0.isGoRuntimeGlue }.reduce(0) { $0 + $1.blocks }
    }

    /// `==1234==    text` → `text`.
    static func withoutPidPrefix(_ line: Substring) -> Substring {
        var rest = line
        if rest.hasPrefix("=="), let end = rest.dropFirst(2).range(of: "==") { rest = rest[end.upperBound...] }
        return rest.drop { $0 == " " }
    }

    /// `24 bytes in 1 blocks are still reachable in loss record 1 of 5`, or
    /// with `(16 direct, 32 indirect)` after the byte count.
    static func recordHeader(_ line: Substring) -> LossRecord? {
        guard let inBlocks = line.range(of: " bytes in "), let are = line.range(of: " blocks are ", range: inBlocks.upperBound..<line.endIndex),
              let loss = line.range(of: " in loss record ", range: are.upperBound..<line.endIndex),
              let blocks = Int(line[inBlocks.upperBound..<are.lowerBound].replacingOccurrences(of: ",", with: ""))
        else { return nil }
        return LossRecord(blocks: blocks, kind: String(line[are.upperBound..<loss.lowerBound]))
    }
}
