"""Notebook figures for pilot results. matplotlib is imported only when a
function here is called (the rest of fgroi does not need it).

* :func:`adherence_gap` - self-report vs device per participant (dumbbells)
  and the overall gap with its interval;
* :func:`nps_bars` - detractor / passive / promoter shares by wave or
  segment as stacked bars, with each group's NPS and interval;
* :func:`forest` - effects with intervals (any results with estimate/low/high);
* :func:`acceptance_heatmap` - device acceptance rate by segment and task.

Each returns the matplotlib Axes it drew on (``ax=`` to draw into yours)."""
import math

import numpy as np

__all__ = ["adherence_gap", "nps_bars", "forest", "acceptance_heatmap"]

COLORS = {"detractor": "#d7301f", "passive": "#bdbdbd", "promoter": "#238b45",
          "self": "#6a51a3", "device": "#2171b5", "gap": "#000000"}


def _plt():
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - depends on the machine
        raise ImportError("fgroi.plot needs matplotlib (Debian: python3-matplotlib)") from e
    return plt


def _ax(ax, size):
    if ax is None:
        _, ax = _plt().subplots(figsize=size)
    return ax


def _values(data, x):
    if data is not None and isinstance(x, str):
        x = data[x]
    return np.asarray(x, dtype=float)


def adherence_gap(self_report, device, participant=None, *, data=None, gap=None, ax=None,
                  title="Adherence: self-report vs device log"):
    """Per-participant adherence by self-report and by device log (as
    proportions in [0, 1]), joined by a line, and when ``gap`` (an interval
    result for the gap, device - self, e.g. fgroi.adherence_gap) is given,
    a panel below with the overall gap and its interval. Returns the
    participants' Axes (the gap panel is the figure's second Axes)."""
    s = _values(data, self_report)
    d = _values(data, device)
    if len(s) != len(d):
        raise ValueError("self_report and device differ in length")
    if participant is None:
        labels = ["P%d" % (i + 1) for i in range(len(s))]
    else:
        labels = [str(v) for v in (data[participant] if data is not None and
                                   isinstance(participant, str) else participant)]
    axg = None
    if ax is None and gap is not None:
        _, (ax, axg) = _plt().subplots(2, 1, figsize=(7, 0.4 * len(s) + 2.8),
                                       gridspec_kw={"height_ratios": [max(len(s), 2), 1.8]})
    ax = _ax(ax, (7, 0.4 * len(s) + 1.6))
    y = np.arange(len(s))[::-1]
    ax.hlines(y, np.minimum(s, d), np.maximum(s, d), color="#999999", lw=2, zorder=1)
    ax.scatter(s, y, color=COLORS["self"], label="self-report (mean %.0f%%)" % (100 * np.mean(s)),
               zorder=2)
    ax.scatter(d, y, color=COLORS["device"],
               label="device log (mean %.0f%%)" % (100 * np.mean(d)), zorder=2)
    ax.axvline(float(np.mean(s)), color=COLORS["self"], ls=":", lw=1)
    ax.axvline(float(np.mean(d)), color=COLORS["device"], ls=":", lw=1)
    ax.set_yticks(y)
    ax.set_yticklabels(labels)
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel("adherence (share of scheduled doses)")
    ax.set_title(title)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12 if axg is None else -0.2),
              ncol=2, fontsize="small", frameon=False)
    if axg is not None:
        axg.errorbar([gap.estimate], [0], xerr=[[gap.estimate - gap.low],
                                                [gap.high - gap.estimate]],
                     fmt="D", color=COLORS["gap"], capsize=5)
        axg.axvline(0, color="grey", lw=1, ls="--")
        lim = max(abs(gap.low), abs(gap.high), 0.05) * 1.25
        axg.set_xlim(-lim, lim)
        axg.set_yticks([0])
        axg.set_yticklabels(["overall gap"])
        axg.set_xlabel("gap, device - self (%g%% CI, %s): %.3f [%.3f, %.3f]"
                       % (100 * gap.conf_level, gap.method, gap.estimate, gap.low, gap.high))
        ax.figure.tight_layout()
    return ax


def _categories(scores):
    s = np.asarray(scores, dtype=float)
    return (int(np.sum(s <= 6)), int(np.sum((s >= 7) & (s <= 8))), int(np.sum(s >= 9)))


