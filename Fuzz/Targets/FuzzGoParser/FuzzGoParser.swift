import CFuzzDriver
import GoSyntax

/// libFuzzer entry point: parses the input as a Go file and checks what the
/// later stages rely on: every node's byte range lies inside the file and
/// inside its parent's, every error and comment offset is in the file and
/// maps to a line and column, and a tree walk from the root ends. A broken
/// promise traps, which libFuzzer reports as a crash with the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGoParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let tree = parseGoFile(SourceFile(path: "fuzz.go", bytes: bytes))
    let length = UInt32(bytes.count)
    for error in tree.errors {
        precondition(error.offset <= length, "error offset past the end")
        let at = tree.source.location(of: error.offset)
        precondition(at.line >= 1 && at.column >= 1, "error location not 1-based")
    }
    for comment in tree.comments {
        precondition(comment.start <= comment.end && comment.end <= length, "comment range outside the file")
    }
    guard tree.root != .none else { return 0 }
    var visited = 0
    tree.walk(tree.root) { node in
        visited += 1
        precondition(tree.start(node) <= tree.end(node) && tree.end(node) <= length, "node range outside the file")
        tree.forEachChild(node) { child in
            guard child != .none else { return }
            precondition(tree.start(child) >= tree.start(node) && tree.end(child) <= tree.end(node),
                         "child range outside its parent")
        }
        return true
    }
    precondition(visited <= tree.nodeCount, "walk visited a node twice")
    return 0
}

/// The entry point of a debug build. SwiftPM links a debug executable with
/// `main` aliased to `FuzzGoParser_main`, the name its top-level code would have;
/// a fuzz target has none (libFuzzer's `main` runs it in release builds),
/// so this one hands the command line to libFuzzer's driver.
@_cdecl("FuzzGoParser_main")
public func fuzzGoParserDebugEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }  // libFuzzer always passes a buffer
        return fuzzGoParser(data, size)
    }
}
