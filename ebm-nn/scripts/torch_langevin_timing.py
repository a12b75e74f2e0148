#!/usr/bin/python3
"""Seconds per Langevin step of the PyTorch reference (its own cnn() and langevin(), imported, not copied), as wall
time and as process CPU time. CPU time is the fairer number on a machine shared with other jobs; LangevinStepTiming
prints the same two numbers for ebm4j.

Usage: OMP_NUM_THREADS=2 /usr/bin/python3 torch_langevin_timing.py --baselines ../../../shared/baselines [--steps 30]
"""
import argparse, json, os, sys, time
import torch

ap = argparse.ArgumentParser()
ap.add_argument("--baselines", required=True)
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--batch", type=int, default=128)
ap.add_argument("--steps", type=int, default=30)
args = ap.parse_args()
sys.path.insert(0, os.path.abspath(args.baselines))
from torch_conv_ebm import cnn, langevin

torch.set_num_threads(args.threads)
torch.manual_seed(42)
model = cnn()
x = torch.rand(args.batch, 1, 28, 28) * 2 - 1
langevin(model, x, 3)
wall, cpu = time.perf_counter(), time.process_time()
langevin(model, x, args.steps)
print(json.dumps({"impl": "pytorch-" + torch.__version__, "threads": args.threads, "batch": args.batch,
                  "steps": args.steps,
                  "seconds_per_step": (time.perf_counter() - wall) / args.steps,
                  "cpu_seconds_per_step": (time.process_time() - cpu) / args.steps}))
