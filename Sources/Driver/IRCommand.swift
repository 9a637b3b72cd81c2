import ConcIR
import Discovery
import Findings
import Foundation
import GoSema
import Lowering

/// `conclint ir PATHS [--func NAME]`: the concurrency IR of Go code, in the
/// DSL (docs/ir.md). With `--func`, only functions whose name is NAME or
/// ends in `.NAME` (closures of a function included).
public enum IRCommand {
    public static func run(_ options: CommandLineOptions, function: String?, environment: [String: String],
                           workingDirectory: String, processorCount: Int) -> CommandOutcome {
        let configuration: RunConfiguration
        do {
            configuration = try RunConfiguration.validate(options, environment: environment, workingDirectory: workingDirectory,
                                                          processorCount: processorCount)
        } catch {
            return CommandOutcome(stderr: "conclint: error: \(error)\n", status: .usage)
        }
        let pipeline = LintPipeline(stages: [
            SyntaxErrorStage(),
            TypeCheckStage(loader: LoaderOptions.fromEnvironment(buildContext: configuration.buildContext, jobs: configuration.jobs)),
            LoweringStage(jobs: configuration.jobs),
            // The stubs of preamble C functions, as the analyses see them.
            CgoStage(buildContext: configuration.buildContext, jobs: configuration.jobs),
        ])
        do {
            let outcome = try pipeline.run(configuration)
            var text = ""
            for var module in outcome.modules {
                if let function {
                    module.functions = module.functions.filter { matches($0.name, function) }
                    guard !module.functions.isEmpty else { continue }
                }
                text += DSL.print(module)
                text += "\n"
            }
            let stderr = outcome.result.notifications.map { $0.oneLine + "\n" }.joined()
            var result = CommandOutcome(stdout: text, stderr: stderr, status: .clean)
            result.memory = outcome.memory
            return result
        } catch {
            return CommandOutcome(stderr: "conclint: error: \(error)\n", status: .usage)
        }
    }

    /// `main` matches `main.main` and its closures `main.main.func1`;
    /// `Run` matches `(*p.Server).Run`.
    static func matches(_ name: String, _ wanted: String) -> Bool {
        if name == wanted || name.hasSuffix("." + wanted) { return true }
        return name.contains("." + wanted + ".func") || name.hasSuffix(")." + wanted)
    }
}