def nps_bars(scores, by=None, *, data=None, intervals=None, order=None, ax=None,
             title="Net Promoter Score"):
    """Stacked detractor (0-6) / passive (7-8) / promoter (9-10) shares per
    group (``by``: a wave or segment column of ``data``, or labels), and
    each group's NPS with its interval (``intervals``: dict group ->
    interval on the -100..100 or -1..1 scale) on a second axis."""
    if data is not None:
        s = data[scores]
        g = data[by] if by is not None else np.repeat("all", len(s))
    else:
        s = np.asarray(scores)
        g = np.asarray(by) if by is not None else np.repeat("all", len(s))
    s = np.asarray(s, dtype=float)
    g = np.asarray(g)
    groups = list(order) if order is not None else list(dict.fromkeys(g.tolist()))
    ax = _ax(ax, (7, 0.7 * len(groups) + 1.6))
    y = np.arange(len(groups))[::-1]
    for i, grp in enumerate(groups):
        det, pas, pro = _categories(s[g == grp])
        n = max(det + pas + pro, 1)
        left = 0.0
        for share, key in ((det / n, "detractor"), (pas / n, "passive"), (pro / n, "promoter")):
            ax.barh(y[i], share, left=left, color=COLORS[key], height=0.6,
                    label=key if i == 0 else None)
            if share >= 0.08:
                ax.text(left + share / 2, y[i], "%d%%" % round(100 * share), ha="center",
                        va="center", fontsize="small", color="white")
            left += share
    ax.set_yticks(y)
    ax.set_yticklabels(["%s (n=%d)" % (grp, int(np.sum(g == grp))) for grp in groups])
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of respondents")
    if intervals:
        ax2 = ax.twiny()
        scale = 100.0 if max(abs(getattr(iv, "high", 0)) for iv in intervals.values()) <= 1.0 else 1.0
        for i, grp in enumerate(groups):
            iv = intervals.get(grp)
            if iv is None:
                continue
            est, lo, hi = (scale * iv.estimate, scale * iv.low, scale * iv.high)
            ax2.errorbar([est], [y[i] + 0.38], xerr=[[est - lo], [hi - est]], fmt="o",
                         color="black", capsize=3, ms=4)
        ax2.set_xlim(-100, 100)
        ax2.axvline(0, color="black", lw=0.6, ls="--")
        ax2.set_xlabel("NPS with interval (points)")
    ax.set_title(title)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), fontsize="small", ncol=3,
              frameon=False)
    return ax


def forest(results, labels=None, *, null=0.0, log=False, ax=None, title="Effects",
           xlabel="effect (interval)"):
    """Forest plot: one row per result (anything with ``estimate``, ``low``,
    ``high``; a dict label -> result, or a list with ``labels``), a line at
    ``null``; ``log=True`` for ratios."""
    if isinstance(results, dict):
        labels = list(results.keys())
        results = list(results.values())
    labels = labels or ["#%d" % (i + 1) for i in range(len(results))]
    ax = _ax(ax, (7, 0.5 * len(results) + 1.4))
    y = np.arange(len(results))[::-1]
    for yi, r in zip(y, results):
        lo = r.low if math.isfinite(r.low) else None
        hi = r.high if math.isfinite(r.high) else None
        ax.plot([lo if lo is not None else r.estimate, hi if hi is not None else r.estimate],
                [yi, yi], color="black", lw=1.5)
        ax.plot([r.estimate], [yi], "s", color=COLORS["device"])
    ax.axvline(null, color="grey", ls="--", lw=1)
    if log:
        ax.set_xscale("log")
    ax.set_yticks(y)
    ax.set_yticklabels(labels)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    return ax


def acceptance_heatmap(data, segment, task, accepted, *, ax=None, conf_level=0.95,
                       title="Device acceptance by segment and task"):
    """Acceptance rate (mean of the 0/1 ``accepted`` column) per ``segment``
    x ``task`` cell, annotated with k/n and the cell's Wilson interval."""
    from . import api
    segs = list(dict.fromkeys(data[segment].tolist()))
    tasks = list(dict.fromkeys(data[task].tolist()))
    rate = np.full((len(segs), len(tasks)), np.nan)
    ax = _ax(ax, (1.6 * len(tasks) + 2, 0.9 * len(segs) + 1.5))
    for i, sg in enumerate(segs):
        for j, tk in enumerate(tasks):
            cell = data[(data[segment] == sg) & (data[task] == tk)][accepted]
            if len(cell) == 0:
                continue
            ci = api.prop_ci(cell, conf_level=conf_level)
            rate[i, j] = ci.estimate
            ax.text(j, i, "%d/%d\n[%.0f-%.0f%%]" % (int(np.sum(cell)), len(cell),
                                                   100 * ci.low, 100 * ci.high),
                    ha="center", va="center", fontsize="small",
                    color="white" if ci.estimate < 0.35 or ci.estimate > 0.8 else "black")
    im = ax.imshow(rate, cmap="RdYlGn", vmin=0, vmax=1, aspect="auto")
    ax.figure.colorbar(im, ax=ax, label="acceptance rate")
    ax.set_xticks(range(len(tasks)))
    ax.set_xticklabels(tasks, rotation=20)
    ax.set_yticks(range(len(segs)))
    ax.set_yticklabels(segs)
    ax.set_title(title)
    return ax
