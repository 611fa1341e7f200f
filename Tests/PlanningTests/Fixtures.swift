import CapitalCore
@testable import Planning

func date(_ y: Int, _ m: Int = 1, _ d: Int = 1) -> CalendarDate { CalendarDate(year: y, month: m, day: d)! }

func asset(_ tag: String, _ modality: Modality, installed: Int, trust: String = "RAA", site: String = "S1",
           supportEnd: CalendarDate? = nil, failures: Int = 0, downtime: Double = 0, criticality: Int? = nil,
           life: Int? = nil) -> PlanAsset {
    PlanAsset(trust: trust, site: site, tag: tag, modality: modality, installDate: date(installed),
              expectedLifeYears: life, supportEnd: supportEnd, failuresLastYear: failures,
              downtimeHoursLastYear: downtime, criticality: criticality)
}

/// Exhaustive search over every combination of options: the minimum total penalty among plans within every limit.
func bruteForceMinimum(_ pm: PlanModel) -> Double? {
    let items = pm.model.items
    var limits: [String: Int64] = [:]
    for r in pm.model.resources { limits[r.id] = r.limit }
    var best: Double? = nil
    var used: [String: Int64] = [:]
    func go(_ i: Int, _ penalty: Double) {
        if i == items.count { best = min(best ?? .infinity, penalty); return }
        for o in items[i].options {
            var ok = true
            for (id, u) in o.uses { used[id, default: 0] += u; if used[id]! > limits[id]! { ok = false } }
            if ok { go(i + 1, penalty + o.penalty) }
            for (id, u) in o.uses { used[id]! -= u }
        }
    }
    go(0, 0)
    return best
}
