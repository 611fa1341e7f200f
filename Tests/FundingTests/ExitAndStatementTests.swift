import CapitalCore
import Foundation
import Testing
@testable import Funding

@Suite struct ExitAndStatementTests {
    func date(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }
    func shares() throws -> OwnershipShares {
        try OwnershipShares([("RAA", Decimal(string: "0.5")!), ("RBB", Decimal(string: "0.3")!), ("RCC", Decimal(string: "0.2")!)])
    }

    @Test func leaverPaysDuringNoticeAndNotFromTheEffectiveDate() throws {
        let exit = try TrustExit(trust: "RCC", noticeDate: date("2026-01-31"))
        #expect(exit.effectiveDate == date("2027-01-31"))
        let before = try ChargeAllocator.allocate(FundingCharge(reference: "C1", kind: .investment, date: date("2027-01-30"), amount: .pounds(1000)),
                                                  shares: shares(), exits: [exit])
        #expect(before.parts.map(\.amount.value) == [50_000, 30_000, 20_000])
        #expect(before.excluded.isEmpty)
        let on = try ChargeAllocator.allocate(FundingCharge(reference: "C2", kind: .investment, date: date("2027-01-31"), amount: .pounds(1000)),
                                              shares: shares(), exits: [exit])
        // re-normalised: 0.5/0.8 = 62.5%, 0.3/0.8 = 37.5%
        #expect(on.parts.map(\.trust) == ["RAA", "RBB"])
        #expect(on.parts.map(\.amount.value) == [62_500, 37_500])
        #expect(on.excluded == ["RCC"])
    }

    @Test func exitsMustNameMembersOnce() throws {
        let charge = FundingCharge(reference: "C", kind: .redundancy, date: date("2026-01-01"), amount: .pounds(1))
        #expect(throws: UserError.self) { try ChargeAllocator.allocate(charge, shares: shares(), exits: [try TrustExit(trust: "RZZ", noticeDate: date("2025-01-01"))]) }
        let all = try ["RAA", "RBB", "RCC"].map { try TrustExit(trust: $0, noticeDate: date("2024-01-01")) }
        #expect(throws: UserError.self) { try ChargeAllocator.allocate(charge, shares: shares(), exits: all) }
    }

    @Test func statementReconcilesAcrossTrustsAndYears() throws {
        let charges = [
            FundingCharge(reference: "CC-1", kind: .investment, date: date("2025-06-01"), amount: Pence(100_000_001), description: "MRI"),
            FundingCharge(reference: "CC-2", kind: .investment, date: date("2026-03-31"), amount: Pence(1)),
            FundingCharge.redundancy(reference: "RD-1", date: date("2026-04-01"), amount: Pence(33_333)),
            FundingCharge(reference: "CC-3", kind: .investment, date: date("2027-05-01"), amount: Pence(70_000_007)),
        ]
        let exits = [try TrustExit(trust: "RBB", noticeDate: date("2026-04-15"))]
        let s = try FundingStatement.build(charges: charges, shares: shares(), exits: exits)
        #expect(s.years == ["2025/26", "2026/27", "2027/28"])
        #expect(s.total(year: "2025/26") == Pence(100_000_002))
        #expect(s.amount(trust: "RBB", year: "2027/28") == .zero) // left 2027-04-15
        #expect(s.amount(trust: "RAA", year: "2027/28") == Pence(50_000_005)) // 5/7 of 70,000,007 = 50,000,005
        let byTrust = s.trusts.reduce(Pence.zero) { $0 + s.total(trust: $1) }
        let byYear = s.years.reduce(Pence.zero) { $0 + s.total(year: $1) }
        let cells = s.trusts.flatMap { t in s.years.map { s.amount(trust: t, year: $0) } }.reduce(Pence.zero, +)
        #expect(byTrust == s.grandTotal && byYear == s.grandTotal && cells == s.grandTotal)
        #expect(s.grandTotal == Pence(170_033_342))
        let table = FundingRendering.networkTable(s)
        #expect(table.contains("CC-3 (2027-05-01) excludes RBB: exit in effect"))
        let csv = FundingRendering.statementCSV(s)
        #expect(csv.hasPrefix("year,date,reference,kind,description,trust,amount,early_exit_charge\r\n2025/26,2025-06-01,CC-1,capital_call,MRI,RAA,500000.01,false\r\n"))
    }

    @Test func calendarYearsCanBeChosen() {
        #expect(FundingYear.calendar.label(of: date("2026-03-31")) == "2026")
        #expect(FundingYear.nhsFinancial.label(of: date("2026-03-31")) == "2025/26")
        #expect(FundingYear.nhsFinancial.label(of: date("2099-04-01")) == "2099/00")
    }
}
