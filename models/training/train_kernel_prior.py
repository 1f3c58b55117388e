#!/usr/bin/python3
"""Train the kernel prior: the FDnCNN-like KernelDenoiser as a plain MSE denoiser of sum-1 blur kernels.

Data: the .npy files written by the Java exporter (org.fde.kernel.gen.KernelDatasetExport), kernels_<S>.npy
(float32, N x S x S) and families_<S>.npy (uint8, N) for every size S; the last --val-count kernels of each file are
held out for validation. Each training sample is a clean kernel k (random flip / transpose about the p2o origin),
a noise level s (0 with probability --zero-fraction, else log-uniform in [--sigma-lo, --sigma-hi]: the defaults
7.07e-4 .. 1e-2 are the shipped model's, sqrt(lambda/1e5) for lambda 0.05 .. 10 at the official beta; the M-step's
default level is sqrt(30/1e4) = 0.0548, and --sigma-hi 0.15 covers it, see models/kernel-prior/README.md) and the
input k + s * n, n ~ N(0, I). With
probability --project-fraction the noisy input is projected (clamped at 0 and divided by its sum) as the M-step
does before it calls the denoiser; the noise-level map keeps the nominal s. Loss: MSE against k, computed on
kernels scaled by KernelDenoiser.SCALE (1024) so that the loss is of order 1. Each iteration draws one size
uniformly; batches are --batch kernels for sizes up to 48 and --batch-large above.

--init starts from other weights (a TorchScript model.pt such as models/kernel-prior/model.pt, or a checkpoint's
EMA weights) when <out> holds no checkpoint yet; the optimiser starts afresh.

--pairs DIR mixes in pairs recorded from Fast EM runs (the Java `mstep-pairs` command,
org.fde.bench.MStepPairsExport): what the M-step's data step handed the denoiser (inputs_S.npy) and the true kernel
(targets_S.npy), at the level the M-step told it (meta_S.npy). A fraction --pairs-fraction of the iterations then
trains on these pairs (one dihedral transform applied to input and target alike) instead of on synthetic noise:
the denoiser learns the M-step's own errors. The runs whose index is in the last --pairs-val-fraction are held out,
and their mean log10 MSE (projected output against the true kernel) then selects the best weights.

Seeded and resumable: the state (weights, EMA weights, optimiser, RNGs, iteration, training seconds, best
validation) is saved atomically to <out>/last.pt every --save-minutes; a new run with the same --out resumes.

    nice -n 19 /usr/bin/python3 models/training/train_kernel_prior.py --data ~/.cache/fde/kernel-data \\
        --out ~/.cache/fde/kernel-prior --minutes 80
"""
import argparse
import copy
import json
import math
import os
import signal
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fde_models import KernelDenoiser, load_weights  # noqa: E402

# The M-step's beta (MStepConfig.BETA_DEFAULT) and default lambda (EmConfig.LAMBDA_DEFAULT): level sqrt(lambda/beta).
BETA = 1e4
DEFAULT_LAMBDA = 30.0
# levels reported by the export: lambda = 0, 0.005, 0.02, 0.1, 1, 10, 30 (the default), 100 at beta = 1e4
# (0.05 .. 1000 at the official beta = 1e5: the first run's range was 0 .. 1e-2)
VAL_LEVELS = (0.0,) + tuple(math.sqrt(lam / BETA) for lam in (0.005, 0.02, 0.1, 1.0, 10.0, 30.0, 100.0))
# levels of the periodic validation (plus --score-levels, whose mean log10 MSE on projected inputs selects the
# best weights; the default, sqrt(0.2/1e5) and sqrt(1/1e5), is the shipped model's)
QUICK_LEVELS = VAL_LEVELS[3:]
SCORE_LEVELS = (math.sqrt(0.2 / 1e5), math.sqrt(1.0 / 1e5))


def level(lam: float) -> float:
    """The M-step's level sqrt(lambda/beta) at beta = 1e4."""
    return math.sqrt(lam / BETA)


def lambda_of(lvl: float) -> float:
    """The lambda (at beta = 1e4) whose level is lvl."""
    return lvl * lvl * BETA


def load_sizes(data: str, sizes):
    """{S: (kernels (mmap, N x S x S), families (N,))} for each requested size."""
    out = {}
    for s in sizes:
        k = np.load(os.path.join(data, f"kernels_{s}.npy"), mmap_mode="r")
        f = np.load(os.path.join(data, f"families_{s}.npy"))
        if k.shape[1:] != (s, s) or k.shape[0] != f.shape[0]:
            raise ValueError(f"bad shapes for size {s}: {k.shape}, {f.shape}")
        out[s] = (k, f)
    return out


