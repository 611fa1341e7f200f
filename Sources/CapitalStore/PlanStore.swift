import CapitalCore
import Foundation
import Optimizer
import Planning
import Postgres

/// A saved plan's header: what it is, its certificate, what it was built from.
public struct SavedPlan: Sendable, Codable, Equatable {
    /// The plan's database id.
    public let id: Int64
    /// Its version number within the network (1, 2, …, in the order saved).
    public let version: Int
    /// The name it was saved under.
    public let name: String
    /// Draft, approved (in force) or superseded.
    public let status: ApprovalStatus
    /// Who approved it; nil while a draft.
    public let approvedBy: String?
    /// When it was approved, in UTC (`YYYY-MM-DDTHH:MM:SSZ`); nil while a draft.
    public let approvedAt: Timestamp?
    /// When it was saved, in UTC (`YYYY-MM-DDTHH:MM:SSZ`).
    public let createdAt: Timestamp
    /// The planning policy file it was made from, as named when saved (its text is kept in the database too).
    public let policyFile: String
    /// The import batches behind the network's active register when it was saved, ascending.
    public let registerBatches: [Int64]
    /// The first planned year.
    public let firstYear: Int
    /// The number of years planned.
    public let years: Int
    /// How far the solver got: `optimal`, `feasible`, `infeasible` or `unknown`.
    public let solverStatus: String
    /// The plan's objective over the horizon (in `objectiveUnit`); nil when the solver found no plan.
    public let objective: Decimal?
    /// A proven lower bound on any plan's objective within the same budgets; nil when none was proven.
    public let bound: Decimal?
    /// `(objective − bound) ÷ |objective|`, a fraction (0.01 = 1%); nil without both.
    public let gap: Decimal?
    /// Wall-clock seconds the solver spent.
    public let seconds: Decimal
    /// What the objective would be with no replacement (pounds, or risk-years for plans saved before issue 13).
    public let costWithout: Decimal
    /// `GBP`, or `risk-years` for a plan saved before the objective was in pounds.
    public let objectiveUnit: String
    /// Unit-years breaking a hard rule under the plan.
    public let breachYears: Int
    /// Total spend over the horizon, in pence.
    public let totalSpend: Pence
    /// How many replacements the plan makes (one per asset and year replaced).
    public let replacements: Int
    /// How many assets the plan leaves unfunded.
    public let unfunded: Int
}

/// One year of a saved plan.
public struct SavedPlanYear: Sendable, Codable, Equatable {
    /// The planned year.
    public let year: Int
    /// The year's budget, in pence.
    public let budget: Pence
    /// What the plan spends in the year (replacements and additional units), in pence; never above `budget`.
    public let spend: Pence
    /// Units replaced in the year.
    public let replacements: Int
    /// Additional units installed in the year for demand.
    public let additions: Int
    /// The objective's terms in the year, with the plan and without (pounds; risk-years for older plans).
    public let expectedCost: Decimal
    /// The objective's terms in the year if nothing were replaced or added (same unit as `expectedCost`).
    public let expectedCostWithout: Decimal
}

/// Two plans side by side: per year, and the assets whose replacement years differ.
public struct PlanComparison: Sendable, Codable {
    /// One year of either plan; a plan that does not cover the year has nil figures.
    public struct Year: Sendable, Codable {
        /// The year.
        public let year: Int
        /// Plan A's spend in the year, in pence; nil if A does not cover it.
        public let spendA: Pence?
        /// Plan B's spend in the year, in pence; nil if B does not cover it.
        public let spendB: Pence?
        /// Plan A's expected cost in the year (its objective unit); nil if A does not cover it.
        public let expectedCostA: Decimal?
        /// Plan B's expected cost in the year (its objective unit); nil if B does not cover it.
        public let expectedCostB: Decimal?
    }
    /// An asset the two plans replace in different years (or only one of them replaces).
    public struct Moved: Sendable, Codable {
        /// The trust's ODS code.
        public let trust: String
        /// The asset tag.
        public let asset: String
        /// The years plan A replaces it, ascending; empty if A does not.
        public let yearsA: [Int]
        /// The years plan B replaces it, ascending; empty if B does not.
        public let yearsB: [Int]
    }
    /// Plan A's header.
    public let a: SavedPlan
    /// Plan B's header.
    public let b: SavedPlan
    /// Every year either plan covers, ascending.
    public let years: [Year]
    /// The first of the moved assets by trust and tag, up to the comparison's list limit.
    public let moved: [Moved]
    /// How many assets moved in all.
    public let movedCount: Int
}

