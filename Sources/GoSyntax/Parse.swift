/// Parses one Go source file. Never fails: syntax errors are recorded in
/// the returned tree, and what did not parse becomes `.bad` nodes.
public func parseGoFile(_ source: SourceFile) -> SyntaxTree {
    var tree = SyntaxTree(source: source)
    tree.errors.append(SyntaxError(offset: 0, message: "parser not yet written"))
    return tree
}
