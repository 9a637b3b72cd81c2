/// Groups a directory's selected files into packages by package clause.
///
/// The directory's package name is the one most of its non-test files
/// declare (ties go to the first file by name). `_test.go` files join it
/// or its external test package `<name>_test`. A file declaring anything
/// else is reported and left out, so the rest of the package can still be
/// analysed; files whose clause could not be read stay in, for the parser
/// to report.
struct PackageGrouper {
    struct File {
        var path: String
        var packageName: String?
    }

    /// One directory's packages (the package, then its external tests).
    struct Group {
        var name: String
        var files: [String]
        var isExternalTest: Bool
    }

    static func group(_ files: [File], in directory: String, root: String)
        -> (groups: [Group], notifications: [DiscoveryNotification]) {
        let sorted = files.sorted { $0.path < $1.path }
        let base = packageName(of: sorted)
        var main = Group(name: base, files: [], isExternalTest: false)
        var external = Group(name: base + "_test", files: [], isExternalTest: true)
        var notifications: [DiscoveryNotification] = []
        for file in sorted {
            guard let name = file.packageName else {
                main.files.append(file.path)
                continue
            }
            let isTest = FileNameRules.isTestFile(PathUtilities.lastComponent(file.path))
            if name == base {
                main.files.append(file.path)
            } else if isTest && name == base + "_test" {
                external.files.append(file.path)
            } else {
                notifications.append(DiscoveryNotification(
                    severity: .error, path: Workspace.displayPath(file.path, root: root),
                    message: "package \(name) differs from package \(base) of the other files in "
                        + "\(Workspace.displayPath(directory, root: root)); file skipped"))
            }
        }
        let groups = [main, external].filter { !$0.files.isEmpty }
        return (groups, notifications)
    }

    /// The name the directory's package goes by.
    private static func packageName(of files: [File]) -> String {
        let nonTest = files.filter { !FileNameRules.isTestFile(PathUtilities.lastComponent($0.path)) }
        if let name = mostCommonName(nonTest.compactMap(\.packageName)) { return name }
        // Only test files: an internal test names the package; else strip `_test`.
        let testNames = files.compactMap(\.packageName)
        if let internalTestName = mostCommonName(testNames.filter { !$0.hasSuffix("_test") }) { return internalTestName }
        if let external = testNames.first { return String(external.dropLast("_test".count)) }
        return ""
    }

    private static func mostCommonName(_ names: [String]) -> String? {
        var counts: [String: Int] = [:]
        for name in names { counts[name, default: 0] += 1 }
        // `names` is in file order: the first of the most frequent wins ties.
        return names.first { counts[$0] == counts.values.max() }
    }
}
