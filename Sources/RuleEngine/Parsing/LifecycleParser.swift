/// Reads a rule's `lifecycle:` block: the declarative description of a
/// resource (acquire, release, transfer, messages, options).
enum LifecycleParser {
    static func parse(_ value: YAMLValue) throws -> LifecycleSpec {
        let fields = try value.fields(allowed: ["resource", "acquire", "release", "transfer", "messages", "options"])
        let resource = try fields.required("resource").line()
        let acquire = try nonEmptyList(fields.required("acquire")).map(parseAcquire)
        let release = try nonEmptyList(fields.required("release")).map(parseRelease)
        let transfer = try fields["transfer"].map(parseTransfer) ?? []
        let messages = try parseMessages(fields.required("messages"))
        let options = try fields["options"].map(parseOptions) ?? LifecycleOptions()
        return LifecycleSpec(resource: resource, acquire: acquire, release: release, transfer: transfer,
                             messages: messages, options: options)
    }

    private static func nonEmptyList(_ value: YAMLValue) throws -> [YAMLValue] {
        let items = try value.list()
        if items.isEmpty { throw value.error("expected at least one entry") }
        return items
    }

    static func callPattern(_ value: YAMLValue) throws -> CallPattern {
        let text = try value.line()
        guard let pattern = CallPattern(text) else {
            throw value.error("expected a function as go/types names it, such as time.NewTicker or (*time.Ticker).Stop, found \"\(text)\"")
        }
        return pattern
    }

    /// `receiver: true`, `result: N` or `argument: N`, at most one; nil when none is given.
    private static func slot(_ fields: YAMLFields, call: CallPattern, allowed: [String]) throws -> ResourceSlot? {
        let given = allowed.filter { fields[$0] != nil }
        if given.count > 1, let second = fields[given[1]] {
            throw second.error("give only one of \(allowed.joined(separator: ", "))")
        }
        guard let key = given.first, let value = fields[key] else { return nil }
        switch key {
        case "receiver":
            guard try value.bool() else { throw value.error("expected true (leave the field out otherwise)") }
            guard call.isMethod else { throw value.error("\(call) is a function, it has no receiver") }
            return .receiver
        case "result":
            return .result(try value.index())
        default:
            return .argument(try value.index())
        }
    }

    private static func parseAcquire(_ value: YAMLValue) throws -> AcquireSpec {
        let fields = try value.fields(allowed: ["call", "result", "receiver", "argument", "error-result", "context-argument",
                                                "success-result"])
        let call = try callPattern(fields.required("call"))
        let resource = try slot(fields, call: call, allowed: ["result", "receiver", "argument"])
            ?? (call.isMethod ? .receiver : .result(0))
        let errorResult = try fields["error-result"]?.index()
        if let errorResult, resource == .result(errorResult), let at = fields["error-result"] {
            throw at.error("the error result cannot also be the resource (result #\(errorResult))")
        }
        let contextArgument = try fields["context-argument"]?.index()
        if let contextArgument, resource == .argument(contextArgument), let at = fields["context-argument"] {
            throw at.error("the context argument cannot also be the resource (argument #\(contextArgument))")
        }
        let successResult = try fields["success-result"]?.index()
        if let successResult, let at = fields["success-result"] {
            if resource == .result(successResult) {
                throw at.error("the success result cannot also be the resource (result #\(successResult))")
            }
            if errorResult != nil { throw at.error("an acquisition has an error result or a success result, not both") }
        }
        return AcquireSpec(call: call, resource: resource, errorResult: errorResult, contextArgument: contextArgument,
                           successResult: successResult)
    }

    private static func parseRelease(_ value: YAMLValue) throws -> ReleaseSpec {
        let fields = try value.fields(allowed: ["call", "receiver", "argument", "invoke", "when-returns"])
        if let invoke = fields["invoke"] {
            guard try invoke.bool() else { throw invoke.error("expected true (leave the field out otherwise)") }
            if let other = ["call", "receiver", "argument", "when-returns"].compactMap({ fields[$0] }).first {
                throw other.error("a release by invoking the resource names no call")
            }
            return .invoke
        }
        let call = try callPattern(fields.required("call"))
        let resource = try slot(fields, call: call, allowed: ["receiver", "argument"])
            ?? (call.isMethod ? .receiver : .argument(0))
        if let when = fields["when-returns"] {
            // Only false: the one shape rules need so far ((*sql.Rows).Next
            // closes the rows when it returns false).
            guard try !when.bool() else { throw when.error("only false is supported (the call releases when its bool result is false)") }
            return .callReturningFalse(call, resource)
        }
        return .call(call, resource)
    }

    private static func parseTransfer(_ value: YAMLValue) throws -> [TransferKind] {
        var kinds: [TransferKind] = []
        for item in try value.list() {
            let kind = try item.choice(TransferKind.self)
            if kinds.contains(kind) { throw item.error("\(kind.rawValue) is listed twice") }
            let conflict = kinds.first { $0.unconditional == kind || kind.unconditional == $0 }
            if let conflict {
                throw item.error("\(kind.rawValue) and \(conflict.rawValue) contradict each other; keep one")
            }
            kinds.append(kind)
        }
        return kinds
    }

    private static func template(_ value: YAMLValue) throws -> MessageTemplate {
        let text = try value.line()
        if let problem = MessageTemplate.validate(text) { throw value.error(problem) }
        guard let template = MessageTemplate(text) else { throw value.error("invalid message template") }
        return template
    }

    private static func parseMessages(_ value: YAMLValue) throws -> LifecycleMessages {
        let fields = try value.fields(allowed: ["leak", "double-release", "use-after-release"])
        return LifecycleMessages(
            leak: try template(fields.required("leak")),
            doubleRelease: try fields["double-release"].map(template),
            useAfterRelease: try fields["use-after-release"].map(template))
    }

    private static func parseOptions(_ value: YAMLValue) throws -> LifecycleOptions {
        let fields = try value.fields(allowed: ["defer-release-ok", "loop-scoped", "panic-paths"])
        let defaults = LifecycleOptions()
        return LifecycleOptions(
            deferReleaseOK: try fields["defer-release-ok"]?.bool() ?? defaults.deferReleaseOK,
            loopScoped: try fields["loop-scoped"]?.bool() ?? defaults.loopScoped,
            panicPaths: try fields["panic-paths"]?.bool() ?? defaults.panicPaths)
    }
}
