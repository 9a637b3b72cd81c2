import Foundation
import Findings
import Testing
@testable import Report

/// Where the shared SARIF validator and the schema copy live, found from
/// this file's path (the repository is two levels up from Tests/ReportTests).
enum SARIFValidation {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sharedValidator = repositoryRoot.appendingPathComponent("../shared/sarif/validate.py").standardizedFileURL.path
    static let schemaCopy = repositoryRoot.appendingPathComponent("Tests/ReportTests/Fixtures/sarif-schema-2.1.0.json").path

    static func run(_ arguments: [String]) -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let hasPython = run(["python3", "-c", "pass"])?.status == 0
    static let hasJSONSchema = run(["python3", "-c", "import jsonschema"])?.status == 0
    static var canValidate: Bool { hasPython && hasJSONSchema }

    /// Validates with ../shared/sarif/validate.py (schema and contract), or,
    /// when that is absent, against the schema copy kept in Fixtures.
    static func validate(_ sarif: String, allowEmpty: Bool = false) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("conclint-\(UUID().uuidString).sarif")
        try Data(sarif.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let arguments: [String]
        if FileManager.default.fileExists(atPath: sharedValidator) {
            arguments = ["python3", sharedValidator, file.path] + (allowEmpty ? ["--allow-empty"] : [])
        } else {
            let script = """
                import json, sys, jsonschema
                schema = json.load(open(sys.argv[1], encoding="utf-8"))
                doc = json.load(open(sys.argv[2], encoding="utf-8"))
                errors = list(jsonschema.Draft4Validator(schema).iter_errors(doc))
                for e in errors: print("schema:", "/".join(map(str, e.absolute_path)), e.message)
                sys.exit(1 if errors else 0)
                """
            arguments = ["python3", "-c", script, schemaCopy, file.path]
        }
        guard let outcome = run(arguments) else { throw CocoaError(.executableNotLoadable) }
        return outcome
    }
}

@Test(.enabled(if: SARIFValidation.canValidate, "python3 with the jsonschema package is needed to validate SARIF"))
func sarifIsValidAgainstSchemaAndContract() throws {
    let outcome = try SARIFValidation.validate(Reporter.render(SampleResult.result, as: .sarif))
    #expect(outcome.status == 0, "\(outcome.output)")
}

@Test(.enabled(if: SARIFValidation.canValidate, "python3 with the jsonschema package is needed to validate SARIF"))
func sarifWithoutResultsIsValid() throws {
    var result = SampleResult.result
    result.findings = []
    result.rules = []
    let outcome = try SARIFValidation.validate(Reporter.render(result, as: .sarif), allowEmpty: true)
    #expect(outcome.status == 0, "\(outcome.output)")
}

@Test func sarifCarriesTheContractFields() throws {
    let doc = try #require(try parseJSON(Reporter.render(SampleResult.result, as: .sarif)) as? [String: Any])
    #expect(doc["version"] as? String == "2.1.0")
    let runs = try #require(doc["runs"] as? [[String: Any]])
    #expect(runs.count == 1)
    let run = runs[0]
    let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    #expect(driver["name"] as? String == "conclint")
    #expect(driver["informationUri"] as? String != nil)
    let rules = try #require(driver["rules"] as? [[String: Any]])
    #expect(rules.map { $0["id"] as? String } == ["CL1001", "CL3001"])
    let leakRule = rules[0]
    #expect((leakRule["shortDescription"] as? [String: Any])?["text"] as? String == SampleResult.leakRule.summary)
    #expect((leakRule["fullDescription"] as? [String: Any])?["text"] as? String == SampleResult.leakRule.description)
    let help = try #require(leakRule["help"] as? [String: Any])
    #expect(help["text"] != nil && (help["markdown"] as? String)?.contains("**") == true)
    #expect((leakRule["defaultConfiguration"] as? [String: Any])?["level"] as? String == "error")
    let properties = try #require(leakRule["properties"] as? [String: Any])
    #expect(properties["category"] as? String == "channel")
    #expect(properties["tags"] as? [String] == ["channel", "leak", "concurrency"])
    #expect(properties["precision"] as? String == "high")
    #expect(properties["problem.severity"] as? String == "error")

    let base = try #require((run["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] as? [String: Any])
    #expect(base["uri"] as? String == "file:///home/dev%20space/project/")

    let results = try #require(run["results"] as? [[String: Any]])
    let leak = results[0]
    #expect(leak["ruleId"] as? String == "CL1001" && leak["ruleIndex"] as? Int == 0)
    #expect(results[1]["ruleIndex"] as? Int == 1)
    #expect(leak["level"] as? String == "error")
    let physical = try #require(((leak["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
    let artifact = try #require(physical["artifactLocation"] as? [String: Any])
    #expect(artifact["uri"] as? String == "pkg/leak.go" && artifact["uriBaseId"] as? String == "%SRCROOT%")
    let region = try #require(physical["region"] as? [String: Any])
    #expect(region["startLine"] as? Int == 12 && region["startColumn"] as? Int == 3)
    #expect(region["endLine"] as? Int == 12 && region["endColumn"] as? Int == 10)
    #expect((leak["partialFingerprints"] as? [String: Any])?["conclint/v1"] as? String == "leak-fp")
    #expect((leak["relatedLocations"] as? [Any])?.count == 1)
    let threadFlows = try #require(((leak["codeFlows"] as? [[String: Any]])?.first?["threadFlows"]) as? [[String: Any]])
    #expect(threadFlows.count == 2)
    #expect((threadFlows[0]["locations"] as? [Any])?.count == 2)
    let change = try #require(((leak["fixes"] as? [[String: Any]])?.first?["artifactChanges"] as? [[String: Any]])?.first)
    let replacement = try #require((change["replacements"] as? [[String: Any]])?.first)
    #expect((replacement["insertedContent"] as? [String: Any])?["text"] as? String == "make(chan int, 1)")
    #expect((leak["properties"] as? [String: Any])?["category"] as? String == "channel")

    let tickerLocation = results[1].objects("locations").first?.object("physicalLocation")
    #expect(tickerLocation?.object("artifactLocation")?["uri"] as? String == "dir%20with%20space/tick%2Cer.go")

    let invocation = try #require(run.objects("invocations").first)
    #expect(invocation["executionSuccessful"] as? Bool == true)
    let notes = invocation.objects("toolExecutionNotifications")
    #expect(notes.count == 3)
    let first = notes[0].objects("locations").first?.object("physicalLocation")
    #expect(first?.object("region")?["startLine"] as? Int == 3)
    let outside = notes[2].objects("locations").first?.object("physicalLocation")?.object("artifactLocation")
    #expect(outside?["uri"] as? String == "file:///outside/go.mod")
    #expect(outside?["uriBaseId"] == nil)
}

extension Dictionary where Key == String, Value == Any {
    func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
    func objects(_ key: String) -> [[String: Any]] { self[key] as? [[String: Any]] ?? [] }
}

@Test func sarifInventsADescriptorForAnUndeclaredRule() throws {
    var result = SampleResult.result
    result.rules = []
    let doc = try #require(try parseJSON(Reporter.render(result, as: .sarif)) as? [String: Any])
    let run = try #require((doc["runs"] as? [[String: Any]])?.first)
    let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
    #expect(rules.map { $0["id"] as? String } == ["CL1001", "CL3001"])
}
