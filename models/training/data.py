"""Training data for the image prior: gray patches from ../shared/data/train, with a fixed microscopy hold-out.

Natural images are converted to gray with ITU-R BT.601 weights (0.299, 0.587, 0.114), as BSD68's gray images were.
With colour_mix > 0 they are kept in RGB and each natural patch is converted with random convex channel weights
(Dirichlet(1, 1, 1)) with probability colour_mix, else with BT.601: more gray textures from the same 432 photographs.
Microscopy images are normalised per image to [0, 1] between their 0.1 and 99.9 percentiles.
"""
import os

import numpy as np
from PIL import Image

# Fixed microscopy hold-out, used for the microscopy benchmark (P4) and never for training.
# ISBI 2012 test-volume slices 20..29 (EM), four NIH3T3 Hoechst images (widefield fluorescence), and the DSB2018
# (BBBC038) images whose id starts with 0 or 1 (86 of 664: fluorescence nuclei, histology and brightfield).
HOLDOUT = (
    [f"isbi2012_em_ssTEM/test_image/{i}.png" for i in range(20, 30)]
    + [f"coelho2009_nih3t3_hoechst/dna-{i}.png" for i in (45, 46, 47, 49)]
)
DSB_DIR = "dsb2018_stage1/"
DSB_HOLDOUT_PREFIXES = ("0", "1")


def held_out(rel: str) -> bool:
    """True for a microscopy image (path relative to train/microscopy, '/'-separated) kept out of training."""
    if rel in HOLDOUT:
        return True
    return rel.startswith(DSB_DIR) and rel[len(DSB_DIR):].startswith(DSB_HOLDOUT_PREFIXES)

_EXTS = (".png", ".jpg", ".jpeg", ".tif", ".tiff")


BT601 = np.array([0.299, 0.587, 0.114], dtype=np.float32)


def to_rgb01(path: str) -> np.ndarray:
    """An 8-bit image as float32 H x W x 3 in [0, 1] (gray images repeated over the channels)."""
    a = np.asarray(Image.open(path))
    if a.ndim == 2:
        a = np.repeat(a[..., None], 3, axis=2)
    return (a[..., :3].astype(np.float32) / 255.0)


def to_gray01(path: str, percentile: bool) -> np.ndarray:
    img = Image.open(path)
    a = np.asarray(img)
    if a.ndim == 3:
        a = a[..., :3].astype(np.float64)
        a = 0.299 * a[..., 0] + 0.587 * a[..., 1] + 0.114 * a[..., 2]
    a = a.astype(np.float64)
    if percentile:
        lo, hi = np.percentile(a, [0.1, 99.9])
        a = (a - lo) / max(hi - lo, 1e-6)
    else:
        a = a / 255.0
    return np.clip(a, 0.0, 1.0).astype(np.float32)


def list_images(root: str):
    out = []
    for d, _, files in os.walk(root):
        for f in sorted(files):
            if f.lower().endswith(_EXTS):
                out.append(os.path.join(d, f))
    return sorted(out)


def load_sets(train_root: str, natural_rgb: bool = False):
    """Returns (natural, microscopy) lists of float32 images in [0, 1]; the hold-out is excluded. Natural images are
    gray (BT.601), or H x W x 3 RGB if natural_rgb."""
    natural = [to_rgb01(p) if natural_rgb else to_gray01(p, False)
               for p in list_images(os.path.join(train_root, "natural"))]
    micro_root = os.path.join(train_root, "microscopy")
    micro = []
    for p in list_images(micro_root):
        rel = os.path.relpath(p, micro_root).replace(os.sep, "/")
        if held_out(rel):
            continue
        micro.append(to_gray01(p, True))
    return natural, micro


class PatchSampler:
    """Random patches with flips, 90-degree rotations and random down-scaling (box filter)."""

    def __init__(self, natural, micro, patch: int, micro_fraction: float, rng: np.random.Generator,
                 colour_mix: float = 0.0):
        self.natural, self.micro, self.patch = natural, micro, patch
        self.micro_fraction, self.rng = micro_fraction, rng
        self.colour_mix = colour_mix

    def one(self) -> np.ndarray:
        r = self.rng
        pool = self.micro if (self.micro and r.random() < self.micro_fraction) else self.natural
        img = pool[r.integers(len(pool))]
        if img.ndim == 3:  # an RGB natural image (colour_mix > 0): crop, then convert to gray
            w = r.dirichlet(np.ones(3)).astype(np.float32) if self.colour_mix > 0 and r.random() < self.colour_mix else BT601
            return self._crop(img, r, w)
        return self._crop(img, r, None)

    def _crop(self, img: np.ndarray, r: np.random.Generator, weights) -> np.ndarray:
        scale = 2 if (r.random() < 0.25 and min(img.shape[:2]) >= 4 * self.patch) else 1
        p = self.patch * scale
        y = r.integers(img.shape[0] - p + 1)
        x = r.integers(img.shape[1] - p + 1)
        c = img[y:y + p, x:x + p]
        if weights is not None:
            c = np.clip(c @ weights, 0.0, 1.0)
        if scale > 1:
            c = c.reshape(self.patch, scale, self.patch, scale).mean(axis=(1, 3))
        c = np.rot90(c, r.integers(4))
        if r.random() < 0.5:
            c = c[:, ::-1]
        return np.ascontiguousarray(c)

    def batch(self, n: int) -> np.ndarray:
        return np.stack([self.one() for _ in range(n)])[:, None]
