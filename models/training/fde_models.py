"""Network definitions for Fast Diffusion EM (image prior and kernel prior).

Both networks are plain PyTorch modules that script with torch.jit (torch >= 1.13).
The model contract they implement is written in ../README.md and in each model's card.json.
"""
import math
from typing import List, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F


def timestep_embedding(t: torch.Tensor, dim: int) -> torch.Tensor:
    """Sinusoidal embedding [cos | sin] of a float timestep t (original index, 0..T-1), max period 10000."""
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32, device=t.device) / half)
    args = t.float()[:, None] * freqs[None, :]
    return torch.cat([torch.cos(args), torch.sin(args)], dim=1)


class ResBlock(nn.Module):
    """GroupNorm-SiLU-conv, time scale/shift, GroupNorm-SiLU-conv (zero-initialised), 1x1 skip if widths differ."""

    def __init__(self, cin: int, cout: int, temb: int, groups: int = 8):
        super().__init__()
        self.n1 = nn.GroupNorm(groups, cin)
        self.c1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.emb = nn.Linear(temb, 2 * cout)
        self.n2 = nn.GroupNorm(groups, cout)
        self.c2 = nn.Conv2d(cout, cout, 3, padding=1)
        nn.init.zeros_(self.c2.weight)
        nn.init.zeros_(self.c2.bias)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x: torch.Tensor, e: torch.Tensor) -> torch.Tensor:
        h = self.c1(F.silu(self.n1(x)))
        scale, shift = self.emb(e)[:, :, None, None].chunk(2, dim=1)
        h = self.n2(h) * (1 + scale) + shift
        h = self.c2(F.silu(h))
        return self.skip(x) + h


class EncoderLevel(nn.Module):
    """nres ResBlocks, then (except at the bottom) a stride-2 conv. Returns (skip, downsampled)."""

    def __init__(self, cin: int, w: int, nres: int, temb: int, down: bool):
        super().__init__()
        self.blocks = nn.ModuleList([ResBlock(cin if i == 0 else w, w, temb) for i in range(nres)])
        self.down = nn.Conv2d(w, w, 3, stride=2, padding=1) if down else nn.Identity()

    def forward(self, h: torch.Tensor, e: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        for block in self.blocks:
            h = block(h, e)
        return h, self.down(h)


class DecoderLevel(nn.Module):
    """Concatenate the skip, nres ResBlocks, then (except at the top) nearest x2 upsampling and a conv."""

    def __init__(self, cin: int, w: int, wout: int, nres: int, temb: int, up: bool):
        super().__init__()
        self.blocks = nn.ModuleList([ResBlock(cin + w if i == 0 else w, w, temb) for i in range(nres)])
        self.has_up = up
        self.up = nn.Conv2d(w, wout, 3, padding=1) if up else nn.Identity()

    def forward(self, h: torch.Tensor, skip: torch.Tensor, e: torch.Tensor) -> torch.Tensor:
        h = torch.cat([h, skip], dim=1)
        for block in self.blocks:
            h = block(h, e)
        if self.has_up:
            h = self.up(F.interpolate(h, scale_factor=2.0, mode="nearest"))
        return h


class ScoreUNet(nn.Module):
    """Epsilon-predicting UNet for one channel in [-1, 1], fully convolutional.

    The input is pixel-unshuffled by 2 (as FFDNet does) so that the widest level works at half resolution,
    then a UNet with len(widths) levels follows. The spatial size must be a multiple of 2**len(widths).
    """

    def __init__(self, channels: int = 1, widths=(64, 96, 128, 128), nres: int = 2, temb: int = 256):
        super().__init__()
        self.channels = channels
        self.t_mlp = nn.Sequential(nn.Linear(128, temb), nn.SiLU(), nn.Linear(temb, temb))
        self.inc = nn.Conv2d(4 * channels, widths[0], 3, padding=1)
        n = len(widths)
        self.enc = nn.ModuleList(
            [EncoderLevel(widths[max(i - 1, 0)], widths[i], nres, temb, i < n - 1) for i in range(n)])
        self.mid = ResBlock(widths[-1], widths[-1], temb)
        self.dec = nn.ModuleList(
            [DecoderLevel(widths[i], widths[i], widths[max(i - 1, 0)], nres, temb, i > 0) for i in reversed(range(n))])
        self.out_norm = nn.GroupNorm(8, widths[0])
        self.outc = nn.Conv2d(widths[0], 4 * channels, 3, padding=1)
        nn.init.zeros_(self.outc.weight)
        nn.init.zeros_(self.outc.bias)

    def forward(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        e = self.t_mlp(timestep_embedding(t, 128))
        h = self.inc(F.pixel_unshuffle(x, 2))
        skips: List[torch.Tensor] = []
        for level in self.enc:
            s, h = level(h, e)
            skips.append(s)
        h = self.mid(h, e)
        for j, level in enumerate(self.dec):
            h = level(h, skips[len(skips) - 1 - j], e)
        return F.pixel_shuffle(self.outc(F.silu(self.out_norm(h))), 2)


class KernelDenoiser(nn.Module):
    """FDnCNN-like kernel denoiser: input [kernel, noise-level map] (N x 2 x h x w), output the clean kernel (N x 1 x h x w).

    Residual form (output = kernel - predicted noise), which trains faster than the direct form of the paper's code;
    the contract is the same: the output is the denoised kernel, before projection.

    Internally both input channels are multiplied by SCALE = 1024 before the convolutions and the predicted residual
    is divided by it, so that the values the convolutions see are of order 1: a 33x33 motion kernel (~1e-2 on its
    trajectory) and the M-step's level sqrt(lambda/beta) (~1e-3) become ~10 and ~1. The scale is a constant, not a
    function of the window size, so that the same blur gives the same input in a 33x33 or a 64x64 window and the
    network stays fully convolutional. Callers pass raw sum-1 kernels and the raw noise level.
    """

    SCALE = 1024.0

    def __init__(self, depth: int = 5, width: int = 32):
        super().__init__()
        self.scale = KernelDenoiser.SCALE
        layers = [nn.Conv2d(2, width, 3, padding=1), nn.ReLU(inplace=True)]
        for _ in range(depth - 2):
            layers += [nn.Conv2d(width, width, 3, padding=1), nn.ReLU(inplace=True)]
        layers += [nn.Conv2d(width, 1, 3, padding=1)]
        self.model = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x[:, 0:1] - self.model(x * self.scale) / self.scale


def load_weights(path: str) -> dict:
    """The weights to start a training run from, as a state dict.

    `path` is either an exported TorchScript model (models/*/model.pt: its state dict has the training module's keys)
    or a training checkpoint (its EMA weights, the ones every export uses). torch 1.13's torch.load returns the
    ScriptModule itself for a TorchScript file; later versions raise instead, so both ways are handled.
    """
    try:
        st = torch.load(path, map_location="cpu")
    except RuntimeError:
        st = torch.jit.load(path, map_location="cpu")
    if isinstance(st, torch.jit.ScriptModule):
        return {k: v.clone() for k, v in st.state_dict().items()}
    return st.get("ema", st)
