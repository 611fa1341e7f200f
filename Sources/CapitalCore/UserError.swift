/// An error caused by what the user gave (a file, a value, an option), as opposed to a fault.
///
/// The CLI prints `message` on stderr and exits 1. Messages name the thing: file, row, column,
/// value, trust or asset tag, and say what to do.
public struct UserError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
