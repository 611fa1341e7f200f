import CapitalCore
import Planning

/// Builds collective purchase lots from an approved plan.
///
/// The rule (see `docs/procurement.md`):
/// - every planned replacement — each `(asset, year, cost)` in ``Plan/assets`` — goes into exactly one lot;
/// - replacements group by ``EquipmentCategory`` (modality, and specification class where known) and year;
/// - with `window` N > 0, lots are formed greedily per category from the earliest remaining need: a lot opens at
///   that year and takes every remaining replacement of the category planned up to N years later, except that a
///   lot never takes two replacements of the same unit (a short-lived unit due twice goes in a later lot);
/// - the lot's year is its earliest need year; a member planned later is *brought forward* and listed in
///   ``PurchaseLot/moves``. Its value stays the plan's cost at its planned year's prices, so lot values sum
///   exactly to the plan's spend. Bringing a purchase forward changes the year the money is spent in, which the
///   plan's budgets were not checked against: window 0 (the default) moves nothing.
public enum PurchaseLots {
    /// Lots for `plan`, ordered by year, then category.
    ///
    /// - Parameters:
    ///   - assets: the register's units; used to look up each planned unit for `specification` (a unit the list
    ///     lacks has no known specification class). Site, trust and modality come from the plan itself.
    ///   - window: how many years apart replacements of one category may be and still share a lot (0: same year).
    ///   - threshold: the procurement threshold a lot's value is compared with (``ProcurementThreshold/nhsGoods2026``).
    ///   - specification: the unit's specification class, or nil when unknown.
    /// - Throws: ``UserError`` for a negative window.
    public static func build(plan: Plan, assets: [PlanAsset], window: Int = 0,
                             threshold: ProcurementThreshold = .nhsGoods2026,
                             specification: (PlanAsset) -> String? = { _ in nil }) throws -> [PurchaseLot] {
        guard window >= 0 else { throw UserError("--window must be 0 or more years, not \(window)") }
        var byKey: [String: PlanAsset] = [:]
        for a in assets { byKey[a.key] = a }

        var pending: [EquipmentCategory: [PurchaseLot.Member]] = [:]
        for a in plan.assets where !a.replacements.isEmpty {
            let spec = byKey[a.key].flatMap(specification)
            let category = EquipmentCategory(modality: a.modality, specification: spec)
            for r in a.replacements {
                pending[category, default: []].append(
                    PurchaseLot.Member(trust: a.trust, site: a.site, tag: a.tag, plannedYear: r.year, cost: r.cost))
            }
        }

        var drafts: [(category: EquipmentCategory, year: Int, order: Int, members: [PurchaseLot.Member])] = []
        for category in pending.keys.sorted() {
            var remaining = pending[category]!.sorted(by: memberOrder)
            while let anchor = remaining.first?.plannedYear {
                var taken: [PurchaseLot.Member] = [], rest: [PurchaseLot.Member] = []
                var units = Set<String>()
                for m in remaining {
                    if m.plannedYear <= anchor + window, units.insert(m.key).inserted { taken.append(m) } else { rest.append(m) }
                }
                drafts.append((category, anchor, drafts.count, taken))
                remaining = rest
            }
        }

        drafts.sort { ($0.year, $0.category, $0.order) < ($1.year, $1.category, $1.order) }
        var sequence: [String: Int] = [:]
        return drafts.map { d in
            let prefix = "\(d.category.modality.rawValue)-\(d.year)"
            sequence[prefix, default: 0] += 1
            let lot = PurchaseLot(id: "\(prefix)-\(sequence[prefix]!)", category: d.category, year: d.year,
                                  members: d.members, aboveThreshold: false)
            var out = lot
            out.aboveThreshold = threshold.isMet(byExVAT: lot.value)
            return out
        }
    }

    /// Planned year, trust, site, tag: the order members are listed and taken in.
    static func memberOrder(_ a: PurchaseLot.Member, _ b: PurchaseLot.Member) -> Bool {
        (a.plannedYear, a.trust, a.site, a.tag) < (b.plannedYear, b.trust, b.site, b.tag)
    }
}
