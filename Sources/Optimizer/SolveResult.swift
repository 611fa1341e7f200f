import Foundation

/// What ``solve(_:options:)`` found, with its certificate.
///
/// Rules kept: `choices` (item id → option label) is always a plan that respects every limit, checked exactly in
/// integers, and `objective` is its total penalty; `bound` is a proven lower bound on the best possible total, so
/// `gap = (objective − bound) / max(|objective|, 1e-9)` bounds how far the plan can be from the optimum.
/// `status` is `optimal` only when proven, `infeasible` only when proven (with a `reason`), `feasible` when a plan is
/// known but not proven best, `unknown` when no plan was found and infeasibility was not proven.
public struct SolveResult: Codable, Sendable, Equatable {
    /// How far the solver got: a proven optimum, a plan without proof, proven infeasibility, or nothing.
    public enum Status: String, Codable, Sendable {
        case optimal, feasible, infeasible, unknown
    }

    /// Whether the plan is proven optimal, only feasible, or absent (proven infeasible or unknown).
    public let status: Status
    /// Total penalty of `choices`; nil when there is no plan.
    public let objective: Double?
    /// Proven lower bound on the optimum; nil when none was computed (e.g. infeasible or invalid model).
    public let bound: Double?
    /// Relative gap between `objective` and `bound`; nil without both.
    public let gap: Double?
    /// Wall-clock seconds spent.
    public let seconds: Double
    /// Chosen option label for every item; empty when there is no plan.
    public let choices: [String: String]
    /// Why the model is infeasible, invalid or unsolved, in words.
    public let reason: String?
    /// Branch-and-bound nodes explored.
    public let nodes: Int
    /// Lagrangian (subgradient) iterations performed.
    public let iterations: Int

    /// Creates a result from its parts.
    public init(status: Status, objective: Double? = nil, bound: Double? = nil, gap: Double? = nil,
                seconds: Double, choices: [String: String] = [:], reason: String? = nil,
                nodes: Int = 0, iterations: Int = 0) {
        self.status = status
        self.objective = objective
        self.bound = bound
        self.gap = gap
        self.seconds = seconds
        self.choices = choices
        self.reason = reason
        self.nodes = nodes
        self.iterations = iterations
    }

    private enum CodingKeys: String, CodingKey {
        case status, objective, bound, gap, seconds, choices, reason, nodes, iterations
    }

    /// Encodes every key, writing `null` for a missing objective, bound or gap (the documented JSON shape).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(objective, forKey: .objective)
        try container.encode(bound, forKey: .bound)
        try container.encode(gap, forKey: .gap)
        try container.encode(seconds, forKey: .seconds)
        try container.encode(choices, forKey: .choices)
        try container.encodeIfPresent(reason, forKey: .reason)
        try container.encode(nodes, forKey: .nodes)
        try container.encode(iterations, forKey: .iterations)
    }

    /// The result as JSON text with sorted keys.
    public func jsonString() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(self)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// The result as text for a person: status, objective, bound, gap (percent), seconds and, when there is one, the reason,
    /// a line each (`capital solve --format table`).
    public func summaryText() -> String {
        "status: \(status.rawValue)\nobjective: \(objective.map { "\($0)" } ?? "-")\n"
            + "bound: \(bound.map { "\($0)" } ?? "-")\ngap: \(gap.map { String(format: "%.4f%%", $0 * 100) } ?? "-")\n"
            + "seconds: \(String(format: "%.2f", seconds))\n" + (reason.map { "reason: \($0)\n" } ?? "")
    }
}
