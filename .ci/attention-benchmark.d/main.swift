// The attention library's speed table (issue #16): each operation's median time over several
// runs, GFLOP/s and the fraction of the machine's peak, and a checksum of its result so builds
// for different CPUs can be compared number for number. `.ci/attention-benchmark` compiles the
// library the way notesgen does and runs this; see that script for the options.
//
//   attention-benchmark [--runs N] [--peak GFLOPS] [--only NAME…]   the table
//   attention-benchmark --memory L                                   SDPA's peak memory at length L

import Attention
import Foundation


struct Options {
    var runs = 5
    var peak = 180.0
    var only: [String] = []
    var memoryLength: Int?

    init(_ arguments: [String]) {
        var rest = arguments.dropFirst()
        while let argument = rest.popFirst() {
            switch argument {
            case "--runs": runs = Int(rest.popFirst() ?? "") ?? runs
            case "--peak": peak = Double(rest.popFirst() ?? "") ?? peak
            case "--only": only.append(rest.popFirst() ?? "")
            case "--memory": memoryLength = Int(rest.popFirst() ?? "")
            default: fatalError("unknown argument \(argument)")
            }
        }
    }
}

/// Seconds since an arbitrary start, monotonic.
func now() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1e9
}

/// CPU seconds the whole process has used (all threads): on a shared, busy machine this
/// grows less than wall time does when other programs take turns on the cores.
func processorTime() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// A tensor of uniform numbers in [-1, 1) from a seeded generator.
func random(_ shape: [Int], seed: UInt64) -> Tensor {
    var generator = Generator(seed: seed)
    return Tensor.rand(shape, using: &generator) * 2 - 1
}

/// One row of the table: an operation, its floating-point work (0 if not meaningful), and a
/// closure that runs it once and returns its result.
struct Case {
    let name: String
    let flops: Double
    let run: () -> Tensor
}

func cases() -> [Case] {
    let (a256, b256) = (random([256, 256], seed: 1), random([256, 256], seed: 2))
    let (a1024, b1024) = (random([1024, 1024], seed: 3), random([1024, 1024], seed: 4))
    let scores = random([8, 1024, 1024], seed: 5)
    let (q1, k1, v1) = (
        random([1, 8, 1024, 64], seed: 6), random([1, 8, 1024, 64], seed: 7), random([1, 8, 1024, 64], seed: 8)
    )
    let (q2, k2, v2) = (
        random([1, 8, 2048, 64], seed: 9), random([1, 8, 2048, 64], seed: 10), random([1, 8, 2048, 64], seed: 11)
    )
    var generator = Generator(seed: 42)
    let course = SelfAttention(dModel: 2, rowDim: 0, colDim: 1, using: &generator)
    let encodings = Tensor([[1.16, 0.23], [0.57, 1.36], [4.41, -2.16]])
    return [
        Case(name: "matmul 256×256×256", flops: 2 * pow(256, 3)) { matmul(a256, b256) },
        Case(name: "matmul 1024³", flops: 2 * pow(1024, 3)) { matmul(a1024, b1024) },
        Case(name: "softmax [8, 1024, 1024]", flops: 0) { scores.softmax(dim: -1) },
        // Q·Kᵀ and P·V: 2 · 2 · H · L · S · E.
        Case(name: "SDPA [1, 8, 1024, 64]", flops: 4 * 8 * 1024 * 1024 * 64) {
            scaledDotProductAttention(query: q1, key: k1, value: v1)
        },
        // Causal: about half the pairs.
        Case(name: "SDPA [1, 8, 2048, 64] causal", flops: 4 * 8 * 2048 * 2049 / 2 * 64) {
            scaledDotProductAttention(query: q2, key: k2, value: v2, isCausal: true)
        },
        Case(name: "SelfAttention [3, 2] × 10,000", flops: 0) {
            var last = Tensor.zeros([3, 2])
            for _ in 0..<10_000 { last = course(encodings) }
            return last
        },
    ]
}

/// Order-sensitive digest of a result's bits: equal checksums mean equal numbers.
func checksum(_ tensor: Tensor) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for scalar in tensor.scalars {
        hash = (hash ^ UInt64(scalar.bitPattern)) &* 0x100_0000_01b3
    }
    return String(hash, radix: 16)
}

func table(_ options: Options) {
    print("| operation | median | GFLOP/s | of peak (\(Int(options.peak)) GFLOP/s) | CPU time | checksum |")
    print("|---|---|---|---|---|---|")
    for item in cases() where options.only.isEmpty || options.only.contains(where: item.name.contains) {
        var result = item.run()  // warm-up
        var (times, processorTimes): ([Double], [Double]) = ([], [])
        for _ in 0..<options.runs {
            let (start, processorStart) = (now(), processorTime())
            result = item.run()
            times.append(now() - start)
            processorTimes.append(processorTime() - processorStart)
        }
        let median = times.sorted()[times.count / 2]
        let processorMedian = processorTimes.sorted()[times.count / 2]
        let rate = item.flops / median / 1e9
        let perf = item.flops > 0 ? String(format: "%.1f | %.0f%%", rate, 100 * rate / options.peak) : "– | –"
        print(
            String(
                format: "| %@ | %.2f ms | %@ | %.2f ms | %@ |", item.name, median * 1e3, perf, processorMedian * 1e3,
                checksum(result)))
    }
}

/// A field of /proc/self/status in bytes (Linux: `VmRSS` resident now, `VmHWM` the peak).
func statusBytes(_ field: String) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
        return (Int(line.split(separator: " ")[1]) ?? 0) * 1024
    }
    return 0
}

/// Causal SDPA on [1, 8, L, 64]: the process's peak resident memory during the call, above what
/// it was before the inputs existed, against the bytes of the inputs and the output.
func memory(length: Int) {
    let baseline = statusBytes("VmRSS")
    let shape = [1, 8, length, 64]
    let (q, k, v) = (random(shape, seed: 1), random(shape, seed: 2), random(shape, seed: 3))
    // Reset the peak to the current resident size (writing 5 to clear_refs, Linux ≥ 4.0). The
    // script sets MALLOC_MMAP_THRESHOLD_ so that freed temporaries go back to the system at once
    // rather than staying resident and being reused unseen.
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    let output = scaledDotProductAttention(query: q, key: k, value: v, isCausal: true)
    let peak = statusBytes("VmHWM") - baseline
    let tensors = (3 * q.count + output.count) * MemoryLayout<Float>.stride
    print(
        String(
            format: "SDPA %@ causal: inputs + output %.1f MB, peak memory %.1f MB = %.2f× inputs + output",
            "\(shape)", Double(tensors) / 1e6, Double(peak) / 1e6, Double(peak) / Double(tensors)))
}

let options = Options(CommandLine.arguments)
if let length = options.memoryLength {
    memory(length: length)
} else {
    table(options)
}
