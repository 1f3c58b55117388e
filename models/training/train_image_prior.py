#!/usr/bin/python3
"""Train the image prior: an epsilon-predicting UNet (linear schedule, T = 1000) on gray patches in [-1, 1].

Seeded and resumable: the state (weights, EMA weights, optimiser, RNG, iteration) is saved atomically to
<out>/last.pt every --save-minutes; a new run with the same --out resumes from it. Stop with --hours or Ctrl-C.

    /usr/bin/python3 models/training/train_image_prior.py --data ../shared/data/train --out ~/.cache/fde/image-prior --hours 2
"""
import argparse
import copy
import math
import os
import signal
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import PatchSampler, load_sets  # noqa: E402
from fde_models import ScoreUNet, load_weights  # noqa: E402

T = 1000


def alphas_cumprod() -> torch.Tensor:
    betas = np.linspace(1e-4, 0.02, T, dtype=np.float64)
    return torch.tensor(np.cumprod(1.0 - betas), dtype=torch.float32)


def sample_t(n: int, gen: torch.Generator, low_fraction: float, low_max: int) -> torch.Tensor:
    """Timesteps: a fraction uniform on [0, low_max) (the denoising range used by guidance), the rest uniform."""
    u = torch.randint(0, T, (n,), generator=gen)
    low = torch.randint(0, low_max, (n,), generator=gen)
    pick = torch.rand(n, generator=gen) < low_fraction
    return torch.where(pick, low, u)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data/train")
    ap.add_argument("--out", default=os.path.expanduser("~/.cache/fde/image-prior"))
    ap.add_argument("--init", default="",
                    help="start from these weights if --out has no checkpoint: a checkpoint, an EMA state dict, or "
                         "the exported TorchScript model (models/image-prior/model.pt)")
    ap.add_argument("--patch", type=int, default=64)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=4e-4)
    ap.add_argument("--ema", type=float, default=0.999)
    ap.add_argument("--lr-end", type=float, default=-1.0,
                    help="if >= 0: cosine-decay the learning rate from --lr to this value over this run's --hours "
                         "(running time of this run, pauses excluded, so a resumed run decays again from --lr)")
    ap.add_argument("--micro-fraction", type=float, default=0.2)
    ap.add_argument("--colour-mix", type=float, default=0.0,
                    help="probability that a natural patch is made gray with random channel weights instead of BT.601")
    ap.add_argument("--low-fraction", type=float, default=0.5)
    ap.add_argument("--low-max", type=int, default=300)
    ap.add_argument("--hours", type=float, default=1.0,
                    help="this run stops after this much running time: each iteration counts its wall time up to "
                         f"{PAUSE_CAP_SECONDS:.0f} s, so a pause (SIGSTOP) while benchmarks run is not counted")
    ap.add_argument("--iters", type=int, default=0,
                    help="if > 0: this run stops after this many iterations (--hours still caps it), and the cosine of "
                         "--lr-end follows these iterations instead of wall time, so pauses (SIGSTOP) cost no schedule")
    ap.add_argument("--keep-schedule", action="store_true",
                    help="on resume, go on with the checkpoint's iteration cosine (its --lr, --lr-end, --iters and "
                         "start) instead of starting a new one; this run then stops where that cosine ends")
    ap.add_argument("--save-minutes", type=float, default=10.0)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--seed", type=int, default=1234)
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)
    ckpt_path = os.path.join(args.out, "last.pt")

    model = ScoreUNet()
    ema = copy.deepcopy(model)
    for p in ema.parameters():
        p.requires_grad_(False)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.0)
    it = 0
    seconds = 0.0
    np_rng = np.random.default_rng(args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    if os.path.exists(ckpt_path):
        st = torch.load(ckpt_path)
        model.load_state_dict(st["model"])
        ema.load_state_dict(st["ema"])
        opt.load_state_dict(st["opt"])
        it, seconds = st["iter"], st.get("seconds", 0.0)
        np_rng.bit_generator.state = st["np_rng"]
        gen.set_state(st["torch_rng"])
        print(f"resumed from {ckpt_path} at iteration {it} ({seconds / 3600:.2f} h)", flush=True)
        if args.keep_schedule:
            sched = st.get("schedule")
            if sched is None:
                raise SystemExit("--keep-schedule: the checkpoint has no iteration cosine (saved by an older run "
                                 "or without --iters and --lr-end)")
            args.lr, args.lr_end, args.iters = sched["lr"], sched["lr_end"], sched["iters"]
            print(f"going on with the cosine from {args.lr:.2e} to {args.lr_end:.2e} over iterations "
                  f"{sched['start']} to {sched['start'] + args.iters}", flush=True)
    elif args.keep_schedule:
        raise SystemExit("--keep-schedule needs a checkpoint in --out to resume")
    elif args.init:
        w = load_weights(args.init)  # an exported model.pt or a checkpoint (its EMA weights)
        model.load_state_dict(w)
        ema.load_state_dict(w)
        print(f"initialised from {args.init}", flush=True)

    print(f"parameters: {sum(p.numel() for p in model.parameters()):,}", flush=True)
    natural, micro = load_sets(args.data, natural_rgb=args.colour_mix > 0)
    print(f"images: {len(natural)} natural, {len(micro)} microscopy", flush=True)
    sampler = PatchSampler(natural, micro, args.patch, args.micro_fraction, np_rng, args.colour_mix)
    abar = alphas_cumprod()

    def save():
        tmp = ckpt_path + ".tmp"
        sched = ({"lr": args.lr, "lr_end": args.lr_end, "iters": args.iters, "start": it_start}
                 if args.iters > 0 and args.lr_end >= 0 else None)
        torch.save({"model": model.state_dict(), "ema": ema.state_dict(), "opt": opt.state_dict(), "iter": it,
                    "seconds": seconds, "np_rng": np_rng.bit_generator.state, "torch_rng": gen.get_state(),
                    "args": vars(args), "schedule": sched}, tmp)
        os.replace(tmp, ckpt_path)

    stop = {"now": False}
    signal.signal(signal.SIGTERM, lambda *_: stop.update(now=True))
    signal.signal(signal.SIGINT, lambda *_: stop.update(now=True))
    seconds_at_start = seconds  # this run's running time is seconds - seconds_at_start (pauses excluded)
    last_save = time.time()
    running = None
    it_start = it  # where this run's cosine starts (with --keep-schedule: where the checkpoint's started)
    if args.keep_schedule:
        it_start = st["schedule"]["start"]
    while (not stop["now"] and seconds - seconds_at_start < args.hours * 3600
           and (args.iters <= 0 or it - it_start < args.iters)):
        tic = time.time()
        x0 = torch.from_numpy(sampler.batch(args.batch)) * 2.0 - 1.0
        t = sample_t(args.batch, gen, args.low_fraction, args.low_max)
        noise = torch.randn(x0.shape, generator=gen)
        a = abar[t][:, None, None, None]
        xt = a.sqrt() * x0 + (1 - a).sqrt() * noise
        loss = torch.mean((model(xt, t.float()) - noise) ** 2)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        warm = min(1.0, (it + 1) / 500.0)
        lr = args.lr
        if args.lr_end >= 0:
            frac = (min(1.0, (it - it_start) / args.iters) if args.iters > 0
                    else min(1.0, (seconds - seconds_at_start) / (args.hours * 3600)))
            lr = args.lr_end + (args.lr - args.lr_end) * 0.5 * (1 + math.cos(math.pi * frac))
        for g in opt.param_groups:
            g["lr"] = lr * warm
        opt.step()
        decay = min(args.ema, (1 + it) / (10 + it))
        with torch.no_grad():
            for pe, pm in zip(ema.parameters(), model.parameters()):
                pe.mul_(decay).add_(pm, alpha=1 - decay)
            for be, bm in zip(ema.buffers(), model.buffers()):
                be.copy_(bm)
        it += 1
        seconds += iteration_seconds(time.time() - tic)
        running = loss.item() if running is None else 0.99 * running + 0.01 * loss.item()
        if it % 100 == 0:
            print(f"iter {it} loss {running:.5f} lr {lr * warm:.2e} {seconds / it:.2f} s/iter total {seconds / 3600:.2f} h",
                  flush=True)
        if time.time() - last_save > args.save_minutes * 60:
            save()
            last_save = time.time()
    save()
    print(f"saved {ckpt_path} at iteration {it}", flush=True)


PAUSE_CAP_SECONDS = 60.0


def iteration_seconds(wall):
    """The running time one iteration counts: its wall time, at most PAUSE_CAP_SECONDS.

    An iteration takes 0.3 to 3 s on the 2-core machine; one that took over a minute was paused (SIGSTOP while a
    benchmark ran, or a suspended laptop), and the pause is not training time. So --hours, the time-based cosine and
    the card's training seconds all count running time, not the wall clock."""
    return min(wall, PAUSE_CAP_SECONDS)


if __name__ == "__main__":
    main()
