"""The reference for `bench train --reference torch`: self2face's DCGAN and pix2pix written in PyTorch, layer for
layer as the DL4J graphs (same names, kernels, strides, biases, batch norms; parameter counts equal once DL4J's
batch-norm mean and variance, which PyTorch keeps as buffers, are left out), trained one step at a time on synthetic
batches exactly as a PyTorch user writes it: G forward once, D's update on real and detached fake, G's update
through D. Adam lr 2e-4, betas (0.5, 0.999); BCE on logits (+ 100 x L1 for pix2pix).

Prints one JSON object: versions, threads, seconds per step, images/s, peak RSS, the parameter count of every
layer by its DL4J name, and with --profile the seconds of one step by kind of op (PyTorch's profiler, self time).
With --serve it times its steps in blocks that self2face asks for on stdin, between blocks of its own steps.

For `bench quality` (--faces) it trains the same networks on real images instead: the DCGAN example's recipe on
faces (train_on_faces) or pix2pix's paper recipe on (condition, face) pairs (train_on_pairs), and writes G's images.
"""
import argparse
import copy
import json
import math
import statistics
import sys
import time

import torch
from torch import nn


def dcgan_generator(size, z_dim, ngf, labels=0):
    n = int(math.log2(size // 4))
    layers = {"g_project": nn.Linear(z_dim + labels, 16 * 8 * ngf, bias=False),
              "g_project_bn": nn.BatchNorm2d(8 * ngf)}
    ch = 8 * ngf
    for k in range(1, n):
        out = ngf * max(1, 8 >> k)
        layers["g_up%d" % k] = nn.ConvTranspose2d(ch, out, 4, 2, 1, bias=False)
        layers["g_up%d_bn" % k] = nn.BatchNorm2d(out)
        ch = out
    layers["g_out"] = nn.ConvTranspose2d(ch, 3, 4, 2, 1, bias=False)

    class G(nn.ModuleDict):
        def forward(self, z, y=None):
            x = self["g_project"](z if y is None else torch.cat([z, y], 1)).view(-1, 8 * ngf, 4, 4)
            x = torch.relu(self["g_project_bn"](x))
            for k in range(1, n):
                x = torch.relu(self["g_up%d_bn" % k](self["g_up%d" % k](x)))
            return torch.tanh(self["g_out"](x))

    return G(layers)


def dcgan_discriminator(size, ndf):
    n = int(math.log2(size // 4))
    layers = {}
    ch = 3
    for k in range(1, n + 1):
        out = ndf * min(1 << (k - 1), 8)
        layers["d_down%d" % k] = nn.Conv2d(ch, out, 4, 2, 1, bias=(k == 1))
        if k > 1:
            layers["d_down%d_bn" % k] = nn.BatchNorm2d(out)
        ch = out
    layers["d_logits"] = nn.Conv2d(ch, 1, 4, 1, 0, bias=True)

    class D(nn.ModuleDict):
        def forward(self, x):
            for k in range(1, n + 1):
                x = self["d_down%d" % k](x)
                if k > 1:
                    x = self["d_down%d_bn" % k](x)
                x = nn.functional.leaky_relu(x, 0.2)
            return self["d_logits"](x)

    return D(layers)


def cdcgan_discriminator(size, ndf, labels):
    """DCGAN's D body with every convolution spectrally normalised (with bias, no batch norm), and two heads on its
    last 4x4 features: the adversarial logit and one logit per attribute (AC-GAN)."""
    n = int(math.log2(size // 4))
    sn = nn.utils.spectral_norm
    layers = {}
    ch = 3
    for k in range(1, n + 1):
        out = ndf * min(1 << (k - 1), 8)
        layers["d_down%d" % k] = sn(nn.Conv2d(ch, out, 4, 2, 1, bias=True))
        ch = out
    layers["d_class_logits"] = sn(nn.Conv2d(ch, labels, 4, 1, 0, bias=True))
    layers["d_logits"] = sn(nn.Conv2d(ch, 1, 4, 1, 0, bias=True))

    class D(nn.ModuleDict):
        def forward(self, x):
            for k in range(1, n + 1):
                x = nn.functional.leaky_relu(self["d_down%d" % k](x), 0.2)
            return self["d_logits"](x), self["d_class_logits"](x).flatten(1)

    return D(layers)


def unet(size, ngf):
    n = int(math.log2(size))

    def ch(level):
        return ngf * min(1 << (level - 1), 8)

    layers = {"g_enc1": nn.Conv2d(3, ch(1), 4, 2, 1, bias=False)}
    for i in range(2, n + 1):
        layers["g_enc%d" % i] = nn.Conv2d(ch(i - 1), ch(i), 4, 2, 1, bias=False)
        if i < n:
            layers["g_enc%d_bn" % i] = nn.BatchNorm2d(ch(i))
    for i in range(n, 1, -1):
        cin = ch(n) if i == n else 2 * ch(i)
        layers["g_dec%d" % i] = nn.ConvTranspose2d(cin, ch(i - 1), 4, 2, 1, bias=False)
        layers["g_dec%d_bn" % i] = nn.BatchNorm2d(ch(i - 1))
    layers["g_out"] = nn.ConvTranspose2d(2 * ch(1), 3, 4, 2, 1, bias=True)

    class U(nn.ModuleDict):
        def forward(self, c):
            enc = [None, self["g_enc1"](c)]
            for i in range(2, n + 1):
                x = self["g_enc%d" % i](nn.functional.leaky_relu(enc[i - 1], 0.2))
                enc.append(self["g_enc%d_bn" % i](x) if i < n else x)
            h = enc[n]
            for i in range(n, 1, -1):
                x = self["g_dec%d_bn" % i](self["g_dec%d" % i](torch.relu(h)))
                if n - i + 1 <= 3:
                    x = nn.functional.dropout(x, 0.5, self.training)
                h = torch.cat([enc[i - 1], x], 1)
            return torch.tanh(self["g_out"](torch.relu(h)))

    return U(layers)


def patchgan(ndf):
    layers = {"d_c1": nn.Conv2d(6, ndf, 4, 2, 1, bias=True)}
    spec = [("d_c2", ndf, 2 * ndf, 2), ("d_c3", 2 * ndf, 4 * ndf, 2), ("d_c4", 4 * ndf, 8 * ndf, 1)]
    for name, cin, cout, stride in spec:
        layers[name] = nn.Conv2d(cin, cout, 4, stride, 1, bias=False)
        layers[name + "_bn"] = nn.BatchNorm2d(cout)
    layers["d_logits"] = nn.Conv2d(8 * ndf, 1, 4, 1, 1, bias=True)

    class P(nn.ModuleDict):
        def forward(self, c, x):
            x = nn.functional.leaky_relu(self["d_c1"](torch.cat([c, x], 1)), 0.2)
            for name, _, _, _ in spec:
                x = nn.functional.leaky_relu(self[name + "_bn"](self[name](x)), 0.2)
            return self["d_logits"](x)

    return P(layers)


def init(net):
    for m in net.modules():
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
            nn.init.normal_(getattr(m, "weight_orig", m.weight), 0.0, 0.02)
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.normal_(m.weight, 1.0, 0.02)
            nn.init.zeros_(m.bias)
        if isinstance(m, nn.BatchNorm2d):
            m.momentum = 0.1  # DL4J's decay 0.9
            m.eps = 1e-5
    return net


def parameters(*nets):
    out = {}
    for net in nets:
        for name, module in net.items():
            # a spectrally normalised weight is a parameter of its own (weight_orig); u and v are buffers
            out[name] = sum(p.numel() for p in module.parameters())
    return out


CATEGORIES = [
    ("convolution backward", ("convolution_backward", "convolution_backward_overrideable", "mkldnn_convolution_backward",
                              "slow_conv_transpose2d_backward", "slow_conv2d_backward")),
    ("convolution forward", ("mkldnn_convolution", "_convolution", "slow_conv_transpose2d", "_slow_conv2d_forward",
                             "thnn_conv2d", "convolution")),
    ("batch norm backward", ("native_batch_norm_backward",)),
    ("batch norm forward", ("native_batch_norm", "batch_norm")),
    ("activation backward", ("leaky_relu_backward", "threshold_backward", "tanh_backward", "sigmoid_backward")),
    ("activation forward", ("leaky_relu", "relu", "tanh", "sigmoid", "clamp_min")),
    ("dense", ("addmm", "mm")),
    ("concatenation", ("cat",)),
    ("optimizer (Adam)", ("_foreach_", "addcdiv", "addcmul", "lerp", "sqrt")),
]


def category(name):
    op = name.replace("aten::", "")
    for label, ops in CATEGORIES:
        if any(op == o or op.startswith(o) and o.endswith("_") for o in ops):
            return label
    return "other"


def profile(step):
    with torch.autograd.profiler.profile() as prof:
        step()
    out = {}
    for e in prof.key_averages():
        out[category(e.key)] = out.get(category(e.key), 0.0) + e.self_cpu_time_total / 1e6
    return out


def peak_rss_mb():
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over execve, so a child of a large JVM would report the JVM's
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--model", choices=["dcgan", "cdcgan", "pix2pix"], required=True)
    a.add_argument("--labels", type=int, default=5, help="cdcgan: the number of attributes")
    a.add_argument("--lambda-cls", type=float, default=1.0)
    a.add_argument("--size", type=int, required=True)
    a.add_argument("--batch", type=int, required=True)
    a.add_argument("--ngf", type=int, required=True)
    a.add_argument("--ndf", type=int, required=True)
    a.add_argument("--z-dim", type=int, default=100)
    a.add_argument("--lambda-l1", type=float, default=100.0)
    a.add_argument("--steps", type=int, default=5)
    a.add_argument("--warmup", type=int, default=2)
    a.add_argument("--serve", action="store_true", help="after the warm-up, read 'steps N' lines on stdin and "
                   "answer each with N timed steps' seconds as a JSON line; 'end' or end of input: the result")
    a.add_argument("--threads", type=int, required=True)
    a.add_argument("--profile", action="store_true", help="also one step under PyTorch's profiler, by op kind")
    a.add_argument("--faces", help="train the DCGAN example's recipe on these faces (raw uint8 RGB [n, size, size, 3])"
                   " for --steps steps instead of timing synthetic batches")
    a.add_argument("--conditions", help="pix2pix with --faces: the train pairs' condition images (raw uint8 RGB), "
                   "trained with the paper's recipe")
    a.add_argument("--val-conditions", help="with --conditions: condition images G's outputs are written for")
    a.add_argument("--samples-out", help="with --faces: write --samples samples there (raw uint8 RGB); with "
                   "--conditions: G's faces for --val-conditions")
    a.add_argument("--samples", type=int, default=32)
    a.add_argument("--seed", type=int, default=42)
    a.add_argument("--small-data", action="store_true",
                   help="with --faces: the small-data techniques as the data-efficient GAN papers write them "
                        "(DiffAugment colour + translation 1/8 + cutout 1/2 before D, G's loss included; horizontal "
                        "flips; samples from an exponential moving average of G, batch norm in inference mode)")
    a.add_argument("--ema-images", type=float, default=2000.0, help="with --small-data: the average's half-life")
    args = a.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(7)
    b = args.batch
    bce = nn.BCEWithLogitsLoss()
    real = torch.rand(b, 3, args.size, args.size) * 2 - 1
    if args.model == "dcgan":
        g = init(dcgan_generator(args.size, args.z_dim, args.ngf))
        d = init(dcgan_discriminator(args.size, args.ndf))
    elif args.model == "cdcgan":
        g = init(dcgan_generator(args.size, args.z_dim, args.ngf, args.labels))
        d = init(cdcgan_discriminator(args.size, args.ndf, args.labels))
        labels = (torch.rand(b, args.labels) > 0.5).float()
    else:
        g = init(unet(args.size, args.ngf))
        d = init(patchgan(args.ndf))
        condition = torch.rand(b, 3, args.size, args.size) * 2 - 1
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))

    def cdcgan_step():
        # D on real faces (adversarial + their attributes, weighted) and detached fakes, then G through D
        y = (torch.rand(b, args.labels) > 0.5).float()
        fake = g(torch.randn(b, args.z_dim), y)
        (real_logit, real_cls), (fake_logit, _) = d(real), d(fake.detach())
        opt_d.zero_grad()
        loss_d = bce(real_logit, torch.ones_like(real_logit)) + bce(fake_logit, torch.zeros_like(fake_logit)) \
            + args.lambda_cls * bce(real_cls, labels)
        loss_d.backward()
        opt_d.step()
        opt_g.zero_grad()
        logit, cls = d(fake)
        loss_g = bce(logit, torch.ones_like(logit)) + args.lambda_cls * bce(cls, y)
        loss_g.backward()
        opt_g.step()

    def step():
        if args.model == "cdcgan":
            cdcgan_step()
            return
        if args.model == "dcgan":
            fake = g(torch.randn(b, args.z_dim))
            d_real, d_fake = d(real), d(fake.detach())
        else:
            fake = g(condition)
            d_real, d_fake = d(condition, real), d(condition, fake.detach())
        # D, then G through D (pix2pix: the L1 term as well)
        opt_d.zero_grad()
        loss_d = bce(d_real, torch.ones_like(d_real)) + bce(d_fake, torch.zeros_like(d_fake))
        if args.model == "pix2pix":
            loss_d = 0.5 * loss_d
        loss_d.backward()
        opt_d.step()
        opt_g.zero_grad()
        pred = d(fake) if args.model == "dcgan" else d(condition, fake)
        loss_g = bce(pred, torch.ones_like(pred))
        if args.model == "pix2pix":
            loss_g = loss_g + args.lambda_l1 * nn.functional.l1_loss(fake, real)
        loss_g.backward()
        opt_g.step()

    if args.faces and args.model == "pix2pix":
        train_on_pairs(args, g, d, opt_g, opt_d, bce)
        return
    if args.faces:
        train_on_faces(args, g, d, opt_g, opt_d, bce)
        return
    for _ in range(args.warmup):
        step()
    times = []

    def timed(n):
        out = []
        for _ in range(n):
            t0 = time.perf_counter()
            step()
            out.append(time.perf_counter() - t0)
        times.extend(out)
        return out

    if args.serve:
        # blocks of timed steps on request, alternating with self2face's: both sides then see the same machine
        print(json.dumps({"ready": True}), flush=True)
        for line in sys.stdin:
            words = line.split()
            if not words or words[0] == "end":
                break
            print(json.dumps({"times": timed(int(words[1]))}), flush=True)
    else:
        timed(args.steps)
    # the median step, as self2face's side reports it: single steps here vary several-fold (threads spin)
    seconds = statistics.median(times)
    result = {
        "torch": torch.__version__, "threads": torch.get_num_threads(),
        "step_seconds": seconds, "images_per_second": b / seconds,
        "peak_rss_mb": peak_rss_mb(),
        "parameters": parameters(g, d)}
    if args.profile:
        result["profile"] = profile(step)
    print(json.dumps(result))


def diff_augment(x):
    """DiffAugment (Zhao et al. 2020), its three policies, drawn per image: colour (brightness, saturation,
    contrast), translation by up to 1/8 of the side with zero fill, and a cutout of half the side."""
    b, _, h, w = x.shape
    x = x + (torch.rand(b, 1, 1, 1) - 0.5)
    mean = x.mean(1, keepdim=True)
    x = (x - mean) * (torch.rand(b, 1, 1, 1) * 2) + mean
    mean = x.mean([1, 2, 3], keepdim=True)
    x = (x - mean) * (torch.rand(b, 1, 1, 1) + 0.5) + mean
    s = h // 8
    padded = nn.functional.pad(x, (s, s, s, s))
    dx, dy = torch.randint(-s, s + 1, (b,)), torch.randint(-s, s + 1, (b,))
    x = torch.stack([padded[i, :, s + dy[i]:s + dy[i] + h, s + dx[i]:s + dx[i] + w] for i in range(b)])
    c = h // 2
    cy, cx = torch.randint(0, h + 1, (b,)), torch.randint(0, w + 1, (b,))
    mask = torch.ones_like(x[:, :1])
    for i in range(b):
        mask[i, :, max(0, cy[i] - c // 2):cy[i] + c // 2, max(0, cx[i] - c // 2):cx[i] + c // 2] = 0
    return x * mask


def read_images(path, size):
    raw = open(path, "rb").read()
    n = len(raw) // (size * size * 3)
    images = torch.frombuffer(bytearray(raw), dtype=torch.uint8).reshape(n, size, size, 3)
    return images.permute(0, 3, 1, 2).float() / 127.5 - 1


def write_images(path, images):
    out = ((images.permute(0, 2, 3, 1) + 1) * 127.5).round().clamp(0, 255).to(torch.uint8)
    open(path, "wb").write(out.numpy().tobytes())


def train_on_pairs(args, g, d, opt_g, opt_d, bce):
    """pix2pix as the paper trains it (BCE, D's loss halved, + lambda x L1, Adam 2e-4 / 0.5, dropout in G; no jitter or
    mirroring: self2face's pairs are aligned crops) on (condition, face) pairs for --steps steps of random minibatches;
    G's faces for --val-conditions written as uint8 RGB, G in training mode (batch statistics, dropout on) as the paper
    tests and self2face evaluates."""
    torch.manual_seed(args.seed)
    conditions, faces = read_images(args.conditions, args.size), read_images(args.faces, args.size)
    n = faces.shape[0]
    t0 = time.perf_counter()
    for _ in range(args.steps):
        pick = torch.randint(0, n, (args.batch,))
        condition, real = conditions[pick], faces[pick]
        fake = g(condition)
        opt_d.zero_grad()
        d_real, d_fake = d(condition, real), d(condition, fake.detach())
        loss_d = 0.5 * (bce(d_real, torch.ones_like(d_real)) + bce(d_fake, torch.zeros_like(d_fake)))
        loss_d.backward()
        opt_d.step()
        opt_g.zero_grad()
        pred = d(condition, fake)
        loss_g = bce(pred, torch.ones_like(pred)) + args.lambda_l1 * nn.functional.l1_loss(fake, real)
        loss_g.backward()
        opt_g.step()
    seconds = time.perf_counter() - t0
    with torch.no_grad():
        write_images(args.samples_out, g(read_images(args.val_conditions, args.size)))
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "steps": args.steps,
                      "train_seconds": seconds, "pairs": n}))


def train_on_faces(args, g, d, opt_g, opt_d, bce):
    """The PyTorch DCGAN example's recipe (BCE, Adam 2e-4 / 0.5, minibatches drawn from the faces, no augmentation)
    on real faces for --steps steps; --samples faces from fixed noise written as uint8 RGB (G in training mode, as
    the example samples)."""
    torch.manual_seed(args.seed)
    faces = read_images(args.faces, args.size)
    n = faces.shape[0]
    aug = diff_augment if args.small_data else (lambda x: x)
    if args.small_data:
        faces = torch.cat([faces, faces.flip(3)])
        n = faces.shape[0]
        average = copy.deepcopy(g)
    t0 = time.perf_counter()
    for step in range(1, args.steps + 1):
        real = faces[torch.randint(0, n, (args.batch,))]
        fake = g(torch.randn(args.batch, args.z_dim))
        opt_d.zero_grad()
        d_real, d_fake = d(aug(real)), d(aug(fake.detach()))
        loss_d = bce(d_real, torch.ones_like(d_real)) + bce(d_fake, torch.zeros_like(d_fake))
        loss_d.backward()
        opt_d.step()
        opt_g.zero_grad()
        pred = d(aug(fake))
        bce(pred, torch.ones_like(pred)).backward()
        opt_g.step()
        if args.small_data:
            # half-life in images, ramped up over the first images seen (as self2face's training.g-ema)
            beta = 0.5 ** (args.batch / max(1e-8, min(args.ema_images, 0.1 * step * args.batch)))
            with torch.no_grad():
                for pa, pg in zip(average.parameters(), g.parameters()):
                    pa.lerp_(pg, 1 - beta)
                for ba, bg in zip(average.buffers(), g.buffers()):
                    ba.copy_(bg)
    seconds = time.perf_counter() - t0
    if args.small_data:
        g = average.eval()
    with torch.no_grad():
        samples = g(torch.randn(args.samples, args.z_dim))
    write_images(args.samples_out, samples)
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "steps": args.steps,
                      "train_seconds": seconds, "faces": n}))


if __name__ == "__main__":
    main()
