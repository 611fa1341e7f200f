import Foundation

/// How long and how hard ``solve(_:options:)`` works.
///
/// Rule kept: the solver returns within about `timeLimit` seconds (plus the time to read the model and check the
/// answer), and with the same options and input it follows the same deterministic search (only how far it gets
/// within the time limit can vary with the machine).
public struct SolverOptions: Sendable, Equatable {
    /// Wall-clock budget in seconds (default 10).
    public let timeLimit: Double
    /// Stop early once `(objective − bound) / |objective|` is at most this (default 0: run until proven or timed out).
    public let relativeGapTolerance: Double
    /// Seed of the pseudo-random choices in the search (tabu tenures, restarts).
    public let seed: UInt64
    /// Models with at most this many options get the exact branch and bound after the heuristics.
    public let branchAndBoundOptionLimit: Int
    /// For large models (more than 20,000 options): stop after this many dual iterations, whatever the clock
    /// says, so the same input gives the same plan on any machine (`timeLimit` then only guards against a
    /// runaway). Nil: run until the time limit or the gap tolerance.
    public let iterationLimit: Int?
    /// A plan to start from (item id → option label; an item not named takes its `none` option, else its first). It
    /// is used when it fits every limit, and the result is then never worse than it: a frontier warm-starts each
    /// budget from the last, so more money never leaves a worse plan.
    public var warmStart: [String: String]?

    /// Creates options; every parameter has the default described on its property.
    public init(timeLimit: Double = 10, relativeGapTolerance: Double = 0, seed: UInt64 = 12345,
                branchAndBoundOptionLimit: Int = 5000, iterationLimit: Int? = nil, warmStart: [String: String]? = nil) {
        self.timeLimit = timeLimit
        self.relativeGapTolerance = relativeGapTolerance
        self.seed = seed
        self.branchAndBoundOptionLimit = branchAndBoundOptionLimit
        self.iterationLimit = iterationLimit
        self.warmStart = warmStart
    }
}
