"""A split written by `binge eval --save-split DIR`, read the way binge
reads it, and Recall@20 / NDCG@20 computed the way binge computes them
(full ranking over every train item, train items excluded, Recall
normalised by min(20, |test|)). Shared by the reference models here."""
import numpy as np

K = 20


def read_pairs(path):
    with open(path) as f:
        return [tuple(int(v) for v in line.split(",")) for line in f if line.strip()]


class Split:
    """train: the pairs to fit on; test: the pairs to find. X is users x items."""

    def __init__(self, train, test):
        self.users = sorted({u for u, _ in train} | {u for u, _ in test})
        self.items = sorted({i for _, i in train} | {i for _, i in test})
        self.urow = {u: k for k, u in enumerate(self.users)}
        self.icol = {i: k for k, i in enumerate(self.items)}
        self.X = np.zeros((len(self.users), len(self.items)))
        for u, i in train:
            self.X[self.urow[u], self.icol[i]] = 1.0
        self.held = {}
        for u, i in test:
            self.held.setdefault(self.urow[u], set()).add(self.icol[i])

    @classmethod
    def test_of(cls, folder):
        return cls(read_pairs(f"{folder}/train.csv"), read_pairs(f"{folder}/test.csv"))

    @classmethod
    def validations_of(cls, folder):
        """Each validation-*.csv against what train.csv holds without it."""
        train = read_pairs(f"{folder}/train.csv")
        out = []
        for name in ("validation.csv", "validation-2.csv", "validation-3.csv"):
            held = read_pairs(f"{folder}/{name}")
            out.append(cls(sorted(set(train) - set(held)), held))
        return out

    def metrics(self, scores):
        """(Recall@20, NDCG@20) of users x items scores."""
        scores = scores.copy()
        scores[self.X > 0] = -np.inf
        discounts = 1.0 / np.log2(np.arange(2, K + 2))
        recall = ndcg = 0.0
        for u, truth in self.held.items():
            top = np.argsort(-scores[u], kind="stable")[:K]
            hits = np.array([1.0 if i in truth else 0.0 for i in top])
            recall += hits.sum() / min(K, len(truth))
            ndcg += (hits * discounts).sum() / discounts[: min(K, len(truth))].sum()
        return recall / len(self.held), ndcg / len(self.held)
