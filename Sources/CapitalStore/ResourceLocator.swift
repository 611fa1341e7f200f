import Foundation

/// Finds the project's data folders (`sql/` migrations, `importers/` mapping profiles) at run time.
///
/// Order: `$CAPITAL_HOME/<name>`; then the folder beside or above the running executable (a
/// checkout's `.build/debug/capital` finds the checkout's `sql/`); then the current directory and
/// its parents; then `/usr/share/capital/<name>` for an installed copy.
public enum ResourceLocator {
    /// The folder `name` (e.g. `sql`, `importers`), searched in the order above; throws a `CapitalStoreError` naming
    /// `CAPITAL_HOME` when it is set without that folder, or when no candidate has it.
    public static func directory(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        func found(_ url: URL) -> Bool { fm.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue }
        if let home = environment["CAPITAL_HOME"], !home.isEmpty {
            let url = URL(fileURLWithPath: home).appendingPathComponent(name)
            if found(url) { return url }
            throw CapitalStoreError("CAPITAL_HOME is \(home) but it has no \(name)/ folder")
        }
        var starts: [URL] = []
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        starts.append(exe.deletingLastPathComponent())
        if let bundle = Bundle.main.executableURL?.resolvingSymlinksInPath() { starts.append(bundle.deletingLastPathComponent()) }
        starts.append(URL(fileURLWithPath: fm.currentDirectoryPath))
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent(name)
                if found(candidate), fm.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return candidate }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        let shared = URL(fileURLWithPath: "/usr/share/capital").appendingPathComponent(name)
        if found(shared) { return shared }
        throw CapitalStoreError("cannot find the \(name)/ folder: run capital from its checkout or set CAPITAL_HOME to the folder that holds \(name)/")
    }
}

/// An error in setting up or using the store, worded for the user.
public struct CapitalStoreError: Error, CustomStringConvertible, Sendable {
    /// What went wrong and, where it helps, what to do, worded for the user.
    public let message: String
    /// Creates an error with its message.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
