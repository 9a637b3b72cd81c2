import Findings

/// SARIF 2.1.0 as DESIGN.md's contract describes it: one run, every rule
/// that fired in `tool.driver.rules`, URIs relative to `%SRCROOT%`, stable
/// `partialFingerprints`, witness paths as `codeFlows`, and notifications
/// (unreadable or unparsable files) in `invocations[0]`.
struct SARIFReporter {
    static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    static let rootBaseID = "%SRCROOT%"
    static let fingerprintKey = "conclint/v1"

    let result: RunResult
    let options: ReportOptions
    /// Rules sorted by id; a finding's `ruleIndex` points into this list.
    let rules: [RuleDescriptor]
    private let ruleIndex: [String: Int]

    init(result: RunResult, options: ReportOptions) {
        self.result = result
        self.options = options
        rules = SARIFReporter.firedRules(result)
        var index: [String: Int] = [:]
        for (i, rule) in rules.enumerated() { index[rule.id] = i }
        ruleIndex = index
    }

    /// The result's rules, plus a minimal descriptor for any finding whose
    /// rule is missing, so that every `ruleId` resolves.
    static func firedRules(_ result: RunResult) -> [RuleDescriptor] {
        var byID: [String: RuleDescriptor] = [:]
        for rule in result.rules where byID[rule.id] == nil { byID[rule.id] = rule }
        for finding in result.findings where byID[finding.ruleID] == nil {
            byID[finding.ruleID] = RuleDescriptor(
                id: finding.ruleID, name: finding.ruleID, category: finding.category,
                defaultLevel: finding.level, summary: finding.ruleID, description: finding.ruleID)
        }
        return byID.values.sorted { $0.id < $1.id }
    }

    /// The SARIF document, cut to `options.sarifLimits` when it exceeds them.
    func render() -> String {
        SARIFTruncation.fit(result, limits: options.sarifLimits) { fitted in
            SARIFReporter(result: fitted, options: options).renderWhole()
        }.1
    }

    /// The SARIF document with every result.
    private func renderWhole() -> String {
        var driver = JSONObjectBuilder()
        driver.add("name", "conclint")
        driver.add("version", result.toolVersion)
        driver.add("semanticVersion", result.toolVersion)
        driver.add("informationUri", options.informationURI)
        driver.add("rules", .array(rules.map(ruleDescriptor)))

        var run = JSONObjectBuilder()
        run.add("tool", .object([("driver", driver.value)]))
        run.add("originalUriBaseIds", .object([
            (SARIFReporter.rootBaseID, .object([("uri", .string(URIEncoding.fileURI(directory: result.root)))])),
        ]))
        run.add("invocations", .array([invocation()]))
        run.add("results", .array(result.findings.map(sarifResult)))

        let doc = JSONValue.object([
            ("$schema", .string(SARIFReporter.schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([run.value])),
        ])
        return JSONWriter.pretty(doc)
    }

    // MARK: rules

    private func ruleDescriptor(_ rule: RuleDescriptor) -> JSONValue {
        var tags = [rule.category.rawValue]
        for tag in rule.tags where !tags.contains(tag) { tags.append(tag) }
        var markdown = "**\(rule.summary)**\n\n\(rule.description)"
        if let help = rule.helpURI { markdown += "\n\n[More about \(rule.id)](\(help))" }

        var o = JSONObjectBuilder()
        o.add("id", rule.id)
        o.add("name", rule.name)
        o.add("shortDescription", text(rule.summary))
        o.add("fullDescription", text(rule.description))
        o.add("help", .object([("text", .string("\(rule.summary)\n\n\(rule.description)")),
                               ("markdown", .string(markdown))]))
        o.add("helpUri", ifPresent: rule.helpURI)
        o.add("defaultConfiguration", .object([("level", .string(rule.defaultLevel.rawValue))]))
        o.add("properties", .object([
            ("category", .string(rule.category.rawValue)),
            ("tags", .array(tags.map { .string($0) })),
            ("precision", .string(rule.precision)),
            ("problem.severity", .string(problemSeverity(rule.defaultLevel))),
        ]))
        return o.value
    }

    /// GitHub code scanning's severity names.
    private func problemSeverity(_ level: Level) -> String {
        switch level {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "recommendation"
        }
    }

    // MARK: results

    private func sarifResult(_ finding: Finding) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("ruleId", finding.ruleID)
        o.add("ruleIndex", ifPresent: ruleIndex[finding.ruleID])
        o.add("level", finding.level.rawValue)
        o.add("message", text(finding.message))
        o.add("locations", .array([.object([("physicalLocation", physicalLocation(finding.location))])]))
        o.add("relatedLocations", ifNotEmpty: finding.related.enumerated().map { i, related in
            .object([("id", .int(i + 1)),
                     ("physicalLocation", physicalLocation(related.location)),
                     ("message", text(related.message))])
        })
        o.add("partialFingerprints", .object([(SARIFReporter.fingerprintKey, .string(Fingerprint.of(finding)))]))
        o.add("codeFlows", ifNotEmpty: finding.flows.compactMap(codeFlow))
        o.add("fixes", ifNotEmpty: finding.fixes.compactMap(fix))
        o.add("properties", .object([("category", .string(finding.category.rawValue))]))
        return o.value
    }

