import CapitalCore
import Testing
@testable import Funding

@Suite struct CapitalCallTests {
    let day = CalendarDate(year: 2026, month: 5, day: 1)!

    func call(_ pounds: Int64, caseRef: String = "BC-12") throws -> CapitalCall {
        try CapitalCall(reference: "CC-1", amount: .pounds(pounds), purpose: "CT replacement", date: day,
                        businessCaseRef: caseRef, threshold: .pounds(1_000_000))
    }

    @Test func atOrBelowThresholdTheBoardSuffices() throws {
        var c = try call(1_000_000)
        #expect(c.requiredApprovals == [.managementBoard])
        try c.approve(by: .managementBoard, on: day)
        #expect(c.status == .approved)
        try c.issue(on: day)
        #expect(c.status == .issued)
        #expect(throws: UserError.self) { try c.issue(on: day) }
        #expect(throws: UserError.self) { try c.approve(by: .managementBoard, on: day) }
    }

    @Test func aboveThresholdNeedsTheOwnerTrustsToo() throws {
        var c = try call(1_000_001)
        try c.approve(by: .managementBoard, on: day)
        #expect(c.status == .draft)
        #expect(c.missingApprovals == [.ownerTrusts])
        do { try c.issue(on: day); Issue.record("issued a draft") } catch let e as UserError {
            #expect(e.message == "call CC-1 cannot be issued: still a draft, waiting for approval by owner trusts")
        }
        try c.approve(by: .ownerTrusts, on: day)
        #expect(c.status == .approved)
    }

    @Test func invalidApprovalsAreRefused() throws {
        var small = try call(10)
        #expect(throws: UserError.self) { try small.approve(by: .ownerTrusts, on: day) }
        var noCase = try call(10, caseRef: " ")
        #expect(throws: UserError.self) { try noCase.approve(by: .managementBoard, on: day) }
        #expect(throws: UserError.self) { _ = try call(0) }
    }
}
