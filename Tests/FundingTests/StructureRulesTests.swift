import CapitalCore
import Foundation
import Funding
import Testing

/// Legal-structure rules in the guidance's words (issue 17).
@Suite struct StructureRulesTests {
    @Test func jointVentureAndCICTakeFoundationTrustsOnly() throws {
        #expect(throws: UserError.self) { try StructureRules.checkOwner(code: "RAA", kind: .nhsTrust, structure: .jointVenture) }
        #expect(throws: UserError.self) { try StructureRules.checkOwner(code: "RAA", kind: .nhsTrust, structure: .communityInterestCompany) }
        try StructureRules.checkOwner(code: "RAA", kind: .foundationTrust, structure: .jointVenture)
        try StructureRules.checkOwner(code: "RAA", kind: .nhsTrust, structure: .hosted)
        do {
            try StructureRules.checkOwners([("RBB", .nhsTrust), ("RAA", .nhsTrust), ("RCC", .foundationTrust)], structure: .communityInterestCompany)
            Issue.record("expected a refusal")
        } catch let e as UserError {
            #expect(e.message.hasPrefix("RAA, RBB are NHS trusts, not foundation trusts, so cannot own shares of this community_interest_company network"))
            #expect(e.message.contains("parties forming the CIC are NHS foundation trusts"))
        }
    }

    @Test func hostedNetworkRaisesCapitalThroughItsHost() throws {
        var a = NetworkAgreement(formedOn: CalendarDate(year: 2026, month: 4, day: 1)!, structure: .hosted)
        #expect(throws: UserError.self) { try StructureRules.capitalRaisedThrough(a, members: ["RAA"]) }
        a.hostTrust = "RAA"
        #expect(try StructureRules.capitalRaisedThrough(a, members: ["RAA", "RBB"]) == "RAA")
        a.structure = .collaboration
        #expect(try StructureRules.capitalRaisedThrough(a, members: ["RAA"]) == nil)
        #expect(throws: UserError.self) { try a.validate() } // a host only for a hosted network
    }

    @Test func defaultsAreTheGuidancesFigures() {
        let a = NetworkAgreement(formedOn: CalendarDate(year: 2026, month: 4, day: 1)!)
        #expect(a.initialContractYears == 7 && a.minimumNoticeMonths == 12)
        #expect(a.initialContractEnd == CalendarDate(year: 2033, month: 4, day: 1)!)
    }
}
