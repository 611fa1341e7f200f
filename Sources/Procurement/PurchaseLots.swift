import CapitalCore
import Planning

/// Builds collective purchase lots from an approved plan.
///
/// The rule (see `docs/procurement.md`):
/// - every planned purchase goes into exactly one lot: each replacement `(asset, year, cost)` in ``Plan/assets``
///   and each installation of an additional unit in ``Plan/additions`` (tag `NEW-CT-1`, at its site);
/// - purchases group by ``EquipmentCategory`` (modality, and specification class where known; an additional unit
///   has no known class) and year;
/// - with `window` N > 0, lots are opened year by year from the earliest remaining need, one per category whose
///   earliest remaining purchase is planned in that year. A lot takes the category's purchases planned in its year
///   and may *bring forward* its purchases planned up to N years later, one per unit (a unit's later replacement
///   waits for a later lot), listed in ``PurchaseLot/moves``;
/// - **budget headroom**: bringing a purchase forward moves its money into the lot's year, so it is brought forward
///   only if the lot year's remaining headroom covers its cost. A year's headroom starts at its budget − the
///   plan's spend in it (``YearSummary/headroom``) and falls by the cost of each purchase brought forward into it.
///   The year's candidates, from all the lots opened in it, are considered in order of planned year, trust, site,
///   tag (then category), first fit: one that does not fit does not stop a later, cheaper one. A purchase that does
///   not fit stays for a later lot (at the latest, one in its own planned year) and the lot it could have joined
///   lists it in ``PurchaseLot/heldBack`` with the headroom left. So lots bought in a year never total more than
///   its budget when the plan's own spend is within it (``reconcile(lots:plan:window:)`` checks this);
/// - a plan without ``Plan/yearSummaries`` (a hand-made plan) carries no budgets, so there is no headroom to check:
///   the window then brings forward everything in it, as before headroom was checked;
/// - the lot's year is its earliest need year. A brought-forward member's value stays the plan's cost at its
///   planned year's prices, so lot values sum exactly to the plan's spend. Window 0 (the default) moves nothing.
public enum PurchaseLots {
    /// Lots for `plan`, ordered by year, then category.
    ///
    /// - Parameters:
    ///   - assets: the register's units; used to look up each planned unit for `specification` (a unit the list
    ///     lacks, and every additional unit, has no known specification class). Site, trust and modality come from
    ///     the plan itself.
    ///   - window: how many years apart purchases of one category may be and still share a lot (0: same year).
    ///   - threshold: the procurement threshold a lot's value ex VAT (``PurchaseLot/valueExVAT``) is compared with
    ///     (``ProcurementThreshold/nhsGoods2026``).
    ///   - specification: the unit's specification class, or nil when unknown.
    /// - Throws: ``UserError`` for a negative window.
    public static func build(plan: Plan, assets: [PlanAsset], window: Int = 0,
                             threshold: ProcurementThreshold = .nhsGoods2026,
                             specification: (PlanAsset) -> String? = { _ in nil }) throws -> [PurchaseLot] {
        guard window >= 0 else { throw UserError("the grouping window must be 0 or more years, not \(window)") }
        var byKey: [String: PlanAsset] = [:]
        for a in assets { byKey[a.key] = a }

        var pending: [EquipmentCategory: [PurchaseLot.Member]] = [:]
        for a in plan.assets where !a.replacements.isEmpty {
            let spec = byKey[a.key].flatMap(specification)
            let category = EquipmentCategory(modality: a.modality, specification: spec)
            for r in a.replacements {
                pending[category, default: []].append(PurchaseLot.Member(trust: a.trust, site: a.site, tag: a.tag, purchase: r))
            }
        }
        for a in plan.additions {
            for r in a.installations {
                pending[EquipmentCategory(modality: a.modality), default: []].append(
                    PurchaseLot.Member(trust: a.trust, site: a.site, tag: a.tag, kind: .addition, purchase: r))
            }
        }
        for c in pending.keys { pending[c]!.sort(by: memberOrder) }

        // nil: no budgets known, anything in the window may move. A year the summaries lack has no headroom.
        var headroom: [Int: Pence]? = plan.yearSummaries.isEmpty ? nil
            : Dictionary(plan.yearSummaries.map { ($0.year, $0.headroom) }, uniquingKeysWith: { a, _ in a })

        struct Draft { var category: EquipmentCategory; var year: Int; var members: [PurchaseLot.Member]; var heldBack: [PurchaseLot.HeldBack] }
        var drafts: [Draft] = []
        while let year = pending.values.compactMap({ $0.first?.plannedYear }).min() {
            let opening = pending.keys.filter { pending[$0]!.first?.plannedYear == year }.sorted()
            var lots: [EquipmentCategory: Draft] = [:]
            var taken: [EquipmentCategory: Set<Int>] = [:]
            struct Candidate { var category: EquipmentCategory; var index: Int; var member: PurchaseLot.Member }
            var candidates: [Candidate] = []
            for c in opening {
                var lot = Draft(category: c, year: year, members: [], heldBack: [])
                var units = Set<String>(), indices = Set<Int>()
                for (i, m) in pending[c]!.enumerated() {
                    if m.plannedYear > year + window { break } // sorted by planned year
                    // Only a unit's earliest remaining purchase may join: its later ones wait for a later lot.
                    guard units.insert(m.key).inserted else { continue }
                    if m.plannedYear == year {
                        lot.members.append(m)
                        indices.insert(i)
                    } else {
                        candidates.append(Candidate(category: c, index: i, member: m))
                    }
                }
                lots[c] = lot
                taken[c] = indices
            }
            candidates.sort {
                let a = $0.member, b = $1.member
                return (a.plannedYear, a.trust, a.site, a.tag, $0.category) < (b.plannedYear, b.trust, b.site, b.tag, $1.category)
            }
            for cand in candidates {
                if headroom != nil {
                    let left = headroom![year] ?? .zero
                    guard left >= cand.member.cost else {
                        lots[cand.category]!.heldBack.append(PurchaseLot.HeldBack(member: cand.member, year: year, headroom: left))
                        continue
                    }
                    headroom![year] = left - cand.member.cost
                }
                lots[cand.category]!.members.append(cand.member)
                taken[cand.category]!.insert(cand.index)
            }
            for c in opening {
                var lot = lots[c]!
                lot.members.sort(by: memberOrder)
                drafts.append(lot)
                let gone = taken[c]!
                let rest = pending[c]!.enumerated().filter { !gone.contains($0.offset) }.map(\.element)
                pending[c] = rest.isEmpty ? nil : rest
            }
        }

        // Year, category, then the order opened (a unit bought twice in one year opens a second lot).
        let ordered = drafts.enumerated().sorted {
            ($0.element.year, $0.element.category, $0.offset) < ($1.element.year, $1.element.category, $1.offset)
        }.map(\.element)
        var sequence: [String: Int] = [:]
        return ordered.map { d in
            let prefix = "\(d.category.modality.rawValue)-\(d.year)"
            sequence[prefix, default: 0] += 1
            var lot = PurchaseLot(id: "\(prefix)-\(sequence[prefix]!)", category: d.category, year: d.year,
                                  members: d.members, aboveThreshold: false, heldBack: d.heldBack)
            lot.aboveThreshold = threshold.isMet(byExVAT: lot.valueExVAT)
            return lot
        }
    }

    /// Planned year, trust, site, tag: the order members are listed and taken in.
    static func memberOrder(_ a: PurchaseLot.Member, _ b: PurchaseLot.Member) -> Bool {
        (a.plannedYear, a.trust, a.site, a.tag) < (b.plannedYear, b.trust, b.site, b.tag)
    }
}
