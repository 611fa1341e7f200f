import CapitalCore
import Testing
@testable import Funding

@Suite struct CapitalCallTests {
    let day = CalendarDate(year: 2026, month: 5, day: 1)!

    func call(_ pounds: Int64, caseRef: String = "BC-12") throws -> CapitalCall {
        try CapitalCall(reference: "CC-1", amount: .pounds(pounds), purpose: "CT replacement", date: day,
                        businessCaseRef: caseRef, threshold: .pounds(1_000_000))
    }

    /// A saved call comes back in the state it was saved in, and the rules go on from there.
    @Test func aRestoredCallGoesOnFromItsSavedState() throws {
        func restored(approved: CalendarDate?, issued: CalendarDate?) throws -> CapitalCall {
            try CapitalCall(reference: "CC-2", amount: .pounds(2_000_000), purpose: "MRI", date: day, businessCaseRef: "BC-1",
                            threshold: .pounds(1_000_000), approvedOn: approved, issuedOn: issued)
        }
        var draft = try restored(approved: nil, issued: nil)
        #expect(draft.status == .draft && draft.missingApprovals == [.managementBoard, .ownerTrusts])
        #expect(throws: UserError.self) { try draft.issue(on: day) }
        var approved = try restored(approved: day, issued: nil)
        #expect(approved.status == .approved && approved.missingApprovals.isEmpty)
        #expect(throws: UserError.self) { try approved.approve(by: .managementBoard, on: day) }
        try approved.issue(on: day)
        #expect(approved.status == .issued && approved.issuedOn == day)
        var issued = try restored(approved: day, issued: day)
        #expect(issued.status == .issued)
        #expect(throws: UserError.self) { try issued.issue(on: day) }
        // Issued but never approved is not a state the rules allow.
        #expect(throws: UserError.self) { try restored(approved: nil, issued: day) }
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