    /// Nil when no goroutine has a step (SARIF needs at least one location).
    private func codeFlow(_ flow: CodeFlow) -> JSONValue? {
        let threads: [JSONValue] = flow.threads.filter { !$0.steps.isEmpty }.map { thread in
            .object([
                ("message", text(thread.name)),
                ("locations", .array(thread.steps.map { step in
                    .object([("location", .object([("physicalLocation", physicalLocation(step.location)),
                                                   ("message", text(step.message))]))])
                })),
            ])
        }
        guard !threads.isEmpty else { return nil }
        return .object([("message", text(flow.message)), ("threadFlows", .array(threads))])
    }

    /// Edits grouped by file, files in order of first appearance.
    private func fix(_ fix: Fix) -> JSONValue? {
        var files: [String] = []
        var byFile: [String: [TextEdit]] = [:]
        for edit in fix.edits {
            if byFile[edit.file] == nil { files.append(edit.file) }
            byFile[edit.file, default: []].append(edit)
        }
        guard !files.isEmpty else { return nil }
        let changes: [JSONValue] = files.map { file in
            .object([
                ("artifactLocation", artifactLocation(file)),
                ("replacements", .array((byFile[file] ?? []).map { edit in
                    .object([
                        ("deletedRegion", .object([
                            ("startLine", .int(max(1, edit.startLine))), ("startColumn", .int(max(1, edit.startColumn))),
                            ("endLine", .int(max(1, edit.endLine))), ("endColumn", .int(max(1, edit.endColumn))),
                        ])),
                        ("insertedContent", .object([("text", .string(edit.text))])),
                    ])
                })),
            ])
        }
        return .object([("description", text(fix.description)), ("artifactChanges", .array(changes))])
    }

    // MARK: notifications

    private func invocation() -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("executionSuccessful", true)
        o.add("toolExecutionNotifications", .array(result.notifications.map(notification)))
        return o.value
    }

    private func notification(_ n: Notification) -> JSONValue {
        var o = JSONObjectBuilder()
        o.add("level", n.kind.rawValue)
        o.add("message", text(n.message))
        if !n.file.isEmpty {
            var physical = JSONObjectBuilder()
            physical.add("artifactLocation", artifactLocation(n.file))
            if let line = n.line, line >= 1 {
                var region = JSONObjectBuilder()
                region.add("startLine", line)
                if let column = n.column, column >= 1 { region.add("startColumn", column) }
                physical.add("region", region.value)
            }
            o.add("locations", .array([.object([("physicalLocation", physical.value)])]))
        }
        return o.value
    }

    // MARK: shared pieces

    private func text(_ s: String) -> JSONValue { .object([("text", .string(s))]) }

    /// Relative paths are resolved against `%SRCROOT%`; absolute ones
    /// (outside the root) become `file:` URIs.
    private func artifactLocation(_ path: String) -> JSONValue {
        if path.hasPrefix("/") { return .object([("uri", .string(URIEncoding.fileURI(file: path)))]) }
        return .object([("uri", .string(URIEncoding.encodePath(path))),
                        ("uriBaseId", .string(SARIFReporter.rootBaseID))])
    }

    private func physicalLocation(_ location: Location) -> JSONValue {
        var region = JSONObjectBuilder()
        region.add("startLine", max(1, location.line))
        region.add("startColumn", max(1, location.column))
        if let endLine = location.endLine { region.add("endLine", max(1, endLine)) }
        if let endColumn = location.endColumn { region.add("endColumn", max(1, endColumn)) }
        return .object([("artifactLocation", artifactLocation(location.file)), ("region", region.value)])
    }
}
