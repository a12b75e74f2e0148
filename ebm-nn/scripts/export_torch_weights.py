#!/usr/bin/python3
"""Export the PyTorch reference conv EBM's parameters as NumPy .npy files for ebm4j's TorchConvSwishWeights.

Writes OUT/<state-dict-name>.npy (e.g. 0.weight.npy, a float32 array in PyTorch's layout) for every parameter of
the reference's cnn(hidden), taken from --state-dict (a model.pt written by `torch_conv_ebm.py train`) or freshly
initialised with --seed. With --probe N it also writes probe_x.npy (N inputs in [-1, 1]) and probe_score.npy (the
reference network's outputs on them, which are -E), so the Java side can check the import end to end.

Usage: /usr/bin/python3 export_torch_weights.py --baselines ../../../shared/baselines --out DIR [--state-dict model.pt]
       [--hidden 32] [--seed 0] [--probe 4]
"""
import argparse, os, sys
import numpy as np
import torch

ap = argparse.ArgumentParser()
ap.add_argument("--baselines", required=True, help="directory holding torch_conv_ebm.py")
ap.add_argument("--out", required=True)
ap.add_argument("--state-dict", default=None)
ap.add_argument("--hidden", type=int, default=32)
ap.add_argument("--seed", type=int, default=0)
ap.add_argument("--probe", type=int, default=0)
args = ap.parse_args()

sys.path.insert(0, os.path.abspath(args.baselines))
from torch_conv_ebm import cnn  # the reference architecture itself, not a copy

torch.manual_seed(args.seed)
model = cnn(args.hidden)
if args.state_dict:
    model.load_state_dict(torch.load(args.state_dict, map_location="cpu"))
os.makedirs(args.out, exist_ok=True)
for name, tensor in model.state_dict().items():
    np.save(os.path.join(args.out, name + ".npy"), tensor.detach().cpu().numpy().astype(np.float32))
if args.probe > 0:
    x = torch.rand(args.probe, 1, 28, 28) * 2 - 1
    with torch.no_grad():
        score = model(x).reshape(-1)
    np.save(os.path.join(args.out, "probe_x.npy"), x.numpy().astype(np.float32))
    np.save(os.path.join(args.out, "probe_score.npy"), score.numpy().astype(np.float32))
print(f"wrote {len(model.state_dict())} arrays ({sum(p.numel() for p in model.parameters())} parameters) to {args.out}")
