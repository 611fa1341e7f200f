import CapitalCore
import CapitalStore
import Foundation
import Funding
import Postgres
import Testing
import TestSupport

/// Capital calls against the real database: pence, exits, approvals, plans, statements.
@Suite struct CallStoreTests {
    static let thirds = "0.33333333333333333333333333333333333333"

    /// A network of RAA, RBB, RCC with an approved share set of the given shares (and percents).
    func setUp(shares: [(String, String, String)] = [("RAA", thirds, "33.33"), ("RBB", thirds, "33.33"), ("RCC", thirds, "33.34")])
        throws -> (Connection, Network) {
        let (db, _) = try TestDatabase.fresh()
        let store = NetworkStore(db)
        let network = try store.createNetwork(name: "Calls test", formedOn: CalendarDate(iso: "2025-04-01")!)
        for code in ["RAA", "RBB", "RCC"] { try store.addTrust(network: network, odsCode: code, name: "Trust \(code)", kind: .nhsTrust) }
        try approveShareSet(db, network, shares)
        return (db, network)
    }

    /// Inserts a share set and puts it in force (superseding the one before).
    @discardableResult
    func approveShareSet(_ db: Connection, _ network: Network, _ shares: [(String, String, String)]) throws -> Int64 {
        try db.transaction { c in
            try c.execute("UPDATE share_set SET status = 'superseded', superseded_at = now() WHERE network_id = \(network.id) AND status = 'approved'")
            let id: Int64 = try c.scalar("""
                INSERT INTO share_set (network_id, version, method, valued_as_of, contributions_file, contributions_sha256, report,
                                       status, approved_by, approved_at)
                VALUES (\(network.id), (SELECT coalesce(max(version), 0) + 1 FROM share_set WHERE network_id = \(network.id)),
                        'contribution', '2025-04-01', 'c.yaml', repeat('0', 64), '{}', 'approved', 'Board', now())
                RETURNING id
                """)
            for (code, share, percent) in shares {
                try c.execute("""
                    INSERT INTO share_set_trust (share_set_id, trust_id, share, percent)
                    SELECT \(id), id, \(share)::numeric, \(percent)::numeric FROM trust WHERE network_id = \(network.id) AND ods_code = \(code)
                    """)
            }
            return id
        }
    }

    func date(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }
    func pounds(_ s: String) -> Pence { Pence(pounds: s)! }

    func partsAddUp(_ db: Connection) throws -> Bool {
        let bad: Int = try db.scalar("""
            SELECT count(*) FROM capital_call c
            WHERE c.amount IS DISTINCT FROM (SELECT sum(p.amount) FROM capital_call_part p WHERE p.call_id = c.id)
            """)
        return bad == 0
    }

    // MARK: pence

