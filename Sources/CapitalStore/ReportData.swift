import CapitalCore
import Foundation
import Funding
import Planning
import Postgres
import Procurement
import Reports

/// Gathers the board report's plain values (``BoardReportInput``) from the database: the saved plan and its
/// certificate (in pounds, or risk-years for a plan saved before migration 0009), its years, replacements and
/// additional units, what its JSON document adds (cost breakdown, spend and value per modality, age profile per year,
/// capacity, breaches, money to meet the rules), the register's installed base, the approved share set, the approved
/// and issued capital calls, the plan's purchase lots and the import batches the plan was built from.
public struct ReportData {
    /// The connection the report's values are read through.
    public let connection: Connection
    /// Report data over `connection` (whose schema is up to date: see ``Database/open(_:migrationsDirectory:)``).
    public init(_ connection: Connection) { self.connection = connection }

    /// The report input for plan `planID`, or the approved plan in force when nil.
    ///
    /// - Parameters:
    ///   - window: purchase lots' window, as `capital procure --window` (0: same year only).
    ///   - asOf: the day the register's fleet is aged to (default today).
    ///   - generatedOn: the day the report is generated, shown beside `asOf` (default today; nil leaves it out).
    ///   - frontier: a budget sweep to show (``BoardReportInput/frontierRows(json:need:)`` reads `capital plan frontier
    ///     --format json`). When given, the fleet's steady-state need is worked out from the plan's saved policy and
    ///     today's register (the report states it), and rows without a share of need get one.
    public func input(network: Network, planID: Int64? = nil, window: Int = 0,
                      threshold: ProcurementThreshold = .nhsGoods2026, asOf: CalendarDate = .today(),
                      generatedOn: CalendarDate? = .today(), frontier: [BoardReportInput.FrontierRow]? = nil) throws -> BoardReportInput {
        let plans = PlanStore(connection)
        let header = try plans.namedOrInForce(planID, network: network)
        let plan = try plans.load(id: header.id, network: network)
        guard let saved = try connection.queryFirst("""
            SELECT policy_sha256, policy_text, document::text AS document FROM plan WHERE id = \(header.id)
            """) else { throw UserError("no plan \(header.id) in \(network.name)") }
        let sha: String = try saved.decode("policy_sha256")
        let details: PlanDetails
        do {
            details = try PlanDetails.decode(planDocument: try saved.decode("document", as: String.self))
        } catch let error as UserError {
            throw UserError("plan \(header.id): \(error.message)")
        }
        let unit: BoardReportInput.CostUnit = header.objectiveUnit == "GBP" ? .pounds : .riskYears

        let trusts = try NetworkStore(connection).trusts(network: network).map { BoardReportInput.TrustInfo(code: $0.odsCode, name: $0.name) }
        let years = try plans.years(planID: header.id).map {
            BoardReportInput.Year(year: $0.year, budget: $0.budget, spend: $0.spend, replacements: $0.replacements,
                                  additions: $0.additions, expectedCostWithPlan: Self.double($0.expectedCost),
                                  expectedCostWithout: Self.double($0.expectedCostWithout))
        }
        let replacements = plan.assets.flatMap { a in
            a.replacements.map { BoardReportInput.Replacement(trust: a.trust, site: a.site, asset: a.tag, modality: a.modality,
                                                              year: $0.year, cost: $0.cost) }
        } + plan.additions.flatMap { a in
            a.installations.map { BoardReportInput.Replacement(trust: a.trust, site: a.site, asset: a.tag, modality: a.modality,
                                                               year: $0.year, cost: $0.cost, addition: true) }
        }

        var fleet: [BoardReportInput.FleetUnit] = []
        try connection.forEachRow("""
            SELECT t.ods_code, a.modality, v.in_service_date AS install_date
            FROM asset a JOIN trust t ON t.id = a.trust_id JOIN asset_register_value v ON v.asset_id = a.id
            WHERE t.network_id = \(network.id) AND a.retired_at IS NULL AND a.status <> 'disposed'
            ORDER BY t.ods_code, a.asset_tag
            """) { row in
            fleet.append(.init(trust: try row.decode("ods_code"), modality: Modality(rawValue: try row.decode("modality")) ?? .other,
                               installDate: try row.decode("install_date", as: CalendarDate?.self)))
        }

        let shares = try ShareSetStore(connection).inForce(network: network).map { s in
            BoardReportInput.Shares(id: s.id, version: s.version, method: s.method, status: s.status.rawValue, approvedBy: s.approvedBy,
                                    approvedAt: s.approvedAt?.iso, valuedAsOf: s.valuedAsOf,
                                    entries: s.entries.map { .init(trust: $0.trust, percent: $0.percent, value: $0.value) })
        }

        let calls = try CallStore(connection).list(network: network).filter { $0.status != .draft }.map { c in
            BoardReportInput.Call(reference: c.reference, date: c.date, yearLabel: FundingYear.nhsFinancial.label(of: c.date),
                                  purpose: c.purpose, status: c.status.rawValue, amount: c.amount,
                                  parts: Dictionary(c.parts.map { ($0.trust, $0.amount) }, uniquingKeysWith: +))
        }

        let lots = try PurchaseLots.build(plan: plan, assets: [], window: window, threshold: threshold)
        try PurchaseLots.reconcile(lots: lots, plan: plan, window: window)

        let batches = header.registerBatches.isEmpty ? [] : try connection.query("""
            SELECT b.id, t.ods_code, b.file_name, b.sha256, (b.imported_at AT TIME ZONE 'UTC')::date AS imported_on,
                   b.rows_loaded, b.rows_rejected
            FROM import_batch b JOIN trust t ON t.id = b.trust_id
            WHERE b.id = ANY(\(header.registerBatches)::bigint[]) AND t.network_id = \(network.id)
            ORDER BY t.ods_code, b.id
            """).map { row in
            BoardReportInput.Batch(id: try row.decode("id"), trust: try row.decode("ods_code"), fileName: try row.decode("file_name"),
                                   sha256: try row.decode("sha256"), importedOn: try row.decode("imported_on"),
                                   rowsLoaded: try row.decode("rows_loaded"), rowsRejected: try row.decode("rows_rejected"))
        }

        let info = BoardReportInput.PlanInfo(
            id: header.id, version: header.version, name: header.name, status: header.status.rawValue, approvedBy: header.approvedBy,
            approvedAt: header.approvedAt?.iso, createdAt: header.createdAt.iso, firstYear: header.firstYear, years: header.years,
            solverStatus: header.solverStatus, unit: unit, objective: header.objective.map(Self.double),
            bound: header.bound.map(Self.double), gap: header.gap.map(Self.double), seconds: Self.double(header.seconds),
            costWithout: Self.double(header.costWithout), totalSpend: header.totalSpend, replacements: header.replacements,
            unfunded: header.unfunded, breachYears: header.breachYears, policyFile: header.policyFile, policySHA256: sha)

        var rows = frontier
        var need: Pence?
        if let given = frontier {
            need = try steadyStateNeed(policyText: try saved.decode("policy_text"), policyFile: header.policyFile, network: network)
            if let need, need.value > 0 {
                rows = given.map { row in
                    var row = row
                    if row.shareOfNeed == nil { row.shareOfNeed = Double(row.annualBudget.value) / Double(need.value) }
                    return row
                }
            }
        }

        var input = BoardReportInput(
            networkName: network.name, asOf: asOf, generatedOn: generatedOn, plan: info, trusts: trusts, years: years, replacements: replacements,
            fleet: fleet, details: details, frontier: rows, steadyStateNeed: need, shares: shares, calls: calls,
            lotThreshold: threshold.description,
            lots: lots.map { l in
                BoardReportInput.Lot(id: l.id, category: l.category.description, year: l.year, needDate: l.needDate, quantity: l.quantity,
                                     trusts: LotRendering.trustsText(l), value: l.value, aboveThreshold: l.aboveThreshold)
            },
            batches: batches)
        input.registers = try ReconcileStore(connection).recorded(network: network)
        return input
    }

    /// The fleet's steady-state need a year under the plan's saved policy and today's register; nil when the saved
    /// policy no longer parses (a plan from before the policy's current form).
    func steadyStateNeed(policyText: String, policyFile: String, network: Network) throws -> Pence? {
        guard let policy = try? PlanningPolicy.parse(yaml: policyText, fileName: policyFile) else { return nil }
        let (assets, _) = try PlanAssetQuery(connection).assets(network: network)
        return policy.steadyStateNeed(assets)
    }

    static func double(_ d: Decimal) -> Double { NSDecimalNumber(decimal: d).doubleValue }
}
