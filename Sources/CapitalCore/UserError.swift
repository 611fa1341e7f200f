/// An error caused by what the user gave (a file, a value, an option), as opposed to a fault.
///
/// The CLI prints `message` on stderr and exits 1. Messages name the thing: file, row, column,
/// value, trust or asset tag, and say what to do.
public struct UserError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What was wrong and what to do, as the CLI prints it.
    public let message: String
    /// An error carrying `message`.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
