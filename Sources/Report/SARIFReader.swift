import Findings
import Foundation

/// Reads a SARIF file that conclint wrote back into the `RunResult` it was
/// rendered from, so that `conclint merge` can join shards and render them
/// with the same reporter as a single run (same bytes), and `--baseline`
/// can read the fingerprints of an earlier run.
///
/// Only what conclint writes is read back; anything else in the file is
/// ignored. Notes about SARIF truncation are dropped, since rendering the
/// joined result decides afresh what to cut.
public enum SARIFReader {
    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func read(_ data: Data, file: String) throws -> RunResult {
        guard let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ReadError(description: "\(file): not a JSON object (expected a SARIF 2.1.0 log)")
        }
        guard let runs = document["runs"] as? [[String: Any]], runs.count == 1, let run = runs.first else {
            throw ReadError(description: "\(file): expected a SARIF log with exactly one run, as conclint writes")
        }
        let tool = (run["tool"] as? [String: Any])?["driver"] as? [String: Any] ?? [:]
        let baseIDs = run["originalUriBaseIds"] as? [String: Any]
        let rootURI = (baseIDs?[SARIFReporter.rootBaseID] as? [String: Any])?["uri"] as? String ?? "file:///"
        var root = URIEncoding.path(ofFileURI: rootURI) ?? "/"
        if root.count > 1, root.hasSuffix("/") { root.removeLast() }

        let rules = (tool["rules"] as? [[String: Any]] ?? []).compactMap(rule)
        let findings = try (run["results"] as? [[String: Any]] ?? []).map { try finding($0, file: file) }
        let invocation = (run["invocations"] as? [[String: Any]])?.first
        let notifications = (invocation?["toolExecutionNotifications"] as? [[String: Any]] ?? [])
            .compactMap(notification)
            .filter { !SARIFTruncation.isTruncationNote($0) }
        return RunResult(root: root, rules: rules, findings: findings, notifications: notifications,
                         toolVersion: tool["version"] as? String ?? "")
    }

    // MARK: pieces

    private static func text(_ value: Any?) -> String {
        (value as? [String: Any])?["text"] as? String ?? ""
    }

    private static func rule(_ o: [String: Any]) -> RuleDescriptor? {
        guard let id = o["id"] as? String else { return nil }
        let properties = o["properties"] as? [String: Any] ?? [:]
        let category = (properties["category"] as? String).flatMap(Category.init(rawValue:)) ?? .goroutine
        let level = ((o["defaultConfiguration"] as? [String: Any])?["level"] as? String).flatMap(Level.init(rawValue:)) ?? .warning
        // The reporter writes the category as the first tag; the rule's own tags follow.
        let tags = (properties["tags"] as? [String] ?? []).filter { $0 != category.rawValue }
        return RuleDescriptor(id: id, name: o["name"] as? String ?? id, category: category, defaultLevel: level,
                              summary: text(o["shortDescription"]), description: text(o["fullDescription"]),
                              tags: tags, precision: properties["precision"] as? String ?? "high",
                              helpURI: o["helpUri"] as? String)
    }

    private static func finding(_ o: [String: Any], file: String) throws -> Finding {
        guard let ruleID = o["ruleId"] as? String,
              let primary = (o["locations"] as? [[String: Any]])?.first,
              let location = physicalLocation(primary["physicalLocation"]) else {
            throw ReadError(description: "\(file): a result without ruleId or location")
        }
        let level = (o["level"] as? String).flatMap(Level.init(rawValue:)) ?? .warning
        let category = ((o["properties"] as? [String: Any])?["category"] as? String).flatMap(Category.init(rawValue:)) ?? .goroutine
        let related = (o["relatedLocations"] as? [[String: Any]] ?? []).compactMap { r -> RelatedLocation? in
            guard let l = physicalLocation(r["physicalLocation"]) else { return nil }
            return RelatedLocation(location: l, message: text(r["message"]))
        }
        let flows = (o["codeFlows"] as? [[String: Any]] ?? []).map(codeFlow)
        let fixes = (o["fixes"] as? [[String: Any]] ?? []).map(fix)
        let fingerprint = (o["partialFingerprints"] as? [String: Any])?[SARIFReporter.fingerprintKey] as? String ?? ""
        return Finding(ruleID: ruleID, category: category, level: level, message: text(o["message"]), location: location,
                       related: related, flows: flows, fixes: fixes, fingerprint: fingerprint)
    }

    private static func codeFlow(_ o: [String: Any]) -> CodeFlow {
        let threads = (o["threadFlows"] as? [[String: Any]] ?? []).map { thread -> ThreadFlow in
            let steps = (thread["locations"] as? [[String: Any]] ?? []).compactMap { step -> FlowStep? in
                let location = step["location"] as? [String: Any]
                guard let l = physicalLocation(location?["physicalLocation"]) else { return nil }
                return FlowStep(location: l, message: text(location?["message"]))
            }
            return ThreadFlow(name: text(thread["message"]), steps: steps)
        }
        return CodeFlow(message: text(o["message"]), threads: threads)
    }

    private static func fix(_ o: [String: Any]) -> Fix {
        var edits: [TextEdit] = []
        for change in o["artifactChanges"] as? [[String: Any]] ?? [] {
            let file = artifactPath(change["artifactLocation"]) ?? ""
            for replacement in change["replacements"] as? [[String: Any]] ?? [] {
                let region = replacement["deletedRegion"] as? [String: Any] ?? [:]
                edits.append(TextEdit(file: file, startLine: int(region["startLine"]) ?? 1,
                                      startColumn: int(region["startColumn"]) ?? 1, endLine: int(region["endLine"]) ?? 1,
                                      endColumn: int(region["endColumn"]) ?? 1,
                                      text: (replacement["insertedContent"] as? [String: Any])?["text"] as? String ?? ""))
            }
        }
        return Fix(description: text(o["description"]), edits: edits)
    }

    private static func notification(_ o: [String: Any]) -> Findings.Notification? {
        let kind = (o["level"] as? String).flatMap(Findings.Notification.Kind.init(rawValue:)) ?? .note
        let physical = ((o["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any]
        let region = physical?["region"] as? [String: Any]
        return Findings.Notification(kind: kind, file: artifactPath(physical?["artifactLocation"]) ?? "",
                            line: int(region?["startLine"]), column: int(region?["startColumn"]), message: text(o["message"]))
    }

    private static func physicalLocation(_ value: Any?) -> Location? {
        guard let o = value as? [String: Any], let file = artifactPath(o["artifactLocation"]) else { return nil }
        let region = o["region"] as? [String: Any] ?? [:]
        return Location(file: file, line: int(region["startLine"]) ?? 1, column: int(region["startColumn"]) ?? 1,
                        endLine: int(region["endLine"]), endColumn: int(region["endColumn"]))
    }

    /// The path as conclint's results hold it: relative to the root, or absolute.
    private static func artifactPath(_ value: Any?) -> String? {
        guard let uri = (value as? [String: Any])?["uri"] as? String else { return nil }
        if uri.hasPrefix("file:") { return URIEncoding.path(ofFileURI: uri) }
        return URIEncoding.decode(uri)
    }

    private static func int(_ value: Any?) -> Int? {
        if let n = value as? Int { return n }
        if let n = value as? NSNumber { return n.intValue }
        return nil
    }
}
