import ArgumentParser
import CapitalCore
import CapitalStore
import Foundation

extension NetworkCommand {
    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rename a network (its records stay as they are).")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "The network's name now (case does not matter).") var name: String
        @Argument(help: "Its new name.") var newName: String

        func run() throws {
            let store = NetworkStore(try db.open())
            let renamed = try store.renameNetwork(try store.network(named: name), to: newName)
            printOut("renamed network \"\(name)\" to \"\(renamed.name)\"\n")
        }
    }
}

extension TrustCommand {
    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rename a member trust (its ODS code stays).")
        @OptionGroup var scope: NetworkScope
        @Argument(help: "The trust's ODS code (case does not matter).") var code: String
        @Option(help: "The trust's new name.") var name: String

        func run() throws {
            let (c, network) = try scope.open()
            let trust = try NetworkStore(c).renameTrust(network: network, code: code, to: name)
            printOut("renamed \(trust.odsCode) to \(trust.name)\n")
        }
    }
}
