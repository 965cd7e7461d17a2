#!/usr/bin/env python3
"""Reproduce `saddle-stride train` for a deterministic-mode GAN spec in PyTorch.

Written from the README's "GAN specs" section (and docs/gans.md for the Philox stream that
WGAN-GP's mixing weights come from): the networks are nn.Linear stacks, the gradients come from
autograd (torch.autograd.grad, with create_graph=True where a penalty or consensus needs a
derivative of a derivative), everything is float64.

    python3 docs/examples/reproduce_gan_run.py SPEC.json --out torch-run.json [--checkpoints N]
    python3 docs/examples/reproduce_gan_run.py SPEC.json --compare DIR/run.json

--compare prints the largest relative difference of every field against a run.json that
`saddle-stride train` wrote, and exits 1 when one exceeds --tolerance (default 1e-10).

A deterministic-mode spec has `points` data, `latentPoints` and explicit `weights`; other specs
are refused. Methods: sim-gda, alt-gda, eg, ogda, momentum, consensus, hgd, adam. Losses: minimax,
non-saturating, wgan, wgan-gp, hinge; r1, r2 and clip.
"""

import argparse
import json
import math
import sys

import torch
from torch import nn
from torch.nn.utils.stateless import functional_call

torch.set_default_dtype(torch.float64)

# ---------------------------------------------------------------------------------------------
# The spec, with the defaults the README and docs/gans.md give.

