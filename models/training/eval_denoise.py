"""One-step denoising PSNR of image priors on the fixed microscopy hold-out (data.py) or on a folder of gray images.

The arithmetic of the Java `bench-denoise` command: y = x + sigma n on [0, 1]; on the signed range the noise is
2 sigma, so x_t = sqrt(abar) (2y - 1) at the continuous timestep t with (1 - abar)/abar = (2 sigma)^2; the estimate
is the network's x0 = (x_t - sqrt(1 - abar) eps) / sqrt(abar), clipped to [-1, 1] and mapped back to [0, 1].
Microscopy images are normalised as for training (0.1 / 99.9 percentiles); each image is scored on its central
crop (--crop, a multiple of 16), with noise drawn from a fixed seed per image, identical for every model.

    /usr/bin/python3 models/training/eval_denoise.py --models models/image-prior/model.pt OTHER/model.pt \
        --set holdout --sigma 25
    /usr/bin/python3 models/training/eval_denoise.py --models ... --set ../shared/data/test/natural/bsd68 --sigma 25
"""
import argparse
import math
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import held_out, list_images, to_gray01  # noqa: E402

T = 1000


def abar_table() -> np.ndarray:
    betas = np.linspace(1e-4, 0.02, T, dtype=np.float64)
    return np.cumprod(1.0 - betas)


def timestep_for_noise(signed_sigma: float, abar: np.ndarray) -> float:
    """The continuous timestep whose (1 - abar)/abar equals signed_sigma^2 (linear interpolation between indices)."""
    ratio = (1.0 - abar) / abar
    target = signed_sigma ** 2
    i = int(np.searchsorted(ratio, target))
    if i == 0:
        return 0.0
    if i >= T:
        raise SystemExit(f"--sigma too large for the schedule: {signed_sigma / 2 * 255:.1f}/255")
    return (i - 1) + (target - ratio[i - 1]) / (ratio[i] - ratio[i - 1])


def abar_at(t: float, abar: np.ndarray) -> float:
    lo = int(math.floor(t))
    hi = min(lo + 1, T - 1)
    f = t - lo
    return float(abar[lo] * (1 - f) + abar[hi] * f)


def images(spec: str, data_root: str):
    if spec == "holdout":
        root = os.path.join(data_root, "microscopy")
        out = []
        for p in list_images(root):
            rel = os.path.relpath(p, root).replace(os.sep, "/")
            if held_out(rel):
                out.append((rel, to_gray01(p, True)))
        return out
    return [(os.path.basename(p), to_gray01(p, False)) for p in list_images(spec)]


def centre_crop(a: np.ndarray, crop: int) -> np.ndarray:
    h, w = a.shape
    ch, cw = min(crop, h - h % 16), min(crop, w - w % 16)
    top, left = (h - ch) // 2, (w - cw) // 2
    return a[top:top + ch, left:left + cw]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", nargs="+", required=True, help="TorchScript model.pt files")
    ap.add_argument("--set", default="holdout", help="'holdout' (the microscopy hold-out of data.py) or a folder")
    ap.add_argument("--data", default="../shared/data/train", help="the training data root (for --set holdout)")
    ap.add_argument("--sigma", type=float, default=25.0, help="noise std on 255")
    ap.add_argument("--crop", type=int, default=256)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    abar = abar_table()
    sigma = args.sigma / 255.0
    t = timestep_for_noise(2 * sigma, abar)
    a = abar_at(t, abar)
    imgs = images(args.set, args.data)
    print(f"{len(imgs)} images from {args.set}, sigma {args.sigma}/255, timestep {t:.2f}, crop {args.crop}")
    for path in args.models:
        net = torch.jit.load(path).eval()
        psnrs = []
        for k, (name, img) in enumerate(imgs):
            x = centre_crop(img, args.crop).astype(np.float64)
            rng = np.random.default_rng(1000 + k)
            y = x + sigma * rng.standard_normal(x.shape)
            xt = math.sqrt(a) * (2 * y - 1)
            with torch.no_grad():
                inp = torch.tensor(xt, dtype=torch.float32)[None, None]
                eps = net(inp, torch.tensor([t], dtype=torch.float32))[0, 0].double().numpy()
            x0 = np.clip((xt - math.sqrt(1 - a) * eps) / math.sqrt(a), -1, 1)
            est = (x0 + 1) / 2
            mse = float(np.mean((est - x) ** 2))
            psnrs.append(10 * math.log10(1.0 / max(mse, 1e-12)))
        print(f"{path}: mean PSNR {np.mean(psnrs):.3f} dB over {len(psnrs)} images", flush=True)


if __name__ == "__main__":
    main()
