#!/usr/bin/env bash
# Rebuilds Vectors/data/digits/ from scikit-learn's copy of the UCI ML hand-written digits data set
# (sklearn/datasets/data/digits.csv.gz inside the scikit-learn wheel, fetched with `pip download`).
#
#   Tools/data/fetch-digits.sh [SKLEARN_VERSION]     (default: the version pinned below)
#
# Writes images.u8 (1797×64 bytes, row-major 8×8, values 0–16), labels.u8 (1797 bytes, 0–9),
# split.u8 (1797 bytes: 0 = train, 1 = test; a fixed, seeded per-class 80/20 split) and
# SOURCE.txt (wheel name, version, sha256s). Deterministic: rerunning gives identical files.
set -euo pipefail
VERSION="${1:-1.5.2}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$ROOT/Vectors/data/digits"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# Any platform's wheel carries the same data file; ask for a manylinux x86_64 CPython 3.11 one so
# the choice does not depend on the host.
pip download "scikit-learn==$VERSION" --no-deps --only-binary=:all: \
  --platform manylinux2014_x86_64 --python-version 3.11 --implementation cp -d "$TMP" -q
WHEEL="$(ls "$TMP"/scikit_learn-*.whl | head -1)"
python3 - "$WHEEL" "$OUT" "$VERSION" <<'PY'
import gzip, hashlib, io, os, sys, zipfile
wheel, out, version = sys.argv[1], sys.argv[2], sys.argv[3]
raw = zipfile.ZipFile(wheel).read("sklearn/datasets/data/digits.csv.gz")
rows = [l for l in gzip.decompress(raw).decode().splitlines() if l.strip()]
images, labels = bytearray(), bytearray()
for l in rows:
    v = [int(float(t)) for t in l.split(",")]
    assert len(v) == 65 and all(0 <= p <= 16 for p in v[:64]) and 0 <= v[64] <= 9, l
    images += bytes(v[:64]); labels.append(v[64])
assert len(labels) == 1797, len(labels)
# Fixed split: per class, the samples in file order are shuffled with xorshift32 (seed 2024,
# Fisher–Yates from the end, j = x % (i + 1)); the first ⌊n/5⌋ of each class go to test.
split = bytearray(len(labels))
x = 2024
def nxt():
    global x
    x ^= (x << 13) & 0xFFFFFFFF; x ^= x >> 17; x ^= (x << 5) & 0xFFFFFFFF
    return x
for c in range(10):
    idx = [i for i, l in enumerate(labels) if l == c]
    for i in range(len(idx) - 1, 0, -1):
        j = nxt() % (i + 1); idx[i], idx[j] = idx[j], idx[i]
    for i in idx[: len(idx) // 5]: split[i] = 1
os.makedirs(out, exist_ok=True)
files = {"images.u8": images, "labels.u8": labels, "split.u8": split}
for n, b in files.items():
    with open(os.path.join(out, n), "wb") as f: f.write(b)
sha = lambda b: hashlib.sha256(b).hexdigest()
with open(os.path.join(out, "SOURCE.txt"), "w") as f:
    f.write(f"scikit-learn {version}\nwheel {os.path.basename(wheel)}\n")
    f.write(f"wheel-sha256 {sha(open(wheel, 'rb').read())}\n")
    f.write(f"digits.csv.gz-sha256 {sha(raw)}\n")
    for n, b in files.items(): f.write(f"{n}-sha256 {sha(b)}\n")
    f.write(f"samples {len(labels)} train {split.count(0)} test {split.count(1)}\n")
print(open(os.path.join(out, "SOURCE.txt")).read(), end="")
PY
