import Foundation

/// A wall-clock budget measured from the start of a solve; cheap to query from the hot loops.
struct Deadline: Sendable {
    let start: ContinuousClock.Instant
    let end: ContinuousClock.Instant

    init(seconds: Double) {
        start = ContinuousClock.now
        end = start.advanced(by: .milliseconds(Int64(max(0, seconds) * 1000)))
    }

    var passed: Bool { ContinuousClock.now >= end }

    /// Seconds since the start.
    var elapsed: Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// Seconds until the end (≥ 0).
    var remaining: Double {
        let d = end - ContinuousClock.now
        return max(0, Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
    }
}
