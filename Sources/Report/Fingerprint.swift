import Findings

/// The fingerprint reporters publish for a finding: the rule engine's when
/// it set one, else a hash of rule, file and message (never of line
/// numbers, so that unrelated edits above a finding do not change it).
enum Fingerprint {
    static func of(_ finding: Finding) -> String {
        if !finding.fingerprint.isEmpty { return finding.fingerprint }
        return fnv1a64Hex([finding.ruleID, finding.location.file, finding.message].joined(separator: "\u{1F}"))
    }

    /// FNV-1a, 64-bit: small, stable across runs and platforms (unlike `Hasher`).
    static func fnv1a64Hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension Reporter {
    /// The fingerprint SARIF publishes for a finding under `sarifFingerprintKey`
    /// (what `--baseline` compares).
    public static func fingerprint(of finding: Finding) -> String { Fingerprint.of(finding) }

    /// The `partialFingerprints` key conclint writes.
    public static var sarifFingerprintKey: String { SARIFReporter.fingerprintKey }
}
