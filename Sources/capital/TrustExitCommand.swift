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
            apportioned again; approved and issued calls are fixed and are listed if the exit would have changed them.
            """)
    @OptionGroup var scope: NetworkScope
    @Argument(help: "The trust's ODS code.") var code: String
    @Option(help: "The date notice was given (YYYY-MM-DD).") var noticeDate: CalendarDate
    @Option(help: "The notice period in calendar months.") var noticeMonths: Int = 12

    func run() throws {
        let (c, network) = try scope.open()
        let exit = try CallStore(c).recordExit(network: network, trustCode: code, noticeDate: noticeDate, noticeMonths: noticeMonths)
        printOut(CallRendering.exit(exit))
    }
}
