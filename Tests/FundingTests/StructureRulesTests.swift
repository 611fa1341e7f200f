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

/// Exits and redundancy by the agreement, pure (issue 17).
@Suite struct ExitTermsTests {
    let agreement = NetworkAgreement(formedOn: CalendarDate(year: 2025, month: 4, day: 1)!)
    func d(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }

    @Test func shortNoticeIsEarlyAndChargedToTheMinimum() throws {
        #expect(throws: UserError.self) {
            try TrustExit.underAgreement(trust: "RCC", noticeDate: d("2026-04-01"), noticeMonths: 3, agreement: agreement, early: false, boardDecision: "B")
        }
        let e = try TrustExit.underAgreement(trust: "RCC", noticeDate: d("2026-04-01"), noticeMonths: 3, agreement: agreement, early: true, boardDecision: "B")
        #expect(e.effectiveDate == d("2026-07-01") && e.chargedUntil == d("2027-04-01") && e.sharesUntil == d("2027-04-01"))
        #expect(!e.excludes(on: d("2027-03-31")) && e.excludes(on: d("2027-04-01")))
        #expect(!e.isEarlyExitCharge(on: d("2026-06-30")) && e.isEarlyExitCharge(on: d("2026-07-01")) && !e.isEarlyExitCharge(on: d("2027-04-01")))
        // --early with full notice is a mistake, said so.
        #expect(throws: UserError.self) {
            try TrustExit.underAgreement(trust: "RCC", noticeDate: d("2033-04-01"), noticeMonths: 12, agreement: agreement, early: true, boardDecision: nil)
        }
        // Full notice after the initial contract period: no board decision needed, none kept.
        let late = try TrustExit.underAgreement(trust: "RCC", noticeDate: d("2031-04-01"), noticeMonths: 12, agreement: agreement, early: false, boardDecision: "x")
        #expect(late.boardDecision == nil && late.chargedUntil == nil)
        // Leaving a day before the seventh anniversary needs one.
        #expect(throws: UserError.self) {
            try TrustExit.underAgreement(trust: "RCC", noticeDate: d("2031-03-31"), noticeMonths: 12, agreement: agreement, early: false, boardDecision: " ")
        }
    }

    @Test func statementMarksTheLeaversChargesToThePenny() throws {
        let shares = try OwnershipShares([("RAA", 0.5), ("RBB", 0.3), ("RCC", 0.2)])
        let exit = try TrustExit.underAgreement(trust: "RCC", noticeDate: d("2026-04-01"), noticeMonths: 3, agreement: agreement, early: true, boardDecision: "B")
        let s = try FundingStatement.build(charges: [
            FundingCharge(reference: "A", kind: .investment, date: d("2026-05-01"), amount: .pounds(1000)),
            FundingCharge(reference: "B", kind: .investment, date: d("2026-09-01"), amount: Pence(1_000_001)),
            FundingCharge.redundancy(reference: "C", date: d("2026-12-01"), amount: .pounds(3000)),
            FundingCharge(reference: "D", kind: .stranded, date: d("2027-04-01"), amount: .pounds(1000)),
        ], shares: shares, exits: [exit])
        #expect(s.earlyExitCharges.map(\.reference) == ["B", "C"])
        #expect(s.earlyExitCharges.map(\.amount) == [.pounds(2000), .pounds(600)])
        #expect(s.earlyExitTotal(trust: "RCC") == .pounds(2600) && s.earlyExitTotal(trust: "RAA") == .zero)
        #expect(s.allocations[3].excluded == ["RCC"])
        #expect(s.trusts.reduce(Pence.zero) { $0 + s.total(trust: $1) } == s.grandTotal)
        #expect(FundingRendering.trustTable(s, trust: "RCC").contains("of which early exit"))
    }

    @Test func redundancyNeedsTheRedeploymentStatement() throws {
        #expect(throws: UserError.self) { try RedeploymentStatement.check(kind: .redundancy, date: d("2026-12-01"), statement: nil) }
        let late = try RedeploymentStatement(by: "HR lead", on: d("2026-12-02"))
        #expect(throws: UserError.self) { try RedeploymentStatement.check(kind: .redundancy, date: d("2026-12-01"), statement: late) }
        try RedeploymentStatement.check(kind: .redundancy, date: d("2026-12-01"), statement: try RedeploymentStatement(by: "HR lead", on: d("2026-12-01")))
        try RedeploymentStatement.check(kind: .stranded, date: d("2026-12-01"), statement: nil)
        #expect(throws: UserError.self) { try RedeploymentStatement(by: "  ", on: d("2026-12-01")) }
    }
}
