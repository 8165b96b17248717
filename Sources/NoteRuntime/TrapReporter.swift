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
///
/// The handler runs in a signal context: whatever the program was doing (holding the allocator's
/// lock, overflowing its stack) is frozen. So it only makes async-signal-safe calls: it walks the
/// frame pointers from the interrupted registers, formats the event by hand into a buffer
/// allocated at install, and `write`s it to the results file opened at start. It runs on a
/// stack of its own (`sigaltstack`), so a stack overflow is reported at its line too.
///
/// The library is optimised, and optimised Swift uses the frame pointer register for data, so
/// a trap inside it breaks the chain before it reaches the note's code. Only then the handler
/// asks glibc's `backtrace`, which reads the unwind tables instead; it is not async-signal-safe
/// on its first call (it loads libgcc_s), so it is called once at install.
enum TrapReporter {
    /// The block running, set by the result channel; read by the handler.
    nonisolated(unsafe) static var currentBlock = 0

    nonisolated(unsafe) private static var results: Int32 = -1
    /// Where the executable is mapped in memory: its load address and its address ranges, read
    /// from /proc/self/maps before anything can crash.
    nonisolated(unsafe) private static var loadAddress: UInt = 0
    nonisolated(unsafe) private static var ranges: UnsafeMutablePointer<(low: UInt, high: UInt)>?
    nonisolated(unsafe) private static var rangeCount = 0
    /// The main thread's stack: frame pointers outside it are not followed.
    nonisolated(unsafe) private static var stackLow: UInt = 0
    nonisolated(unsafe) private static var stackHigh: UInt = 0
    /// The event's line, written into preallocated memory.
    nonisolated(unsafe) private static let line = UnsafeMutablePointer<UInt8>.allocate(capacity: lineCapacity)
    private static let lineCapacity = 4096
    private static let maximumFrames = 64

    /// glibc's `backtrace` (declared in <execinfo.h>, which Swift's Glibc module leaves out).
    private typealias Backtrace = @convention(c) (UnsafeMutablePointer<UnsafeMutableRawPointer?>, Int32) -> Int32
    nonisolated(unsafe) private static var backtrace: Backtrace?
    private static let backtraceCapacity: Int32 = 256
    nonisolated(unsafe) private static let addresses = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(
        capacity: Int(backtraceCapacity))

    static func install(results descriptor: Int32) {
        readMappings()
        guard loadAddress != 0 else { return }
        // Everything the handler touches exists before it can run: a lazily made global would
        // allocate in the handler.
        line.initialize(repeating: 0, count: lineCapacity)
        backtrace = dlsym(nil, "backtrace").map { unsafeBitCast($0, to: Backtrace.self) }
        _ = backtrace?(addresses, backtraceCapacity)
        results = descriptor
        var alternate = stack_t()
        let size = 256 * 1024
        alternate.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        alternate.ss_size = size
        alternate.ss_flags = 0
        sigaltstack(&alternate, nil)
        for crash in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT] {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = { signal, _, context in
                TrapReporter.report(context: context)
                // The handler was reset on entry (SA_RESETHAND): die of the same signal, so
                // notesgen sees the crash as it was.
                raise(signal)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_SIGINFO | SA_ONSTACK | Int32(bitPattern: UInt32(SA_RESETHAND))
            sigaction(crash, &action, nil)
        }
    }

    /// Writes the trap event: `{"block":B,"frames":[…],"kind":"trap","stdoutOffset":0}`.
    private static func report(context: UnsafeMutableRawPointer?) {
        var writer = LineWriter(buffer: line, capacity: lineCapacity)
        writer.append("{\"block\":")
        writer.append(currentBlock)
        writer.append(",\"frames\":[")
        var count = 0
        func visit(_ address: UInt) -> Bool {
            guard let offset = programOffset(address) else { return true }
            if count > 0 { writer.append(",") }
            writer.append(offset)
            count += 1
            return count < maximumFrames
        }
        walkStack(context: context, visit)
        if count == 0, let backtrace {
            let found = Int(backtrace(addresses, backtraceCapacity))
            for index in 0..<found {
                guard visit(UInt(bitPattern: addresses[index])) else { break }
            }
        }
        writer.append("],\"kind\":\"trap\",\"stdoutOffset\":0}\n")
        _ = write(results, line, writer.count)
    }

    /// The offset into the executable of the call before `address` (a return address points
    /// after its call), or nil when `address` is not in the executable.
    private static func programOffset(_ address: UInt) -> Int? {
        guard let ranges, address > loadAddress else { return nil }
        for index in 0..<rangeCount where ranges[index].low <= address && address <= ranges[index].high {
            return Int(address - loadAddress) - 1
        }
        return nil
    }

