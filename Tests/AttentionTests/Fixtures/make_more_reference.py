#!/usr/bin/env python3
"""More PyTorch cases for the Attention library: seeds, sizes and shapes other than
torch-reference.json's, each input drawn from the seeded generator. Needs torch (not a
dependency of the project): python3 make_more_reference.py writes torch-more-reference.json."""
import json, math, torch, torch.nn as nn, torch.nn.functional as F
torch.set_num_threads(1)
out = {}
def T(t): return t.detach().double().reshape(-1).tolist()
for s in [1, 7, 123, 2**40 + 5]:
    for n in [1, 3, 33, 100]:
        torch.manual_seed(s); out[f"rand/{s}/{n}"] = T(torch.rand(n))
    for n in [1, 2, 7, 15, 16, 31, 32, 33, 100, 1000]:
        torch.manual_seed(s); out[f"randn/{s}/{n}"] = T(torch.randn(n))
    torch.manual_seed(s); seq = [torch.randn(3), torch.randn(5), torch.randn(20), torch.randn(4), torch.randn(2,3,4)]
    out[f"randnseq/{s}"] = sum((T(x) for x in seq), [])
    torch.manual_seed(s)
    layers = [nn.Linear(7,5), nn.Linear(1,1), nn.Linear(10,3,bias=False), nn.Linear(33,17)]
    out[f"linear/{s}"] = sum(([*T(l.weight), *(T(l.bias) if l.bias is not None else [])] for l in layers), [])
    torch.manual_seed(s); w = torch.empty(5,7); nn.init.xavier_normal_(w); out[f"xaviernormal/{s}"] = T(w)
    torch.manual_seed(s); w = torch.empty(3,2); nn.init.xavier_normal_(w, gain=2.0); out[f"xaviernormal_small/{s}"] = T(w)
    torch.manual_seed(s); w = torch.empty(6,4); nn.init.kaiming_uniform_(w); out[f"kaiming/{s}"] = T(w)
    torch.manual_seed(s); w = torch.empty(40); w.normal_(0.5, 2.0); out[f"normal/{s}"] = T(w)
    torch.manual_seed(s); w = torch.empty(9,11); nn.init.xavier_uniform_(w, gain=1.5); out[f"xavieruniform/{s}"] = T(w)
# MHA
for (s, E, H, L, S) in [(5, 12, 3, 4, 6), (11, 16, 4, 5, 5), (2, 6, 1, 3, 7)]:
    torch.manual_seed(s)
    mha = nn.MultiheadAttention(E, H, batch_first=True)
    q = torch.randn(2, L, E); kv = torch.randn(2, S, E)
    o, w = mha(q, kv, kv, need_weights=True, average_attn_weights=False)
    out[f"mha/{s}/{E}/{H}"] = {"out": T(o), "w": T(w)}
# SDPA from seeded randn inputs
for (s, B, Hq, Hk, L, Sk, E, Ev, causal, scale) in [(3, 2, 6, 2, 4, 7, 5, 3, False, None), (4, 1, 2, 2, 5, 3, 8, 8, True, None), (9, 1, 1, 1, 6, 6, 16, 4, True, 0.3)]:
    torch.manual_seed(s)
    q = torch.randn(B, Hq, L, E); k = torch.randn(B, Hk, Sk, E); v = torch.randn(B, Hk, Sk, Ev)
    o = F.scaled_dot_product_attention(q, k, v, is_causal=causal, scale=scale, enable_gqa=(Hq != Hk))
    out[f"sdpa/{s}"] = T(o)
# course modules with other seeds
class Attention(nn.Module):
    def __init__(self, d_model=2):
        super().__init__()
        self.W_q = nn.Linear(d_model, d_model, bias=False); self.W_k = nn.Linear(d_model, d_model, bias=False); self.W_v = nn.Linear(d_model, d_model, bias=False)
    def forward(self, eq, ek, ev, mask=None):
        q, k, v = self.W_q(eq), self.W_k(ek), self.W_v(ev)
        sims = q @ k.T / torch.tensor(k.size(1) ** 0.5)
        if mask is not None: sims = sims.masked_fill(mask=mask, value=-1e9)
        p = F.softmax(sims, dim=1); return p @ v, p
enc = torch.tensor([[1.16, 0.23], [0.57, 1.36], [4.41, -2.16]])
for s in [0, 7, 2024]:
    torch.manual_seed(s); a = Attention(); o, p = a(enc, enc, enc); out[f"course/self/{s}"] = T(o)
    torch.manual_seed(s); a = Attention(); o, p = a(enc, enc, enc, torch.tril(torch.ones(3,3)) == 0); out[f"course/masked/{s}"] = T(o)
    torch.manual_seed(s); heads = [Attention() for _ in range(3)]; out[f"course/mh3/{s}"] = T(torch.cat([h(enc,enc,enc)[0] for h in heads], dim=1))
    torch.manual_seed(s); a = Attention(d_model=4); x = torch.randn(5, 4); o, p = a(x, x, x); out[f"course/d4/{s}"] = T(o)
json.dump(out, open("torch-more-reference.json", "w"))
print("cases", len(out), torch.backends.cpu.get_cpu_capability())
