#!/usr/bin/python3
"""Build the tiny TorchScript test fixtures used by the Java tests of org.fde.djl (no training, seeded weights).

Writes, relative to the repository root:
  src/test/resources/tiny-score/{model.pt, card.json, reference.json}         image prior (epsilon network)
  src/test/resources/tiny-kernel-prior/{model.pt, card.json, reference.json}  kernel prior (PnP denoiser)

The reference files hold summaries of the networks' outputs (and of one vector-Jacobian product) for deterministic
inputs that the Java tests rebuild from the same closed-form formulas (see input_image / input_vector below), so no
random numbers have to agree between Python and Java.

    /usr/bin/python3 models/training/make_tiny_score_net.py
"""
import json
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fde_models import KernelDenoiser  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SEED = 20240104
T = 1000


class TinyScoreNet(nn.Module):
    """A few hundred parameters: conv -> time-dependent scale and shift -> SiLU -> conv -> tanh, plus a linear skip.

    Nonlinear in x (so the Jacobian depends on x) and in t (sinusoidal features of the original timestep index).
    Behaves identically in train and eval mode (no dropout, no batch norm).
    """

    def __init__(self, channels: int = 1, width: int = 8):
        super().__init__()
        self.c1 = nn.Conv2d(channels, width, 3, padding=1)
        self.t_lin = nn.Linear(4, 2 * width)
        self.c2 = nn.Conv2d(width, channels, 3, padding=1)
        self.skip = nn.Parameter(torch.tensor(0.3))

    def forward(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        s = t.float() / 1000.0
        feats = torch.stack([torch.sin(3.0 * s), torch.cos(3.0 * s), torch.sin(7.0 * s), s], dim=1)
        scale, shift = self.t_lin(feats)[:, :, None, None].chunk(2, dim=1)
        h = F.silu(self.c1(x) * (1.0 + scale) + shift)
        return torch.tanh(self.c2(h)) + self.skip * x


def input_image(n: int, c: int, h: int, w: int) -> torch.Tensor:
    """x[i, ch, y, x] = 0.9 sin(0.31 y + 0.17 x + 1.3 ch + 0.7 i) (the Java test uses the same formula)."""
    i = torch.arange(n, dtype=torch.float64)[:, None, None, None]
    ch = torch.arange(c, dtype=torch.float64)[None, :, None, None]
    y = torch.arange(h, dtype=torch.float64)[None, None, :, None]
    xx = torch.arange(w, dtype=torch.float64)[None, None, None, :]
    return (0.9 * torch.sin(0.31 * y + 0.17 * xx + 1.3 * ch + 0.7 * i)).float()


def input_vector(size: int) -> torch.Tensor:
    """v[k] = cos(0.13 k) over the flat NCHW index k."""
    return torch.cos(0.13 * torch.arange(size, dtype=torch.float64)).float()


def summaries(a: torch.Tensor) -> dict:
    """Sum, sum of |a|, sum of squares and an index-weighted sum (sensitive to permutations), in double precision.

    Compare a recomputed sum or weighted sum within a tolerance relative to sum_abs (the sums may cancel).
    """
    flat = a.detach().double().reshape(-1)
    k = torch.arange(flat.numel(), dtype=torch.float64)
    return {
        "sum": flat.sum().item(),
        "sum_abs": flat.abs().sum().item(),
        "sum_sq": (flat * flat).sum().item(),
        "weighted_sum": (flat * torch.sin(0.05 * k + 0.1)).sum().item(),
        "first": [round(v, 8) for v in flat[:4].tolist()],
    }


def size_kb(path: str) -> float:
    return os.path.getsize(path) / 1024.0


def make_score(out_dir: str) -> None:
    torch.manual_seed(SEED)
    net = TinyScoreNet().eval()
    scripted = torch.jit.script(net)
    os.makedirs(out_dir, exist_ok=True)
    model_path = os.path.join(out_dir, "model.pt")
    torch.jit.save(scripted, model_path)
    reloaded = torch.jit.load(model_path)

    shape = [2, 1, 12, 10]
    x = input_image(*shape)
    cases = []
    for t in (500.0, 37.5):
        tt = torch.full((shape[0],), t, dtype=torch.float32)
        with torch.no_grad():
            eps = reloaded(x, tt)
            eager = net(x, tt)
        assert torch.max(torch.abs(eps - eager)).item() < 1e-6, "scripted and eager outputs differ"
        xg = x.clone().requires_grad_(True)
        v = input_vector(xg.numel()).reshape(shape)
        (g,) = torch.autograd.grad((reloaded(xg, tt) * v).sum(), xg)
        cases.append({"t": t, "epsilon": summaries(eps), "vjp": summaries(g)})

    n_params = sum(p.numel() for p in net.parameters())
    card = {
        "format": "fde-model-card/1",
        "name": "tiny-test-net",
        "version": "1",
        "role": "image-prior",
        "file": "model.pt",
        "framework": "torchscript",
        "layout": "NCHW",
        "dtype": "float32",
        "channels": 1,
        "value_range": [-1.0, 1.0],
        "parameterisation": "epsilon",
        "timestep": "original-index",
        "schedule": {"name": "linear", "beta_start": 1e-4, "beta_end": 0.02, "steps": T},
        "size_multiple": 1,
        "methods": {"forward": "forward(x: Tensor[N,C,H,W], t: Tensor[N]) -> Tensor[N,C,H,W]"},
        "training": {"note": "untrained test fixture with seeded random weights",
                     "generator": "models/training/make_tiny_score_net.py", "seed": SEED, "parameters": n_params,
                     "torch": torch.__version__},
        "metrics": {},
    }
    with open(os.path.join(out_dir, "card.json"), "w") as f:
        json.dump(card, f, indent=2)
        f.write("\n")
    ref = {
        "generator": "models/training/make_tiny_score_net.py",
        "input": "x[i,ch,y,x] = 0.9*sin(0.31*y + 0.17*x + 1.3*ch + 0.7*i); v[k] = cos(0.13*k), k = flat NCHW index",
        "summaries": "sum, sum_abs, sum_sq, weighted_sum = sum_k a[k]*sin(0.05*k + 0.1), first = a[0..3]",
        "shape": shape,
        "cases": cases,
    }
    with open(os.path.join(out_dir, "reference.json"), "w") as f:
        json.dump(ref, f, indent=2)
        f.write("\n")
    print(f"{model_path}: {n_params} parameters, {size_kb(model_path):.1f} KB")


def gaussian_kernel(size: int, sigma: float) -> torch.Tensor:
    r = torch.arange(size, dtype=torch.float64) - (size - 1) / 2.0
    g = torch.exp(-(r[:, None] ** 2 + r[None, :] ** 2) / (2.0 * sigma * sigma))
    return (g / g.sum()).float()


def make_kernel_prior(out_dir: str) -> None:
    torch.manual_seed(SEED + 1)
    net = KernelDenoiser(depth=3, width=4).eval()
    scripted = torch.jit.script(net)
    os.makedirs(out_dir, exist_ok=True)
    model_path = os.path.join(out_dir, "model.pt")
    torch.jit.save(scripted, model_path)
    reloaded = torch.jit.load(model_path)

    cases = []
    for size, sigma, level in ((33, 2.5, 0.05), (64, 4.0, 0.2)):
        k = gaussian_kernel(size, sigma)
        x = torch.stack([k, torch.full_like(k, level)])[None]
        with torch.no_grad():
            out = reloaded(x)
        assert list(out.shape) == [1, 1, size, size]
        cases.append({"size": size, "sigma": sigma, "level": level, "output": summaries(out)})

    n_params = sum(p.numel() for p in net.parameters())
    card = {
        "format": "fde-model-card/1",
        "name": "tiny-test-kernel-prior",
        "version": "1",
        "role": "kernel-prior",
        "file": "model.pt",
        "framework": "torchscript",
        "layout": "NCHW",
        "dtype": "float32",
        "inputs": ["kernel", "noise_level_map"],
        "kernel_sizes": [33, 64],
        "noise_level": "sqrt(lambda/beta)",
        "level_range": [0.0, 0.5],
        "methods": {"forward": "forward(x: Tensor[N,2,S,S]) -> Tensor[N,1,S,S]"},
        "training": {"note": "untrained test fixture with seeded random weights (KernelDenoiser depth 3, width 4)",
                     "generator": "models/training/make_tiny_score_net.py", "seed": SEED + 1,
                     "parameters": n_params, "torch": torch.__version__},
        "metrics": {},
    }
    with open(os.path.join(out_dir, "card.json"), "w") as f:
        json.dump(card, f, indent=2)
        f.write("\n")
    ref = {
        "generator": "models/training/make_tiny_score_net.py",
        "input": "channel 0: normalised isotropic Gaussian kernel of the given sigma, centred at (size-1)/2; "
                 "channel 1: constant level",
        "summaries": "sum, sum_abs, sum_sq, weighted_sum = sum_k a[k]*sin(0.05*k + 0.1), first = a[0..3]",
        "cases": cases,
    }
    with open(os.path.join(out_dir, "reference.json"), "w") as f:
        json.dump(ref, f, indent=2)
        f.write("\n")
    print(f"{model_path}: {n_params} parameters, {size_kb(model_path):.1f} KB")


def main() -> None:
    torch.set_num_threads(1)
    resources = os.path.join(ROOT, "src", "test", "resources")
    make_score(os.path.join(resources, "tiny-score"))
    make_kernel_prior(os.path.join(resources, "tiny-kernel-prior"))


if __name__ == "__main__":
    main()
