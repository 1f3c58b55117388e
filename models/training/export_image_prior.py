#!/usr/bin/python3
"""Export the trained image prior (EMA weights of ScoreUNet) to TorchScript plus its model card.

Reads a checkpoint written by train_image_prior.py (a dict with "ema", "iter", "seconds", "args"), builds ScoreUNet
from fde_models.py, loads the EMA weights, scripts it with torch.jit.script, checks the scripted module against the
eager one (random 1x1x64x64 input at several t, max abs difference < 1e-5; also train mode vs eval mode, which the
Java side relies on), then writes

    <out>/model.pt    the TorchScript module: forward(x: Tensor[N,1,H,W], t: Tensor[N]) -> Tensor[N,1,H,W]
    <out>/card.json   the model card (format fde-model-card/1, role image-prior) read by org.fde.djl.ModelCard

An existing card's "metrics" object is kept (it is filled by the benchmarks), and so are its "name" and "status"
unless --name or --status is given; the version is --version or "iter<N>" (the checkpoint's iteration).

A fine-tune records its lineage without a hand edit: --fine-tuned-from CARD (the card of the weights the run started
from, usually models/image-prior/card.json, read before anything is written) puts that card's "training" block, with
its "version", under training.fine_tuned_from, and --init-note TEXT says in training.init how the run started.

    /usr/bin/python3 models/training/export_image_prior.py --ckpt ~/.cache/fde/image-prior/last.pt
    /usr/bin/python3 models/training/export_image_prior.py --ckpt ... --out /tmp/fde-export-smoke
    /usr/bin/python3 models/training/export_image_prior.py --ckpt ... --out DIR --version p256-s22-3000 \
        --fine-tuned-from models/image-prior/card.json --init-note "run 19 (session 22) started from ..."
"""
import argparse
import datetime
import hashlib
import json
import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fde_models import ScoreUNet  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "image-prior"))
T = 1000
BETA_START = 1e-4
BETA_END = 0.02
CHECK_TIMESTEPS = (0.0, 10.0, 250.0, 999.0)
TOLERANCE = 1e-5


def size_multiple(model: ScoreUNet) -> int:
    """2 for the pixel-unshuffle, times 2 per stride-2 downsampling (levels whose `down` is not an Identity)."""
    downs = sum(1 for level in model.enc if not isinstance(level.down, nn.Identity))
    return 2 * 2 ** downs


def sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def max_diff(a: torch.Tensor, b: torch.Tensor) -> float:
    return torch.max(torch.abs(a - b)).item()


def check_scripted(eager: nn.Module, scripted: torch.jit.ScriptModule, channels: int, multiple: int) -> dict:
    """Scripted vs eager on a seeded random 1 x C x 64 x 64 input at several t; train vs eval mode; size multiple."""
    gen = torch.Generator().manual_seed(0)
    x = torch.randn(1, channels, 64, 64, generator=gen)
    worst = 0.0
    with torch.no_grad():
        for t in CHECK_TIMESTEPS:
            tt = torch.full((1,), t)
            d = max_diff(scripted(x, tt), eager(x, tt))
            worst = max(worst, d)
            if not d < TOLERANCE:
                raise SystemExit(f"scripted and eager outputs differ by {d:.3g} at t={t} (tolerance {TOLERANCE})")
        tt = torch.full((1,), 500.0)
        ref = scripted(x, tt)
        scripted.train()
        train_mode = max_diff(scripted(x, tt), ref)
        scripted.eval()
        if not train_mode < TOLERANCE:
            raise SystemExit(f"the network differs between train and eval mode by {train_mode:.3g}; the Java side "
                             "runs the tracked (gradient) forward in train mode, so it must not (no dropout/batch norm)")
        small = torch.randn(1, channels, multiple, multiple, generator=gen)
        out = scripted(small, tt)
        if out.shape != small.shape or not torch.isfinite(out).all():
            raise SystemExit(f"the network fails at the size multiple {multiple}: output {tuple(out.shape)}")
    return {"max_abs_diff_scripted_vs_eager": worst, "timesteps": list(CHECK_TIMESTEPS),
            "max_abs_diff_train_vs_eval": train_mode}


