import Findings

/// The rules the leak analysis reports (rules/channel, rules/waitgroup,
/// rules/goroutine). Ids are permanent.
enum LeakRule: String, CaseIterable {
    /// A goroutine blocks forever sending on a channel nobody receives from.
    case blockedSend = "CH1001"
    /// A receive blocks forever: nothing sends on the channel or closes it.
    case blockedReceive = "CH1002"
    /// A `for range ch` never ends: nothing closes the channel.
    case rangeNeverClosed = "CH1003"
    /// A select none of whose cases can ever proceed.
    case blockedSelect = "CH1004"
    case sendOnClosed = "CH1005"
    case closeOfClosed = "CH1006"
    /// A receiver closes a channel while another goroutine still sends on it.
    case closeByReceiver = "CH1007"
    case nilChannel = "CH1008"
    /// wg.Wait never returns: a Done is missing.
    case waitNeverReturns = "WG1001"
    /// wg.Wait in a goroutine that must itself call Done.
    case waitInsideCountedGoroutine = "WG1002"
    /// wg.Add from zero after a Wait that did not wait for it.
    case addAfterWait = "WG1003"
    case negativeCounter = "WG1004"
    /// A goroutine that can never finish (`select {}`, an endless loop).
    case neverFinishes = "GR1001"

    var category: Category {
        switch rawValue.prefix(2) {
        case "CH": return .channel
        case "WG": return .waitgroup
        default: return .goroutine
        }
    }
}
