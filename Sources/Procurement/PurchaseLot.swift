import CapitalCore
import Planning

/// One collective purchase: units of one ``EquipmentCategory`` needed in one financial year (or, with a window,
/// within a few years of it), bought in a single tender for the trusts that need them.
///
/// Rules kept: ``value`` is the exact sum of the members' planned costs (whole prices: equipment, works and the VAT
/// the network cannot recover), so lots reconcile to the plan in pence; the threshold is tested on ``valueExVAT``;
/// ``year`` is the earliest planned year of any member and ``needDate`` its first day (`YEAR-04-01`); a member
/// whose planned year is later than ``year`` was brought forward into the lot and ``moves`` lists it. A unit the
/// window would have brought forward but the lot year's budget headroom could not pay for is not a member: it is
/// listed in ``heldBack`` (and is a member of a later lot), so procurement sees it could join if money were found.
public struct PurchaseLot: Sendable, Equatable, Identifiable {
    /// One planned purchase in a lot: a replacement of a unit on the register, or an additional unit the plan
    /// installs for demand.
    public struct Member: Sendable, Equatable {
        /// What the plan buys.
        public enum Kind: String, Sendable, Equatable {
            /// A replacement of a unit on the register (``Planning/AssetPlan``).
            case replacement
            /// An additional unit for demand (``Planning/AdditionPlan``, tag `NEW-CT-1`).
            case addition
        }

        /// The code of the trust the unit is for.
        public let trust: String
        /// The code of the site the unit is at.
        public let site: String
        /// The register's tag, or an additional unit's `NEW-<modality>-<n>`.
        public let tag: String
        /// The year the plan buys the unit in (its cost is at that year's prices).
        public let plannedYear: Int
        /// The plan's cost for this purchase: its whole price, including any VAT the network cannot recover.
        public var cost: Pence
        /// Whether it replaces a unit or adds one.
        public let kind: Kind
        /// The irrecoverable VAT included in ``cost`` (zero when the plan recovers VAT or does not break its price
        /// down).
        public let vat: Pence

        /// Creates a member from its parts.
        public init(trust: String, site: String, tag: String, plannedYear: Int, cost: Pence, kind: Kind = .replacement,
                    vat: Pence = .zero) {
            self.trust = trust
            self.site = site
            self.tag = tag
            self.plannedYear = plannedYear
            self.cost = cost
            self.kind = kind
            self.vat = vat
        }

        /// A planned purchase at its whole price, ``vat`` from the price's breakdown.
        public init(trust: String, site: String, tag: String, kind: Kind = .replacement, purchase: Replacement) {
            self.init(trust: trust, site: site, tag: tag, plannedYear: purchase.year, cost: purchase.cost, kind: kind,
                      vat: purchase.price.vat)
        }

        /// ``cost`` without VAT: equipment and works, what a tender's estimated value is ex VAT.
        public var costExVAT: Pence { cost - vat }

        /// How the plan keys the unit: `TRUST/TAG` for a replacement (``Planning/AssetPlan/key``),
        /// `TRUST/SITE/TAG` for an additional unit (``Planning/AdditionPlan/key``: `NEW-CT-1` is numbered per site).
        public var key: String { kind == .addition ? "\(trust)/\(site)/\(tag)" : "\(trust)/\(tag)" }
    }

    /// A member bought in a different year from the one the plan gives it.
    public struct Move: Sendable, Equatable {
        /// The purchase moved.
        public let member: Member
        /// The year the plan gives it.
        public let fromYear: Int
        /// The lot's year, which it is bought in.
        public let toYear: Int
    }

    /// A purchase the window would have brought forward into the lot, kept in its own (later) lot because the lot
    /// year's remaining budget headroom is smaller than its cost.
    public struct HeldBack: Sendable, Equatable {
        /// The purchase, as it stands in the later lot that holds it.
        public var member: Member
        /// The lot's year: the year it could have been bought in.
        public let year: Int
        /// What was left of that year's headroom when the purchase was considered: the year's budget − the plan's
        /// spend in it − the costs of the purchases already brought forward into it (negative when the plan itself
        /// spends over the budget).
        public var headroom: Pence

