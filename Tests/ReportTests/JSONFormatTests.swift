import Foundation
import Findings
import Testing
@testable import Report

/// Parses rendered JSON with Foundation, an independent reader.
func parseJSON(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}

@Test func writerEscapesEveryControlCharacter() throws {
    var all = ""
    for value in 0..<0x20 { all.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
    let tricky = all + "\"\\/ é 😀 \u{7F} \u{2028}"
    let compact = JSONWriter.compact(.string(tricky))
    #expect(!compact.unicodeScalars.contains { $0.value < 0x20 })
    #expect(compact.hasPrefix("\"\\u0000\\u0001"))
    #expect(compact.contains("\\b\\t\\n\\u000b\\f\\r"))
    #expect(try parseJSON(compact) as? String == tricky)
}

@Test func writerKeepsKeyOrderAndNesting() throws {
    let value = JSONValue.object([
        ("z", .int(-1)), ("a", .array([.bool(true), .null, .object([])])), ("m", .array([])),
    ])
    #expect(JSONWriter.compact(value) == #"{"z":-1,"a":[true,null,{}],"m":[]}"#)
    #expect(JSONWriter.pretty(value) == """
        {
          "z": -1,
          "a": [
            true,
            null,
            {}
          ],
          "m": []
        }

        """)
}

@Test func jsonDocumentCarriesEveryField() throws {
    let text = Reporter.render(SampleResult.result, as: .json)
    let doc = try #require(try parseJSON(text) as? [String: Any])
    #expect(doc["version"] as? Int == 1)
    #expect((doc["tool"] as? [String: Any])?["name"] as? String == "conclint")
    #expect(doc["root"] as? String == "/home/dev space/project")

    let findings = try #require(doc["findings"] as? [[String: Any]])
    #expect(findings.count == 2)
    let leak = findings[0]
    #expect(leak["ruleId"] as? String == "CL1001")
    #expect(leak["category"] as? String == "channel")
    #expect(leak["level"] as? String == "error")
    #expect(leak["fingerprint"] as? String == "leak-fp")
    let location = try #require(leak["location"] as? [String: Any])
    #expect(location["file"] as? String == "pkg/leak.go")
    #expect(location["line"] as? Int == 12 && location["column"] as? Int == 3)
    #expect(location["endLine"] as? Int == 12 && location["endColumn"] as? Int == 10)
    #expect((leak["related"] as? [[String: Any]])?.first?["message"] as? String == "ch is made here, unbuffered")
    let flow = try #require((leak["flows"] as? [[String: Any]])?.first)
    let threads = try #require(flow["threads"] as? [[String: Any]])
    #expect(threads.map { $0["name"] as? String } == ["main goroutine", "goroutine spawned at pkg/leak.go:10"])
    #expect((threads[0]["steps"] as? [Any])?.count == 2)
    let edit = try #require(((leak["fixes"] as? [[String: Any]])?.first?["edits"] as? [[String: Any]])?.first)
    #expect(edit["text"] as? String == "make(chan int, 1)")
    #expect(edit["endColumn"] as? Int == 23)

    let ticker = findings[1]
    #expect(ticker["message"] as? String == SampleResult.ticker.message)
    #expect((ticker["location"] as? [String: Any])?["endLine"] == nil)
    // Without a rule-engine fingerprint, one is derived (never from the line).
    let derived = try #require(ticker["fingerprint"] as? String)
    #expect(derived.count == 16)
    var moved = SampleResult.ticker
    moved.location.line += 40
    #expect(Fingerprint.of(moved) == derived)

    let notifications = try #require(doc["notifications"] as? [[String: Any]])
    #expect(notifications.count == 3)
    #expect(notifications[0]["line"] as? Int == 3 && notifications[0]["column"] as? Int == 14)
    #expect(notifications[1]["line"] == nil)
    #expect(notifications[2]["kind"] as? String == "warning")
    let rules = try #require(doc["rules"] as? [[String: Any]])
    #expect(rules.map { $0["id"] as? String } == ["CL3001", "CL1001"])
}

@Test func gitlabCodeQualityReport() throws {
    var duplicate = SampleResult.leak
    duplicate.location.line = 30
    var result = SampleResult.result
    result.findings.append(duplicate)
    let issues = try #require(try parseJSON(Reporter.render(result, as: .gitlab)) as? [[String: Any]])
    #expect(issues.count == 3)
    #expect(issues[0]["description"] as? String == "goroutine blocks forever sending on ch")
    #expect(issues[0]["check_name"] as? String == "CL1001")
    #expect(issues[0]["severity"] as? String == "major")
    #expect(issues[1]["severity"] as? String == "minor")
    let location = try #require(issues[1]["location"] as? [String: Any])
    #expect(location["path"] as? String == "dir with space/tick,er.go")
    #expect((location["lines"] as? [String: Any])?["begin"] as? Int == 5)
    let fingerprints = issues.compactMap { $0["fingerprint"] as? String }
    #expect(fingerprints == ["leak-fp", Fingerprint.of(SampleResult.ticker), "leak-fp-2"])
}
