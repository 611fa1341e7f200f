import CapitalCore
import Optimizer
import Planning

func date(_ y: Int, _ m: Int = 1, _ d: Int = 1) -> CalendarDate { CalendarDate(year: y, month: m, day: d)! }

func asset(_ tag: String, _ modality: Modality, installed: Int, trust: String = "RAA", site: String = "S1",
           life: Int? = nil, failures: Int = 0) -> PlanAsset {
    PlanAsset(trust: trust, site: site, tag: tag, modality: modality, installDate: date(installed),
              expectedLifeYears: life, failuresLastYear: failures)
}

let quickOptions = SolverOptions(timeLimit: 3, relativeGapTolerance: 0.02)

/// A small random network and its plan: 8–24 units over 2–4 trusts with two sites each, a mix of modalities, some
/// with short lives (2–4 years) so they fall due twice in the horizon, and budgets from tight to ample. Odd seeds
/// add demand above capacity for one trust's units of one modality, so some plans buy additional units.
func randomPlan(seed: UInt64) throws -> (assets: [PlanAsset], plan: Plan) {
    var rng = SplitMix64(seed: seed &* 0x9E37_79B9 &+ 17)
    let modalities: [Modality] = [.ct, .mri, .ultrasound, .ultrasound, .mobileXRay, .dexa, .generalRadiography, .mammography]
    let trusts = ["RAA", "RBB", "RCC", "RDD"].prefix(2 + Int(rng.next() % 3))
    let count = 8 + Int(rng.next() % 17)
    let assets: [PlanAsset] = (0..<count).map { i in
        let m = modalities[Int(rng.next() % UInt64(modalities.count))]
        let trust = trusts[Int(rng.next() % UInt64(trusts.count))]
        return asset("\(m.rawValue)-\(i)", m, installed: 2005 + Int(rng.next() % 20), trust: trust,
                     site: "\(trust)-S\(1 + rng.next() % 2)", life: rng.next() % 4 == 0 ? 2 + Int(rng.next() % 3) : nil,
                     failures: Int(rng.next() % 4))
    }
    let years = 6 + Int(rng.next() % 5)
    let budgets = (0..<years).map { _ in Pence.pounds(Int64(500_000 + rng.next() % 4_000_000)) }
    let policy = PlanningPolicy(firstYear: 2026, years: years, budgets: budgets)
    let first = assets[0]
    let demand = seed % 2 == 1
        ? [DemandEntry(trust: first.trust, site: first.site, modality: first.modality, scansPerYear: 200_000, growth: 0)] : []
    return (assets, try Planner.plan(assets: assets, policy: policy, demand: demand, options: quickOptions))
}

/// One purchase in a hand-made plan.
struct Buy {
    var trust: String, site: String, tag: String, modality: Modality, year: Int, cost: Pence
    /// The unit number of an additional unit (`tag` is then `NEW-<modality>-<unit>`); nil for a replacement.
    var unit: Int?
    /// The irrecoverable VAT within `cost`.
    var vat: Pence

    init(trust: String = "RAA", site: String = "S1", tag: String, modality: Modality = .ct, year: Int, cost: Pence,
         unit: Int? = nil, vat: Pence = .zero) {
        self.trust = trust
        self.site = site
        self.tag = tag
        self.modality = modality
        self.year = year
        self.cost = cost
        self.unit = unit
        self.vat = vat
    }

    var purchase: Replacement { Replacement(year: year, price: PriceBreakdown(equipment: cost - vat, works: .zero, vat: vat)) }
}