NETWORK_DEFAULTS = {"layers": 2, "width": 16, "activation": "relu", "slope": 0.2, "bias": True}
METHOD_DEFAULTS = {
    "sim-gda": {},
    "alt-gda": {"order": "x-first"},
    "eg": {},
    "ogda": {},
    "momentum": {"beta": -0.5, "order": "x-first"},
    "consensus": {"gamma": 0.5},
    "hgd": {},
    "adam": {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
}


def fill_spec(raw):
    game = dict(raw.get("game", {}))
    if game.get("name") != "mlp-gan":
        raise SystemExit("spec: game.name must be 'mlp-gan'")
    data = game.get("data", {})
    if data.get("kind") != "points" or "latentPoints" not in game or "weights" not in game:
        raise SystemExit(
            "spec: deterministic mode needs points data, game.latentPoints and game.weights"
        )
    if "axes" in raw:
        raise SystemExit("spec: a sweep spec; give one cell's run spec (run.json's spec)")
    gen = {**NETWORK_DEFAULTS, "latent": 2, **game.get("generator", {})}
    dis = {**NETWORK_DEFAULTS, **game.get("discriminator", {})}
    method = raw.get("method", "sim-gda")
    if isinstance(method, str):
        method = {"name": method}
    if method["name"] not in METHOD_DEFAULTS:
        raise SystemExit(f"spec: method {method['name']!r} is not supported here")
    method = {**METHOD_DEFAULTS[method["name"]], **method}
    lr = raw.get("lr", 0.001)
    return {
        "points": data["points"],
        "latentPoints": game["latentPoints"],
        "weights": game["weights"],
        "generator": gen,
        "discriminator": dis,
        "loss": game.get("loss", "non-saturating"),
        "clip": game.get("clip", 0),
        "gpLambda": game.get("gpLambda", 10),
        "r1": game.get("r1", 0),
        "r2": game.get("r2", 0),
        "method": method,
        "lrD": raw.get("lrD", lr),
        "lrG": raw.get("lrG", lr),
        "steps": raw.get("steps", 1000),
        "dSteps": raw.get("dSteps", 1),
        "seed": raw.get("seed", 0),
        "escapeNorm": raw.get("escapeNorm", 1e4),
    }


# ---------------------------------------------------------------------------------------------
# Philox-4x32-10 (docs/gans.md, the random stream): only WGAN-GP's mixing weights need it here.

MASK = 0xFFFFFFFF


def philox4x32(c, key):
    x0, x1, x2, x3 = c
    k0, k1 = key
    for _ in range(10):
        p0 = 0xD2511F53 * x0
        p1 = 0xCD9E8D57 * x2
        x0, x1, x2, x3 = (
            (p1 >> 32) ^ x1 ^ k0,
            p1 & MASK,
            (p0 >> 32) ^ x3 ^ k1,
            p0 & MASK,
        )
        k0 = (k0 + 0x9E3779B9) & MASK
        k1 = (k1 + 0xBB67AE85) & MASK
    return x0, x1, x2, x3


def uniform(word):
    return ((word >> 8) + 0.5) / 16777216


def penalty_mix(seed, count, step, purpose):
    """ε_s = lane 0 of block (s, step, purpose, 0) under key (seed, 0)."""
    return torch.tensor(
        [uniform(philox4x32((s, step, purpose, 0), (seed, 0))[0]) for s in range(count)]
    ).reshape(count, 1)


GRADIENT_PENALTY = 5
EVALUATION_GRADIENT_PENALTY = 8

# ---------------------------------------------------------------------------------------------
# Networks: nn.Linear stacks with the spec's weights copied in.


def activation(net):
    kind = net["activation"]
    if kind == "relu":
        return nn.ReLU()
    if kind == "leaky-relu":
        return nn.LeakyReLU(net["slope"])
    if kind == "tanh":
        return nn.Tanh()
    if kind == "elu":
        return nn.ELU(alpha=1.0)
    raise SystemExit(f"spec: unknown activation {kind!r}")


def build(net, inputs, outputs, weights):
    sizes = [inputs] + [net["width"]] * net["layers"] + [outputs]
    modules = []
    for layer in range(len(sizes) - 1):
        modules.append(nn.Linear(sizes[layer], sizes[layer + 1], bias=net["bias"]))
        if layer < len(sizes) - 2:
            modules.append(activation(net))
    model = nn.Sequential(*modules)
    linears = [m for m in model if isinstance(m, nn.Linear)]
    if len(linears) != len(weights):
        raise SystemExit("spec: the weights do not match the layers")
    with torch.no_grad():
        for linear, w in zip(linears, weights):
            linear.weight.copy_(torch.tensor(w["weight"]))
            if net["bias"]:
                linear.bias.copy_(torch.tensor(w["bias"]))
    names = [name for name, _ in model.named_parameters()]
    values = [p.detach().clone() for p in model.parameters()]
    return model, names, values


def layer_list(model, net):
    """Each nn.Linear's in, out, bias and the activation after it (None after the output layer)."""
    linears = [m for m in model if isinstance(m, nn.Linear)]
    out = []
    for index, linear in enumerate(linears):
        hidden = index < len(linears) - 1
        layer = {
            "in": linear.in_features,
            "out": linear.out_features,
            "bias": linear.bias is not None,
            "activation": net["activation"] if hidden else None,
        }
        if hidden and net["activation"] == "leaky-relu":
            layer["slope"] = net["slope"]
        out.append(layer)
    return out


def state_dict_layers(model, names, values):
    """The parameters back in the spec's layout: per nn.Linear, weight [out][in] and bias [out]."""
    by_name = dict(zip(names, values))
    layers = []
    for index, module in enumerate(model):
        if isinstance(module, nn.Linear):
            layer = {"weight": by_name[f"{index}.weight"].tolist()}
            if module.bias is not None:
                layer["bias"] = by_name[f"{index}.bias"].tolist()
            layers.append(layer)
    return layers


# ---------------------------------------------------------------------------------------------
# Losses and the field.


class Softplus(torch.autograd.Function):
    """log(1 + eᵘ) computed without overflow, derivative σ(u) (differentiable again)."""

    @staticmethod
    def forward(ctx, u):
        ctx.save_for_backward(u)
        return torch.where(u > 0, u + torch.log1p(torch.exp(-u.abs())), torch.log1p(torch.exp(-u.abs())))

    @staticmethod
    def backward(ctx, grad):
        (u,) = ctx.saved_tensors
        return grad * torch.sigmoid(u)


softplus = Softplus.apply


def safe_norm(squares):
    """√s with the derivative at s = 0 taken as 0 (the README's WGAN-GP norm)."""
    positive = squares > 0
    return torch.where(positive, torch.sqrt(torch.where(positive, squares, torch.ones_like(squares))), torch.zeros_like(squares))


class Gan:
    def __init__(self, spec):
        self.spec = spec
        self.x = torch.tensor(spec["points"])
        self.z = torch.tensor(spec["latentPoints"])
        dim = self.x.shape[1]
        g, d = spec["generator"], spec["discriminator"]
        self.G, self.g_names, self.g0 = build(g, g["latent"], dim, spec["weights"]["generator"])
        self.D, self.d_names, self.d0 = build(d, dim, 1, spec["weights"]["discriminator"])

    def objectives(self, d, g, mix):
        """V_D (penalties included) and L_G at parameters (d, g), and G(z)."""
        spec = self.spec
        G = lambda z: functional_call(self.G, dict(zip(self.g_names, g)), (z,))
        D = lambda x: functional_call(self.D, dict(zip(self.d_names, d)), (x,))
        real = self.x.clone().requires_grad_(spec["r1"] > 0)
        fake = G(self.z)
        d_real = D(real)
        d_fake = D(fake)
        loss = spec["loss"]
        if loss in ("minimax", "non-saturating"):
            value_d = -softplus(-d_real).mean() - softplus(d_fake).mean()
            loss_g = -softplus(d_fake).mean() if loss == "minimax" else softplus(-d_fake).mean()
        elif loss in ("wgan", "wgan-gp"):
            value_d = d_real.mean() - d_fake.mean()
            loss_g = -d_fake.mean()
        elif loss == "hinge":
            value_d = -torch.relu(1 - d_real).mean() - torch.relu(1 + d_fake).mean()
            loss_g = -d_fake.mean()
        else:
            raise SystemExit(f"spec: unknown loss {loss!r}")
        if loss == "wgan-gp" and spec["gpLambda"] > 0:
            n = real.shape[0]
            paired = self.x[[s % n for s in range(fake.shape[0])]]
            mixed = mix * paired + (1 - mix) * fake
            (gradient,) = torch.autograd.grad(D(mixed).sum(), mixed, create_graph=True)
            norm = safe_norm((gradient**2).sum(dim=1))
            value_d = value_d - spec["gpLambda"] * ((norm - 1) ** 2).mean()
        if spec["r1"] > 0:
            (gradient,) = torch.autograd.grad(d_real.sum(), real, create_graph=True)
            value_d = value_d - spec["r1"] / 2 * (gradient**2).sum(dim=1).mean()
        if spec["r2"] > 0:
            (gradient,) = torch.autograd.grad(d_fake.sum(), fake, create_graph=True)
            value_d = value_d - spec["r2"] / 2 * (gradient**2).sum(dim=1).mean()
        return value_d, loss_g, fake

    def field(self, d, g, mix, want_d=True, want_g=True, adjust=False):
        """v_D = ∇_D V_D and v_G = −∇_G L_G (and ∇½‖v‖² over the players asked for)."""
        d = [p.detach().requires_grad_(True) for p in d]
        g = [p.detach().requires_grad_(True) for p in g]
        value_d, loss_g, _ = self.objectives(d, g, mix)
        out = {"valueD": value_d.item(), "lossG": loss_g.item(), "d": None, "g": None}
        vd = list(torch.autograd.grad(value_d, d, create_graph=adjust, retain_graph=True)) if want_d else []
        vg = [-t for t in torch.autograd.grad(loss_g, g, create_graph=adjust, retain_graph=True)] if want_g else []
        if adjust:
            half = 0.5 * sum((t**2).sum() for t in vd + vg)
            leaves = (d if want_d else []) + (g if want_g else [])
            # a parameter the field does not depend on (WGAN's last D bias) gets a zero gradient
            grads = torch.autograd.grad(half, leaves, allow_unused=True)
            grads = [torch.zeros_like(p) if t is None else t for p, t in zip(leaves, grads)]
            out["adjustD"] = [t.detach() for t in grads[: len(vd)]] if want_d else None
            out["adjustG"] = [t.detach() for t in grads[len(vd):]] if want_g else None
        if want_d:
            out["d"] = [t.detach() for t in vd]
        if want_g:
            out["g"] = [t.detach() for t in vg]
        return out


# ---------------------------------------------------------------------------------------------
# The methods (the README's table), one step in place on `state`.


def axpy(x, c, y):
    return [a + c * b for a, b in zip(x, y)]


def clip(d, c):
    return [p.clamp(-c, c) for p in d] if c > 0 else d


def method_step(gan, method, st, mix, lr_d, lr_g, c, with_g):
    name = method["name"]
    field = lambda d, g, want_d, want_g, adjust=False: gan.field(d, g, mix, want_d, want_g, adjust)
    if name == "sim-gda":
        f = field(st["d"], st["g"], True, with_g)
        st["d"] = clip(axpy(st["d"], lr_d, f["d"]), c)
        if with_g:
            st["g"] = axpy(st["g"], lr_g, f["g"])
        return f
    if name == "alt-gda":
        if not with_g or method["order"] == "x-first":
            f = field(st["d"], st["g"], True, False)
            st["d"] = clip(axpy(st["d"], lr_d, f["d"]), c)
            if with_g:
                st["g"] = axpy(st["g"], lr_g, field(st["d"], st["g"], False, True)["g"])
            return f
        f = field(st["d"], st["g"], False, True)
        st["g"] = axpy(st["g"], lr_g, f["g"])
        st["d"] = clip(axpy(st["d"], lr_d, field(st["d"], st["g"], True, False)["d"]), c)
        return f
    if name == "eg":
        f = field(st["d"], st["g"], True, with_g)
        half_d = clip(axpy(st["d"], lr_d, f["d"]), c)
        half_g = axpy(st["g"], lr_g, f["g"]) if with_g else st["g"]
        h = field(half_d, half_g, True, with_g)
        st["d"] = clip(axpy(st["d"], lr_d, h["d"]), c)
        if with_g:
            st["g"] = axpy(st["g"], lr_g, h["g"])
        return f
    if name == "ogda":
        f = field(st["d"], st["g"], True, with_g)
        prev = st["prevVd"] or f["d"]
        st["d"] = clip([z + lr_d * (2 * a - b) for z, a, b in zip(st["d"], f["d"], prev)], c)
        st["prevVd"] = f["d"]
        if with_g:
            prev = st["prevVg"] or f["g"]
            st["g"] = [z + lr_g * (2 * a - b) for z, a, b in zip(st["g"], f["g"], prev)]
            st["prevVg"] = f["g"]
        return f
    if name == "momentum":
        beta = method["beta"]
        d, g = st["d"], st["g"]
        f = field(d, g, True, with_g)
        next_d = clip([z + lr_d * v + beta * (z - p) for z, v, p in zip(d, f["d"], st["prevD"])], c)
        if with_g:
            fg = field(next_d, g, False, True)["g"] if method["order"] == "x-first" else f["g"]
            st["g"] = [z + lr_g * v + beta * (z - p) for z, v, p in zip(g, fg, st["prevG"])]
            st["prevG"] = g
        st["d"] = next_d
        st["prevD"] = d
        return f
    if name == "consensus":
        gamma = method["gamma"]
        f = field(st["d"], st["g"], True, with_g, adjust=True)
        st["d"] = clip(axpy(st["d"], lr_d, axpy(f["d"], -gamma, f["adjustD"])), c)
        if with_g:
            st["g"] = axpy(st["g"], lr_g, axpy(f["g"], -gamma, f["adjustG"]))
        return f
    if name == "hgd":
        f = field(st["d"], st["g"], True, with_g, adjust=True)
        st["d"] = clip(axpy(st["d"], -lr_d, f["adjustD"]), c)
        if with_g:
            st["g"] = axpy(st["g"], -lr_g, f["adjustG"])
        return f
    if name == "adam":
        b1, b2, eps = method["beta1"], method["beta2"], method["eps"]

        def adam(z, lr, v, m, s, t):
            c1, c2 = 1 - b1**t, 1 - b2**t
            out = []
            for i in range(len(z)):
                m[i] = b1 * m[i] + (1 - b1) * v[i]
                s[i] = b2 * s[i] + (1 - b2) * v[i] * v[i]
                denominator = torch.sqrt(s[i] / c2) + eps
                step = torch.where(denominator > 0, m[i] / c1 / torch.where(denominator > 0, denominator, torch.ones_like(denominator)), torch.zeros_like(denominator))
                out.append(z[i] + lr * step)
            return out

        f = field(st["d"], st["g"], True, with_g)
        st["tD"] += 1
        st["d"] = clip(adam(st["d"], lr_d, f["d"], st["mD"], st["vD"], st["tD"]), c)
        if with_g:
            st["tG"] += 1
            st["g"] = adam(st["g"], lr_g, f["g"], st["mG"], st["vG"], st["tG"])
        return f
    raise SystemExit(f"spec: method {name!r} is not supported")


# ---------------------------------------------------------------------------------------------
# A run, as `saddle-stride train` records it.


def norm(tensors):
    return math.sqrt(sum(float((t**2).sum()) for t in tensors))


def finite(tensors):
    return all(bool(torch.isfinite(t).all()) for t in tensors)


def checkpoint_steps(steps, count):
    # round(k·steps/count) with halves rounded up, as JavaScript's Math.round does
    return sorted({0} | {math.floor(k * steps / count + 0.5) for k in range(1, count + 1)})


def train(spec, checkpoint_count):
    gan = Gan(spec)
    method = spec["method"]
    zeros = lambda ps: [torch.zeros_like(p) for p in ps]
    st = {
        "d": [p.clone() for p in gan.d0],
        "g": [p.clone() for p in gan.g0],
        "prevVd": None,
        "prevVg": None,
        "prevD": [p.clone() for p in gan.d0],
        "prevG": [p.clone() for p in gan.g0],
        "mD": zeros(gan.d0),
        "vD": zeros(gan.d0),
        "mG": zeros(gan.g0),
        "vG": zeros(gan.g0),
        "tD": 0,
        "tG": 0,
    }
    schedule = set(checkpoint_steps(spec["steps"], checkpoint_count))
    escaped = lambda d, g: norm(d) > spec["escapeNorm"] or norm(g) > spec["escapeNorm"]
    history = {"lossD": [], "lossG": [], "gradNormD": [], "gradNormG": []}
    saved = [(0, gan.d0, gan.g0)]
    last = (0, gan.d0, gan.g0)
    escape_step = 0 if escaped(gan.d0, gan.g0) else -1
    steps_run = 0
    m = len(spec["latentPoints"])
    step = 1
    while step <= spec["steps"] and escape_step < 0:
        for sub in range(spec["dSteps"]):
            draw = (step - 1) * spec["dSteps"] + sub
            mix = penalty_mix(spec["seed"], m, draw, GRADIENT_PENALTY) if spec["loss"] == "wgan-gp" else None
            with_g = sub == spec["dSteps"] - 1
            start_d, start_g = st["d"], st["g"]
            f = method_step(gan, method, st, mix, spec["lrD"], spec["lrG"], spec["clip"], with_g)
        # the losses and both gradient norms at the start of the last sub-step, on its batch
        both = f if f["d"] is not None and f["g"] is not None else gan.field(start_d, start_g, mix)
        history["lossD"].append(-f["valueD"])
        history["lossG"].append(f["lossG"])
        history["gradNormD"].append(norm(both["d"]))
        history["gradNormG"].append(norm(both["g"]))
        steps_run = step
        if not finite(st["d"]) or not finite(st["g"]):
            escape_step = step
            break
        last = (step, st["d"], st["g"])
        if step in schedule:
            saved.append(last)
        if escaped(st["d"], st["g"]):
            escape_step = step
        step += 1
    if saved[-1][0] != last[0]:
        saved.append(last)
    saved = [s for s in saved if s[0] in schedule or s[0] == last[0]]
    return gan, history, saved, last, escape_step, steps_run


def energy_distance(a, b):
    mean_distance = lambda p, q: torch.cdist(p, q).mean().item()
    return max(0.0, 2 * mean_distance(a, b) - mean_distance(a, a) - mean_distance(b, b))


def finite_metric(v):
    if math.isfinite(v):
        return v
    return -sys.float_info.max if v == -math.inf else sys.float_info.max


def metrics(gan, spec, last, escape_step, steps_run):
    _, d, g = last
    mix = penalty_mix(spec["seed"], len(spec["latentPoints"]), 0, EVALUATION_GRADIENT_PENALTY) if spec["loss"] == "wgan-gp" else None
    f = gan.field(d, g, mix)
    generated = functional_call(gan.G, dict(zip(gan.g_names, g)), (gan.z,)).detach()
    field_norm = math.sqrt(norm(f["d"]) ** 2 + norm(f["g"]) ** 2)
    start, end = norm(gan.d0 + gan.g0), norm(d + g)
    growth = (1.0 if end == 0 else sys.float_info.max) if start == 0 else end / start
    fate = 3 if escape_step >= 0 else (0 if field_norm < 1e-3 else 1)
    return {
        "fate": fate,
        "modesCovered": 0,
        "highQualityFraction": 0,
        "energyDistance": finite_metric(energy_distance(generated, gan.x)),
        "lossD": finite_metric(-f["valueD"]),
        "lossG": finite_metric(f["lossG"]),
        "fieldNorm": finite_metric(field_norm),
        "normGrowth": finite_metric(growth),
        "escapeStep": escape_step,
        "stepsRun": steps_run,
        "fateName": ["converged", "cycling", "mode-collapsed", "diverged"][fate],
    }


def run_json(spec, checkpoint_count):
    gan, history, saved, last, escape_step, steps_run = train(spec, checkpoint_count)
    samples = lambda g: functional_call(gan.G, dict(zip(gan.g_names, g)), (gan.z,)).detach().tolist()
    weights = lambda d, g: {
        "generator": state_dict_layers(gan.G, gan.g_names, g),
        "discriminator": state_dict_layers(gan.D, gan.d_names, d),
    }
    return {
        "cell": None,
        "learningRates": {"lrD": spec["lrD"], "lrG": spec["lrG"]},
        "stepsRun": steps_run,
        "history": history,
        "checkpointSchedule": {"count": checkpoint_count, "steps": checkpoint_steps(spec["steps"], checkpoint_count)},
        "checkpoints": [{"step": s, "samples": samples(g)} for s, _, g in saved],
        "metrics": metrics(gan, spec, last, escape_step, steps_run),
        "layers": {
            "generator": layer_list(gan.G, spec["generator"]),
            "discriminator": layer_list(gan.D, spec["discriminator"]),
        },
        "weights": {"initial": weights(gan.d0, gan.g0), "final": weights(last[1], last[2])},
    }


# ---------------------------------------------------------------------------------------------
# Comparing with saddle-stride's run.json.


def leaves(value, path=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from leaves(v, f"{path}.{k}" if path else k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from leaves(v, f"{path}.{i}")
    else:
        yield path, value


def compare(ours, theirs, tolerance):
    """The largest relative difference per top-level field; every number of ours must be in theirs."""
    worst = {}
    theirs_leaves = dict(leaves({k: theirs[k] for k in ours}))
    ok = True
    for path, value in leaves(ours):
        field = path.split(".")[0]
        other = theirs_leaves.get(path, "missing")
        if isinstance(value, str) or other == "missing" or not isinstance(other, (int, float)):
            if value != other:
                print(f"{path}: {value!r} here, {other!r} there")
                ok = False
            continue
        # relative, with values below 1e-12 compared absolutely (a relative error of 0 vs 1e-17 says nothing)
        diff = abs(value - other) / max(abs(value), abs(other), 1e-12)
        if diff > worst.get(field, (0, ""))[0]:
            worst[field] = (diff, path)
        worst.setdefault(field, (0.0, path))
    for field, (diff, path) in worst.items():
        flag = "" if diff <= tolerance else "   <- over tolerance"
        ok = ok and diff <= tolerance
        print(f"{field:20s} {diff:.3e}  ({path}){flag}")
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("spec", help="a deterministic-mode GAN run spec (JSON)")
    parser.add_argument("--out", help="write this run's run.json fields here")
    parser.add_argument("--compare", help="a run.json from saddle-stride train to compare with")
    parser.add_argument("--checkpoints", type=int, default=None)
    parser.add_argument("--tolerance", type=float, default=1e-10)
    args = parser.parse_args()
    with open(args.spec) as f:
        raw = json.load(f)
    theirs = None
    if args.compare:
        with open(args.compare) as f:
            theirs = json.load(f)
    count = args.checkpoints
    if count is None:
        count = theirs["checkpointSchedule"]["count"] if theirs else 10
    ours = run_json(fill_spec(raw), count)
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"spec": raw, **ours}, f, indent=1)
            f.write("\n")
    if theirs is not None:
        sys.exit(0 if compare(ours, theirs, args.tolerance) else 1)


if __name__ == "__main__":
    main()
