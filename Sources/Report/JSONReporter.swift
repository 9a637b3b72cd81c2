import Findings

/// conclint's own JSON document, format version 1. Stable: fields are only
/// ever added, and a change of meaning bumps `version`.
///
///     {
///       "version": 1,
///       "tool": { "name": "conclint", "version": "0.1.0" },
///       "root": "/abs/analysis/root",
///       "findings": [ {
///         "ruleId", "category", "level" (note|warning|error), "message",
///         "location": { "file" (relative to root), "line", "column", "endLine"?, "endColumn"? },
///         "related": [ { "location", "message" } ],
///         "flows": [ { "message", "threads": [ { "name", "steps": [ { "location", "message" } ] } ] } ],
///         "fixes": [ { "description", "edits": [ { "file", "startLine", "startColumn",
///                                                  "endLine", "endColumn", "text" } ] } ],
///         "fingerprint"
///       } ],
///       "notifications": [ { "kind" (error|warning|note), "file", "line"?, "column"?, "message" } ],
///       "rules": [ { "id", "name", "category", "defaultLevel", "summary", "description",
///                    "tags", "precision", "helpUri"? } ]
///     }
///
/// Lines and columns are 1-based; columns count bytes, as Go does. Arrays
/// are always present (possibly empty); optional fields are left out.
enum JSONReporter {
    static let formatVersion = 1

    static func render(_ result: RunResult) -> String {
        var doc = JSONObjectBuilder()
        doc.add("version", formatVersion)
        doc.add("tool", .object([("name", .string("conclint")), ("version", .string(result.toolVersion))]))
        doc.add("root", result.root)
        doc.add("findings", .array(result.findings.map(finding)))
        doc.add("notifications", .array(result.notifications.map(notification)))
        doc.add("rules", .array(result.rules.map(rule)))
        return JSONWriter.pretty(doc.value)
    }

    static func location(_ l: Location) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("file", l.file)
        o.add("line", l.line)
        o.add("column", l.column)
        o.add("endLine", ifPresent: l.endLine)
        o.add("endColumn", ifPresent: l.endColumn)
        return o.value
    }

    private static func located(_ l: Location, _ message: String) -> JSONValue {
        .object([("location", location(l)), ("message", .string(message))])
    }

    private static func finding(_ f: Finding) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("ruleId", f.ruleID)
        o.add("category", f.category.rawValue)
        o.add("level", f.level.rawValue)
        o.add("message", f.message)
        o.add("location", location(f.location))
        o.add("related", .array(f.related.map { located($0.location, $0.message) }))
        o.add("flows", .array(f.flows.map { flow in
            .object([
                ("message", .string(flow.message)),
                ("threads", .array(flow.threads.map { thread in
                    .object([("name", .string(thread.name)),
                             ("steps", .array(thread.steps.map { located($0.location, $0.message) }))])
                })),
            ])
        }))
        o.add("fixes", .array(f.fixes.map { fix in
            .object([("description", .string(fix.description)), ("edits", .array(fix.edits.map(edit)))])
        }))
        o.add("fingerprint", Fingerprint.of(f))
        return o.value
    }

    private static func edit(_ e: TextEdit) -> JSONValue {
        .object([("file", .string(e.file)), ("startLine", .int(e.startLine)), ("startColumn", .int(e.startColumn)),
                 ("endLine", .int(e.endLine)), ("endColumn", .int(e.endColumn)), ("text", .string(e.text))])
    }

    private static func notification(_ n: Notification) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("kind", n.kind.rawValue)
        o.add("file", n.file)
        o.add("line", ifPresent: n.line)
        o.add("column", ifPresent: n.column)
        o.add("message", n.message)
        return o.value
    }

    private static func rule(_ r: RuleDescriptor) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("id", r.id)
        o.add("name", r.name)
        o.add("category", r.category.rawValue)
        o.add("defaultLevel", r.defaultLevel.rawValue)
        o.add("summary", r.summary)
        o.add("description", r.description)
        o.add("tags", .array(r.tags.map { .string($0) }))
        o.add("precision", r.precision)
        o.add("helpUri", ifPresent: r.helpURI)
        return o.value
    }
}
