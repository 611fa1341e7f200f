import CapitalCore
import Foundation
import Optimizer

/// Demand and capacity of one site and modality, per horizon year.
public struct DemandGroup: Sendable, Equatable {
    /// The trust's ODS code.
    public let trust: String
    /// The site.
    public let site: String
    /// The modality.
    public let modality: Modality
    /// Units in service now (like-for-like replacement keeps the number).
    public let units: Int
    /// Scans needed per horizon year.
    public let demand: [Double]
    /// Scans a unit can do in a year.
    public let capacityPerUnit: Double
}

/// The optimisation model of a plan, and the prepared decisions it came from.
///
/// Each active asset is an item `TRUST/TAG`; each additional unit a site could take is an item
/// `add:TRUST/SITE:MODALITY:K`. Each of an item's ``ReplacementPattern``s is an option whose penalty is its expected
/// cost over the horizon in whole pounds (``PlanEntry/penalty(_:)``) and which uses, in every replacement year `Y`,
/// the whole price (pence) of `budget:Y`, of `trust:CODE:Y` when the trust has limits, and (assets only) one unit of
/// `cap:TRUST/SITE:MODALITY:Y` when the modality is capped and the site has more units of it than the cap.
/// Rule kept: the same assets, demand and policy always give the same model (items in input order, resources sorted).
public struct PlanModel: Sendable {
    /// The model handed to the solver: one item per entry, in the same order.
    public var model: OptimizationModel
    /// The prepared decisions: active assets in input order, then the additional units sites could take.
    public let entries: [PlanEntry]
    /// The policy the model was built under, with a need-based budget already turned into amounts.
    public var policy: PlanningPolicy
    /// Resource id → index in `model.resources`.
    public let resourceIndex: [String: Int]
    /// Demand and capacity per site and modality (empty without demand).
    public let demandGroups: [DemandGroup]
    /// Unmet demand (pounds over the horizon) that no additional unit the sites have room for can cover: part of
    /// every plan's expected cost, outside the optimiser's choice.
    public var unmetDemandFixed: Double { unmetDemandFixedByYear.reduce(0, +).rounded() }
    /// The same, per horizon year (demand grows, so it is not spread evenly).
    public let unmetDemandFixedByYear: [Double]