def lineage(card_path: str) -> dict:
    """The "training" block of the card at card_path with that card's "version" added: the fine-tune's parent."""
    with open(card_path) as f:
        parent = json.load(f)
    if parent.get("role") != "image-prior" or not isinstance(parent.get("training"), dict):
        raise SystemExit(f"--fine-tuned-from {card_path}: expected an image-prior card with a 'training' object")
    block = dict(parent["training"])
    block["version"] = parent.get("version", "")
    return block


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ckpt", default=os.path.expanduser("~/.cache/fde/image-prior/last.pt"),
                    help="training checkpoint (train_image_prior.py's last.pt)")
    ap.add_argument("--out", default=DEFAULT_OUT, help="output model folder (default: models/image-prior)")
    ap.add_argument("--name", default=None, help="model name (default: the existing card's, else fde-score-unet)")
    ap.add_argument("--version", default=None, help="model version (default: iter<N>, the checkpoint's iteration)")
    ap.add_argument("--fine-tuned-from", default=None, metavar="CARD",
                    help="card.json of the weights this run started from: its training block (and version) goes "
                         "under training.fine_tuned_from")
    ap.add_argument("--init-note", default=None, metavar="TEXT", help="how the run started (training.init)")
    ap.add_argument("--status", default=None, metavar="TEXT", help="the card's status (default: the existing card's)")
    args = ap.parse_args()
    parent = lineage(args.fine_tuned_from) if args.fine_tuned_from else None

    torch.set_num_threads(os.cpu_count() or 1)
    st = torch.load(args.ckpt, map_location="cpu")
    if not isinstance(st, dict) or "ema" not in st:
        raise SystemExit(f"{args.ckpt}: expected a train_image_prior.py checkpoint (a dict with key 'ema')")
    model = ScoreUNet()
    model.load_state_dict(st["ema"])
    model.eval()
    for p in model.parameters():
        p.requires_grad_(False)
    multiple = size_multiple(model)
    scripted = torch.jit.script(model)
    checks = check_scripted(model, scripted, model.channels, multiple)

    os.makedirs(args.out, exist_ok=True)
    card_path = os.path.join(args.out, "card.json")
    old = {}
    if os.path.exists(card_path):
        with open(card_path) as f:
            old = json.load(f)

    model_path = os.path.join(args.out, "model.pt")
    tmp = model_path + ".tmp"
    torch.jit.save(scripted, tmp)
    reloaded = torch.jit.load(tmp)
    x = torch.randn(1, model.channels, 64, 64, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        d = max_diff(reloaded(x, torch.full((1,), 500.0)), model(x, torch.full((1,), 500.0)))
    if not d < TOLERANCE:
        raise SystemExit(f"the saved module differs from the eager one by {d:.3g} after reloading")
    os.replace(tmp, model_path)

    it = int(st.get("iter", 0))
    seconds = float(st.get("seconds", 0.0))
    card = {
        "format": "fde-model-card/1",
        "name": args.name or old.get("name") or "fde-score-unet",
        "version": args.version or f"iter{it}",
        "role": "image-prior",
        "file": "model.pt",
        "framework": "torchscript",
        "layout": "NCHW",
        "dtype": "float32",
        "channels": model.channels,
        "value_range": [-1.0, 1.0],
        "parameterisation": "epsilon",
        "timestep": "original-index",
        "schedule": {"name": "linear", "beta_start": BETA_START, "beta_end": BETA_END, "steps": T},
        "size_multiple": multiple,
        "methods": {"forward": "forward(x: Tensor[N,C,H,W], t: Tensor[N]) -> Tensor[N,C,H,W]"},
        "training": {
            "iter": it,
            "seconds": seconds,
            "hours": round(seconds / 3600.0, 3),
            "args": st.get("args", {}),
            "parameters": sum(p.numel() for p in model.parameters()),
            "architecture": "ScoreUNet (models/training/fde_models.py), default widths (64, 96, 128, 128), "
                            "nres 2, temb 256; EMA weights",
            "checkpoint": os.path.basename(args.ckpt),
            "checkpoint_sha256": sha256(args.ckpt),
        },
        "export": {
            "script": "models/training/export_image_prior.py",
            "torch": torch.__version__,
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "checks": checks,
        },
        "metrics": old.get("metrics", {}),
    }
    if args.init_note:
        card["training"]["init"] = args.init_note
    if parent is not None:
        card["training"]["fine_tuned_from"] = parent
    status = args.status if args.status is not None else old.get("status")
    if status:
        card["status"] = status
    with open(card_path + ".tmp", "w") as f:
        json.dump(card, f, indent=2)
        f.write("\n")
    os.replace(card_path + ".tmp", card_path)
    size_mb = os.path.getsize(model_path) / 2 ** 20
    print(f"exported {card['name']} {card['version']} (iteration {it}, {seconds / 3600:.2f} h of training, "
          f"size multiple {multiple}) to {model_path} ({size_mb:.1f} MiB); "
          f"scripted vs eager max |diff| {checks['max_abs_diff_scripted_vs_eager']:.2g}")


if __name__ == "__main__":
    main()