/// A plan made by hand: each distinct unit's purchases become one ``AssetPlan`` (or ``AdditionPlan`` when `unit` is
/// set), and, unless `budgets` is nil, one ``YearSummary`` per year from `firstYear` with the year's budget and the
/// spend of the purchases planned in it (so headroom = budget − spend, as the planner reports it).
func handPlan(_ buys: [Buy], budgets: [Pence]?, firstYear: Int = 2026) -> Plan {
    var assets: [String: AssetPlan] = [:], additions: [String: AdditionPlan] = [:], order: [String] = []
    for b in buys {
        if let unit = b.unit {
            let key = "add|\(b.trust)|\(b.site)|\(b.modality.rawValue)|\(unit)"
            if additions[key] == nil {
                order.append(key)
                additions[key] = AdditionPlan(trust: b.trust, site: b.site, modality: b.modality, unit: unit, installations: [],
                                              scansCovered: 0, costWithPlan: 0, costWithout: 0)
            }
            additions[key]!.installations.append(b.purchase)
        } else {
            let key = "\(b.trust)/\(b.tag)"
            if assets[key] == nil {
                order.append(key)
                assets[key] = AssetPlan(trust: b.trust, site: b.site, tag: b.tag, modality: b.modality, replacements: [],
                                        costWithPlan: 0, costWithout: 0, excluded: false, dueYear: nil)
            }
            assets[key]!.replacements.append(b.purchase)
        }
    }
    let years = max(budgets?.count ?? 0, (buys.map(\.year).max() ?? firstYear) - firstYear + 1)
    let summaries: [YearSummary] = budgets.map { budgets in
        budgets.indices.map { i in
            let year = firstYear + i
            let spend = buys.filter { $0.year == year }.reduce(Pence.zero) { $0 + $1.cost }
            return YearSummary(year: year, budget: budgets[i], spend: spend,
                               replacements: buys.filter { $0.year == year && $0.unit == nil }.count,
                               costWithPlan: 0, costWithout: 0, additions: buys.filter { $0.year == year && $0.unit != nil }.count)
        }
    } ?? []
    return Plan(firstYear: firstYear, years: years, status: .optimal, objective: 0, bound: 0, gap: 0, seconds: 0,
                reason: nil, costWithout: 0, assets: order.compactMap { assets[$0] }, yearSummaries: summaries,
                trustYears: [], unfunded: [], additions: order.compactMap { additions[$0] })
}

/// A random hand-made plan with year summaries, fast enough for hundreds of cases: 3–30 purchases of CT, MRI and
/// ultrasound (some units bought twice, some additional units) over 3–8 years, at £10,000–£1,500,000 each, and
/// budgets of the year's spend plus a headroom that is often none, often less than one unit, sometimes ample; one
/// year in seven spends over its budget (a saved plan need not keep it; lots must not make it worse).
func randomHandPlan(seed: UInt64) -> Plan {
    var rng = SplitMix64(seed: seed &* 0xD1B5_4A32_D192_ED03 &+ 5)
    func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
    let years = 3 + pick(6)
    let modalities: [Modality] = [.ct, .mri, .ultrasound]
    var buys: [Buy] = []
    for i in 0..<(3 + pick(28)) {
        let m = modalities[pick(3)]
        let trust = ["RAA", "RBB", "RCC"][pick(3)], site = "S\(1 + pick(2))"
        let year = 2026 + pick(years)
        let cost = Pence(Int64(1_000_000 + pick(149_000_000)))
        if pick(6) == 0 {
            buys.append(Buy(trust: trust, site: site, tag: "NEW-\(m.rawValue)-1", modality: m, year: year, cost: cost, unit: 1))
        } else {
            buys.append(Buy(trust: trust, site: site, tag: "\(m.rawValue)-\(i)", modality: m, year: year, cost: cost))
            if pick(5) == 0, year + 2 < 2026 + years {
                buys.append(Buy(trust: trust, site: site, tag: "\(m.rawValue)-\(i)", modality: m, year: year + 2 + pick(2026 + years - year - 2),
                                cost: cost))
            }
        }
    }
    // Additional units are numbered per site and modality: merge duplicates into one unit's installations.
    var seen = Set<String>()
    buys = buys.filter { b in b.unit == nil || seen.insert("\(b.trust)|\(b.site)|\(b.modality)|\(b.year)").inserted }
    let budgets: [Pence] = (0..<years).map { i in
        let spend = buys.filter { $0.year == 2026 + i }.reduce(Pence.zero) { $0 + $1.cost }
        switch pick(7) {
        case 0: return Pence(max(0, spend.value - Int64(pick(50_000_000))))   // over budget
        case 1, 2: return spend                                                // no headroom
        case 3, 4: return spend + Pence(Int64(pick(100_000_000)))              // less than a unit or two
        default: return spend + Pence(Int64(pick(500_000_000)))                // ample
        }
    }
    return handPlan(buys, budgets: budgets)
}
