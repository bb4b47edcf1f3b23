"""The calibration measures the development benchmarks report
(bench/devsets.py): the ECE, and what perfectly calibrated answers with
the same confidences would show."""

import pathlib
import random
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "bench"))

from devsets import calibration_bins, ece, ece_if_calibrated  # noqa: E402


def test_bins_put_a_certain_answer_in_the_last_bin():
    bins = calibration_bins([(0.05, True), (0.95, False), (1.0, True)])
    assert [len(b) for b in bins] == [1, 2]


def test_ece_is_the_weighted_gap_between_confidence_and_accuracy():
    pairs = [(0.9, True)] * 9 + [(0.9, False)] + [(0.55, False)] * 2
    # 0.9 bin: confidence 0.9, accuracy 0.9; 0.5 bin: 0.55 against 0.
    assert abs(ece(pairs) - 2 * 0.55 / 12) < 1e-9


def test_certain_and_right_answers_have_no_floor():
    floor, share = ece_if_calibrated([(1.0, True)] * 50)
    assert floor == 0.0 and share == 1.0


def test_a_real_gap_is_rarely_reached_by_calibrated_answers():
    pairs = [(0.6, True)] * 200  # right far more often than 60%
    floor, share = ece_if_calibrated(pairs)
    assert floor < 0.1 < ece(pairs)
    assert share < 0.01


def test_calibrated_answers_reach_their_own_ece_about_half_the_time():
    # Samples of a hundred answers, each right with exactly its confidence:
    # the floor is about 0.05, and each sample's ECE an ordinary draw from
    # the simulated spread, so the shares average about a half.
    floors, shares = [], []
    for seed in range(40):
        rng = random.Random(seed)
        confidences = [rng.uniform(0.6, 1.0) for _ in range(100)]
        pairs = [(c, rng.random() < c) for c in confidences]
        floor, share = ece_if_calibrated(pairs, draws=200)
        floors.append(floor)
        shares.append(share)
    assert all(0.03 < f < 0.09 for f in floors)
    assert 0.35 < sum(shares) / len(shares) < 0.65
