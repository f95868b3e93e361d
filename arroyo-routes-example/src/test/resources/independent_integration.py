"""Azimuthal integration computed independently with numpy, to check the example's operator.
Usage: independent_integration.py GEOMETRY.json FRAME.u32le... ; prints CSV rows: q, then one
column per frame (mean intensity per equal-width q bin; nan for an empty bin)."""
import json
import sys

import numpy as np

geometry = json.load(open(sys.argv[1]))
h, w, bins = geometry["height"], geometry["width"], geometry["bins"]
y, x = np.mgrid[0:h, 0:w]
r = np.hypot((x - geometry["beam_center_x"]) * geometry["pixel_size_m"],
             (y - geometry["beam_center_y"]) * geometry["pixel_size_m"])
q = 4 * np.pi / geometry["wavelength_m"] * np.sin(np.arctan2(r, geometry["detector_distance_m"]) / 2) * 1e-9
index = np.minimum((q / q.max() * bins).astype(np.int64), bins - 1).ravel()
pixels_per_bin = np.bincount(index, minlength=bins)
profiles = []
for path in sys.argv[2:]:
    frame = np.fromfile(path, dtype="<u4").astype(np.float64)
    sums = np.bincount(index, weights=frame, minlength=bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        profiles.append(np.where(pixels_per_bin > 0, sums / pixels_per_bin, np.nan))
centres = (np.arange(bins) + 0.5) * q.max() / bins
for b in range(bins):
    print(",".join(repr(float(v)) for v in [centres[b]] + [p[b] for p in profiles]))
