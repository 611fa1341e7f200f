import CapitalCore
import Foundation
import Postgres
import Reconciliation
import Reports

/// One line of a reconciliation: a matched pair, an asset with no finance record, a finance record with no asset,
/// or one side of an ambiguous group (its `group` numbers the group within the trust).
public struct ReconcileLine: Sendable, Codable, Equatable {
    /// Which of the four outcomes the line is.
    public enum Category: String, Sendable, Codable { case matched, cmmsOnly = "cmms_only", financeOnly = "finance_only", ambiguous }
    /// The trust's ODS code.
    public var trust: String
    /// matched, cmms_only, finance_only or ambiguous.
    public var category: Category
    /// The engineering asset tag (nil for a finance-only line).
    public var assetTag: String?
    /// The finance asset number (nil for a CMMS-only line).
    public var assetNumber: String?
    /// The rule that matched the pair (or found the ambiguity): decision, serial, make_model_date_cost, description.
    public var rule: String?
    /// How sure the match is, 0–1 with two decimals.
    public var confidence: String?
    /// Ambiguous lines: the group (within the trust) whose finance records and assets a person should decide between.
    public var group: Int?
    /// The asset's description, else the finance record's.
    public var description: String?
    /// The CMMS purchase cost.
    public var cmmsCost: Pence?
    /// The finance gross book value (cost).
    public var financeCost: Pence?
    /// Finance cost minus CMMS cost.
    public var costDifference: Pence?
    /// The CMMS install date.
    public var cmmsDate: CalendarDate?
    /// The finance in-service date.
    public var financeDate: CalendarDate?
    /// Days from the CMMS install date to the finance in-service date.
    public var dateDifferenceDays: Int?
    /// The asset's site code.
    public var cmmsSite: String?
    /// The finance record's site code.
    public var financeSite: String?
}

extension ReconcileLine {
    enum CodingKeys: String, CodingKey {
        case trust, category, assetTag, assetNumber, rule, confidence, group, description, cmmsCost, financeCost, costDifference
        case cmmsDate, financeDate, dateDifferenceDays, cmmsSite, financeSite
    }

    /// Every key, with `null` for what a line does not have (docs/json.md: a missing amount is null).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(trust, forKey: .trust); try c.encode(category, forKey: .category)
        try c.encode(assetTag, forKey: .assetTag); try c.encode(assetNumber, forKey: .assetNumber)
        try c.encode(rule, forKey: .rule); try c.encode(confidence, forKey: .confidence); try c.encode(group, forKey: .group)
        try c.encode(description, forKey: .description); try c.encode(cmmsCost, forKey: .cmmsCost)
        try c.encode(financeCost, forKey: .financeCost); try c.encode(costDifference, forKey: .costDifference)
        try c.encode(cmmsDate, forKey: .cmmsDate); try c.encode(financeDate, forKey: .financeDate)
        try c.encode(dateDifferenceDays, forKey: .dateDifferenceDays); try c.encode(cmmsSite, forKey: .cmmsSite)
        try c.encode(financeSite, forKey: .financeSite)
    }
}

/// A trust's reconciliation: every line, the counts, and proposed site aliases.
public struct TrustReconciliation: Sendable, Equatable {
    /// The trust's ODS code.
    public var trust: String
    /// Engineering assets reconciled.
    public var assets: Int
    /// Finance records reconciled.
    public var financeRecords: Int
    /// Every line: each asset and each finance record appears once.
    public var lines: [ReconcileLine]
    /// Sites that matched pairs name differently: proposed `capital site alias` commands.
    public var aliasProposals: [SiteAliasProposal]
    /// Wall-clock seconds the matching took (reading, matching and recording).
    public var seconds: Double

