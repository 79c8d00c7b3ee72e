#!/usr/bin/python3
"""Reference values for job.eval.ImageQuality (scikit-image, Debian's python3-skimage) and job.eval.FeatureDistance
(NumPy and SciPy's sqrtm).

Writes job/src/test/resources/quality/reference.json: PSNR, SSIM and MS-SSIM of fixed image pairs that
ImageQualityTest rebuilds from the same formula (no media). SSIM is skimage's structural_similarity with
Wang et al.'s settings; MS-SSIM is composed from the same Gaussian statistics (skimage has no MS-SSIM): the
contrast-structure term at each scale, SSIM at the coarsest, 2x2 averaging between scales, the standard weights
(the first ones, renormalised, when fewer scales fit), negative terms counted as 0, per channel then averaged.

Run: /usr/bin/python3 job/test-tools/quality-reference.py
"""
import json
import os

import numpy as np
from scipy.ndimage import gaussian_filter
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

RANGE = 2.0
WEIGHTS = [0.0448, 0.2856, 0.3001, 0.2363, 0.1333]


def lcg(seed, n):
    """The tests' pseudo-random numbers in [-1, 1): x' = (1103515245 x + 12345) mod 2^31."""
    out = np.empty(n)
    x = seed
    for i in range(n):
        x = (1103515245 * x + 12345) % (1 << 31)
        out[i] = x / float(1 << 31) * 2 - 1
    return out


def image(size, seed, noise, shift):
    """[3, size, size] float32 in [-1, 1]: smooth stripes, shifted, plus LCG noise."""
    c, i, j = np.meshgrid(np.arange(3), np.arange(size), np.arange(size), indexing="ij")
    base = 0.6 * np.sin(0.11 * (i + shift) * (c + 1) + 0.07 * j) * np.cos(0.05 * j - 0.13 * c)
    img = base + noise * lcg(seed, 3 * size * size).reshape(3, size, size)
    return np.clip(img, -1, 1).astype(np.float32)


def stats(x, y):
    f = lambda a: gaussian_filter(a, sigma=1.5, truncate=3.5, mode="reflect")
    ux, uy = f(x), f(y)
    vx, vy, vxy = f(x * x) - ux * ux, f(y * y) - uy * uy, f(x * y) - ux * uy
    c1, c2 = (0.01 * RANGE) ** 2, (0.03 * RANGE) ** 2
    cs = (2 * vxy + c2) / (vx + vy + c2)
    ssim = (2 * ux * uy + c1) / (ux * ux + uy * uy + c1) * cs
    crop = (slice(5, -5), slice(5, -5))
    return ssim[crop].mean(), cs[crop].mean()


def ms_ssim(a, b):
    side = a.shape[1]
    scales = 1
    while scales < 5 and side >> scales >= 16:
        scales += 1
    w = np.array(WEIGHTS[:scales]) / sum(WEIGHTS[:scales])
    out = []
    for ch in range(3):
        x, y = a[ch].astype(np.float64), b[ch].astype(np.float64)
        ms = 1.0
        for s in range(scales):
            ssim, cs = stats(x, y)
            term = ssim if s == scales - 1 else cs
            ms *= max(0.0, term) ** w[s]
            if s < scales - 1:
                x = x.reshape(x.shape[0] // 2, 2, x.shape[1] // 2, 2).mean(axis=(1, 3))
                y = y.reshape(y.shape[0] // 2, 2, y.shape[1] // 2, 2).mean(axis=(1, 3))
        out.append(ms)
    return float(np.mean(out)), scales


CASES = [  # size, seed of a, noise of a, seed of b, noise of b, shift of b
    (64, 1, 0.05, 2, 0.05, 0),
    (64, 3, 0.0, 4, 0.4, 3),
    (128, 5, 0.1, 6, 0.2, 1),
    (256, 7, 0.05, 8, 0.3, 2),
]

rows = []
for size, sa, na, sb, nb, shift in CASES:
    a = image(size, sa, na, 0)
    b = image(size, sb, nb, shift)
    a64, b64 = a.astype(np.float64), b.astype(np.float64)
    ssim = structural_similarity(a64, b64, channel_axis=0, gaussian_weights=True, sigma=1.5,
                                 use_sample_covariance=False, data_range=RANGE)
    # the statistics MS-SSIM is composed from give skimage's SSIM at the first scale
    composed = np.mean([stats(a64[ch], b64[ch])[0] for ch in range(3)])
    assert abs(composed - ssim) < 1e-12, (composed, ssim)
    ms, scales = ms_ssim(a, b)
    rows.append({"size": size, "seed_a": sa, "noise_a": na, "seed_b": sb, "noise_b": nb, "shift_b": shift,
                 "psnr": float(peak_signal_noise_ratio(a64, b64, data_range=RANGE)), "ssim": float(ssim),
                 "ms_ssim": ms, "ms_scales": scales})

def features(seed, n, d, scale, shift):
    """Fixed feature vectors [n, d] from the LCG: what FeatureDistanceTest rebuilds."""
    return lcg(seed, n * d).reshape(n, d) * scale + shift


def frechet(a, b):
    from scipy.linalg import sqrtm
    mu1, mu2 = a.mean(axis=0), b.mean(axis=0)
    s1, s2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    root = sqrtm(s1 @ s2).real
    return float(((mu1 - mu2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * np.trace(root))


def kid(a, b):
    d = a.shape[1]
    k = lambda x, y: (x @ y.T / d + 1) ** 3
    m, n = len(a), len(b)
    kxx, kyy, kxy = k(a, a), k(b, b), k(a, b)
    return float((kxx.sum() - np.trace(kxx)) / (m * (m - 1)) + (kyy.sum() - np.trace(kyy)) / (n * (n - 1))
                 - 2 * kxy.mean())


FEATURE_CASES = [  # seed, n, scale, shift of a; seed, n, scale, shift of b; d
    (11, 40, 1.0, 0.0, 12, 30, 0.8, 0.3, 8),
    (13, 25, 0.5, 0.1, 14, 25, 0.5, 0.1, 16),
]
feature_rows = []
for sa, na, ca, ha, sb, nb, cb, hb, d in FEATURE_CASES:
    a, b = features(sa, na, d, ca, ha), features(sb, nb, d, cb, hb)
    feature_rows.append({"seed_a": sa, "n_a": na, "scale_a": ca, "shift_a": ha, "seed_b": sb, "n_b": nb,
                         "scale_b": cb, "shift_b": hb, "d": d, "frechet": frechet(a, b), "kid": kid(a, b)})

out = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "quality", "reference.json")
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, "w") as f:
    json.dump({"tool": "scikit-image structural_similarity / peak_signal_noise_ratio; FD with scipy.linalg.sqrtm",
               "cases": rows, "features": feature_rows}, f, indent=1)
print(json.dumps(rows, indent=1))
