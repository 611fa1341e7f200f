import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program and waits for it, with its output in a file.
///
/// Foundation's `Process` is not used here on purpose: on Linux it learns that a child ended when a
/// pipe the child inherited closes, and `pg_ctl start` leaves a server running that inherits that
/// pipe too, so `waitUntilExit` would wait for the server to stop. `posix_spawn` + `waitpid`
/// waits for exactly the process it started.
enum Spawn {
    struct Result {
        var status: Int32
        var output: String
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Result {
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("capital-\(getpid())-\(UUID().uuidString).out").path
        defer { unlink(outputPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Close every other inherited descriptor. The server `pg_ctl start` leaves behind would
        // otherwise hold our caller's pipes open (a script's `$(capital db start)`, a Python
        // `subprocess.run(capture_output=True)`) and the caller would wait for it forever.
        for fd in Spawn.openDescriptors() where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard rc == 0 else {
            throw PostgresError(kind: .connection, message: "cannot run \(executable): \(String(cString: strerror(rc)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else {
                throw PostgresError(kind: .connection, message: "waiting for \(executable) failed: \(String(cString: strerror(errno)))")
            }
        }
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // WIFEXITED / WEXITSTATUS as macros are not imported into Swift.
        let exited = (status & 0x7f) == 0
        return Result(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output: output)
    }

    static func openDescriptors() -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return names.compactMap { Int32($0) }.filter { fcntl($0, F_GETFD) != -1 }
    }
}
