#!/usr/bin/python3
"""Export the trained kernel prior (KernelDenoiser) to TorchScript plus its model card.

Reads a checkpoint written by train_kernel_prior.py, loads the selected weights (--weights best: the EMA weights
with the best periodic validation score, the default; ema: the last EMA weights; model: the raw last weights),
scripts the network with torch.jit.script, checks the scripted module against the eager one on random sum-1
kernels of both sizes (max abs difference < 1e-7, i.e. 1e-4 of a typical kernel value) and after a save/reload,
evaluates it on the held-out kernels (the last --val-count of each data file, as in training), then writes

    <out>/model.pt    forward(x: Tensor[N,2,S,S]) -> Tensor[N,1,S,S]   (x = [kernel, constant noise-level map])
    <out>/card.json   the model card (format fde-model-card/1, role kernel-prior)
    <out>/examples.png held-out kernels: clean / noisy (projected) / denoised (projected) at the M-step's default
                       level sqrt(30/1e4) = 0.0548 and at 3.16e-3, each column scaled by its clean kernel's maximum

Metrics: per size S and level s (the M-step's sqrt(lambda/beta)), the mean per-pixel MSE against the clean kernel of the
projected output (clamp >= 0, divide by the sum: what the Java M-step does), for the raw noisy input and for the
projected noisy input, next to the MSE of the projected input itself (the "identity" denoiser).

    /usr/bin/python3 models/training/export_kernel_prior.py --ckpt ~/.cache/fde/kernel-prior/last.pt
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fde_models import KernelDenoiser  # noqa: E402
from train_kernel_prior import DEFAULT_LAMBDA, VAL_LEVELS, lambda_of, level, load_sizes, validate  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "kernel-prior"))
TOLERANCE = 1e-7


def sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def random_input(n: int, s: int, gen: torch.Generator) -> torch.Tensor:
    k = torch.rand(n, 1, s, s, generator=gen) ** 8
    k = k / k.sum(dim=(-2, -1), keepdim=True)
    m = torch.full((n, 1, s, s), level(DEFAULT_LAMBDA))
    return torch.cat([k, m], dim=1)


def max_diff(a, b) -> float:
    return torch.max(torch.abs(a - b)).item()


def cpu_name() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


FAMILIES = ("MOTION", "GAUSSIAN", "DEFOCUS", "AIRY")
EXAMPLE_LEVELS = (level(DEFAULT_LAMBDA), 3.16e-3)


@torch.no_grad()
def per_family(model, sets, val_count: int) -> dict:
    """Held-out MSE per kernel family at the M-step's default level, projected noisy input."""
    import numpy as np

    from train_kernel_prior import noisy_input, project
    out = {}
    for s, (kern, fam) in sets.items():
        lvl = level(DEFAULT_LAMBDA)
        clean = torch.from_numpy(np.array(kern[-val_count:]))[:, None]
        f = torch.from_numpy(np.array(fam[-val_count:]).astype(np.int64))
        gen = torch.Generator().manual_seed(123 + s)
        n = clean.shape[0]
        x = torch.cat([noisy_input(clean[i:i + 64], torch.full((clean[i:i + 64].shape[0],), lvl),
                                   torch.ones(clean[i:i + 64].shape[0], dtype=torch.bool), gen)
                       for i in range(0, n, 64)])
        den = torch.cat([project(model(x[i:i + 64])) for i in range(0, n, 64)])
        e_out = ((den - clean) ** 2).mean(dim=(1, 2, 3))
        e_in = ((project(x[:, 0:1]) - clean) ** 2).mean(dim=(1, 2, 3))
        entry = {"level": lvl, "lambda_at_beta_1e4": DEFAULT_LAMBDA, "input": "projected"}
        for code, name in enumerate(FAMILIES):
            sel = f == code
            if sel.any():
                entry[name] = {"count": int(sel.sum()), "denoised": e_out[sel].mean().item(),
                               "identity": e_in[sel].mean().item()}
        out[str(s)] = entry
    return out