    /// Calls `visit` with the interrupted instruction's address (plus one, so that it reads
    /// like a return address) and then each return address up the chain of frame pointers,
    /// until `visit` returns false or the chain leaves the stack.
    private static func walkStack(context: UnsafeMutableRawPointer?, _ visit: (UInt) -> Bool) {
        guard let context else { return }
        let machine = context.assumingMemoryBound(to: ucontext_t.self)
        #if arch(x86_64)
            // gregs[16] is REG_RIP and gregs[10] REG_RBP (<sys/ucontext.h>, behind _GNU_SOURCE).
            let (pc, fp) = withUnsafeBytes(of: machine.pointee.uc_mcontext.gregs) { registers in
                (
                    UInt(bitPattern: Int(registers.load(fromByteOffset: 16 * 8, as: Int64.self))),
                    UInt(bitPattern: Int(registers.load(fromByteOffset: 10 * 8, as: Int64.self)))
                )
            }
        #elseif arch(arm64)
            let pc = UInt(machine.pointee.uc_mcontext.pc)
            let fp = withUnsafeBytes(of: machine.pointee.uc_mcontext.regs) {
                UInt($0.load(fromByteOffset: 29 * 8, as: UInt64.self))
            }
        #else
            return
        #endif
        guard visit(pc + 1) else { return }
        var frame = fp
        // Each frame holds the caller's frame pointer, then the return address.
        while frame >= stackLow, frame <= stackHigh &- 16, frame % 8 == 0 {
            guard let words = UnsafePointer<UInt>(bitPattern: frame) else { return }
            let caller = words[0]
            let returnAddress = words[1]
            guard returnAddress != 0, visit(returnAddress), caller > frame else { return }
            frame = caller
        }
    }

    /// Lines of /proc/self/maps: `start-end perms offset dev inode path`.
    private static func readMappings() {
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
            let maps = readWhole("/proc/self/maps")
        else { return }
        var found: [(low: UInt, high: UInt)] = []
        for line in maps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[5...].joined(separator: " ") == executable else { continue }
            let bounds = fields[0].split(separator: "-").compactMap { UInt($0, radix: 16) }
            guard bounds.count == 2, let offset = UInt(fields[2], radix: 16) else { continue }
            found.append((bounds[0], bounds[1]))
            if offset == 0 && (loadAddress == 0 || bounds[0] < loadAddress) { loadAddress = bounds[0] }
        }
        readStackBounds(maps: maps)
        let stored = UnsafeMutablePointer<(low: UInt, high: UInt)>.allocate(capacity: max(found.count, 1))
        stored.initialize(from: found, count: found.count)
        ranges = stored
        rangeCount = found.count
    }

    /// A /proc file, read to its end (it reports a size of 0, which Foundation's readers trust).
    private static func readWhole(_ path: String) -> String? {
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return nil }
        defer { close(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(file, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The main thread's stack: from the top of the `[stack]` mapping down as far as it may
    /// grow (its size limit).
    private static func readStackBounds(maps: String) {
        guard let stackLine = maps.split(separator: "\n").first(where: { $0.hasSuffix("[stack]") }),
            let range = stackLine.split(separator: " ").first,
            let top = range.split(separator: "-").last.flatMap({ UInt($0, radix: 16) })
        else { return }
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_STACK.rawValue), &limit)
        let size = UInt(min(limit.rlim_cur, 1 << 30))
        stackHigh = top
        stackLow = top - size
    }
}

/// Appends text and decimal numbers to a fixed buffer, without allocating.
private struct LineWriter {
    let buffer: UnsafeMutablePointer<UInt8>
    let capacity: Int
    private(set) var count = 0

    init(buffer: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.buffer = buffer
        self.capacity = capacity
    }

    /// A static string's bytes (a literal is stored as UTF-8 in the binary: nothing allocates).
    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes in
            for byte in bytes { append(byte: byte) }
        }
    }

    mutating func append(_ number: Int) {
        if number < 0 { append(byte: UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var length = 0
        withUnsafeMutableBytes(of: &digits) { digits in
            repeat {
                digits[length] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                length += 1
            } while magnitude > 0
            for index in stride(from: length - 1, through: 0, by: -1) { append(byte: digits[index]) }
        }
    }

    private mutating func append(byte: UInt8) {
        guard count < capacity - 1 else { return }
        buffer[count] = byte
        count += 1
    }
}
