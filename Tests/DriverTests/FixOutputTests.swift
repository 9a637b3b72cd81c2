import Foundation
import Testing
@testable import Driver

/// Fixes are made from the source text, which the driver hands the
/// analyses; a lint run must carry them to the report, for a lifecycle
/// rule (CX1001) and a structural one (WG1050), whatever `--jobs`.
@Test(arguments: [1, 2])
func lintReportsFixesMadeFromTheSourceText(jobs: Int) throws {
    let tree = try TemporaryTree()
    try tree.write("go.mod", "module fixes\n\ngo 1.19\n")
    try tree.write("main.go", """
        package main

        import (
        \t"context"
        \t"sync"
        \t"time"
        )

        func poll(ctx context.Context) error {
        \tctx, cancel := context.WithTimeout(ctx, time.Second)
        \tif ctx.Err() != nil {
        \t\treturn ctx.Err()
        \t}
        \tcancel()
        \treturn nil
        }

        func fanOut(items []string, handle func(string)) {
        \tvar wg sync.WaitGroup
        \tfor _, item := range items {
        \t\tgo func(item string) {
        \t\t\twg.Add(1)
        \t\t\tdefer wg.Done()
        \t\t\thandle(item)
        \t\t}(item)
        \t}
        \twg.Wait()
        }

        """)
    let outcome = lint(tree, options(["."], format: "json", jobs: jobs), environment: ProcessInfo.processInfo.environment)
    let document = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    let findings = try #require(document["findings"] as? [[String: Any]])
    func edits(_ rule: String) -> [[String: Any]] {
        let finding = findings.first { $0["ruleId"] as? String == rule }
        let fixes = finding?["fixes"] as? [[String: Any]] ?? []
        return fixes.first?["edits"] as? [[String: Any]] ?? []
    }
    let cancel = edits("CX1001")
    #expect(cancel.count == 1)
    #expect(cancel.first?["text"] as? String == "\tdefer cancel()\n")
    #expect(cancel.first?["startLine"] as? Int == 11)
    #expect(!edits("WG1050").isEmpty, "WG1050 offers to move the Add before the go statement")
}