        /// How much more money that year would need to bring it forward.
        public var shortfall: Pence { member.cost - headroom }

        /// `held back: needs £721,000.00, 2026/27 has £120,000.00 of budget headroom left; bought in a later lot
        /// (planned 2027/28)`.
        public var reason: String {
            "held back: needs \(member.cost.formatted), \(FinancialYear.label(year)) has \(headroom.formatted) of budget "
                + "headroom left; bought in a later lot (planned \(FinancialYear.label(member.plannedYear)))"
        }
    }

    /// How many of the lot's units one trust, or one site of a trust, takes.
    public struct Count: Sendable, Equatable {
        /// The trust code.
        public let trust: String
        /// Nil in a per-trust count.
        public let site: String?
        /// How many units.
        public let quantity: Int
    }

    /// `CT-2027-1`: modality code, lot year, and a sequence number within that modality and year.
    public let id: String
    /// What the lot buys.
    public let category: EquipmentCategory
    /// The financial year the lot is needed in: the earliest member's planned year.
    public var year: Int
    /// Members, ordered by planned year, trust, site and tag.
    public var members: [Member]
    /// Whether ``valueExVAT`` reaches the threshold the lots were built with.
    public var aboveThreshold: Bool
    /// Purchases of the category within the window that the year's budget headroom could not bring forward, in
    /// the order they were considered (planned year, trust, site, tag). Not members: not counted in ``value``.
    public var heldBack: [HeldBack]

    /// Creates a lot from its parts.
    public init(id: String, category: EquipmentCategory, year: Int, members: [Member], aboveThreshold: Bool,
                heldBack: [HeldBack] = []) {
        self.id = id
        self.category = category
        self.year = year
        self.members = members
        self.aboveThreshold = aboveThreshold
        self.heldBack = heldBack
    }

    /// The category's modality.
    public var modality: Modality { category.modality }
    /// The category's specification class; `nil` when unknown.
    public var specification: String? { category.specification }
    /// How many units the lot buys.
    public var quantity: Int { members.count }
    /// The start of the lot's financial year: the date the first unit is needed.
    public var needDate: CalendarDate { FinancialYear.start(year) }
    /// The latest planned year of any member (equal to ``year`` without a window).
    public var lastPlannedYear: Int { members.map(\.plannedYear).max() ?? year }
    /// Sum of the members' planned costs, each at its planned year's prices (whole prices, so including any VAT the
    /// network cannot recover: what the budget pays).
    public var value: Pence { members.reduce(Pence.zero) { $0 + $1.cost } }
    /// Sum of the members' planned costs without VAT (equipment and works): the estimated contract value the
    /// procurement threshold is tested on.
    public var valueExVAT: Pence { members.reduce(Pence.zero) { $0 + $1.costExVAT } }
    /// Sum of the held-back purchases' costs (not part of ``value``).
    public var heldBackValue: Pence { heldBack.reduce(Pence.zero) { $0 + $1.member.cost } }

    /// Members whose planned year is not the lot's year, with from and to years.
    public var moves: [Move] {
        members.filter { $0.plannedYear != year }.map { Move(member: $0, fromYear: $0.plannedYear, toYear: year) }
    }

    /// Units per trust, trusts in code order.
    public var trusts: [Count] {
        var counts: [String: Int] = [:]
        for m in members { counts[m.trust, default: 0] += 1 }
        return counts.keys.sorted().map { Count(trust: $0, site: nil, quantity: counts[$0]!) }
    }

    /// Units per site, ordered by trust then site.
    public var sites: [Count] {
        struct Key: Hashable { var trust: String; var site: String }
        var counts: [Key: Int] = [:]
        for m in members { counts[Key(trust: m.trust, site: m.site), default: 0] += 1 }
        return counts.keys.sorted { ($0.trust, $0.site) < ($1.trust, $1.site) }
            .map { Count(trust: $0.trust, site: $0.site, quantity: counts[$0]!) }
    }
}