    /// Lines of one category.
    public func count(_ c: ReconcileLine.Category) -> Int { lines.filter { $0.category == c }.count }
    /// The value of one category's lines: the finance cost where there is one, else the CMMS cost.
    public func value(_ c: ReconcileLine.Category) -> Pence {
        lines.filter { $0.category == c }.reduce(Pence.zero) { $0 + ($1.financeCost ?? $1.cmmsCost ?? .zero) }
    }
}

/// Reconciles trusts' finance records with their assets (``Reconciler``) and keeps what it found: each matched finance
/// record points at its asset (`finance_record.asset_id`), which the register's values then use (sql/0056).
public struct ReconcileStore {
    /// The connection it works through.
    public let connection: Connection
    /// A store over `connection`.
    public init(_ connection: Connection) { self.connection = connection }

    /// Reconciles one trust (or every trust of the network) and records the links, in one transaction.
    public func reconcile(network: Network, trustCode: String?) throws -> [TrustReconciliation] {
        let trusts = try NetworkStore(connection).trusts(network: network).filter { trustCode == nil || $0.odsCode == trustCode!.uppercased() }
        if let trustCode, trusts.isEmpty { throw UserError("no trust \(trustCode.uppercased()) in network \"\(network.name)\"") }
        return try connection.transaction { c in try trusts.map { try reconcile(trust: $0, connection: c) } }
    }

    struct Side { var items: [ReconcileItem] = []; var ids: [Int64] = []; var descriptions: [String?] = [] }

    func reconcile(trust: Trust, connection c: Connection) throws -> TrustReconciliation {
        let started = DispatchTime.now()
        // Assets an engineering list brought in (a trust with only a finance register has none: all its records are finance only).
        var assets = Side(), finance = Side()
        try c.forEachRow("""
            SELECT a.id, a.asset_tag AS key, a.serial, a.manufacturer, a.model, a.description, a.modality, s.code AS site,
                   a.install_date AS date, a.purchase_cost AS cost
            FROM asset a LEFT JOIN site s ON s.id = a.site_id
            WHERE a.trust_id = \(trust.id) AND a.retired_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM import_batch b WHERE b.id = a.first_batch_id AND b.source_kind = 'finance')
            ORDER BY a.asset_tag
            """) { row in try Self.read(row, into: &assets) }
        try c.forEachRow("""
            SELECT f.id, f.asset_number AS key, f.serial, f.manufacturer, f.model, f.description, f.modality, s.code AS site,
                   f.in_service_date AS date, f.cost
            FROM finance_record f LEFT JOIN site s ON s.id = f.site_id
            WHERE f.trust_id = \(trust.id) AND f.retired_at IS NULL
            ORDER BY f.asset_number
            """) { row in try Self.read(row, into: &finance) }
        let decisions = try c.query("SELECT asset_tag, asset_number, decision FROM reconcile_decision WHERE trust_id = \(trust.id)").map {
            ReconcileDecision(assetTag: try $0.decode("asset_tag"), assetNumber: try $0.decode("asset_number"),
                              accept: try $0.decode("decision", as: String.self) == "accept")
        }
        let result = Reconciler().reconcile(assets: assets.items, finance: finance.items, decisions: decisions)
        try record(result, trust: trust, assets: assets, finance: finance, connection: c)
        let lines = Self.lines(result, trust: trust.odsCode, assets: assets, finance: finance)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return TrustReconciliation(trust: trust.odsCode, assets: assets.items.count, financeRecords: finance.items.count, lines: lines,
                                   aliasProposals: result.aliasProposals, seconds: seconds)
    }

    static func read(_ row: Row, into side: inout Side) throws {
        side.ids.append(try row.decode("id"))
        let description = try row.decode("description", as: String?.self)
        side.descriptions.append(description)
        side.items.append(ReconcileItem(key: try row.decode("key"), serial: try row.decode("serial", as: String?.self), manufacturer: try row.decode("manufacturer", as: String?.self),
                                        model: try row.decode("model", as: String?.self), description: description, modality: try row.decode("modality"),
                                        site: try row.decode("site", as: String?.self), date: try row.decode("date", as: CalendarDate?.self),
                                        cost: try row.decode("cost", as: Pence?.self)))
    }

