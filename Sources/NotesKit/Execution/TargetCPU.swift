import Foundation

/// The processor the library is compiled for: the machine that runs the notes, since notesgen
/// compiles the library on it. The default x86-64 target has SSE2 only, half the vector width
/// of AVX2; on this project's 2-core AVX-512 machines the library's matmul and attention ran
/// 2–3× faster built for the machine (`.ci/attention-benchmark`). The kernels never fuse a
/// multiply and an add, so every target computes the same bits, and the site does not depend
/// on the machine that built it.
///
/// The flags are part of the library's hash, with the processor's name and features, so a cache
/// carried to another machine builds the library again instead of running instructions that
/// machine lacks.
enum TargetCPU {
    /// `-target-cpu native`, and `-D ATTENTION_WIDE_SIMD` (the 16-wide micro-kernel) when the
    /// processor has AVX2 or AVX-512; nothing on a machine whose features cannot be read.
    static let flags: [String] = {
        guard let features else { return [] }
        var flags = ["-target-cpu", "native"]
        if features.contains("avx2") || features.contains("avx512f") { flags += ["-D", "ATTENTION_WIDE_SIMD"] }
        return flags
    }()

    /// The `flags` line of /proc/cpuinfo's first processor.
    static let features: Set<String>? = {
        guard let line = cpuinfoLine("flags") else { return nil }
        return Set(line.split(separator: " ").map(String.init))
    }()

    /// The processor's model and features, hashed: what makes a library built here usable there.
    static let identity: String = String(
        SHA256.hex((cpuinfoLine("model name") ?? "") + "|" + (cpuinfoLine("flags") ?? "")).prefix(16))

    /// /proc/cpuinfo, read once.
    private static let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)

    private static func cpuinfoLine(_ key: String) -> String? {
        guard let text = cpuinfo else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(key) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}
