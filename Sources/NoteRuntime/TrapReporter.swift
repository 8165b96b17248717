import Foundation
import NoteResults

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Tells notesgen where a note's program trapped.
///
/// A trap's message names the library's file, not the note's line that called it. So on a crash
/// signal the program sends, through the result channel, the return addresses on its stack that
/// lie in its own executable (as offsets, the executable being position-independent); notesgen
/// looks them up in the program's debug information, where `#sourceLocation` put the note's lines.
enum TrapReporter {
    /// Where the executable is mapped in memory: its load address and its address ranges, read
    /// from /proc/self/maps before anything can crash.
    nonisolated(unsafe) private static var loadAddress: UInt = 0
    nonisolated(unsafe) private static var ranges: [ClosedRange<UInt>] = []

    static func install() {
        readMappings()
        guard loadAddress != 0 else { return }
        for crash in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT] {
            signal(crash) { crash in
                ResultChannel.shared.reportTrap(frames: TrapReporter.programFrames())
                // Die of the same signal, so notesgen sees the crash as it was.
                signal(crash, SIG_DFL)
                raise(crash)
            }
        }
    }

    /// Offsets into the executable of the calls on the stack, innermost first.
    static func programFrames() -> [Int] {
        Thread.callStackReturnAddresses.compactMap { number in
            let address = number.uintValue
            guard ranges.contains(where: { $0.contains(address) }) else { return nil }
            // A return address points after its call: step back into the call's line.
            return Int(address - loadAddress) - 1
        }
    }

    /// Lines of /proc/self/maps: `start-end perms offset dev inode path`.
    private static func readMappings() {
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
            let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8)
        else { return }
        for line in maps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[5...].joined(separator: " ") == executable else { continue }
            let bounds = fields[0].split(separator: "-").compactMap { UInt($0, radix: 16) }
            guard bounds.count == 2, let offset = UInt(fields[2], radix: 16) else { continue }
            ranges.append(bounds[0]...bounds[1])
            if offset == 0 && (loadAddress == 0 || bounds[0] < loadAddress) { loadAddress = bounds[0] }
        }
    }
}
