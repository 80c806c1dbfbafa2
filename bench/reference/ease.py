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


def read_pairs(path):
    with open(path) as f:
        return [tuple(int(v) for v in line.split(",")) for line in f if line.strip()]


def main():
    folder, lam = sys.argv[1], float(sys.argv[2])
    train, test = read_pairs(f"{folder}/train.csv"), read_pairs(f"{folder}/test.csv")
    users = sorted({u for u, _ in train} | {u for u, _ in test})
    items = sorted({i for _, i in train} | {i for _, i in test})
    urow = {u: k for k, u in enumerate(users)}
    icol = {i: k for k, i in enumerate(items)}
    X = np.zeros((len(users), len(items)))
    for u, i in train:
        X[urow[u], icol[i]] = 1.0

    start = time.perf_counter()
    G = X.T @ X
    G[np.diag_indices(len(items))] += lam
    P = np.linalg.inv(G)
    B = P / (-np.diag(P))
    B[np.diag_indices(len(items))] = 0.0
    fit_seconds = time.perf_counter() - start

    scores = X @ B
    scores[X > 0] = -np.inf
    held = {}
    for u, i in test:
        held.setdefault(urow[u], set()).add(icol[i])
    recall = ndcg = 0.0
    k = 20
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    for u, truth in held.items():
        top = np.argsort(-scores[u], kind="stable")[:k]
        hits = np.array([1.0 if i in truth else 0.0 for i in top])
        recall += hits.sum() / min(k, len(truth))
        ndcg += (hits * discounts).sum() / discounts[: min(k, len(truth))].sum()
    print(json.dumps({"recall_20": recall / len(held), "ndcg_20": ndcg / len(held),
                      "fit_seconds": fit_seconds, "users": len(held), "items": len(items)}))


if __name__ == "__main__":
    main()