/// Saves plans as numbered versions with their content in rows, and approves one at a time.
///
/// A saved plan keeps the policy text it was made from and the import batches behind the
/// register then, so a board paper can say exactly what it rests on. Approving a plan supersedes
/// the one in force in the same transaction; the database allows one approved plan per network.
public struct PlanStore {
    /// The connection every read and write goes through (writes in their own transactions).
    public let connection: Connection
    /// A store over `connection` (whose schema is up to date: see ``Database/open(_:migrationsDirectory:)``).
    public init(_ connection: Connection) { self.connection = connection }

    static let lockBase: Int64 = 0x504C_0000_0000 // "PL"

    /// Saves `plan` as the network's next version, a draft, in one transaction under the network's plan lock: its
    /// header and certificate, the policy text with its SHA-256, the register's batches, its replacements, additional
    /// units, years, trust years and unfunded assets. Throws a `UserError` (and saves nothing) when the plan names an
    /// asset or trust that is not in the network. Returns the saved header.
    @discardableResult
    public func save(_ plan: Plan, policy: PlanningPolicy, name: String, policyFile: String, policyText: String,
                     network: Network) throws -> SavedPlan {
        let document = PlanDocument(plan: plan, policy: policy).json()
        let id: Int64 = try connection.transaction { c in
            try c.execute("SELECT pg_advisory_xact_lock(\(PlanStore.lockBase + network.id))")
            var assetIDs: [String: (asset: Int64, trust: Int64)] = [:]
            try c.forEachRow("""
                SELECT a.id, a.trust_id, t.ods_code, a.asset_tag FROM asset a JOIN trust t ON t.id = a.trust_id
                WHERE t.network_id = \(network.id)
                """) { row in
                assetIDs["\(try row.decode("ods_code", as: String.self))/\(try row.decode("asset_tag", as: String.self))"] =
                    (try row.decode("id"), try row.decode("trust_id"))
            }
            let trustIDs = Dictionary(uniqueKeysWithValues: try NetworkStore(c).trusts(network: network).map { ($0.odsCode, $0.id) })
            func ids(_ key: String) throws -> (asset: Int64, trust: Int64) {
                guard let found = assetIDs[key] else { throw UserError("plan names asset \(key), which is not in the \(network.name) register") }
                return found
            }
            let version: Int = try c.scalar("SELECT coalesce(max(version), 0) + 1 FROM plan WHERE network_id = \(network.id)")
            let batches: [Int64] = try c.query("""
                SELECT DISTINCT a.batch_id FROM asset a JOIN trust t ON t.id = a.trust_id
                WHERE t.network_id = \(network.id) AND a.retired_at IS NULL AND a.batch_id IS NOT NULL ORDER BY 1
                """).map { try $0.decode(0, as: Int64.self) }
            let planID: Int64 = try c.scalar("""
                INSERT INTO plan (network_id, version, name, policy_file, policy_text, policy_sha256, register_batches,
                                  first_year, years, solver_status, objective, bound, gap, seconds, cost_without,
                                  total_spend, document, breach_years)
                VALUES (\(network.id), \(version), \(name), \(policyFile), \(policyText),
                        encode(sha256(convert_to(\(policyText), 'UTF8')), 'hex'), \(batches),
                        \(plan.firstYear), \(plan.years), \(plan.status.rawValue), \(plan.objective.map(PlanStore.decimal)),
                        \(plan.bound.map(PlanStore.decimal)), \(plan.gap.map { PlanStore.decimal(max(0, $0)) }),
                        \(PlanStore.decimal(plan.seconds)), \(PlanStore.decimal(plan.costWithout)), \(plan.totalSpend),
                        \(PostgresJSON(text: document)), \(plan.breaches.count))
                RETURNING id
                """)
            let p = String(planID)
            try c.copyInCheckingPolicies(table: "plan_replacement", columns: ["plan_id", "asset_id", "trust_id", "year", "cost", "equipment",
                                                              "works", "vat"]) { w in
                for a in plan.assets {
                    let key = try ids(a.key)
                    for r in a.replacements {
                        try w.writeRow([p, String(key.asset), String(key.trust), String(r.year), r.cost.plain,
                                        r.price.equipment.plain, r.price.works.plain, r.price.vat.plain])
                    }
                }
            }
            try c.copyInCheckingPolicies(table: "plan_addition", columns: ["plan_id", "trust_id", "site", "modality", "unit", "year", "cost",
                                                           "equipment", "works", "vat", "scans_covered"]) { w in
                for a in plan.additions {
                    guard let trust = trustIDs[a.trust] else { throw UserError("plan names trust \(a.trust), not a member of \(network.name)") }
                    for r in a.installations {
                        try w.writeRow([p, String(trust), a.site, a.modality.rawValue, String(a.unit), String(r.year),
                                        r.cost.plain, r.price.equipment.plain, r.price.works.plain, r.price.vat.plain,
                                        PlanStore.text(a.scansCovered)])
                    }
                }
            }
            try c.copyInCheckingPolicies(table: "plan_year", columns: ["plan_id", "year", "budget", "spend", "replacements", "additions",
                                                       "expected_cost", "expected_cost_without"]) { w in
                for y in plan.yearSummaries {
                    try w.writeRow([p, String(y.year), y.budget.plain, y.spend.plain, String(y.replacements), String(y.additions),
                                    PlanStore.text(y.costWithPlan), PlanStore.text(y.costWithout)])
                }
            }
            try c.copyInCheckingPolicies(table: "plan_trust_year", columns: ["plan_id", "trust_id", "year", "spend_limit", "spend", "replacements",
                                                             "expected_cost", "expected_cost_without"]) { w in
                for t in plan.trustYears {
                    guard let trust = trustIDs[t.trust] else { throw UserError("plan names trust \(t.trust), not a member of \(network.name)") }
                    try w.writeRow([p, String(trust), String(t.year), t.limit?.plain, t.spend.plain, String(t.replacements),
                                    PlanStore.text(t.costWithPlan), PlanStore.text(t.costWithout)])
                }
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try c.copyInCheckingPolicies(table: "plan_unfunded", columns: ["plan_id", "asset_id", "trust_id", "due_year", "planned_year",
                                                           "expected_cost", "expected_cost_if_replaced_when_due", "reasons"]) { w in
                for u in plan.unfunded {
                    let key = try ids(u.key)
                    let reasons = u.reasons.map { ReasonRow(kind: $0.kind.rawValue, resource: $0.resource, year: $0.year,
                                                            needed: $0.needed, available: $0.available, text: $0.text) }
                    try w.writeRow([p, String(key.asset), String(key.trust), String(u.dueYear), u.plannedYear.map(String.init),
                                    PlanStore.text(u.costCarried), PlanStore.text(u.costIfReplacedWhenDue),
                                    String(decoding: try encoder.encode(reasons), as: UTF8.self)])
                }
            }
            return planID
        }
        return try self.plan(id: id, network: network)
    }

    struct ReasonRow: Encodable {
        var kind: String
        var resource: String?
        var year: Int?
        var needed: Int64?
        var available: Int64?
        var text: String
    }

    static func text(_ value: Double) -> String { value.isFinite ? String(value) : "0" }
    static func decimal(_ value: Double) -> Decimal { Decimal(string: text(value)) ?? 0 }

    /// Every saved plan of the network, drafts and superseded ones included, by version.
    public func list(network: Network) throws -> [SavedPlan] {
        try connection.query("SELECT id FROM plan WHERE network_id = \(network.id) ORDER BY version").map {
            try plan(id: try $0.decode("id"), network: network)
        }
    }

    /// The header of plan `id`; throws a `UserError` when the network has no such plan.
    public func plan(id: Int64, network: Network) throws -> SavedPlan {
        guard let row = try connection.queryFirst("""
            SELECT p.*, array_to_string(p.register_batches, ',') AS batches,
                   to_char(p.approved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS approved,
                   to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created,
                   (SELECT count(*) FROM plan_replacement r WHERE r.plan_id = p.id) AS replacement_count,
                   (SELECT count(*) FROM plan_unfunded u WHERE u.plan_id = p.id) AS unfunded_count
            FROM plan p WHERE p.id = \(id) AND p.network_id = \(network.id)
            """) else {
            throw UserError("no plan \(id) in \(network.name): `capital plan list` shows them")
        }
        let batches: String = try row.decode("batches")
        return SavedPlan(
            id: try row.decode("id"), version: try row.decode("version"), name: try row.decode("name"),
            status: try row.decode("status"), approvedBy: try row.decode("approved_by", as: String?.self),
            approvedAt: try row.decode("approved", as: Timestamp?.self), createdAt: try row.decode("created"),
            policyFile: try row.decode("policy_file"), registerBatches: batches.split(separator: ",").compactMap { Int64($0) },
            firstYear: try row.decode("first_year"), years: try row.decode("years"), solverStatus: try row.decode("solver_status"),
            objective: try row.decode("objective", as: Decimal?.self), bound: try row.decode("bound", as: Decimal?.self),
            gap: try row.decode("gap", as: Decimal?.self), seconds: try row.decode("seconds"),
            costWithout: try row.decode("cost_without"), objectiveUnit: try row.decode("objective_unit"),
            breachYears: try row.decode("breach_years"), totalSpend: try row.decode("total_spend"),
            replacements: try row.decode("replacement_count"), unfunded: try row.decode("unfunded_count"))
    }

    /// Plan `planID`'s years in order (empty for an unknown id; the plan's network is not checked).
    public func years(planID: Int64) throws -> [SavedPlanYear] {
        try connection.query("SELECT * FROM plan_year WHERE plan_id = \(planID) ORDER BY year").map {
            SavedPlanYear(year: try $0.decode("year"), budget: try $0.decode("budget"), spend: try $0.decode("spend"),
                          replacements: try $0.decode("replacements"), additions: try $0.decode("additions"),
                          expectedCost: try $0.decode("expected_cost"),
                          expectedCostWithout: try $0.decode("expected_cost_without"))
        }
    }

    /// The approved plan in force, if any.
    public func inForce(network: Network) throws -> SavedPlan? {
        try connection.queryFirst("SELECT id FROM plan WHERE network_id = \(network.id) AND status = 'approved'")
            .map { try plan(id: try $0.decode("id"), network: network) }
    }

    /// Plan `planID` when given, else the approved plan in force; no approved plan is ``StoreRequirement/approvedPlan(network:)``.
    public func namedOrInForce(_ planID: Int64?, network: Network) throws -> SavedPlan {
        if let planID { return try plan(id: planID, network: network) }
        guard let inForce = try inForce(network: network) else { throw StoreRequirement.approvedPlan(network: network.name) }
        return inForce
    }

    /// What plan `planID` buys in `year`: the whole prices of its replacements and additional units summed, how many
    /// there are, and the spend its year row records (nil when the year has none).
    public func purchases(planID: Int64, year: Int) throws -> (total: Pence, count: Int, recordedSpend: Pence?) {
        let row = try connection.queryFirst("""
            SELECT coalesce(sum(cost), 0)::numeric(15,2) AS total, count(*) AS n,
                   (SELECT spend FROM plan_year WHERE plan_id = \(planID) AND year = \(year)) AS spend
            FROM (SELECT cost FROM plan_replacement WHERE plan_id = \(planID) AND year = \(year)
                  UNION ALL
                  SELECT cost FROM plan_addition WHERE plan_id = \(planID) AND year = \(year)) bought
            """)!
        return (try row.decode("total"), try row.decode("n"), try row.decode("spend", as: Pence?.self))
    }

    /// Approves a draft plan: it comes into force and the plan in force before it is superseded. A plan without a
    /// feasible schedule cannot be approved.
    @discardableResult
    public func approve(id: Int64, by approver: String, network: Network) throws -> SavedPlan {
        try VersionApproval(table: "plan", noun: "plan", lockBase: PlanStore.lockBase)
            .approve(id: id, by: approver, network: network, connection: connection) { _ in
                let current = try plan(id: id, network: network)
                guard current.solverStatus == "optimal" || current.solverStatus == "feasible" else {
                    throw UserError("plan \(id) has no feasible schedule (\(current.solverStatus)); it cannot be approved")
                }
            }
        return try plan(id: id, network: network)
    }

    /// Plans A and B side by side: each year's spend and residual risk, and every asset replaced in different years.
    public func compare(_ a: Int64, _ b: Int64, network: Network, listLimit: Int = 50) throws -> PlanComparison {
        let planA = try plan(id: a, network: network), planB = try plan(id: b, network: network)
        let years = try connection.query("""
            SELECT coalesce(ya.year, yb.year) AS year, ya.spend AS spend_a, yb.spend AS spend_b,
                   ya.expected_cost AS cost_a, yb.expected_cost AS cost_b
            FROM (SELECT * FROM plan_year WHERE plan_id = \(a)) ya
            FULL JOIN (SELECT * FROM plan_year WHERE plan_id = \(b)) yb ON ya.year = yb.year
            ORDER BY 1
            """).map {
            PlanComparison.Year(year: try $0.decode("year"), spendA: try $0.decode("spend_a", as: Pence?.self),
                                spendB: try $0.decode("spend_b", as: Pence?.self),
                                expectedCostA: try $0.decode("cost_a", as: Decimal?.self),
                                expectedCostB: try $0.decode("cost_b", as: Decimal?.self))
        }
        let diff = """
            WITH ra AS (SELECT asset_id, array_agg(year ORDER BY year) AS y FROM plan_replacement WHERE plan_id = \(a) GROUP BY asset_id),
                 rb AS (SELECT asset_id, array_agg(year ORDER BY year) AS y FROM plan_replacement WHERE plan_id = \(b) GROUP BY asset_id)
            SELECT coalesce(ra.asset_id, rb.asset_id) AS asset_id,
                   coalesce(array_to_string(ra.y, ','), '') AS ya, coalesce(array_to_string(rb.y, ','), '') AS yb
            FROM ra FULL JOIN rb ON ra.asset_id = rb.asset_id
            WHERE ra.y IS DISTINCT FROM rb.y
            """
        let count: Int = try connection.scalar(SQL(stringLiteral: "SELECT count(*) FROM (\(diff)) d"))
        let moved = try connection.query(SQL(stringLiteral: """
            SELECT t.ods_code, a.asset_tag, d.ya, d.yb FROM (\(diff)) d
            JOIN asset a ON a.id = d.asset_id JOIN trust t ON t.id = a.trust_id
            ORDER BY t.ods_code, a.asset_tag LIMIT \(listLimit)
            """)).map { row -> PlanComparison.Moved in
            func years(_ s: String) -> [Int] { s.split(separator: ",").compactMap { Int($0) } }
            return PlanComparison.Moved(trust: try row.decode("ods_code"), asset: try row.decode("asset_tag"),
                                        yearsA: years(try row.decode("ya")), yearsB: years(try row.decode("yb")))
        }
        return PlanComparison(a: planA, b: planB, years: years, moved: moved, movedCount: count)
    }
}

extension PlanStore {
    /// A saved plan read back as a `Plan`: its replacements per asset (with their price parts where saved), its
    /// additional units and its years (what purchase lists and reports need). Costs per asset and the unfunded list
    /// stay in the database and the plan document.
    public func load(id: Int64, network: Network) throws -> Plan {
        let header = try plan(id: id, network: network)
        var assets: [String: AssetPlan] = [:]
        var order: [String] = []
        try connection.forEachRow("""
            SELECT t.ods_code, coalesce(s.code, 'UNKNOWN') AS site, a.asset_tag, a.modality, r.year, r.cost,
                   r.equipment, r.works, r.vat
            FROM plan_replacement r JOIN asset a ON a.id = r.asset_id JOIN trust t ON t.id = r.trust_id
            LEFT JOIN site s ON s.id = a.site_id
            WHERE r.plan_id = \(id) ORDER BY t.ods_code, a.asset_tag, r.year
            """) { row in
            let trust: String = try row.decode("ods_code"), tag: String = try row.decode("asset_tag")
            let key = "\(trust)/\(tag)"
            if assets[key] == nil {
                order.append(key)
                assets[key] = AssetPlan(trust: trust, site: try row.decode("site"), tag: tag,
                                        modality: Modality(rawValue: try row.decode("modality")) ?? .other, replacements: [],
                                        costWithPlan: 0, costWithout: 0, excluded: false, dueYear: nil)
            }
            assets[key]!.replacements.append(try PlanStore.replacement(row))
        }
        var additions: [String: AdditionPlan] = [:], addOrder: [String] = []
        try connection.forEachRow("""
            SELECT t.ods_code, d.site, d.modality, d.unit, d.year, d.cost, d.equipment, d.works, d.vat, d.scans_covered
            FROM plan_addition d JOIN trust t ON t.id = d.trust_id
            WHERE d.plan_id = \(id) ORDER BY t.ods_code, d.site, d.modality, d.unit, d.year
            """) { row in
            let trust: String = try row.decode("ods_code"), site: String = try row.decode("site")
            let modality = Modality(rawValue: try row.decode("modality")) ?? .other
            let unit: Int = try row.decode("unit")
            let key = "\(trust)/\(site)/\(modality.rawValue)/\(unit)"
            if additions[key] == nil {
                addOrder.append(key)
                additions[key] = AdditionPlan(trust: trust, site: site, modality: modality, unit: unit, installations: [],
                                              scansCovered: NSDecimalNumber(decimal: try row.decode("scans_covered")).doubleValue,
                                              costWithPlan: 0, costWithout: 0)
            }
            additions[key]!.installations.append(try PlanStore.replacement(row))
        }
        let years = try self.years(planID: id).map {
            YearSummary(year: $0.year, budget: $0.budget, spend: $0.spend, replacements: $0.replacements,
                        costWithPlan: NSDecimalNumber(decimal: $0.expectedCost).doubleValue,
                        costWithout: NSDecimalNumber(decimal: $0.expectedCostWithout).doubleValue, additions: $0.additions)
        }
        func double(_ d: Decimal?) -> Double? { d.map { NSDecimalNumber(decimal: $0).doubleValue } }
        return Plan(firstYear: header.firstYear, years: header.years,
                    status: SolveResult.Status(rawValue: header.solverStatus) ?? .unknown,
                    objective: double(header.objective), bound: double(header.bound), gap: double(header.gap),
                    seconds: double(header.seconds) ?? 0, reason: nil, costWithout: double(header.costWithout) ?? 0,
                    assets: order.map { assets[$0]! }, yearSummaries: years, trustYears: [], unfunded: [],
                    additions: addOrder.map { additions[$0]! })
    }

    /// A replacement row with its price parts (rows saved before the parts were kept: all equipment).
    static func replacement(_ row: Row) throws -> Replacement {
        let cost: Pence = try row.decode("cost")
        guard let equipment = try row.decode("equipment", as: Pence?.self) else { return Replacement(year: try row.decode("year"), cost: cost) }
        return Replacement(year: try row.decode("year"),
                           price: PriceBreakdown(equipment: equipment, works: try row.decode("works"), vat: try row.decode("vat")))
    }
}
