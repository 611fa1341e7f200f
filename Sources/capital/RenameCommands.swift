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

extension NetworkCommand {
    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a network and everything it holds (registers, plans, share sets, calls); the audit trail stays.")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "The network's name (case does not matter).") var name: String
        @Flag(help: "Do not ask: delete at once (needed when not at a terminal).") var yes = false

        func run() throws {
            let store = NetworkStore(try db.open())
            let network = try store.network(named: name)
            if !yes {
                guard isatty(0) == 1 else {
                    throw UserError("deleting \(network.name) cannot be undone: add --yes to confirm when not at a terminal")
                }
                FileHandle.standardError.write(Data("delete network \"\(network.name)\" with its \(network.trustCount) trusts and everything they hold? Type its name to confirm: ".utf8))
                guard let answer = readLine(), answer.trimmingCharacters(in: .whitespaces).lowercased() == network.name.lowercased() else {
                    throw UserError("not deleted: the name typed did not match")
                }
            }
            let deleted = try store.deleteNetwork(network)
            let rows = deleted.reduce(0) { $0 + $1.rows }
            printOut("deleted network \"\(network.name)\": \(rows) rows from \(deleted.filter { $0.rows > 0 }.count) tables\n")
        }
    }
}
