"""PyTorch's column of the attention benchmark (optional: needs torch). Same operations and
shapes as main.swift, float32 on the CPU, median of several runs; CPU time is the process's
(all threads), which a busy machine inflates less than wall time."""
import statistics
import sys
import time

import torch
import torch.nn.functional as F

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
torch.manual_seed(0)
r = lambda *shape: torch.rand(*shape) * 2 - 1
a256, b256, a1024, b1024 = r(256, 256), r(256, 256), r(1024, 1024), r(1024, 1024)
scores = r(8, 1024, 1024)
q1, k1, v1 = r(1, 8, 1024, 64), r(1, 8, 1024, 64), r(1, 8, 1024, 64)
q2, k2, v2 = r(1, 8, 2048, 64), r(1, 8, 2048, 64), r(1, 8, 2048, 64)
wq, wk, wv = (torch.nn.Linear(2, 2, bias=False) for _ in range(3))
encodings = torch.tensor([[1.16, 0.23], [0.57, 1.36], [4.41, -2.16]])


def self_attention():
    for _ in range(10_000):
        q, k, v = wq(encodings), wk(encodings), wv(encodings)
        s = torch.matmul(q, k.transpose(0, 1)) / torch.tensor(k.size(1) ** 0.5)
        torch.matmul(F.softmax(s, dim=1), v)


cases = [
    ("matmul 256×256×256", 2 * 256**3, lambda: torch.matmul(a256, b256)),
    ("matmul 1024³", 2 * 1024**3, lambda: torch.matmul(a1024, b1024)),
    ("softmax [8, 1024, 1024]", 0, lambda: torch.softmax(scores, dim=-1)),
    ("SDPA [1, 8, 1024, 64]", 4 * 8 * 1024 * 1024 * 64, lambda: F.scaled_dot_product_attention(q1, k1, v1)),
    (
        "SDPA [1, 8, 2048, 64] causal",
        4 * 8 * 2048 * 2049 // 2 * 64,
        lambda: F.scaled_dot_product_attention(q2, k2, v2, is_causal=True),
    ),
    ("SelfAttention [3, 2] × 10,000", 0, self_attention),
]
print(f"| operation (PyTorch {torch.__version__}, {torch.get_num_threads()} threads) | median | GFLOP/s | CPU time |")
print("|---|---|---|---|")
with torch.inference_mode():
    for name, flops, run in cases:
        run()
        times, cpu_times = [], []
        for _ in range(runs):
            start, cpu_start = time.perf_counter(), time.process_time()
            run()
            times.append(time.perf_counter() - start)
            cpu_times.append(time.process_time() - cpu_start)
        median = statistics.median(times)
        rate = f"{flops / median / 1e9:.1f}" if flops else "–"
        print(f"| {name} | {median * 1e3:.2f} ms | {rate} | {statistics.median(cpu_times) * 1e3:.2f} ms |")
