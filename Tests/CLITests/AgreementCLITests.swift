import Foundation
import Testing
import TestSupport

/// The network agreement as data, versioned, and the legal-structure rules it carries (issue 17).
@Suite(.serialized) struct AgreementCLITests {
    @Test func agreementIsVersionedAndTheStructureDecidesWhoMayOwn() throws {
        let dir = try temporaryDataDirectory()
        var cli = CLI(dataDirectory: dir)
        cli.environment["CAPITAL_NETWORK"] = "JV"
        defer { _ = try? cli.run("db", "stop"); try? FileManager.default.removeItem(at: dir) }
        #expect(try cli.run("network", "create", "JV", "--formed", "2026-04-01", "--structure", "joint_venture").status == 0)

        // The guidance's defaults: seven-year initial contract, 12 months' notice.
        let shown = try cli.run("network", "agreement", "show", "--format", "csv")
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("\r\n1,2026-04-01,joint_venture,,7,2033-04-01,12,,,,"), "\(shown.stdout)")

        // A joint venture refuses a non-foundation trust as an owner, citing the rule; a foundation trust is taken.
        let refused = try cli.run("trust", "add", "RAA", "--name", "Acute NHS Trust")
        #expect(refused.status == 1 && refused.stderr.contains("trust RAA is an NHS trust, not a foundation trust")
                && refused.stderr.contains("only be suitable where the parties to the joint venture are NHS foundation trusts"), "\(refused.stderr)")
        #expect(try cli.run("trust", "add", "RBB", "--name", "B FT", "--foundation").status == 0)
        #expect(try cli.run("trust", "add", "RCC", "--name", "C FT", "--foundation").status == 0)

        let set = try cli.run("network", "agreement", "set", "--minimum-notice-months", "6", "--lifespan-years", "25", "--threshold", "5m")
        #expect(set.status == 0 && set.stdout.contains("agreement version 2 recorded"), "\(set.stderr)")
        #expect(try cli.run("calls", "threshold", "4m").status == 0) // the threshold's own command is a version too
        let same = try cli.run("network", "agreement", "set", "--minimum-notice-months", "6")
        #expect(same.status == 1 && same.stderr.contains("nothing to change: the agreement stays at version 3"), "\(same.stderr)")
        let history = try cli.run("network", "agreement", "show", "--history", "--format", "csv")
        let rows = history.stdout.split(separator: "\r\n").dropFirst()
        #expect(rows.count == 3)
        #expect(rows.map { $0.split(separator: ",", omittingEmptySubsequences: false)[6] } == ["12", "6", "6"])
        #expect(rows.map { $0.split(separator: ",", omittingEmptySubsequences: false)[9] } == ["", "5000000.00", "4000000.00"])
        let current = try cli.run("network", "agreement", "show", "--format", "json")
        #expect(current.stdout.contains("\"lifespan_ends\" : \"2051-04-01\""), "\(current.stdout)")

        // Hosted: a host must be a member; the network's owners may then be NHS trusts.
        let badHost = try cli.run("network", "agreement", "set", "--structure", "hosted", "--host", "RZZ")
        #expect(badHost.status == 1 && badHost.stderr.contains("host trust RZZ is not a member") && badHost.stderr.contains("raise capital other than through the normal channels of the host trust"), "\(badHost.stderr)")
        #expect(try cli.run("network", "agreement", "set", "--structure", "hosted", "--host", "rbb").status == 0)
        #expect(try cli.run("trust", "add", "RAA", "--name", "Acute NHS Trust").status == 0)
        // Back to a joint venture with an NHS trust among the owners: refused, naming it.
        let back = try cli.run("network", "agreement", "set", "--structure", "joint_venture")
        #expect(back.status == 1 && back.stderr.contains("RAA is an NHS trust, not a foundation trust, so cannot own shares of this joint_venture network"), "\(back.stderr)")
        let invalid = try cli.run("network", "agreement", "set", "--initial-contract-years", "0")
        #expect(invalid.status == 1 && invalid.stderr.contains("outside 1 to 50"), "\(invalid.stderr)")
    }
}