def write_examples(model, sets, val_count: int, path: str, per_size: int = 6) -> None:
    """A grid: for each size, rows clean, then per EXAMPLE_LEVELS projected noisy input / projected output."""
    import numpy as np
    from PIL import Image

    from train_kernel_prior import noisy_input, project
    blocks = []
    for s, (kern, fam) in sets.items():
        # spread the examples over the families present in the held-out set
        held = np.arange(len(fam) - val_count, len(fam))
        pick = []
        for f in (0, 0, 0, 1, 2, 3)[:per_size]:
            cand = [i for i in held if fam[i] == f and i not in pick]
            if cand:
                pick.append(cand[0])
        k = torch.from_numpy(np.array(kern[pick]))[:, None]
        gen = torch.Generator().manual_seed(5)
        n = k.shape[0]
        peak = k.amax(dim=(1, 2, 3), keepdim=True)
        rows = [torch.clamp(k / peak, 0, 1)]
        for lvl in EXAMPLE_LEVELS:
            x = noisy_input(k, torch.full((n,), lvl), torch.ones(n, dtype=torch.bool), gen)
            with torch.no_grad():
                out = project(model(x))
            rows += [torch.clamp(t / peak, 0, 1) for t in (x[:, 0:1], out)]
        tiles = [torch.cat([torch.nn.functional.pad(t[i, 0], (1, 1, 1, 1), value=0.4) for i in range(n)], dim=1)
                 for t in rows]
        g = torch.cat(tiles, dim=0)
        zoom = max(1, 128 // s)
        g = g.repeat_interleave(zoom, 0).repeat_interleave(zoom, 1)
        blocks.append(g)
    width = max(b.shape[1] for b in blocks)
    blocks = [torch.nn.functional.pad(b, (0, width - b.shape[1], 0, 4), value=1.0) for b in blocks]
    img = (torch.cat(blocks, dim=0).numpy() * 255).round().astype(np.uint8)
    Image.fromarray(img).save(path, optimize=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ckpt", default=os.path.expanduser("~/.cache/fde/kernel-prior/last.pt"))
    ap.add_argument("--weights", choices=("best", "ema", "model"), default="best")
    ap.add_argument("--data", default=None, help="kernel data folder (default: the one the checkpoint trained on)")
    ap.add_argument("--val-count", type=int, default=None, help="held-out kernels per size (default: training's)")
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--version", default=None, help="default: today's date (UTC)")
    ap.add_argument("--hardware", default=None, help="free text for the card (default: CPU name and core count)")
    args = ap.parse_args()

    torch.set_num_threads(2)
    st = torch.load(args.ckpt, map_location="cpu")
    targs = st["args"]
    weights = {"best": st.get("best_state"), "ema": st["ema"], "model": st["model"]}[args.weights]
    if weights is None:
        raise SystemExit(f"{args.ckpt} has no '{args.weights}' weights")
    model = KernelDenoiser()
    model.load_state_dict(weights)
    model.eval()
    for p in model.parameters():
        p.requires_grad_(False)
    scripted = torch.jit.script(model)

    gen = torch.Generator().manual_seed(0)
    sizes = [int(s) for s in targs["sizes"].split(",")]
    worst = 0.0
    with torch.no_grad():
        for s in sizes:
            x = random_input(4, s, gen)
            worst = max(worst, max_diff(scripted(x), model(x)))
    if not worst < TOLERANCE:
        raise SystemExit(f"scripted and eager outputs differ by {worst:.3g} (tolerance {TOLERANCE})")

    os.makedirs(args.out, exist_ok=True)
    model_path = os.path.join(args.out, "model.pt")
    tmp = model_path + ".tmp"
    torch.jit.save(scripted, tmp)
    reloaded = torch.jit.load(tmp)
    with torch.no_grad():
        x = random_input(2, sizes[0], gen)
        d = max_diff(reloaded(x), model(x))
        if not d < TOLERANCE:
            raise SystemExit(f"the saved module differs from the eager one by {d:.3g} after reloading")
        if reloaded(x).shape != (2, 1, sizes[0], sizes[0]):
            raise SystemExit("unexpected output shape")
    os.replace(tmp, model_path)
    nbytes = os.path.getsize(model_path)
    if nbytes > 1 << 20:
        raise SystemExit(f"{model_path} is {nbytes} bytes, more than 1 MB")

    data = args.data or targs["data"]
    val_count = args.val_count or targs["val_count"]
    sets = load_sizes(data, sizes)
    res = validate(model, sets, val_count)
    metrics = {"held_out_kernels_per_size": val_count,
               "mse": "mean per-pixel MSE vs the clean sum-1 kernel, after clamp>=0 and renormalisation",
               "per_size": {}}
    rows = []
    for s in sizes:
        per = {}
        for lvl in VAL_LEVELS:
            lam = round(lambda_of(lvl), 3)
            entry = {"level": lvl, "lambda_at_beta_1e4": lam}
            for proj in (False, True):
                out, ident = res[(s, lvl, proj)]
                key = "projected_input" if proj else "raw_input"
                entry[key] = {"denoised": out, "identity": ident}
                rows.append(f"| {s} | {lvl:.3g} | {lam:g} | {key.replace('_', ' ')} | {out:.3e} | {ident:.3e} "
                            f"| {ident / out:.2f} |")
            per[f"level={lvl:.3g}"] = entry
        metrics["per_size"][str(s)] = per

    write_examples(model, sets, val_count, os.path.join(args.out, "examples.png"))
    metrics["per_family_at_default_lambda"] = per_family(model, sets, val_count)

    seconds = float(st["seconds"])
    wall = float(st.get("wall_seconds", seconds))
    command = ("/usr/bin/python3 models/training/train_kernel_prior.py --data " + targs["data"]
               + " --out " + targs["out"] + (" --init " + targs["init"] if targs.get("init") else "")
               + f" --lr {targs['lr']:g} --sigma-lo {targs['sigma_lo']:.3g} --sigma-hi {targs['sigma_hi']:.3g}"
               + f" --minutes {targs['minutes']:g} --save-minutes {targs['save_minutes']:g}"
               + f" --threads {targs['threads']} --seed {targs['seed']}")
    manifest = {}
    mpath = os.path.join(data, "manifest.json")
    if os.path.exists(mpath):
        with open(mpath) as f:
            manifest = json.load(f)
    card = {
        "format": "fde-model-card/1",
        "name": "fde-kernel-dncnn",
        "version": args.version or datetime.datetime.utcnow().strftime("%Y-%m-%d"),
        "role": "kernel-prior",
        "file": "model.pt",
        "framework": "torchscript",
        "layout": "NCHW",
        "dtype": "float32",
        "inputs": ["kernel", "noise_level_map"],
        "kernel_sizes": sizes,
        "noise_level": "sqrt(lambda/beta)",
        "level_range": [0.0, round(targs["sigma_hi"], 6)],
        "methods": {"forward": "forward(x: Tensor[N,2,S,S]) -> Tensor[N,1,S,S]"},
        "sha256": sha256(model_path),
        "bytes": nbytes,
        "parameters": sum(p.numel() for p in model.parameters()),
        "architecture": "KernelDenoiser (models/training/fde_models.py): 5 conv 3x3 layers, 32 channels, ReLU, "
                        "biases, residual output, internal input scale 1024",
        "training": {
            "command": command,
            "iterations": int(st["iter"]),
            "wall_time_h": round(wall / 3600.0, 3),
            "train_time_h": round(seconds / 3600.0, 3),
            "seed": targs["seed"],
            "weights": args.weights,
            "data": {
                "generator": "org.fde.kernel.gen.KernelDatasetExport --out " + data + " --count "
                             + str(manifest.get("count_per_size", "?")) + " --sizes " + targs["sizes"] + " --seed "
                             + str(manifest.get("seed", "?")) + " --motion-fraction "
                             + str(manifest.get("motion_fraction", "?")),
                "description": "synthetic sum-1 kernels: camera-shake motion trajectories (LeviBorodenko/motionblur "
                               "model, re-implemented) and optical PSFs (anisotropic Gaussian, defocus disk, Airy); "
                               + manifest.get("parameters", ""),
                "held_out": f"the last {val_count} kernels of each size",
                "noise": f"white Gaussian, std 0 with probability {targs['zero_fraction']:g}, else log-uniform in "
                         f"[{targs['sigma_lo']:.3g}, {targs['sigma_hi']:.3g}] (sqrt(lambda/beta): lambda "
                         f"{lambda_of(targs['sigma_lo']):.3g}..{lambda_of(targs['sigma_hi']):.3g} at beta = 1e4); "
                         f"the noisy input is projected (clamp>=0, /sum) with probability {targs['project_fraction']:g}",
                "augmentation": "random transpose and flips about the p2o origin floor(S/2)",
            },
            "loss": "MSE against the clean kernel (values scaled by 1024)",
            "optimizer": f"Adam lr {targs['lr']:g}, 200-iteration warm-up, cosine decay to 5% over the last 40%, "
                         f"batch {targs['batch']} (33) / {targs['batch_large']} (64), EMA {targs['ema']:g}",
            "hardware": args.hardware or f"{cpu_name()}, {os.cpu_count()} cores, CPU only, torch {torch.__version__}",
        },
        "metrics": metrics,
    }
    with open(os.path.join(args.out, "card.json"), "w") as f:
        json.dump(card, f, indent=2)
        f.write("\n")
    print(f"wrote {model_path} ({nbytes} bytes) and card.json; scripted vs eager max diff {worst:.2e}")
    print("| S | level | lambda (beta 1e4) | input | MSE denoised | MSE identity | gain |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    print(json.dumps(metrics["per_family_at_default_lambda"], indent=1))


if __name__ == "__main__":
    main()
