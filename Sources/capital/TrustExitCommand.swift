import ArgumentParser
import CapitalCore
import CapitalStore
import Foundation

/// `capital trust exit CODE --notice-date DATE [--notice-months 12]`: a trust's notice to leave the network.
struct TrustExitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exit",
        abstract: "Record a trust's notice to leave: from notice date + notice months it shares no further calls.",
        discussion: """
            Calls dated in the notice period still include the trust; calls dated on or after the exit's \
            effective date are shared by the remaining trusts by their re-normalised shares. Draft calls are \
            apportioned again; approved and issued calls are fixed and are listed if the exit would have changed them. \
            By the agreement (`capital network agreement show`): notice shorter than the minimum is refused unless \
            --early, and an early leaver is charged its share, as if still a member, of calls and redundancy or \
            stranded costs dated in the rest of the minimum notice (shown on `calls statement`); leaving before the \
            initial contract period ends needs --board-decision.
            """)
    @OptionGroup var scope: NetworkScope
    @Argument(help: "The trust's ODS code.") var code: String
    @Option(help: "The date notice was given (YYYY-MM-DD).") var noticeDate: CalendarDate
    @Option(help: "The notice period in calendar months (default: the agreement's minimum).") var noticeMonths: Int?
    @Flag(help: "Leave on shorter notice than the agreement's minimum, bearing the network's extra costs for the rest of it.")
    var early = false
    @Option(help: "The board decision allowing an exit before the initial contract period ends (e.g. a minute reference).")
    var boardDecision: String?

    func run() throws {
        let (c, network) = try scope.open()
        let months = try noticeMonths ?? AgreementStore(c).current(network: network).agreement.minimumNoticeMonths
        let exit = try CallStore(c).recordExit(network: network, trustCode: code, noticeDate: noticeDate, noticeMonths: months,
                                               early: early, boardDecision: boardDecision)
        printOut(CallRendering.exit(exit))
    }
}
