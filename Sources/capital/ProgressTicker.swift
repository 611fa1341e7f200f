import Foundation

/// A progress line on a terminal for a step that may run longer than about two seconds (plan, frontier, demo, report,
/// procure): what is running, the seconds so far and, where the step has a time limit, at most how many are left
/// (a step with no limit, such as the report, shows the seconds so far only). The optimiser stops at its time limit, sooner once its
/// gap is met, so "at most" is the honest estimate. Nothing is drawn when standard error is not a terminal or the
/// user asked for quiet: scripts and logs stay plain.
final class ProgressTicker: @unchecked Sendable {
    private let label: String
    private let budget: Double?
    private let started = Date()
    private let lock = NSLock()
    private var drawn = false
    private var stopped = false
    private var timer: DispatchSourceTimer?

    /// Starts ticking `label` against a budget of `budget` seconds when `enabled` and stderr is a terminal; the first
    /// line appears after two seconds.
    init(_ label: String, budget: Double?, enabled: Bool = true) {
        self.label = label
        self.budget = budget
        guard enabled, isatty(2) == 1 else { return }
        let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        timer.schedule(deadline: .now() + 2, repeating: 0.5)
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
        self.timer = timer
    }

    /// The line as drawn after `elapsed` seconds of `budget`.
    static func line(_ label: String, elapsed: Double, budget: Double?) -> String {
        guard let budget else { return "\(label): \(Int(elapsed)) s" }
        let left = max(0, budget - elapsed)
        return "\(label): \(Int(elapsed)) s, at most \(Int(left.rounded(.up))) s left"
    }

    private func draw() {
        lock.lock(); defer { lock.unlock() }
        guard !stopped else { return }
        let text = "\r" + Self.line(label, elapsed: Date().timeIntervalSince(started), budget: budget) + "\u{1B}[K"
        FileHandle.standardError.write(Data(text.utf8))
        drawn = true
    }

    /// Stops ticking and clears the line, so what is printed next starts on a clean line.
    func stop() {
        timer?.cancel()
        lock.lock(); defer { lock.unlock() }
        stopped = true
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
