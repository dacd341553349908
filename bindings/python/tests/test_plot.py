"""The notebook figures draw (Agg backend) from results and DataFrames."""
import math

import matplotlib
import numpy as np
import pandas as pd

import fgroi
import fgroi.plot

matplotlib.use("Agg")


def test_all_four_figures_draw():
    import matplotlib.pyplot as plt
    rng = np.random.default_rng(1)
    gap = fgroi.capi.paired_gap_ci(40, 30, 5, 25)
    ax = fgroi.plot.adherence_gap(rng.random(8), rng.random(8), gap=gap)
    assert len(ax.figure.axes) == 2 and "device - self" in ax.figure.axes[1].get_xlabel()
    df = pd.DataFrame({"score": rng.integers(0, 11, 60), "wave": ["pre", "post"] * 30})
    ax = fgroi.plot.nps_bars("score", "wave", data=df,
                             intervals=fgroi.nps_by("score", "wave", data=df))
    assert [t.get_text().split(" ")[0] for t in ax.get_yticklabels()] == ["pre", "post"]
    effects = {"diff": fgroi.compare_props(9, 12, 2, 12),
               "unbounded": fgroi.capi.prop_ratio_ci(3, 10, 0, 10)}
    assert math.isinf(effects["unbounded"].high)
    ax = fgroi.plot.forest(effects)
    assert len(ax.get_yticklabels()) == 2
    acc = pd.DataFrame({"segment": ["a", "a", "b", "b"] * 3, "task": ["x", "y"] * 6,
                        "accepted": rng.integers(0, 2, 12)})
    ax = fgroi.plot.acceptance_heatmap(acc, "segment", "task", "accepted")
    assert ax.images[0].get_array().shape == (2, 2)
    plt.close("all")