    /// The links: every finance record of the trust points at its matched asset, or at none. Only links that change
    /// are written (each write is audited): first those that go or move are cleared, then the new ones set.
    func record(_ r: ReconcileResult, trust: Trust, assets: Side, finance: Side, connection c: Connection) throws {
        let fids = r.matched.map { finance.ids[$0.finance] }, aids = r.matched.map { assets.ids[$0.asset] }
        let rules = r.matched.map(\.rule.rawValue), confidences = r.matched.map { String(format: "%.3f", $0.confidence) }
        try c.execute("CREATE TEMP TABLE reconcile_links (fid bigint PRIMARY KEY, aid bigint, rule text, confidence numeric) ON COMMIT DROP")
        try c.execute("""
            INSERT INTO reconcile_links SELECT * FROM unnest(\(fids)::bigint[], \(aids)::bigint[], \(rules)::text[], \(confidences)::numeric[])
            """)
        try c.execute("""
            UPDATE finance_record f SET asset_id = NULL, match_rule = NULL, match_confidence = NULL, matched_at = NULL
            WHERE f.trust_id = \(trust.id) AND f.asset_id IS NOT NULL
              AND f.asset_id IS DISTINCT FROM (SELECT l.aid FROM reconcile_links l WHERE l.fid = f.id)
            """)
        try c.execute("""
            UPDATE finance_record f SET asset_id = l.aid, match_rule = l.rule, match_confidence = l.confidence,
                matched_at = CASE WHEN f.asset_id IS DISTINCT FROM l.aid THEN now() ELSE f.matched_at END
            FROM reconcile_links l
            WHERE f.id = l.fid AND f.trust_id = \(trust.id)
              AND (f.asset_id, f.match_rule, f.match_confidence) IS DISTINCT FROM (l.aid, l.rule, l.confidence)
            """)
        try c.execute("DROP TABLE reconcile_links")
    }

    static func lines(_ r: ReconcileResult, trust: String, assets: Side, finance: Side) -> [ReconcileLine] {
        func line(_ c: ReconcileLine.Category, asset a: Int?, finance f: Int?) -> ReconcileLine {
            let x = a.map { assets.items[$0] }, y = f.map { finance.items[$0] }
            return ReconcileLine(trust: trust, category: c, assetTag: x?.key, assetNumber: y?.key,
                                 description: a.flatMap { assets.descriptions[$0] } ?? f.flatMap { finance.descriptions[$0] },
                                 cmmsCost: x?.cost, financeCost: y?.cost, cmmsDate: x?.date, financeDate: y?.date,
                                 cmmsSite: x?.site, financeSite: y?.site)
        }
        var out: [ReconcileLine] = []
        for m in r.matched {
            var l = line(.matched, asset: m.asset, finance: m.finance)
            l.rule = m.rule.rawValue
            l.confidence = String(format: "%.2f", m.confidence)
            l.costDifference = m.costDifference
            l.dateDifferenceDays = m.dateDifferenceDays
            out.append(l)
        }
        for (g, amb) in r.ambiguous.enumerated() {
            for f in amb.finance { var l = line(.ambiguous, asset: nil, finance: f); l.group = g + 1; l.rule = amb.rule.rawValue; out.append(l) }
            for a in amb.assets { var l = line(.ambiguous, asset: a, finance: nil); l.group = g + 1; l.rule = amb.rule.rawValue; out.append(l) }
        }
        out += r.cmmsOnly.map { line(.cmmsOnly, asset: $0, finance: nil) }
        out += r.financeOnly.map { line(.financeOnly, asset: nil, finance: $0) }
        return out
    }