    /// Prepares `assets` (disposed ones dropped) and `demand` under `policy`. Throws a ``UserError`` for a repeated
    /// `TRUST/TAG`, an asset both excluded and required, a must-replace rule naming no active asset, or demand for a
    /// trust with no units in the register.
    public init(assets: [PlanAsset], policy given: PlanningPolicy, demand: [DemandEntry] = []) throws {
        let policy = given.resolvingBudget(for: assets)
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

        let horizon = policy.horizon
        let inflation = horizon.map { pow(1 + policy.inflation, Double($0 - horizon.lowerBound)) }
        let costing = ServiceCostModel(policy.serviceCost)
        var newUnitCache: [String: [YearCost]] = [:]
        var entries: [PlanEntry] = []
        entries.reserveCapacity(active.count)
        var capGroupCount: [String: Int] = [:]
        for a in active {
            let excluded = policy.exclusions.contains { $0.covers(a) }
            if excluded, mustBy[a.key] != nil {
                throw UserError("asset \(a.key) is both excluded and must be replaced; the policy contradicts itself")
            }
            var entry = Self.entry(for: a, policy: policy, costing: costing, inflation: inflation, cache: &newUnitCache)
            entry.excluded = excluded
            if excluded {
                // Outside the network's capital: no decision to steer, so no rules' price or backlog in the objective.
                for o in entry.installed.indices { entry.installed[o].rules = 0; entry.installed[o].backlog = 0 }
            }
            entry.mustReplaceBy = mustBy[a.key]
            entry.patterns = ReplacementPattern.options(horizon: horizon, lifeYears: entry.step, excluded: excluded,
                                                        mustReplaceBy: mustBy[a.key])
            if !excluded, policy.maxPerSiteModalityYear[a.modality] != nil {
                capGroupCount[Self.capGroup(a), default: 0] += 1
            }
            entries.append(entry)
        }

        let (groups, additions, fixed) = try Self.additions(active: active, demand: demand, policy: policy,
                                                            costing: costing, inflation: inflation, cache: &newUnitCache)
        entries += additions
        self.demandGroups = groups
        self.unmetDemandFixedByYear = fixed

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
            let capped = e.addition == nil && cappedGroups.contains(group)
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
            items.append(.init(id: e.key, options: options))
        }
        self.entries = entries
        self.model = OptimizationModel(resources: resources, items: items)
        var index: [String: Int] = [:]
        for (i, r) in resources.enumerated() { index[r.id] = i }
        self.resourceIndex = index
    }

    /// The prepared entry of one register unit (patterns, exclusion and must-replace are set by the caller).
    static func entry(for a: PlanAsset, policy: PlanningPolicy, costing: ServiceCostModel, inflation: [Double],
                      cache: inout [String: [YearCost]]) -> PlanEntry {
        let horizon = policy.horizon
        let life = policy.lifeYears(of: a)
        let step = policy.replacementStep(modality: a.modality, lifeYears: life)
        let criticality = a.criticality ?? policy.criticality[a.modality] ?? a.modality.defaultCriticality
        let prices = horizon.map {
            policy.wholePrice(modality: a.modality, trust: a.trust, site: a.site, purchaseCost: a.purchaseCost,
                              installYear: a.installDate.year, in: $0)
        }
        let base = policy.equipmentBase(modality: a.modality, purchaseCost: a.purchaseCost, installYear: a.installDate.year)
        let equipment = base.price * pow(1 + policy.inflation, Double(horizon.lowerBound - base.fromYear)) / 100
        let wholeFirst = Double(prices[0].total.value) / 100
        let newUnit = newUnitCosts(modality: a.modality, life: life, equipment: equipment, wholeFirst: wholeFirst,
                                   criticality: criticality, policy: policy, costing: costing, cache: &cache)

        // The installed unit: its record (failures, downtime, contract, support end) carried forward.
        let recordAge = max(0, Double(horizon.lowerBound - a.installDate.year) - 0.5)
        let failures = a.failuresLastYear
        var unit = UnitState(modality: a.modality, lifeYears: life, equipmentPounds: equipment,
                             contractPounds: a.maintenanceAnnualCost.map { Double($0.value) / 100 },
                             criticality: criticality,
                             historyFactor: costing.historyFactor(a.modality, failures: failures, ageYears: recordAge, lifeYears: life),
                             daysDownPerBreakdown: costing.recordedDaysDown(a.modality, failures: failures,
                                                                            downtimeHours: a.downtimeHoursLastYear))
        if !unit.historyFactor.isFinite { unit.historyFactor = 1 }
        var installed: [YearCost] = []
        installed.reserveCapacity(horizon.count)
        var due: Int? = nil
        let weight = policy.serviceCost.criticalityWeight(criticality)
        for year in horizon {
            let o = year - horizon.lowerBound
            let age = year - a.installDate.year
            let supportEnded = a.supportEnd.map { $0.year <= year } ?? false
            var c = costing.year(unit, ageYears: max(0, age), supportEnded: supportEnded,
                                 underWarranty: age < policy.serviceCost.warrantyYears) * inflation[o]
            let breach = !Self.breaches(age: age, original: true, supportEnd: a.supportEnd, year: year,
                                        modality: a.modality, policy: policy).isEmpty
            c.rules = Self.rulesPrice(age: age, breach: breach, wholePounds: Double(prices[o].total.value) / 100,
                                      weight: weight, policy: policy)
            if due == nil, age >= life || breach { due = year }
            installed.append(c)
        }
        var entry = PlanEntry(asset: a, addition: nil, lifeYears: life, step: step, criticality: criticality,
                              excluded: false, mustReplaceBy: nil, dueYear: due, prices: prices, installed: installed,
                              newUnit: newUnit, inflation: inflation, patterns: [], firstYear: horizon.lowerBound)
        installed[installed.count - 1].backlog = entry.backlog(at: horizon.upperBound - 1 - a.installDate.year)
        entry.installed = installed
        return entry
    }

    /// The rules a unit of `age` breaks in `year` (`original`: the unit installed now, to which the support rule
    /// applies).
    static func breaches(age: Int, original: Bool, supportEnd: CalendarDate?, year: Int, modality: Modality,
                         policy: PlanningPolicy) -> [RuleKind] {
        var out: [RuleKind] = []
        if let limit = policy.rules.ageLimit(modality), age > limit { out.append(.maxAge) }
        if original, let n = policy.rules.replaceWithinYearsOfSupportEnd, let end = supportEnd, year > end.year + n {
            out.append(.supportEnded)
        }
        if policy.ageProfile.mode == .hard, age > policy.ageProfile.oldYears { out.append(.ageProfile) }
        return out
    }

    /// The rules' price of a year in service: a breach costs `breach_cost_multiple` × the whole price × the
    /// criticality weight; otherwise, under a priced age profile, a unit over its age limit costs `over_age_cost` × the
    /// whole price × the weight. Scaling with the price keeps cheap modalities from winning; the weight puts a CT
    /// past its limit before an ultrasound past its own.
    static func rulesPrice(age: Int, breach: Bool, wholePounds: Double, weight: Double, policy: PlanningPolicy) -> Double {
        if breach { return policy.rules.breachCostMultiple * weight * wholePounds }
        if policy.ageProfile.mode == .priced, age > policy.ageProfile.oldYears {
            return policy.ageProfile.overAgeCostFraction * weight * wholePounds
        }
        return 0
    }

    /// A new unit's cost by age (first-year pounds), shared between units of the same kind.
    static func newUnitCosts(modality: Modality, life: Int, equipment: Double, wholeFirst: Double, criticality: Int,
                             policy: PlanningPolicy, costing: ServiceCostModel,
                             cache: inout [String: [YearCost]]) -> [YearCost] {
        let key = "\(modality.rawValue)|\(life)|\(equipment)|\(wholeFirst)|\(criticality)"
        if let hit = cache[key] { return hit }
        let unit = UnitState(modality: modality, lifeYears: life, equipmentPounds: equipment, criticality: criticality)
        let support = policy.serviceCost.newUnitSupportYears ?? life
        let weight = policy.serviceCost.criticalityWeight(criticality)
        let row = (0..<policy.years).map { age -> YearCost in
            var c = costing.year(unit, ageYears: age, supportEnded: age >= support,
                                 underWarranty: age < policy.serviceCost.warrantyYears)
            let breach = !breaches(age: age, original: false, supportEnd: nil, year: 0, modality: modality, policy: policy).isEmpty
            c.rules = rulesPrice(age: age, breach: breach, wholePounds: wholeFirst, weight: weight, policy: policy)
            return c
        }
        cache[key] = row
        return row
    }

    /// Demand per site and modality, and an entry for each additional unit a site has room for and demand to fill.
    static func additions(active: [PlanAsset], demand: [DemandEntry], policy: PlanningPolicy, costing: ServiceCostModel,
                          inflation: [Double], cache: inout [String: [YearCost]])
        throws -> (groups: [DemandGroup], entries: [PlanEntry], fixed: [Double]) {
        guard !demand.isEmpty else { return ([], [], Array(repeating: 0, count: policy.years)) }
        let horizon = policy.horizon
        var units: [String: Int] = [:]                  // TRUST|SITE|MOD
        var siteUnits: [String: [String: Int]] = [:]    // TRUST|MOD -> site -> units
        var trustSites: [String: [String: Int]] = [:]   // TRUST -> site -> units (any modality)
        for a in active {
            units["\(a.trust)|\(a.site)|\(a.modality.rawValue)", default: 0] += 1
            siteUnits["\(a.trust)|\(a.modality.rawValue)", default: [:]][a.site, default: 0] += 1
            trustSites[a.trust, default: [:]][a.site, default: 0] += 1
        }
        var needed: [String: [Double]] = [:]
        for d in demand {
            let growth = d.growth ?? policy.capacity.growth[d.modality] ?? 0
            let row = horizon.map { d.scansPerYear * pow(1 + growth, Double($0 - horizon.lowerBound)) }
            var split: [(String, Double)]
            if let site = d.site {
                split = [(site, 1)]
            } else if let sites = siteUnits["\(d.trust)|\(d.modality.rawValue)"], !sites.isEmpty {
                let total = Double(sites.values.reduce(0, +))
                split = sites.sorted { $0.key < $1.key }.map { ($0.key, Double($0.value) / total) }
            } else if let sites = trustSites[d.trust],
                      let largest = sites.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).first {
                split = [(largest.key, 1)]
            } else {
                throw UserError("demand names trust \(d.trust), which has no units in the register")
            }
            for (site, share) in split {
                let key = "\(d.trust)|\(site)|\(d.modality.rawValue)"
                var acc = needed[key] ?? Array(repeating: 0, count: horizon.count)
                for o in acc.indices { acc[o] += row[o] * share }
                needed[key] = acc
            }
        }
        var groups: [DemandGroup] = [], entries: [PlanEntry] = []
        var fixed = [Double](repeating: 0, count: horizon.count)
        for key in needed.keys.sorted() {
            let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let (trust, site, modality) = (parts[0], parts[1], Modality(rawValue: parts[2])!)
            let perUnit = policy.serviceCost.scansPerUnitYear[modality] ?? 0
            let have = units[key] ?? 0
            let demandRow = needed[key]!
            groups.append(DemandGroup(trust: trust, site: site, modality: modality, units: have, demand: demandRow,
                                      capacityPerUnit: perUnit))
            let scanCost = Double((policy.serviceCost.scanCost[modality] ?? .zero).value) / 100
            var unmet = demandRow.map { max(0, $0 - Double(have) * perUnit) }
            let probe = PlanAsset(trust: trust, site: site, tag: "", modality: modality,
                                  installDate: CalendarDate(year: horizon.lowerBound, month: 1, day: 1)!)
            let excluded = policy.exclusions.contains { $0.covers(probe) }
            let room = excluded || perUnit <= 0 ? 0 : policy.capacity.additionalUnitsPerSite[modality] ?? 0
            for k in 0..<room {
                let covered = unmet.map { min(perUnit, $0) }
                guard covered.contains(where: { $0 > 0 }) else { break }
                for o in unmet.indices { unmet[o] -= covered[o] }
                var asset = probe
                asset.tag = "NEW-\(modality.rawValue)-\(k + 1)"
                var e = entry(for: asset, policy: policy, costing: costing, inflation: inflation, cache: &cache)
                let inHouse = scanCost * policy.serviceCost.inHouseScanFraction
                e.addition = PlanEntry.Addition(unit: k + 1, coveredScans: covered,
                                                runningCost: covered.indices.map { covered[$0] * inHouse * inflation[$0] })
                e.installed = covered.indices.map { YearCost(unmetDemand: covered[$0] * scanCost * inflation[$0]) }
                e.dueYear = nil
                e.patterns = ReplacementPattern.options(horizon: horizon, lifeYears: e.step, excluded: false, mustReplaceBy: nil)
                entries.append(e)
            }
            for o in unmet.indices { fixed[o] += unmet[o] * scanCost * inflation[o] }
        }
        return (groups, entries, fixed)
    }

    /// `TRUST/SITE:MODALITY`: the group a site×modality cap counts (sites are qualified by trust).
    static func capGroup(_ a: PlanAsset) -> String { "\(a.trust)/\(a.site):\(a.modality.rawValue)" }

    /// The inflated whole replacement price of `asset` in `year` (equipment + works + irrecoverable VAT).
    public static func price(of asset: PlanAsset, in year: Int, policy: PlanningPolicy) -> Pence {
        policy.wholePrice(modality: asset.modality, trust: asset.trust, site: asset.site, purchaseCost: asset.purchaseCost,
                          installYear: asset.installDate.year, in: year).total
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
