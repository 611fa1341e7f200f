import CapitalCore
import Foundation

/// The JSON form of a procurement report: lots with members and held-back purchases, and support groups with
/// contracts.
///
/// Money is a decimal string of pounds (`"1234.50"`) so no reader meets a binary float; dates are `YYYY-MM-DD`;
/// absent values are `null`. Keys are snake_case and sorted, so output is byte-stable.
public enum ProcurementJSON {
    /// An optional that encodes as `null` rather than vanishing, so every object has the same keys.
    struct Nullable<T: Encodable>: Encodable {
        var value: T?
        init(_ value: T?) { self.value = value }
        func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            if let value { try c.encode(value) } else { try c.encodeNil() }
        }
    }
    struct TrustCount: Encodable { var trust: String; var quantity: Int }
    struct SiteCount: Encodable { var trust: String; var site: String; var quantity: Int }
    struct Member: Encodable {
        var trust: String, site: String, tag: String, kind: String, planned_year: Int, cost: String, moved: Bool
    }
    /// A purchase the lot year's budget headroom could not bring forward: `headroom` is what was left of it.
    struct HeldBack: Encodable {
        var trust: String, site: String, tag: String, kind: String, planned_year: Int, cost: String, headroom: String
        var shortfall: String, reason: String
    }
    struct Move: Encodable { var trust: String; var tag: String; var from_year: Int; var to_year: Int }
    struct Lot: Encodable {
        var id: String, modality: String, specification: Nullable<String>, year: Int, need_date: String, quantity: Int
        var trusts: [TrustCount], sites: [SiteCount], value: String, value_ex_vat: String, above_threshold: Bool
        var moves: [Move], members: [Member], held_back: [HeldBack]
    }
    struct Contract: Encodable {
        var trust: String, site: Nullable<String>, tag: String, supplier: Nullable<String>, end_date: Nullable<String>
        var annual_cost: Nullable<String>, extension_days: Nullable<Int>, expired: Bool
    }
    struct Group: Encodable {
        var modality: String, manufacturer: Nullable<String>, count: Int, trusts: [String], suppliers: [String]
        var total_annual_cost: String, unknown_cost_contracts: Int
        var earliest_end: Nullable<String>, latest_end: Nullable<String>, co_termination: Nullable<String>
        var contracts: [Contract], undated: [Contract], as_of: String, expired_contracts: Int
    }
    struct Threshold: Encodable { var amount: String; var includes_vat: Bool; var vat_basis_points: Int64 }
    struct Doc: Encodable {
        var window: Int, threshold: Threshold, total_value: String, lots: [Lot], support: [Group]
    }

    /// The whole report. `support` may be empty.
    public static func render(lots: [PurchaseLot], support: [SupportGroup], threshold: ProcurementThreshold,
                              window: Int) throws -> String {
        let doc = Doc(
            window: window,
            threshold: Threshold(amount: threshold.amount.plain, includes_vat: threshold.includesVAT,
                                 vat_basis_points: threshold.vatBasisPoints),
            total_value: lots.reduce(Pence.zero) { $0 + $1.value }.plain,
            lots: lots.map(lot),
            support: support.map(group))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(doc), as: UTF8.self) + "\n"
    }

    static func lot(_ l: PurchaseLot) -> Lot {
        Lot(id: l.id, modality: l.modality.rawValue, specification: Nullable(l.specification), year: l.year,
            need_date: l.needDate.iso, quantity: l.quantity,
            trusts: l.trusts.map { TrustCount(trust: $0.trust, quantity: $0.quantity) },
            sites: l.sites.map { SiteCount(trust: $0.trust, site: $0.site ?? "", quantity: $0.quantity) },
            value: l.value.plain, value_ex_vat: l.valueExVAT.plain, above_threshold: l.aboveThreshold,
            moves: l.moves.map { Move(trust: $0.member.trust, tag: $0.member.tag, from_year: $0.fromYear, to_year: $0.toYear) },
            members: l.members.map { Member(trust: $0.trust, site: $0.site, tag: $0.tag, kind: $0.kind.rawValue,
                                            planned_year: $0.plannedYear, cost: $0.cost.plain, moved: $0.plannedYear != l.year) },
            held_back: l.heldBack.map { h in
                HeldBack(trust: h.member.trust, site: h.member.site, tag: h.member.tag, kind: h.member.kind.rawValue,
                         planned_year: h.member.plannedYear, cost: h.member.cost.plain, headroom: h.headroom.plain,
                         shortfall: h.shortfall.plain, reason: h.reason)
            })
    }

    static func group(_ g: SupportGroup) -> Group {
        func contract(_ c: MaintenanceContract) -> Contract {
            Contract(trust: c.trust, site: Nullable(c.site), tag: c.tag, supplier: Nullable(c.supplier),
                     end_date: Nullable(c.endDate?.iso), annual_cost: Nullable(c.annualCost?.plain),
                     extension_days: Nullable(g.extensionDays(for: c)), expired: g.isExpired(c))
        }
        return Group(modality: g.modality.rawValue, manufacturer: Nullable(g.manufacturer), count: g.count, trusts: g.trusts,
                     suppliers: g.suppliers, total_annual_cost: g.totalAnnualCost.plain,
                     unknown_cost_contracts: g.unknownCostCount, earliest_end: Nullable(g.earliestEnd?.iso),
                     latest_end: Nullable(g.latestEnd?.iso), co_termination: Nullable(g.coTerminationDate?.iso),
                     contracts: g.dated.map(contract), undated: g.undated.map(contract), as_of: g.asOf.iso,
                     expired_contracts: g.expired.count)
    }
}
