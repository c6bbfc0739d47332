"""Step 2 of 2 in rebuilding store/semantic/word-vectors.bin (see README.md in this folder): the static vectors.

Finds word vectors E such that a sentence's mean word vector is close to the sentence encoder's vector of the whole
sentence (ridge regression, pulled towards each word's own encoder vector), keeps the 128 main directions, and
packs each word's vector as int8 with a scale, in the layout core/guidance/semantic/word-vectors.ts reads.

Usage: python3 scripts/word-vectors/distil.py [OUT_DIR] [store/semantic/word-vectors.bin]   (needs numpy and scipy)
"""
import json, struct, sys
import numpy as np
import scipy.sparse as sp

DIMENSIONS = 128
# Pull towards each word's own vector: 0.05 and 0.01 scored the same on the bench's tuning sets; 0.05 is smoother.
RIDGE = 0.05
ITERATIONS = 200

out_dir = sys.argv[1] if len(sys.argv) > 1 else "build/word-vectors"
target = sys.argv[2] if len(sys.argv) > 2 else "store/semantic/word-vectors.bin"
words = json.load(open(f"{out_dir}/words.json"))
V = len(words)
own = np.fromfile(f"{out_dir}/words.f32", dtype=np.float32).reshape(V, 512).astype(np.float64)
own /= np.linalg.norm(own, axis=1, keepdims=True) + 1e-9
sentence_words = json.load(open(f"{out_dir}/sentences.words.json"))
Y = np.fromfile(f"{out_dir}/sentences.f32", dtype=np.float32).reshape(-1, 512).astype(np.float64)
Y /= np.linalg.norm(Y, axis=1, keepdims=True) + 1e-9
keep = [i for i, rows in enumerate(sentence_words) if rows]
rows, cols, vals = [], [], []
for r, i in enumerate(keep):
    for w in sentence_words[i]:
        rows.append(r); cols.append(w); vals.append(1.0 / len(sentence_words[i]))
S = sp.csr_matrix((vals, (rows, cols)), shape=(len(keep), V))
Y = Y[keep]
St = S.T.tocsr()

# Conjugate gradients on (SᵀS + λI) E = SᵀY + λ·own, all 512 columns at once.
def apply(X):
    return St @ (S @ X) + RIDGE * X
B = St @ Y + RIDGE * own
E = own.copy(); R = B - apply(E); P = R.copy(); rr = (R * R).sum(0)
for _ in range(ITERATIONS):
    AP = apply(P)
    alpha = rr / ((P * AP).sum(0) + 1e-30)
    E += P * alpha; R -= AP * alpha
    rn = (R * R).sum(0)
    P = R + P * (rn / (rr + 1e-30)); rr = rn
print("relative error of sentence means: distilled %.3f, words' own vectors %.3f" % (
    np.linalg.norm(S @ E - Y) / np.linalg.norm(Y), np.linalg.norm(S @ own - Y) / np.linalg.norm(Y)))

_, _, Vt = np.linalg.svd(E - E.mean(0), full_matrices=False)
projected = E @ Vt[:DIMENSIONS].T
scale = np.abs(projected).max(1) / 127.0
scale[scale == 0] = 1
packed = np.round(projected / scale[:, None]).astype(np.int8)
header = json.dumps({"format": 1, "dimensions": DIMENSIONS, "words": words}, separators=(",", ":")).encode()
with open(target, "wb") as f:
    f.write(b"CHWV"); f.write(struct.pack("<I", len(header))); f.write(header)
    f.write(b"\0" * ((-(8 + len(header))) % 4))
    f.write(scale.astype("<f4").tobytes()); f.write(packed.tobytes())
print(f"{V} words, {DIMENSIONS} dimensions: {target}")