    /// Records a person's decision on a pair (replacing an earlier one on the same pair), by asset tag and finance
    /// asset number, which survive re-imports of either list.
    public func decide(network: Network, trustCode: String, assetTag: String, assetNumber: String, accept: Bool, note: String?) throws {
        let trust = try NetworkStore(connection).trust(network: network, code: trustCode)
        try connection.transaction { c in
            let hasAsset: Bool = try c.scalar("SELECT EXISTS (SELECT 1 FROM asset WHERE trust_id = \(trust.id) AND asset_tag = \(assetTag))")
            let hasRecord: Bool = try c.scalar("""
                SELECT EXISTS (SELECT 1 FROM finance_record WHERE trust_id = \(trust.id) AND asset_number = \(assetNumber))
                """)
            guard hasAsset else { throw UserError("trust \(trust.odsCode) has no asset \(assetTag)") }
            guard hasRecord else { throw UserError("trust \(trust.odsCode) has no finance record \(assetNumber)") }
            if accept {
                // One accepted pair per asset and per record: a new acceptance replaces the old ones.
                try c.execute("""
                    DELETE FROM reconcile_decision WHERE trust_id = \(trust.id) AND decision = 'accept'
                      AND (asset_tag = \(assetTag)) <> (asset_number = \(assetNumber))
                    """)
            }
            try c.execute("""
                INSERT INTO reconcile_decision (trust_id, asset_tag, asset_number, decision, note)
                VALUES (\(trust.id), \(assetTag), \(assetNumber), \(accept ? "accept" : "reject"), \(note))
                ON CONFLICT (trust_id, asset_tag, asset_number) DO UPDATE
                SET decision = EXCLUDED.decision, note = EXCLUDED.note, decided_by = session_user, decided_at = now()
                """)
        }
    }

    /// Each trust's two registers as the last reconciliation recorded them (the board report's section): matched finance
    /// records, the rest of each side and their value. Reads only; a trust with no finance record is left out.
    public func recorded(network: Network) throws -> [RegisterReconciliation] {
        try connection.query("""
            WITH eng AS (
                SELECT a.trust_id, count(*) AS assets,
                       count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM finance_record f WHERE f.asset_id = a.id AND f.retired_at IS NULL)) AS cmms_only,
                       coalesce(sum(a.purchase_cost) FILTER (WHERE NOT EXISTS (
                           SELECT 1 FROM finance_record f WHERE f.asset_id = a.id AND f.retired_at IS NULL)), 0) AS cmms_only_value
                FROM asset a
                WHERE a.retired_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM import_batch b WHERE b.id = a.first_batch_id AND b.source_kind = 'finance')
                GROUP BY a.trust_id),
            fin AS (
                SELECT trust_id, count(*) AS records, count(asset_id) AS matched,
                       coalesce(sum(cost) FILTER (WHERE asset_id IS NULL), 0) AS finance_only_value
                FROM finance_record WHERE retired_at IS NULL GROUP BY trust_id)
            SELECT t.ods_code, coalesce(e.assets, 0)::int AS assets, fin.records::int AS records, fin.matched::int AS matched,
                   coalesce(e.cmms_only, 0)::int AS cmms_only, coalesce(e.cmms_only_value, 0) AS cmms_only_value,
                   (fin.records - fin.matched)::int AS finance_only, fin.finance_only_value
            FROM fin JOIN trust t ON t.id = fin.trust_id LEFT JOIN eng e ON e.trust_id = fin.trust_id
            WHERE t.network_id = \(network.id)
            ORDER BY t.ods_code
            """).map { r in
            RegisterReconciliation(trust: try r.decode("ods_code"), assets: try r.decode("assets"), financeRecords: try r.decode("records"),
                                   matched: try r.decode("matched"), cmmsOnly: try r.decode("cmms_only"), cmmsOnlyValue: try r.decode("cmms_only_value"),
                                   financeOnly: try r.decode("finance_only"), financeOnlyValue: try r.decode("finance_only_value"))
        }
    }
}