    @Test func penceAddUpForAwkwardShares() throws {
        let (db, network) = try setUp()
        let calls = CallStore(db)
        let amounts = ["0.01", "0.02", "0.04", "1000000.01", "1000000.00", "123.45", "9999999999.99"]
        for (i, a) in amounts.enumerated() {
            let call = try calls.add(network: network, amount: pounds(a), purpose: "Test \(i)", date: date("2026-05-01"), businessCase: "BC-\(i)")
            #expect(call.parts.reduce(Pence.zero) { $0 + $1.amount } == call.amount)
            #expect(call.parts.map(\.trust) == ["RAA", "RBB", "RCC"])
            // Each part within a penny of its exact third.
            for p in call.parts { #expect(abs(Decimal(p.amount.value) - Decimal(call.amount.value) / 3) < 1) }
        }
        let all = try calls.list(network: network)
        #expect(all.map(\.reference) == (1...7).map { String(format: "CC-2026-%03d", $0) })
        // Ties go to the trust code in alphabetical order.
        #expect(all[0].parts.map(\.amount) == [pounds("0.01"), .zero, .zero])
        #expect(all[1].parts.map(\.amount) == [pounds("0.01"), pounds("0.01"), .zero])
        #expect(all[3].parts.map(\.amount) == [pounds("333333.34"), pounds("333333.34"), pounds("333333.33")])
        #expect(try partsAddUp(db))
    }

    @Test func penceAddUpForRandomSharesAndAmounts() throws {
        let (db, network) = try setUp()
        let calls = CallStore(db)
        var rng = SystemRandomNumberGenerator()
        for round in 0..<6 {
            // Random shares as exact ratios that sum to one; percents by largest remainder to 100.00.
            let weights = (0..<3).map { _ in Decimal(Int.random(in: 0...1_000_000, using: &rng)) + 1 }
            let sum = weights.reduce(0, +)
            let percents = try Apportionment.percentUnits(weights: weights)
            let codes = ["RAA", "RBB", "RCC"]
            try approveShareSet(db, network, (0..<3).map { i in
                (codes[i], (weights[i] / sum).description, Apportionment.formatUnits(percents[i]))
            })
            for _ in 0..<5 {
                let amount = Pence(Int64.random(in: 1...10_000_000_000, using: &rng))
                let call = try calls.add(network: network, amount: amount, purpose: "Round \(round)", date: date("2026-06-01"))
                #expect(call.parts.reduce(Pence.zero) { $0 + $1.amount } == amount)
                for (i, p) in call.parts.enumerated() {
                    #expect(abs(Decimal(p.amount.value) - Decimal(amount.value) * weights[i] / sum) < 1)
                }
            }
        }
        #expect(try calls.list(network: network).count == 30)
        #expect(try partsAddUp(db))
    }

    @Test func theDatabaseRefusesPartsThatDoNotSum() throws {
        let (db, network) = try setUp()
        let call = try CallStore(db).add(network: network, amount: pounds("100.00"), purpose: "CT", date: date("2026-05-01"), businessCase: "BC")
        let raa = try NetworkStore(db).trust(network: network, code: "RAA")
        // One part changed alone: refused at commit.
        let refused = #expect(throws: PostgresError.self) {
            try db.execute("UPDATE capital_call_part SET amount = amount + 0.01 WHERE call_id = \(call.id) AND trust_id = \(raa.id)")
        }
        #expect(refused?.sqlState == "23514")
        #expect(refused?.message.contains("parts sum to") == true)
        // The call's amount changed alone: refused.
        #expect(throws: PostgresError.self) { try db.execute("UPDATE capital_call SET amount = 100.01 WHERE id = \(call.id)") }
        // A part removed: refused.
        #expect(throws: PostgresError.self) {
            try db.execute("DELETE FROM capital_call_part WHERE call_id = \(call.id) AND trust_id = \(raa.id)")
        }
        // A call with no parts: refused.
        #expect(throws: PostgresError.self) {
            try db.execute("""
                INSERT INTO capital_call (network_id, reference, purpose, amount, call_date, share_set_id, needs_owner_approval)
                VALUES (\(network.id), 'CC-2026-099', 'x', 5.00, '2026-05-01', \(call.shareSetID), true)
                """)
        }
        // Moving a penny between parts keeps the sum: allowed while the call is a draft.
        try db.transaction { c in
            try c.execute("UPDATE capital_call_part SET amount = amount + 0.01 WHERE call_id = \(call.id) AND trust_id = \(raa.id)")
            try c.execute("""
                UPDATE capital_call_part SET amount = amount - 0.01 WHERE call_id = \(call.id)
                  AND trust_id = (SELECT id FROM trust WHERE network_id = \(network.id) AND ods_code = 'RBB')
                """)
        }
        #expect(try partsAddUp(db))
        // A part from another network's trust cannot be attached (composite key).
        let other = try NetworkStore(db).createNetwork(name: "Other", formedOn: date("2025-04-01"))
        let stranger = try NetworkStore(db).addTrust(network: other, odsCode: "RZZ", name: "Z", kind: .nhsTrust)
        #expect(throws: PostgresError.self) {
            try db.execute("""
                INSERT INTO capital_call_part (call_id, network_id, trust_id, share, amount)
                VALUES (\(call.id), \(network.id), \(stranger.id), 0, 0)
                """)
        }
    }

    @Test func noShareSetNoCall() throws {
        let (db, _) = try TestDatabase.fresh()
        let network = try NetworkStore(db).createNetwork(name: "Bare", formedOn: date("2025-04-01"))
        try NetworkStore(db).addTrust(network: network, odsCode: "RAA", name: "A", kind: .nhsTrust)
        #expect(throws: StoreRequirement.approvedShareSet(network: "Bare")) {
            try CallStore(db).add(network: network, amount: pounds("10"), purpose: "x", date: date("2026-01-01"))
        }
    }

    // MARK: exit

    @Test func exitReapportionsAmongTheRemainingTrusts() throws {
        let (db, network) = try setUp(shares: [("RAA", "0.5", "50.00"), ("RBB", "0.3", "30.00"), ("RCC", "0.2", "20.00")])
        let calls = CallStore(db)
        // Drafts made before the notice is recorded.
        let later = try calls.add(network: network, amount: pounds("1000.00"), purpose: "After", date: date("2027-01-15"), businessCase: "BC1")
        #expect(later.parts.map(\.amount) == [pounds("500.00"), pounds("300.00"), pounds("200.00")])
        let approvedLater = try calls.add(network: network, amount: pounds("10.00"), purpose: "Approved after", date: date("2027-06-01"), businessCase: "BC2")
        try calls.setThreshold(pounds("1000000"), network: network)
        try calls.approve(approvedLater.reference, by: "Board", network: network)

        let exit = try calls.recordExit(network: network, trustCode: "rcc", noticeDate: date("2026-01-15"), boardDecision: "IMB-1")
        #expect(exit.effectiveDate == date("2027-01-15"))
        #expect(exit.reapportioned == [later.reference])
        #expect(exit.fixedIncludingLeaver == [approvedLater.reference])
        let stored: (CalendarDate?, Int, CalendarDate?) = try {
            let row = try #require(try db.queryFirst("SELECT notice_given_on, notice_months, left_on FROM trust WHERE ods_code = 'RCC'"))
            return (try row.decode("notice_given_on", as: CalendarDate?.self), try row.decode("notice_months"),
                    try row.decode("left_on", as: CalendarDate?.self))
        }()
        #expect(stored.0 == date("2026-01-15") && stored.1 == 12 && stored.2 == date("2027-01-15"))

        // The draft dated on the effective day was re-apportioned 0.5 : 0.3 re-normalised to 0.625 : 0.375.
        let redone = try calls.call(later.reference, network: network)
        #expect(redone.parts.map(\.trust) == ["RAA", "RBB"])
        #expect(redone.parts.map(\.amount) == [pounds("625.00"), pounds("375.00")])
        #expect(redone.parts.map { Decimal(string: $0.share)! } == [Decimal(string: "0.625")!, Decimal(string: "0.375")!])
        #expect(redone.excluded == ["RCC"])

        // In the notice period the leaver still pays; on or after the effective date it does not.
        let inNotice = try calls.add(network: network, amount: pounds("1000.01"), purpose: "In notice", date: date("2027-01-14"))
        #expect(inNotice.parts.map(\.trust) == ["RAA", "RBB", "RCC"])
        #expect(inNotice.parts.map(\.amount) == [pounds("500.01"), pounds("300.00"), pounds("200.00")])
        let after = try calls.add(network: network, kind: .redundancy, amount: pounds("0.03"), purpose: "Redundancy", date: date("2027-02-01"),
                                  redeployment: try RedeploymentStatement(by: "HR", on: date("2027-01-01")))
        #expect(after.kind == .redundancy)
        #expect(after.parts.map(\.trust) == ["RAA", "RBB"])
        #expect(after.parts.reduce(Pence.zero) { $0 + $1.amount } == pounds("0.03"))
        #expect(after.excluded == ["RCC"])
        // RAA 0.625 × 3p = 1.875p, RBB 1.125p: floors 1 and 1, the last penny to the larger remainder (RAA).
        #expect(after.parts.map(\.amount) == [pounds("0.02"), pounds("0.01")])

        // A six-month notice from another trust: only calls from its effective date exclude it too.
        try AgreementStore(db).set(network: network) { $0.minimumNoticeMonths = 6 }
        let short = try calls.recordExit(network: network, trustCode: "RBB", noticeDate: date("2027-03-31"), noticeMonths: 6, boardDecision: "IMB-2")
        #expect(short.effectiveDate == date("2027-09-30") && short.chargedUntil == nil)
        let both = try calls.add(network: network, amount: pounds("77.77"), purpose: "Only RAA left", date: date("2027-10-01"))
        #expect(both.parts.map(\.trust) == ["RAA"])
        #expect(both.parts.map(\.amount) == [pounds("77.77")])
        #expect(try partsAddUp(db))
    }

    /// A hosted unit raises capital only through its host trust (issue 17, NHS England/IPEM 2021 §3.3).
    @Test func hostedNetworkCallsNeedItsHost() throws {
        let (db, network) = try setUp()
        let agreements = AgreementStore(db)
        try agreements.set(network: network) { $0.structure = .hosted }
        let calls = CallStore(db)
        do {
            _ = try calls.add(network: network, amount: pounds("100.00"), purpose: "Scanner", date: date("2026-05-01"))
            Issue.record("a hosted network with no host raised capital")
        } catch let e as UserError {
            #expect(e.message.contains("names no host trust") && e.message.contains("normal channels of the host trust"), "\(e.message)")
        }
        let v = try agreements.set(network: network) { $0.hostTrust = "rbb" }
        #expect(v.agreement.hostTrust == "RBB" && v.version == 3)
        let call = try calls.add(network: network, amount: pounds("100.00"), purpose: "Scanner", date: date("2026-05-01"))
        #expect(call.parts.reduce(Pence.zero) { $0 + $1.amount } == pounds("100.00"))
        #expect(try agreements.history(network: network).map(\.agreement.structure) == [.collaboration, .hosted, .hosted])
    }

    // MARK: approval

    @Test func statusMachineDraftApprovedIssued() throws {
        let (db, network) = try setUp()
        let calls = CallStore(db)
        try calls.setThreshold(pounds("500000"), network: network)
        let call = try calls.add(network: network, amount: pounds("250000"), purpose: "US replacements", date: date("2026-07-01"),
                                 businessCase: "BC-2026-07")
        #expect(call.status == .draft)
        #expect(!call.needsOwnerApproval)
        let early = #expect(throws: UserError.self) { try calls.issue(call.reference, by: "Finance", network: network) }
        #expect(early?.message.contains("still a draft") == true)
        let approved = try calls.approve(String(call.id), by: "Imaging board", network: network)
        #expect(approved.status == .approved)
        #expect(approved.approvedBy == "Imaging board")
        #expect(approved.approvedAt != nil)
        #expect(throws: UserError.self) { try calls.approve(call.reference, by: "Board", network: network) }
        let issued = try calls.issue(call.reference, by: "Finance", network: network)
        #expect(issued.status == .issued)
        #expect(issued.issuedBy == "Finance")
        let twice = #expect(throws: UserError.self) { try calls.issue(call.reference, by: "Finance", network: network) }
        #expect(twice?.message.contains("already issued") == true)
        #expect(throws: UserError.self) { try calls.approve(call.reference, by: "Board", network: network) }
        // The database refuses going back, and changes to an issued call's money or parts.
        #expect(throws: PostgresError.self) { try db.execute("UPDATE capital_call SET status = 'approved' WHERE id = \(call.id)") }
        #expect(throws: PostgresError.self) {
            try db.execute("UPDATE capital_call SET call_date = '2026-08-01' WHERE id = \(call.id)")
        }
        #expect(throws: PostgresError.self) { try db.execute("DELETE FROM capital_call_part WHERE call_id = \(call.id)") }
        #expect(throws: PostgresError.self) { try db.execute("DELETE FROM capital_call WHERE id = \(call.id)") }
        // A call with no business case cannot be approved until one is given.
        let bare = try calls.add(network: network, amount: pounds("1000"), purpose: "No case", date: date("2026-07-02"))
        #expect(throws: StoreRequirement.businessCase(call: bare.reference)) {
            try calls.approve(bare.reference, by: "Board", network: network)
        }
        let withCase = try calls.approve(bare.reference, by: "Board", businessCase: "BC-9", network: network)
        #expect(withCase.businessCaseRef == "BC-9")
        #expect(throws: UserError.self) { try calls.issue("CC-2026-404", by: "Finance", network: network) }
    }

    @Test func aboveTheThresholdTheOwnerTrustsMustApprove() throws {
        let (db, network) = try setUp()
        let calls = CallStore(db)
        // No threshold agreed: every call needs the owner trusts.
        let first = try calls.add(network: network, amount: pounds("100000.00"), purpose: "At threshold", date: date("2026-05-01"), businessCase: "BC1")
        #expect(first.needsOwnerApproval)
        #expect(first.approvalThreshold == nil)
        let second = try calls.add(network: network, amount: pounds("100000.01"), purpose: "Above", date: date("2026-05-02"), businessCase: "BC2")
        // Agreeing a threshold re-marks the drafts.
        let changed = try calls.setThreshold(pounds("100000"), network: network)
        #expect(changed == [first.reference])
        #expect(try calls.threshold(network: network) == pounds("100000"))
        let atThreshold = try calls.call(first.reference, network: network)
        #expect(!atThreshold.needsOwnerApproval)
        #expect(atThreshold.requiredApprovals == [.managementBoard])
        let above = try calls.call(second.reference, network: network)
        #expect(above.needsOwnerApproval)
        #expect(above.requiredApprovals == [.managementBoard, .ownerTrusts])

        // Not above: the board's approval suffices, and an owner-trust approval is refused as not needed.
        #expect(throws: UserError.self) {
            try calls.approve(first.reference, by: "Board", ownerApproval: "OT-1", network: network)
        }
        // An owner-trust approval offered where none is needed is refused with that reason, and the call stays a draft.
        let notNeeded = #expect(throws: UserError.self) {
            try calls.approve(first.reference, by: "Board", ownerApproval: "OA-1", network: network)
        }
        #expect(notNeeded?.message.contains("not needed") == true)
        #expect(try calls.call(first.reference, network: network).status == .draft)
        let boardOnly = try calls.approve(first.reference, by: "Board", network: network)
        #expect(boardOnly.status == .approved)
        #expect(boardOnly.ownerApprovalRef == nil)

        // Above: refused without the owner trusts' approval, recorded with it.
        let refused = #expect(throws: StoreRequirement.self) { try calls.approve(second.reference, by: "Board", network: network) }
        guard case .ownerApproval(second.reference, second.amount, _)? = refused else {
            Issue.record("expected the owner trusts' approval to be asked for, got \(String(describing: refused))")
            return
        }
        #expect(try calls.call(second.reference, network: network).status == .draft)
        let approved = try calls.approve(second.reference, by: "Board", ownerApproval: "Owner trusts' resolution 2026/14", network: network)
        #expect(approved.status == .approved)
        #expect(approved.ownerApprovalRef == "Owner trusts' resolution 2026/14")
        // The database itself refuses an approved call above the threshold without the reference.
        #expect(throws: PostgresError.self) {
            try db.execute("UPDATE capital_call SET owner_approval_ref = NULL WHERE id = \(approved.id)")
        }
    }

    // MARK: plan

    /// An approved plan with replacements in 2026 and 2027, and a draft plan.
    func savePlan(_ db: Connection, _ network: Network, status: String = "approved") throws -> Int64 {
        try db.transaction { c in
            let planID: Int64 = try c.scalar("""
                INSERT INTO plan (network_id, version, name, status, approved_by, approved_at, policy_file, policy_text, policy_sha256,
                                  first_year, years, solver_status, seconds, cost_without, total_spend, document)
                VALUES (\(network.id), (SELECT coalesce(max(version), 0) + 1 FROM plan WHERE network_id = \(network.id)), 'Test plan',
                        \(status), \(status == "draft" ? nil : "Board" as String?), CASE WHEN \(status) = 'draft' THEN NULL ELSE now() END,
                        'p.yaml', 'x', repeat('0', 64), 2026, 3, 'optimal', 1, 0, 2533333.34, '{}')
                RETURNING id
                """)
            let costs: [(String, Int, String)] = [("RAA", 2026, "850000.00"), ("RBB", 2026, "400000.00"),
                                                  ("RAA", 2027, "1000000.01"), ("RCC", 2027, "283333.33")]
            var spend: [Int: Pence] = [:]
            for (i, (code, year, cost)) in costs.enumerated() {
                let assetID: Int64 = try c.scalar("""
                    INSERT INTO asset (trust_id, asset_tag, modality, expected_life_years)
                    SELECT id, \("A-\(planID)-\(i)"), 'CT', 10 FROM trust WHERE network_id = \(network.id) AND ods_code = \(code)
                    RETURNING id
                    """)
                try c.execute("""
                    INSERT INTO plan_replacement (plan_id, asset_id, trust_id, year, cost)
                    SELECT \(planID), \(assetID), trust_id, \(year), \(cost)::numeric FROM asset WHERE id = \(assetID)
                    """)
                spend[year, default: .zero] = spend[year, default: .zero] + Pence(pounds: cost)!
            }
            for year in 2026...2028 {
                try c.execute("""
                    INSERT INTO plan_year (plan_id, year, budget, spend, replacements, expected_cost, expected_cost_without)
                    VALUES (\(planID), \(year), 2000000, \(spend[year] ?? .zero), 0, 0, 0)
                    """)
            }
            return planID
        }
    }

    @Test func fromPlanCallsExactlyThePlanYearsSpend() throws {
        let (db, network) = try setUp()
        let calls = CallStore(db)
        #expect(throws: StoreRequirement.approvedPlan(network: network.name)) { try calls.addFromPlan(network: network, year: 2027) }
        let draft = try savePlan(db, network, status: "draft")
        #expect(throws: UserError.self) { try calls.addFromPlan(network: network, planID: draft, year: 2027) }
        let planID = try savePlan(db, network)

        let call = try calls.addFromPlan(network: network, year: 2027)
        let expected: Pence = try db.scalar("SELECT sum(cost)::numeric(15,2) FROM plan_replacement WHERE plan_id = \(planID) AND year = 2027")
        #expect(call.amount == expected)
        #expect(call.amount == pounds("1283333.34"))
        #expect(call.planID == planID)
        #expect(call.planYear == 2027)
        #expect(call.date == date("2027-04-01"))
        #expect(call.reference == "CC-2027-001")
        #expect(call.kind == .investment)
        #expect(call.purpose.contains("2027/28"))
        #expect(call.parts.reduce(Pence.zero) { $0 + $1.amount } == call.amount)
        // Called once per plan year; a year without spend, or outside the plan, has nothing to call.
        let again = #expect(throws: UserError.self) { try calls.addFromPlan(network: network, planID: planID, year: 2027) }
        #expect(again?.message.contains("already been called") == true)
        #expect(throws: UserError.self) { try calls.addFromPlan(network: network, year: 2028) }
        #expect(throws: UserError.self) { try calls.addFromPlan(network: network, year: 2031) }
        let first = try calls.addFromPlan(network: network, planID: planID, year: 2026, date: date("2026-06-30"), businessCase: "BC-PLAN")
        #expect(first.amount == pounds("1250000.00"))
        #expect(first.date == date("2026-06-30"))
        #expect(first.businessCaseRef == "BC-PLAN")
    }

    // MARK: statements

    @Test func statementTotalsEqualTheCalls() throws {
        let (db, network) = try setUp(shares: [("RAA", "0.4", "40.00"), ("RBB", "0.35", "35.00"), ("RCC", "0.25", "25.00")])
        let calls = CallStore(db)
        try calls.setThreshold(pounds("10000000"), network: network)
        let specs: [(String, String, ChargeKind)] = [("2026-03-31", "1000000.01", .investment), ("2026-04-01", "333.33", .investment),
                                                   ("2026-12-01", "0.01", .redundancy), ("2027-09-01", "2500000.00", .investment),
                                                   ("2028-01-15", "98765.43", .investment)]
        try calls.recordExit(network: network, trustCode: "RCC", noticeDate: date("2026-09-01"), boardDecision: "IMB-3")
        for (d, a, kind) in specs {
            let c = try calls.add(network: network, kind: kind, amount: pounds(a), purpose: "Call \(d)", date: date(d), businessCase: "BC-\(d)",
                                  redeployment: kind == .redundancy ? try RedeploymentStatement(by: "HR", on: date(d)) : nil)
            try calls.approve(c.reference, by: "Board", network: network)
        }
        try calls.issue("CC-2026-001", by: "Finance", network: network)
        let draft = try calls.add(network: network, amount: pounds("5000"), purpose: "Draft", date: date("2026-05-01"))

        let statement = try calls.statement(network: network)
        let approvedSum: Pence = try db.scalar("""
            SELECT sum(amount)::numeric(15,2) FROM capital_call WHERE network_id = \(network.id) AND status <> 'draft'
            """)
        #expect(statement.grandTotal == approvedSum)
        #expect(statement.allocations.count == 5)
        #expect(statement.years == ["2025/26", "2026/27", "2027/28"])
        #expect(statement.trusts == ["RAA", "RBB", "RCC"])
        #expect(statement.trusts.reduce(Pence.zero) { $0 + statement.total(trust: $1) } == approvedSum)
        #expect(statement.years.reduce(Pence.zero) { $0 + statement.total(year: $1) } == approvedSum)
        for trust in statement.trusts {
            let fromParts: Pence = try db.scalar("""
                SELECT coalesce(sum(p.amount), 0)::numeric(15,2) FROM capital_call_part p
                JOIN capital_call c ON c.id = p.call_id JOIN trust t ON t.id = p.trust_id
                WHERE c.status <> 'draft' AND t.ods_code = \(trust) AND c.network_id = \(network.id)
                """)
            #expect(statement.total(trust: trust) == fromParts)
            #expect(statement.years.reduce(Pence.zero) { $0 + statement.amount(trust: trust, year: $1) } == fromParts)
        }
        // RCC's exit took effect on 2027-09-01: the 2027-09-01 call and later exclude it.
        #expect(statement.allocations.filter { !$0.excluded.isEmpty }.map(\.charge.reference) == ["CC-2027-001", "CC-2028-001"])
        #expect(statement.amount(trust: "RCC", year: "2027/28") == .zero)
        let table = FundingRendering.networkTable(statement)
        #expect(table.contains(approvedSum.formatted))
        #expect(table.contains("excludes RCC"))
        #expect(FundingRendering.trustTable(statement, trust: "RAA").contains(statement.total(trust: "RAA").formatted))

        let withDrafts = try calls.statement(network: network, includeDrafts: true, year: .calendar)
        #expect(withDrafts.grandTotal == approvedSum + draft.amount)
        #expect(withDrafts.years == ["2026", "2027", "2028"])
    }
}
