#!/usr/bin/env python3
"""EASE as the paper gives it (Steck 2019, NumPy closed form), on a split
written by `binge eval --save-split DIR`: fits on train.csv, ranks every
item for each user with a test set, excludes train items, and prints
Recall@20 (normalised by min(20, |test|)), NDCG@20 and the fit time as
JSON. The peer that bench/reco_bench.sh measures binge against.

    python3 ease.py DIR LAMBDA
"""
import json
import sys
import time

import numpy as np

from split import Split


def main():
    folder, lam = sys.argv[1], float(sys.argv[2])
    split = Split.test_of(folder)
    X = split.X
    start = time.perf_counter()
    G = X.T @ X
    G[np.diag_indices(X.shape[1])] += lam
    P = np.linalg.inv(G)
    B = P / (-np.diag(P))
    B[np.diag_indices(X.shape[1])] = 0.0
    fit_seconds = time.perf_counter() - start
    recall, ndcg = split.metrics(X @ B)
    print(json.dumps({"recall_20": recall, "ndcg_20": ndcg, "fit_seconds": fit_seconds,
                      "users": len(split.held), "items": X.shape[1]}))


if __name__ == "__main__":
    main()
