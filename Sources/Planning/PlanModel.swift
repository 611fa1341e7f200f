import CapitalCore
import Foundation
import Optimizer

/// The optimisation model of a plan, and the prepared assets it came from.
///
/// Each active asset is an item `TRUST/TAG`; each of its ``ReplacementPattern``s is an option whose penalty is the
/// risk carried over the horizon and which uses, in every replacement year `Y`, the inflated cost (pence) of
/// `budget:Y`, of `trust:CODE:Y` when the trust has limits, and one unit of `cap:TRUST/SITE:MODALITY:Y` when the
/// modality is capped and the site has more units of it than the cap. Rule kept: the same assets and policy always
/// give the same model (items in input order, resources sorted).
public struct PlanModel: Sendable {
    public var model: OptimizationModel
    public var entries: [PlanEntry]
    public var policy: PlanningPolicy
    /// Resource id → index in `model.resources`.
    public var resourceIndex: [String: Int]

    /// Prepares `assets` (disposed ones dropped) under `policy`. Throws a ``UserError`` for a repeated
    /// `TRUST/TAG`, an asset both excluded and required, or a must-replace rule naming no active asset.
    public init(assets: [PlanAsset], policy: PlanningPolicy) throws {
        try policy.validate()
        self.policy = policy
        let active = assets.filter { $0.status != .disposed }
        var seen = Set<String>()
        for a in active where !seen.insert(a.key).inserted {
            throw UserError("asset \(a.key) appears twice; asset tags must be unique within a trust")
        }
        var mustBy: [String: Int] = [:]
        for rule in policy.mustReplace {
            let key = "\(rule.trust)/\(rule.tag)"
            guard seen.contains(key) else { throw UserError("must_replace names \(key), which is not an active asset") }
            mustBy[key] = min(mustBy[key] ?? rule.year, rule.year)
        }
        var perTrustModality: [String: Int] = [:]
        for a in active { perTrustModality["\(a.trust)|\(a.modality.rawValue)", default: 0] += 1 }

        let horizon = policy.horizon
        let scorer = RiskModel(policy.risk)
        var entries: [PlanEntry] = []
        entries.reserveCapacity(active.count)
        var capGroupCount: [String: Int] = [:]
        for a in active {
            let excluded = policy.exclusions.contains { $0.covers(a) }
            if excluded, mustBy[a.key] != nil {
                throw UserError("asset \(a.key) is both excluded and must be replaced; the policy contradicts itself")
            }
            let life = a.expectedLifeYears ?? policy.expectedLife[a.modality] ?? a.modality.defaultLifeYears
            let impact = scorer.impact(criticality: a.criticality ?? policy.criticality[a.modality] ?? 1,
                                       soleUnit: perTrustModality["\(a.trust)|\(a.modality.rawValue)"] == 1,
                                       utilisation: a.utilisation)
            var baseline: [Double] = [], newUnit: [Double] = [], costs: [Pence] = []
            var due: Int? = nil
            for year in horizon {
                let l = scorer.likelihood(of: a, lifeYears: life, in: year)
                if due == nil, l >= policy.risk.dueLikelihood { due = year }
                baseline.append(Double(l * impact))
                newUnit.append(Double(scorer.ageLikelihood(ageYears: year - horizon.lowerBound, lifeYears: life) * impact))
                costs.append(Self.price(of: a, in: year, policy: policy))
            }
            let patterns = ReplacementPattern.options(horizon: horizon, lifeYears: life, excluded: excluded,
                                                      mustReplaceBy: mustBy[a.key])
            if !excluded, policy.maxPerSiteModalityYear[a.modality] != nil {
                capGroupCount[Self.capGroup(a), default: 0] += 1
            }
            entries.append(PlanEntry(asset: a, lifeYears: life, impact: impact, excluded: excluded,
                                     mustReplaceBy: mustBy[a.key], dueYear: due, costs: costs, baselineRisk: baseline,
                                     newUnitRisk: newUnit, patterns: patterns, firstYear: horizon.lowerBound))
        }

        var resources: [OptimizationModel.Resource] = horizon.map {
            .init(id: "budget:\($0)", limit: policy.budget($0).value)
        }
        for trust in policy.trustLimits.keys.sorted() {
            for year in horizon {
                resources.append(.init(id: "trust:\(trust):\(year)", limit: policy.trustLimits[trust]![year - horizon.lowerBound].value))
            }
        }
        var cappedGroups = Set<String>()
        for (group, count) in capGroupCount.sorted(by: { $0.key < $1.key }) {
            let modality = Modality(rawValue: String(group.split(separator: ":").last!))!
            let k = policy.maxPerSiteModalityYear[modality]!
            guard count > k else { continue }
            cappedGroups.insert(group)
            for year in horizon { resources.append(.init(id: "cap:\(group):\(year)", limit: Int64(k))) }
        }

        var items: [OptimizationModel.Item] = []
        items.reserveCapacity(entries.count)
        for e in entries {
            let trustLimited = policy.trustLimits[e.asset.trust] != nil
            let group = Self.capGroup(e.asset)
            let capped = cappedGroups.contains(group)
            let options = e.patterns.map { p -> OptimizationModel.Option in
                var uses: [String: Int64] = [:]
                for year in p.years {
                    let cost = e.cost(in: year).value
                    uses["budget:\(year)"] = cost
                    if trustLimited { uses["trust:\(e.asset.trust):\(year)"] = cost }
                    if capped { uses["cap:\(group):\(year)"] = 1 }
                }
                return .init(label: p.label, penalty: e.penalty(p), uses: uses)
            }
            items.append(.init(id: e.asset.key, options: options))
        }
        self.entries = entries
        self.model = OptimizationModel(resources: resources, items: items)
        var index: [String: Int] = [:]
        for (i, r) in resources.enumerated() { index[r.id] = i }
        self.resourceIndex = index
    }

    /// `TRUST/SITE:MODALITY`: the group a site×modality cap counts (sites are qualified by trust).
    static func capGroup(_ a: PlanAsset) -> String { "\(a.trust)/\(a.site):\(a.modality.rawValue)" }

    /// The inflated replacement price of `asset` in `year` (see ``PlanningPolicy/PriceBasis``), rounded to the penny.
    public static func price(of asset: PlanAsset, in year: Int, policy: PlanningPolicy) -> Pence {
        let modalityPrice = policy.prices[asset.modality] ?? .pounds(asset.modality.indicativePricePounds)
        let (base, fromYear): (Pence, Int)
        if policy.priceBasis == .purchaseCost, let cost = asset.purchaseCost, cost > .zero {
            (base, fromYear) = (cost, asset.installDate.year)
        } else {
            (base, fromYear) = (modalityPrice, policy.firstYear)
        }
        let factor = pow(1 + policy.inflation, Double(year - fromYear))
        return Pence(Int64((Double(base.value) * factor).rounded()))
    }

    /// The uses (resource id → amount) of `pattern` for entry number `index`, as in the model.
    public func uses(entry index: Int, pattern: ReplacementPattern) -> [String: Int64] {
        guard let o = entries[index].patterns.firstIndex(of: pattern) else { return [:] }
        return model.items[index].options[o].uses
    }

    /// The same model with every `budget:Y` limit set to `annual`.
    public func withAnnualBudget(_ annual: Pence) -> PlanModel {
        var copy = self
        copy.policy = policy.withAnnualBudget(annual)
        for year in policy.horizon { copy.model.resources[resourceIndex["budget:\(year)"]!].limit = annual.value }
        return copy
    }
}
