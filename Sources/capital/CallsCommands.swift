import ArgumentParser
import CapitalCore
import Foundation
import Funding

struct CallsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calls",
        abstract: "Capital calls: apportion an amount between the owner trusts by ownership share.",
        subcommands: [Apportion.self])

    struct Apportion: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Split an amount between trusts by share, to the penny.",
            discussion: """
                Each trust's part is in whole pence and the parts sum exactly to the amount: largest \
                remainder, ties to the larger share, then to the trust code in alphabetical order. \
                Works from a shares file with no database (the output of `capital shares compute --format json`, \
                or {"shares": {"RAA": "0.25", …}}), or from a saved share set id.
                """)
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var net: NetworkOption
        @Argument(help: "The amount in pounds, e.g. 1500000 or £1,500,000.00.") var amount: String
        @Option(help: "A shares JSON file or a saved share set id.") var shares: String
        @Option(help: "Which method's shares to use from a shares compute document (default: the first, contribution).")
        var method: String?
        @OptionGroup var output: FormatOptions

        func run() throws {
            guard let pence = Pence(pounds: amount) else {
                throw ValidationError("amount \"\(amount)\" is not pounds and pence (e.g. 1500000 or 1,500,000.00)")
            }
            let owned = try loadShares(shares, method: method, db: db, network: net.network)
            let parts = try ShareApportioner.apportion(amount: pence, shares: owned)
            switch output.format {
            case .table: printOut(FundingRendering.apportionmentTable(amount: pence, shares: owned, parts: parts))
            case .csv: printOut(FundingRendering.apportionmentCSV(shares: owned, parts: parts))
            case .json: printOut(try FundingRendering.apportionmentJSON(amount: pence, shares: owned, parts: parts))
            }
        }
    }
}
