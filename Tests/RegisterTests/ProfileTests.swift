import Foundation
import Testing
@testable import Register
import CapitalCore

@Suite struct ProfileTests {
    @Test func shippedProfilesLoad() throws {
        #expect(Fixtures.library.profiles.map(\.name) == ["cmms-equip", "cmms-mems", "finance-far"])
        let mems = try Fixtures.library.profile(named: "cmms-mems")
        #expect(mems.dateOrder == .mdy && mems.vatInclusive)
        #expect(mems.vocabulary.manufacturerAliases["phillips"] == "Philips") // inherited from vocabulary.yaml
        #expect(mems.vocabulary.status("Deployed") == .inUse) // the profile's own addition
    }

    @Test func autoChoosesTheBestProfileAndReportsColumns() throws {
        let headers = ["Asset ID", "Device Type", "Make", "Model Number", "Serial Number", "Location", "Install Date (MM/DD/YYYY)", "Colour"]
        let bound = try Fixtures.library.select(.auto, headers: headers)
        #expect(bound.profile.name == "cmms-mems")
        #expect(bound.report.chosenAutomatically)
        #expect(bound.report.scores.first?.profile == "cmms-mems")
        #expect(bound.column(.installDate) == 6) // matched after dropping the parenthesised note
        #expect(bound.report.ignored.map(\.header) == ["Colour"])
        #expect(bound.report.description.contains("\"Colour\" ignored"))
    }

    @Test func unknownHeadersFailLoudly() {
        #expect(throws: UserError.self) { try Fixtures.library.select(.auto, headers: ["Foo", "Bar"]) }
        #expect(throws: UserError.self) { try Fixtures.library.select(.named("nope"), headers: ["Equipment No"]) }
        #expect(throws: UserError.self) { try Fixtures.library.select(.named("finance-far"), headers: ["Equipment No"]) }
    }

    @Test func badProfileFilesAreUserErrors() throws {
        let dir = Fixtures.tempDir()
        try "name: x\ndate_order: dym\ncolumns:\n  asset_tag: [Tag]\n".write(to: dir.appendingPathComponent("x.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: UserError.self) { try ProfileLibrary(directory: dir) }
    }
}