def dihedral(k: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    """Random transpose and flips of N x 1 x S x S kernels, about the p2o origin floor(S/2) (exact for even S too)."""
    s = k.shape[-1]
    bits = torch.randint(0, 2, (3,), generator=gen).tolist()
    if bits[0]:
        k = k.transpose(-1, -2)
    for dim, b in ((-2, bits[1]), (-1, bits[2])):
        if b:
            k = torch.flip(k, (dim,))
            if s % 2 == 0:
                k = torch.roll(k, 1, dims=(dim,))
    return k


def noisy_input(k: torch.Tensor, sigma: torch.Tensor, project: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    """[k + sigma * n (projected where project is true), sigma map] as N x 2 x S x S."""
    n = torch.randn(k.shape, generator=gen)
    y = k + sigma[:, None, None, None] * n
    p = y.clamp(min=0)
    p = p / p.sum(dim=(-2, -1), keepdim=True).clamp(min=1e-12)
    y = torch.where(project[:, None, None, None], p, y)
    m = sigma[:, None, None, None].expand_as(y)
    return torch.cat([y, m], dim=1)


def sample_sigma(n: int, gen: torch.Generator, lo: float, hi: float, zero_fraction: float) -> torch.Tensor:
    u = torch.rand(n, generator=gen)
    s = torch.exp(math.log(lo) + (math.log(hi) - math.log(lo)) * u)
    return torch.where(torch.rand(n, generator=gen) < zero_fraction, torch.zeros(n), s)


def project(k: torch.Tensor) -> torch.Tensor:
    p = k.clamp(min=0)
    return p / p.sum(dim=(-2, -1), keepdim=True).clamp(min=1e-12)


@torch.no_grad()
def validate(model, sets, count: int, levels=VAL_LEVELS, modes=(False, True), seed: int = 99, batch: int = 64):
    """Per size, level and input mode: mean per-pixel MSE of project(model(x)) and of project(input) against k.

    Uses the last `count` kernels of each file (the held-out set) and a fixed noise seed.
    """
    model.eval()
    res = {}
    for s, (kern, fam) in sets.items():
        clean = torch.from_numpy(np.array(kern[-count:]))[:, None]
        for lvl in levels:
            for proj in modes:
                gen = torch.Generator().manual_seed(seed + s)
                se_out = 0.0
                se_in = 0.0
                for i in range(0, count, batch):
                    k = clean[i:i + batch]
                    sig = torch.full((k.shape[0],), lvl)
                    x = noisy_input(k, sig, torch.full((k.shape[0],), proj, dtype=torch.bool), gen)
                    se_out += ((project(model(x)) - k) ** 2).mean(dim=(1, 2, 3)).sum().item()
                    se_in += ((project(x[:, 0:1]) - k) ** 2).mean(dim=(1, 2, 3)).sum().item()
                res[(s, lvl, proj)] = (se_out / count, se_in / count)
    model.train()
    return res


def score(res, levels=SCORE_LEVELS) -> float:
    """One number to select checkpoints: mean over sizes and the given levels of log10 MSE, projected input."""
    keys = [k for k in res if k[2] and k[1] in levels]
    return float(np.mean([math.log10(res[k][0]) for k in keys]))


def format_val(res) -> str:
    parts = []
    for (s, lvl, proj), (o, i) in sorted(res.items()):
        parts.append(f"S{s} s={lvl:.3g}{'p' if proj else 'r'} {o:.2e}/{i:.2e}")
    return "; ".join(parts)


def load_pairs(folder: str, val_fraction: float, min_step: int):
    """The M-step pairs of `folder` (one size), split by run: the last val_fraction of the runs are held out."""
    with open(os.path.join(folder, "manifest.json")) as f:
        size = json.load(f)["size"]
    inputs = torch.from_numpy(np.load(os.path.join(folder, f"inputs_{size}.npy")))
    targets = torch.from_numpy(np.load(os.path.join(folder, f"targets_{size}.npy")))
    meta = torch.from_numpy(np.load(os.path.join(folder, f"meta_{size}.npy")))
    keep = meta[:, 1] >= min_step
    inputs, targets, meta = inputs[keep], targets[keep], meta[keep]
    runs = int(meta[:, 0].max().item()) + 1
    first_val = runs - max(1, int(round(val_fraction * runs)))
    val = meta[:, 0] >= first_val
    tr = ~val
    return {"size": size, "first_val_run": first_val,
            "train": (inputs[tr], targets[tr], meta[tr, 2]), "val": (inputs[val], targets[val], meta[val, 2])}


@torch.no_grad()
def pairs_mse(model, inputs, targets, levels, batch: int = 256) -> float:
    """Mean per-pixel MSE of project(model([input, level])) (or of the input itself if model is None) against the
    true kernels."""
    if model is not None:
        model.eval()
    se = 0.0
    for i in range(0, inputs.shape[0], batch):
        k_in = inputs[i:i + batch][:, None]
        if model is None:
            out = project(k_in)
        else:
            out = project(model(torch.cat([k_in, levels[i:i + batch][:, None, None, None].expand_as(k_in)], dim=1)))
        se += ((out - targets[i:i + batch][:, None]) ** 2).mean(dim=(1, 2, 3)).sum().item()
    if model is not None:
        model.train()
    return se / inputs.shape[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.expanduser("~/.cache/fde/kernel-data"))
    ap.add_argument("--out", default=os.path.expanduser("~/.cache/fde/kernel-prior"))
    ap.add_argument("--sizes", default="33,64")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--batch-large", type=int, default=16, help="batch for sizes above 48")
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--ema", type=float, default=0.999)
    ap.add_argument("--sigma-lo", type=float, default=math.sqrt(0.05 / 1e5))
    ap.add_argument("--sigma-hi", type=float, default=math.sqrt(10.0 / 1e5))
    ap.add_argument("--score-levels", default=",".join(repr(v) for v in SCORE_LEVELS),
                    help="comma-separated levels whose mean log10 validation MSE selects the best weights")
    ap.add_argument("--init", default="", help="start from these weights (TorchScript model.pt or a checkpoint)")
    ap.add_argument("--zero-fraction", type=float, default=0.1)
    ap.add_argument("--project-fraction", type=float, default=0.5)
    ap.add_argument("--val-count", type=int, default=512, help="kernels per size held out (the last ones)")
    ap.add_argument("--val-quick", type=int, default=128, help="held-out kernels per size used for the periodic log")
    ap.add_argument("--minutes", type=float, default=80.0, help="training wall time (the LR schedule follows it)")
    ap.add_argument("--save-minutes", type=float, default=4.0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--pairs", default="", help="folder of M-step pairs (mstep-pairs); empty = synthetic noise only")
    ap.add_argument("--pairs-fraction", type=float, default=0.5, help="share of the iterations that train on pairs")
    ap.add_argument("--pairs-val-fraction", type=float, default=0.15, help="share of the runs held out")
    ap.add_argument("--pairs-min-step", type=int, default=1, help="keep only pairs recorded at this step or later")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    score_levels = tuple(float(v) for v in args.score_levels.split(","))
    quick_levels = tuple(sorted(set(QUICK_LEVELS) | set(score_levels)))
    os.makedirs(args.out, exist_ok=True)
    ckpt_path = os.path.join(args.out, "last.pt")
    sizes = [int(s) for s in args.sizes.split(",")]
    torch.manual_seed(args.seed)
    model = KernelDenoiser()
    ema = copy.deepcopy(model)
    for p in ema.parameters():
        p.requires_grad_(False)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    it, seconds, wall0, best, best_state, history = 0, 0.0, 0.0, float("inf"), None, []
    np_rng = np.random.default_rng(args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    if os.path.exists(ckpt_path):
        st = torch.load(ckpt_path)
        model.load_state_dict(st["model"])
        ema.load_state_dict(st["ema"])
        opt.load_state_dict(st["opt"])
        it, seconds, wall0 = st["iter"], st["seconds"], st["wall_seconds"]
        best, best_state, history = st["best"], st["best_state"], st["history"]
        np_rng.bit_generator.state = st["np_rng"]
        gen.set_state(st["torch_rng"])
        print(f"resumed from {ckpt_path} at iteration {it} ({seconds / 60:.1f} min)", flush=True)
    elif args.init:
        init = load_weights(args.init)
        model.load_state_dict(init)
        ema.load_state_dict(init)
        print(f"initialised from {args.init}", flush=True)
    print(f"parameters: {sum(p.numel() for p in model.parameters()):,}", flush=True)

    sets = load_sizes(args.data, sizes)
    n_train = {s: sets[s][0].shape[0] - args.val_count for s in sizes}
    val_sets = {s: (sets[s][0][-args.val_count:][-args.val_quick:], None) for s in sizes}
    print("training kernels: " + ", ".join(f"{s}: {n_train[s]}" for s in sizes), flush=True)
    # hold each training array in memory (at most a few hundred MB)
    train = {s: torch.from_numpy(np.array(sets[s][0][:n_train[s]])) for s in sizes}

    pairs = load_pairs(args.pairs, args.pairs_val_fraction, args.pairs_min_step) if args.pairs else None
    if pairs is not None:
        (pi, pt, pl), (vi, vt, vl) = pairs["train"], pairs["val"]
        print(f"M-step pairs (size {pairs['size']}): {pi.shape[0]} training, {vi.shape[0]} held out "
              f"(runs >= {pairs['first_val_run']}); identity MSE on the held-out pairs "
              f"{pairs_mse(None, vi, vt, vl):.3e}", flush=True)

    wall_start = time.time()

    def save():
        tmp = ckpt_path + ".tmp"
        torch.save({"model": model.state_dict(), "ema": ema.state_dict(), "opt": opt.state_dict(), "iter": it,
                    "seconds": seconds, "wall_seconds": wall0 + time.time() - wall_start, "best": best, "best_state": best_state, "history": history,
                    "np_rng": np_rng.bit_generator.state, "torch_rng": gen.get_state(), "args": vars(args)}, tmp)
        os.replace(tmp, ckpt_path)

    def run_validation():
        nonlocal best, best_state
        res = validate(ema, val_sets, args.val_quick, levels=quick_levels)
        sc = score(res, score_levels)
        if pairs is not None:
            (vi, vt, vl) = pairs["val"]
            pm = pairs_mse(ema, vi, vt, vl)
            print(f"val iter {it} held-out M-step pairs MSE {pm:.3e} (synthetic score {sc:.4f})", flush=True)
            sc = math.log10(pm)
        history.append({"iter": it, "minutes": seconds / 60, "score": sc})
        if sc < best:
            best, best_state = sc, copy.deepcopy(ema.state_dict())
        print(f"val iter {it} score {sc:.4f} (best {best:.4f}) :: {format_val(res)}", flush=True)

    stop = {"now": False}
    signal.signal(signal.SIGTERM, lambda *_: stop.update(now=True))
    signal.signal(signal.SIGINT, lambda *_: stop.update(now=True))
    budget = args.minutes * 60
    last_save = time.time()
    running = None
    while not stop["now"] and seconds < budget:
        tic = time.time()
        if pairs is not None and np_rng.random() < args.pairs_fraction:
            (pi, pt, pl) = pairs["train"]
            b = args.batch
            idx = torch.from_numpy(np_rng.integers(0, pi.shape[0], b))
            both = dihedral(torch.stack([pi[idx], pt[idx]], dim=1), gen)  # one transform for input and target
            k = both[:, 1:2]
            x = torch.cat([both[:, 0:1], pl[idx][:, None, None, None].expand_as(k)], dim=1)
        else:
            s = sizes[int(np_rng.integers(len(sizes)))]
            b = args.batch if s <= 48 else args.batch_large
            idx = torch.from_numpy(np_rng.integers(0, n_train[s], b))
            k = dihedral(train[s][idx][:, None], gen)
            sigma = sample_sigma(b, gen, args.sigma_lo, args.sigma_hi, args.zero_fraction)
            proj = torch.rand(b, generator=gen) < args.project_fraction
            x = noisy_input(k, sigma, proj, gen)
        loss = torch.mean(((model(x) - k) * KernelDenoiser.SCALE) ** 2)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        # warm-up, constant, then cosine decay to 5% over the last 40% of the wall-time budget
        frac = seconds / budget
        lr = args.lr * min(1.0, (it + 1) / 200.0)
        if frac > 0.6:
            lr *= 0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * (frac - 0.6) / 0.4))
        for g in opt.param_groups:
            g["lr"] = lr
        opt.step()
        decay = min(args.ema, (1 + it) / (10 + it))
        with torch.no_grad():
            for pe, pm in zip(ema.parameters(), model.parameters()):
                pe.mul_(decay).add_(pm, alpha=1 - decay)
        it += 1
        seconds += time.time() - tic
        running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
        if it % 200 == 0:
            print(f"iter {it} loss {running:.4f} lr {lr:.2e} {seconds / it:.3f} s/iter total {seconds / 60:.1f} min",
                  flush=True)
        if time.time() - last_save > args.save_minutes * 60:
            run_validation()
            save()
            last_save = time.time()
    run_validation()
    save()
    print(f"saved {ckpt_path} at iteration {it} ({seconds / 60:.1f} min of training)", flush=True)


if __name__ == "__main__":
    main()
