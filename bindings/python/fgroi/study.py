"""The pilot study's analysis (fgroi-report's metrics) over partitioned data.

Every metric of ``fgroi-report`` (examples/report.c, docs/report.md) is
computed from per-partition summaries that merge by addition or by a
disjoint scatter, so any partitioning of the CSV files gives the same
summaries, and the participant-level statistics (cluster-robust interval and
sign-flip test, exact 2x2 tests, Kaplan-Meier and log-rank, the DiD, ROI)
then run once, on the merged summaries, through the same libfgroi calls the
report makes. The JSON written by :func:`to_json` is byte for byte the
report's ``--json`` output (``data_dir`` aside, which names the folder).

Summaries per partition (docs/performance.md, "Portfolio scale"):

* doses: per-participant 2x2 tallies (both, device only, self only,
  neither) of the participants in the partition (slots and a k x 4 int64
  array: a participant-sharded partition ships its own participants, not
  a dense array of all), summed; the dose count;
  the rows of participants with raw event streams (for the agreement check);
  the (participant, dose) keys as runs, merged into their union and the
  count of duplicated rows (:class:`DuplicateRowsError`);
* events: valid events bucketed by participant (``shards`` buckets), then
  one matcher run per bucket: summaries are summed and the matched records
  joined with the dose rows above;
* nps / task / protocol: per-participant values, scattered into
  per-participant arrays (each participant's row lives in one partition);
  NPS category counts per wave are also summed per partition;
* row accounting: read / used counts and set-aside reasons with the
  position of their first row, merged in file order.

Inputs: ``DIR/<name>.csv`` or, for a partitioned study, every
``DIR/<name>/*.csv`` (sorted; one header per file). ``participants`` and
``study`` are small and read by the client. Input is assumed to pass
``fgroi-report``'s validation; values out of their domain, unknown
participants, labels and duplicate keys raise :class:`StudyInputError`;
duplicated dose rows, inside a partition or across partitions, raise
:class:`DuplicateRowsError` with the report's count and messages.

    /usr/bin/python3 -m fgroi.study DIR [--scheduler ADDRESS|threads|processes|sync]
                                        [--json FILE] [--blocksize BYTES]
"""
import argparse
import asyncio
import glob
import logging
import math
import os
import sys

import numpy as np
import pandas as pd

from ._ffi import ffi, lib

__all__ = ["analyse", "to_json", "StudyInputError", "DuplicateRowsError", "study_files", "main"]

FILES = ("participants", "doses", "events", "nps", "task", "protocol", "study")
ROI_DRAWS = 200000
FLAG_MONTE_CARLO = 1 << 5
WAVES = ("pre", "post")
KINDS = ("dose", "device_open", "app_checkin")


class StudyInputError(ValueError):
    """An input the report would refuse (its message names file and value)."""


class DuplicateRowsError(StudyInputError):
    """Rows of doses.csv repeating a (participant, dose) key, wherever the
    partitions put them: ``count`` is the number of duplicated rows (every
    row after the first of its key, as fgroi-report counts them) and
    ``lines`` are fgroi-report's messages for the first 20 of them in file
    order (file:line, the first row's line, "duplicate" or "conflicting")."""

    def __init__(self, count, lines):
        super().__init__("\n".join(lines))
        self.count = count
        self.lines = lines


# ---- configuration (examples/study_config.c) -------------------------------
def default_config():
    return {"task_threshold_min": 5.0, "target_share": 0.85, "control_arm": "control",
            "device_arm": "device", "segment_column": "segment", "segment_set": False,
            "multiplicity": "holm", "missing_values": ["NA"], "match_window_before_min": 30.0,
            "match_window_after_min": 180.0, "conf_level": None, "seed": None}


def read_config(path, cfg):
    """study.conf: ``key = value`` lines (docs/report.md)."""
    if not os.path.exists(path):
        return cfg
    with open(path, encoding="utf-8-sig") as f:
        for ln, line in enumerate(f, 1):
            s = line.strip(" \t\r\n")
            if not s or s.startswith("#"):
                continue
            if "=" not in s:
                raise StudyInputError("%s:%d: expected 'key = value'" % (path, ln))
            k, v = (x.strip(" \t") for x in s.split("=", 1))
            if k in ("task_threshold_min", "target_share", "match_window_before_min",
                     "match_window_after_min", "conf_level"):
                cfg[k] = float(v)
            elif k == "seed":
                cfg[k] = int(v)
            elif k == "missing_values":
                cfg[k] = [m.strip(" \t") for m in v.split(",") if m.strip(" \t")]
            elif k in ("control_arm", "device_arm", "multiplicity"):
                cfg[k] = v
            elif k == "segment_column":
                cfg[k] = v
                cfg["segment_set"] = True
            else:
                raise StudyInputError("%s:%d: unknown key '%s'" % (path, ln, k))
    return cfg


def study_files(data_dir, name):
    """The CSV files of one input: DIR/name.csv, else DIR/name/*.csv sorted."""
    single = os.path.join(data_dir, name + ".csv")
    if os.path.isfile(single):
        return [single]
    return sorted(glob.glob(os.path.join(data_dir, name, "*.csv")))


# ---- reading one partition ----------------------------------------------------
def _clean(df, markers):
    """Trimmed string columns; missing cells (empty or a marker) as None."""
    out = {}
    for c in df.columns:
        s = df[c].astype(str).str.strip(" \t")
        out[c] = s.where(~s.isin([""] + list(markers)), None)
    return pd.DataFrame(out, index=df.index)


def _account():
    return {"read": 0, "used": 0, "aside": {}}


def _aside(acc, reason, count, pos):
    if count <= 0:
        return
    if reason in acc["aside"]:
        c, p = acc["aside"][reason]
        acc["aside"][reason] = (c + count, min(p, pos))
    else:
        acc["aside"][reason] = (count, pos)


def _aside_rows(acc, reason, mask, part, rows):
    """Set aside the rows under mask, remembering the first one's position."""
    n = int(mask.sum())
    if n:
        _aside(acc, reason, n, (part, int(rows[np.argmax(mask)])))


def _whole(x, lo, hi, what, fname, dtype=np.int64):
    v = np.asarray(x, dtype=float)
    bad = ~((v >= lo) & (v <= hi) & (np.mod(v, 1.0) == 0))
    if bad.any():
        raise StudyInputError("%s: %s must be a whole number %g..%g, found %r"
                              % (fname, what, lo, hi, x[np.argmax(bad)]))
    return v.astype(dtype)


def _real(x, lo, hi, what, fname):
    try:
        v = x if getattr(x, "dtype", None) == np.float64 else \
            pd.to_numeric(pd.Series(x), errors="raise").to_numpy(dtype=float)
    except (ValueError, TypeError) as e:
        raise StudyInputError("%s: %s: %s" % (fname, what, e)) from None
    bad = ~((v >= lo) & (v <= hi))
    if bad.any():
        raise StudyInputError("%s: %s out of range %g..%g: %r" % (fname, what, lo, hi, x[np.argmax(bad)]))
    return v


def _choice(s, labels, what, fname):
    low = s.str.lower()
    idx = np.full(len(s), -1, dtype=np.int64)
    for i, lab in enumerate(labels):
        idx[(low == lab.lower()).to_numpy()] = i
    if (idx < 0).any():
        raise StudyInputError("%s: unknown %s '%s'" % (fname, what, s.iloc[int(np.argmax(idx < 0))]))
    return idx


class _Who:
    """Participant ids to slots (file order of participants.csv) and arms."""

    def __init__(self, ids, arm):
        self.index = pd.Index(ids)
        self.arm = np.asarray(arm, dtype=np.int8)
        self.n = len(ids)

    def rows(self, ids, acc, part, rows, fname):
        """Slot per row; -1 for rows set aside (missing id, participant set aside)."""
        miss = ids.isna().to_numpy()
        p = self.index.get_indexer(ids.fillna(""))
        unknown = (p < 0) & ~miss
        if unknown.any():
            raise StudyInputError("%s: unknown participant '%s' (not in participants.csv)"
                                  % (fname, ids.iloc[int(np.argmax(unknown))]))
        _aside_rows(acc, "missing participant_id", miss, part, rows)
        noarm = np.zeros(len(p), dtype=bool)
        noarm[~miss] = self.arm[p[~miss]] < 0
        _aside_rows(acc, "participant set aside in participants.csv", noarm, part, rows)
        p[miss | noarm] = -1
        return p


def _first_missing(df, cols, acc, part, rows, valid):
    """Rows still valid after setting aside those with a missing cell (first
    missing column named, as the report does)."""
    ok = valid.copy()
    for c in cols:
        m = ok & df[c].isna().to_numpy()
        _aside_rows(acc, "missing %s" % c, m, part, rows)
        ok &= ~m
    return ok


def _read_frame(path_or_df, cols, fname):
    if isinstance(path_or_df, pd.DataFrame):
        df = path_or_df
    else:
        df = pd.read_csv(path_or_df, dtype=str, keep_default_na=False, na_filter=False,
                         skipinitialspace=False, encoding="utf-8-sig")
    df.columns = [c.strip(" \t") for c in df.columns]
    for c in cols:
        if c not in df.columns:
            raise StudyInputError("%s: missing column '%s'" % (fname, c))
    return df


def _slots(ids, who, acc, part, rows, markers, fname):
    """Participant slot per row of a categorical id column (-1: set aside,
    as who.rows). Ids are trimmed and looked up once per distinct id of the
    partition, not once per row: the per-row work is integer indexing."""
    codes = np.asarray(ids.cat.codes, dtype=np.int64)
    cats = pd.Index(ids.cat.categories).astype(str).str.strip(" \t")
    cmiss = np.asarray(cats.isin([""] + list(markers)), dtype=bool)
    slot = np.where(cmiss, -1, who.index.get_indexer(cats)) if len(cats) else np.zeros(0, np.int64)
    unknown = (slot < 0) & ~cmiss
    if len(cats):
        p = np.where(codes >= 0, slot[np.maximum(codes, 0)], -1).astype(np.int64)
    else:
        p = np.full(len(codes), -1, dtype=np.int64)
    if unknown.any():
        bad = (codes >= 0) & unknown[np.maximum(codes, 0)]
        if bad.any():
            raise StudyInputError("%s: unknown participant '%s' (not in participants.csv)"
                                  % (fname, cats[codes[np.argmax(bad)]]))
    miss = p < 0
    _aside_rows(acc, "missing participant_id", miss, part, rows)
    noarm = np.zeros(len(p), dtype=bool)
    noarm[~miss] = who.arm[p[~miss]] < 0
    _aside_rows(acc, "participant set aside in participants.csv", noarm, part, rows)
    p[noarm] = -1
    return p


class _Rows:
    """np.arange(n) for _aside_rows without the array."""

    def __getitem__(self, i):
        return i


DOSE_VALUES = ("dose", "scheduled_min", "self_reported", "device_logged")


def _dose_rows(df, part, who, cfg):
    """The valid rows of one partition of doses.csv (the report's checks, in
    its order): the account, the partition's file, and per kept row the
    participant slot, dose, scheduled time, self / device flags and row
    index in the partition. The fast path (DOSE_COLUMNS: ids categorical,
    values float64) works on the columns' arrays without copying the frame
    or making a Python string per row."""
    fname = "doses.csv"
    acc = _account()
    path = None
    if isinstance(df, pd.DataFrame) and "path" in df.columns:
        if len(df):
            path = str(df["path"].iloc[0])
        df = df.drop(columns="path")
    if not (isinstance(df, pd.DataFrame) and df["dose"].dtype == np.float64):
        if not isinstance(df, pd.DataFrame):
            path = df
        df = _clean(_read_frame(df, ("participant_id",) + DOSE_VALUES, fname), cfg["missing_values"])
    ids = df["participant_id"]
    if not isinstance(ids.dtype, pd.CategoricalDtype):
        ids = ids.astype("category")
    rows = _Rows()
    acc["read"] = len(df)
    p = _slots(ids, who, acc, part, rows, cfg["missing_values"], fname)
    ok = p >= 0
    cols = {c: df[c].to_numpy() for c in DOSE_VALUES}
    for c in DOSE_VALUES:
        v = cols[c]
        m = ok & (np.isnan(v) if v.dtype == np.float64 else pd.isna(v))
        _aside_rows(acc, "missing %s" % c, m, part, rows)
        ok &= ~m
    if not ok.all():
        p = p[ok]
        cols = {c: v[ok] for c, v in cols.items()}
    dose = _whole(_real(cols["dose"], 1, 1e8, "dose", fname), 1, 1e8, "dose", fname)
    sched = _real(cols["scheduled_min"], -1e12, 1e12, "scheduled_min", fname)
    self_ = _whole(_real(cols["self_reported"], 0, 1, "self_reported", fname), 0, 1, "self_reported", fname, np.int8)
    dev = _whole(_real(cols["device_logged"], 0, 1, "device_logged", fname), 0, 1, "device_logged", fname, np.int8)
    if (who.arm[p] != 1).any():
        raise StudyInputError("%s: participant '%s' is in the control arm, which has no device log"
                              % (fname, who.index[p[np.argmax(who.arm[p] != 1)]]))
    acc["used"] = len(p)
    return acc, path, p, dose, sched, self_, dev, ok


# (participant, dose) keys: slot * 2^27 + dose (doses are 1..1e8 < 2^27).
# A set of keys is kept as sorted, disjoint, non-adjacent inclusive runs
# (an m x 2 int64 array): a participant's consecutive dose numbers are one
# run, so a partition's key set costs about 16 bytes per participant in it,
# not per dose row, and merging the sets up the reduction tree stays small.
DOSE_KEY_SHIFT = 27
_NO_RUNS = np.zeros((0, 2), dtype=np.int64)


def _runs(keys):
    """Runs of sorted unique keys."""
    if len(keys) == 0:
        return _NO_RUNS
    br = np.nonzero(np.diff(keys) != 1)[0]
    return np.stack([keys[np.r_[0, br + 1]], keys[np.r_[br, len(keys) - 1]]], axis=1)


def _run_keys(runs):
    return int((runs[:, 1] - runs[:, 0] + 1).sum()) if len(runs) else 0


def _cover(sets):
    """Several run sets (each disjoint) -> (their union, the keys in two or
    more of them), both as runs."""
    sets = [r for r in sets if len(r)]
    if not sets:
        return _NO_RUNS, _NO_RUNS
    if len(sets) == 1:
        return sets[0], _NO_RUNS
    lo = np.concatenate([r[:, 0] for r in sets])
    hi = np.concatenate([r[:, 1] for r in sets]) + 1
    pos, inv = np.unique(np.concatenate([lo, hi]), return_inverse=True)
    step = np.bincount(inv, weights=np.r_[np.ones(len(lo)), -np.ones(len(hi))], minlength=len(pos))
    cov = np.cumsum(step)[:-1].round().astype(np.int64)  # on [pos[i], pos[i + 1])

    def segs(mask):
        if not mask.any():
            return _NO_RUNS
        m = np.r_[False, mask, False]
        start = np.nonzero(m[1:-1] & ~m[:-2])[0]
        end = np.nonzero(m[1:-1] & ~m[2:])[0]
        return np.stack([pos[start], pos[end + 1] - 1], axis=1)
    return segs(cov >= 1), segs(cov >= 2)


def _in_runs(keys, runs):
    if len(runs) == 0:
        return np.zeros(len(keys), dtype=bool)
    i = np.searchsorted(runs[:, 0], keys, side="right") - 1
    return (i >= 0) & (keys <= runs[np.maximum(i, 0), 1])


def dose_summary(df, part, who, cfg, watch):
    """One partition of doses.csv: per-participant tallies (dense, summed
    when merged), the dose count, the rows of watched participants (those
    with raw events) for the agreement check, and the partition's
    (participant, dose) keys as runs for the duplicate check."""
    acc, path, p, dose, sched, self_, dev, ok = _dose_rows(df, part, who, cfg)
    # cells: both 0, device only 1, self only 2, neither 3
    cell = p * 4
    cell += 3
    cell -= 2 * dev
    cell -= self_
    dense = np.bincount(cell, minlength=4 * who.n).reshape(-1, 4)
    del cell
    slots = np.flatnonzero(dense.any(axis=1))
    tally = {"slots": slots, "counts": dense[slots].astype(np.int64)}
    del dense
    key = p * (1 << DOSE_KEY_SHIFT)
    key += dose
    if len(key) < 2 or (key[1:] > key[:-1]).all():  # rows in (participant, dose) order: no sort
        uk, cnt = key, None
    else:
        uk, cnt = np.unique(key, return_counts=True)
    w = np.isin(p, watch) if len(watch) else np.zeros(len(p), dtype=bool)
    watched = (p[w], _llround(sched[w]), self_[w].astype(np.int64), dev[w].astype(np.int64),
               np.full(int(w.sum()), part, dtype=np.int64), np.flatnonzero(ok)[w] if w.any() else np.zeros(0, np.int64))
    keys = {"runs": _runs(uk), "dup_runs": _NO_RUNS if cnt is None else _runs(uk[cnt > 1]),
            "dup": int(len(key) - len(uk))}
    return {"acc": acc, "tally": tally, "n": len(p), "watched": watched, "keys": keys,
            "parts": [(part, path, acc["read"])]}


def dose_dup_rows(df, part, who, cfg, dup_runs):
    """Second pass, only when duplicates were found: the partition's valid
    rows whose key is duplicated somewhere (key, row, scheduled time, self,
    device), in row order."""
    acc, path, p, dose, sched, self_, dev, ok = _dose_rows(df, part, who, cfg)
    key = p * (1 << DOSE_KEY_SHIFT) + dose
    m = _in_runs(key, dup_runs)
    return (key[m], np.flatnonzero(ok)[m], sched[m], self_[m], dev[m])


def _llround(x):
    """C's llround (half away from zero), exactly."""
    t = np.trunc(x)
    return (t + np.where(np.abs(x - t) >= 0.5, np.sign(x), 0)).astype(np.int64)


def event_summary(df, part, who, cfg, shards):
    """One partition of events.csv: valid events bucketed by participant."""
    fname = "events.csv"
    acc = _account()
    df = _clean(_read_frame(df, ("participant_id", "kind", "time_min"), fname), cfg["missing_values"])
    rows = np.arange(len(df))
    acc["read"] = len(df)
    p = who.rows(df["participant_id"], acc, part, rows, fname)
    ok = _first_missing(df, ("kind", "time_min"), acc, part, rows, p >= 0)
    d = df[ok]
    p = p[ok].astype(np.int64)
    kind = _choice(d["kind"], KINDS, "event kind", fname)
    t = _real(d["time_min"].to_numpy(), -1e12, 1e12, "time_min", fname)
    acc["used"] = len(p)
    b = p % shards
    buckets = [(p[b == s], kind[b == s], t[b == s]) for s in range(shards)]
    return {"acc": acc, "buckets": buckets, "n": len(p), "participants": np.unique(p)}


def match_shard(parts, cfg):
    """The matcher over one participant shard (every partition's bucket)."""
    p = np.concatenate([x[0] for x in parts]) if parts else np.zeros(0, np.int64)
    k = np.concatenate([x[1] for x in parts]) if parts else np.zeros(0, np.int64)
    t = np.concatenate([x[2] for x in parts]) if parts else np.zeros(0)
    o = np.lexsort((t, k, p))
    p, k, t = p[o], k[o], t[o]
    if len(p) > 1:
        same = (p[1:] == p[:-1]) & (k[1:] == k[:-1]) & (t[1:] == t[:-1])
        if same.any():
            raise StudyInputError("events.csv: duplicate row: participant slot %d %s at %g"
                                  % (p[1:][same][0], KINDS[k[1:][same][0]], t[1:][same][0]))
    tm = _llround(t)
    sel = [np.ascontiguousarray(p[k == i]) for i in range(3)]
    tms = [np.ascontiguousarray(tm[k == i]) for i in range(3)]
    nd = len(sel[0])
    out = {"nd": nd, "status": 0, "summary": None, "records": None}
    if nd == 0:
        out["summary"] = None
        return out
    mo = ffi.new("fgroi_match_options *")
    mo.struct_size = ffi.sizeof("fgroi_match_options")
    lib.fgroi_match_options_default(mo)
    mo.device_before = mo.self_before = int(_llround(np.array([cfg["match_window_before_min"]]))[0])
    mo.device_after = mo.self_after = int(_llround(np.array([cfg["match_window_after_min"]]))[0])
    rec = ffi.new("fgroi_match_record[]", nd)
    ms = ffi.new("fgroi_match_summary *")
    ms.struct_size = ffi.sizeof("fgroi_match_summary")

    def buf(a):
        return ffi.cast("int64_t *", ffi.from_buffer(a)) if len(a) else ffi.NULL
    s = lib.fgroi_match_doses(buf(sel[0]), buf(tms[0]), nd, buf(sel[1]), buf(tms[1]), len(sel[1]),
                              buf(sel[2]), buf(tms[2]), len(sel[2]), mo, rec, nd, ms)
    out["status"] = int(s)
    if s != 0:
        return out
    fields = ("doses", "participants", "device_events", "device_matched", "device_duplicate", "device_outside",
              "self_events", "self_matched", "self_duplicate", "self_outside")
    out["summary"] = np.array([getattr(ms, f) for f in fields], dtype=np.int64)
    r = np.frombuffer(ffi.buffer(rec, nd * ffi.sizeof("fgroi_match_record")),
                      dtype=np.dtype([("p", "<i8"), ("t", "<i8"), ("de", "<i8"), ("se", "<i8"),
                                      ("dev", "u1"), ("self", "u1")], align=True)).copy()
    out["records"] = r
    return out


def nps_summary(df, part, who, cfg):
    fname = "nps.csv"
    acc = _account()
    df = _clean(_read_frame(df, ("participant_id", "wave", "score"), fname), cfg["missing_values"])
    rows = np.arange(len(df))
    acc["read"] = len(df)
    p = who.rows(df["participant_id"], acc, part, rows, fname)
    ok = _first_missing(df, ("wave",), acc, part, rows, p >= 0)
    d = df[ok]
    p = p[ok].astype(np.int64)
    w = _choice(d["wave"], WAVES, "wave", fname)
    sm = d["score"].isna().to_numpy()
    score = np.full(len(p), -2, dtype=np.int64)
    if (~sm).any():
        score[~sm] = _whole(_real(d["score"].to_numpy()[~sm], 0, 10, "score", fname), 0, 10, "score", fname)
    key = p * 2 + w
    if len(np.unique(key)) != len(key):
        raise StudyInputError("%s: duplicate (participant, wave) rows" % fname)
    _aside_rows(acc, "missing score (no answer)", sm, part, rows[ok])
    acc["used"] = int((~sm).sum())
    # the mergeable wave tables (detractors, passives, promoters) ...
    cat = np.where(score >= 9, 2, np.where(score >= 7, 1, 0))
    counts = np.zeros((2, 3), dtype=np.int64)
    for wv in range(2):
        counts[wv] = np.bincount(cat[(w == wv) & ~sm], minlength=3)
    # ... and the per-participant answers, for the paired table
    return {"acc": acc, "counts": counts, "key": key, "score": score}


def task_summary(df, part, who, cfg):
    fname = "task.csv"
    acc = _account()
    df = _clean(_read_frame(df, ("participant_id", "minutes", "completed"), fname), cfg["missing_values"])
    rows = np.arange(len(df))
    acc["read"] = len(df)
    p = who.rows(df["participant_id"], acc, part, rows, fname)
    d = df[p >= 0]
    r = rows[p >= 0]
    p = p[p >= 0].astype(np.int64)
    mm = d["minutes"].isna().to_numpy()
    dm = d["completed"].isna().to_numpy()
    minutes = np.full(len(p), np.nan)
    if (~mm).any():
        minutes[~mm] = _real(d["minutes"].to_numpy()[~mm], 0, 1e6, "minutes", fname)
    done = np.full(len(p), -2, dtype=np.int64)
    if (~dm).any():
        done[~dm] = _whole(_real(d["completed"].to_numpy()[~dm], 0, 1, "completed", fname), 0, 1, "completed", fname)
    if (~(mm | dm) & ~(minutes > 0)).any():
        raise StudyInputError("%s: minutes must be positive" % fname)
    if len(np.unique(p)) != len(p):
        raise StudyInputError("%s: duplicate task rows" % fname)
    _aside_rows(acc, "missing minutes", mm, part, r)
    _aside_rows(acc, "missing completed", dm & ~mm, part, r)
    done[mm | dm] = -2
    return {"acc": acc, "p": p, "minutes": minutes, "done": done}


def protocol_summary(df, part, who, cfg):
    fname = "protocol.csv"
    acc = _account()
    df = _clean(_read_frame(df, ("participant_id", "period", "steps_completed", "steps_total"), fname),
                cfg["missing_values"])
    rows = np.arange(len(df))
    acc["read"] = len(df)
    p = who.rows(df["participant_id"], acc, part, rows, fname)
    ok = _first_missing(df, ("period",), acc, part, rows, p >= 0)
    d = df[ok]
    r = rows[ok]
    p = p[ok].astype(np.int64)
    w = _choice(d["period"], WAVES, "period", fname)
    sm = d["steps_completed"].isna().to_numpy()
    tm = d["steps_total"].isna().to_numpy()
    miss = sm | tm
    steps = np.full(len(p), -1, dtype=np.int64)
    total = np.full(len(p), -2, dtype=np.int64)
    if (~miss).any():
        total[~miss] = _whole(_real(d["steps_total"].to_numpy()[~miss], 1, 1e6, "steps_total", fname),
                              1, 1e6, "steps_total", fname)
        steps[~miss] = _whole(_real(d["steps_completed"].to_numpy()[~miss], 0, 1e6, "steps_completed", fname),
                              0, 1e6, "steps_completed", fname)
        if (steps[~miss] > total[~miss]).any():
            raise StudyInputError("%s: steps_completed above steps_total" % fname)
    key = p * 2 + w
    if len(np.unique(key)) != len(key):
        raise StudyInputError("%s: duplicate (participant, period) rows" % fname)
    _aside_rows(acc, "missing steps_completed", sm, part, r)
    _aside_rows(acc, "missing steps_total", tm & ~sm, part, r)
    return {"acc": acc, "key": key, "steps": steps, "total": total}


# ---- merging -------------------------------------------------------------------
def merge_accounts(accs):
    out = _account()
    for a in accs:
        out["read"] += a["read"]
        out["used"] += a["used"]
        for reason, (c, pos) in a["aside"].items():
            _aside(out, reason, c, pos)
    return out


def _sum_arrays(xs):
    out = xs[0].copy()
    for x in xs[1:]:
        out += x
    return out


def merge_keys(ks):
    """Duplicate-check state of several partitions: the union of their key
    runs, the duplicated rows counted so far (inside partitions, and keys
    in two of the merged sets), and the duplicated keys as runs."""
    union, twice = _cover([k["runs"] for k in ks])
    dup = sum(k["dup"] for k in ks) + sum(_run_keys(k["runs"]) for k in ks) - _run_keys(union)
    dup_runs = _cover([k["dup_runs"] for k in ks] + [twice])[0]
    return {"runs": union, "dup_runs": dup_runs, "dup": dup}


def merge_tallies(ts):
    """Sparse per-participant tallies (slots, counts: k x 4), summed."""
    slots = np.concatenate([t["slots"] for t in ts])
    counts = np.concatenate([t["counts"] for t in ts])
    u, inv = np.unique(slots, return_inverse=True)
    out = np.zeros((len(u), 4), dtype=np.int64)
    np.add.at(out, inv, counts)
    return {"slots": u, "counts": out}


def _dense_tally(t, n):
    d = np.zeros((n, 4), dtype=np.int64)
    d[t["slots"]] = t["counts"]
    return d.reshape(-1)


def merge_doses(parts):
    """Tree-reducible: summed tallies, concatenated watched rows, merged key sets."""
    return {"acc": merge_accounts([x["acc"] for x in parts]), "tally": merge_tallies([x["tally"] for x in parts]),
            "n": sum(x["n"] for x in parts),
            "watched": tuple(np.concatenate([x["watched"][i] for x in parts]) for i in range(6)),
            "keys": merge_keys([x["keys"] for x in parts]), "parts": sum((x["parts"] for x in parts), [])}


def _scatter(n, keys, values, fill, what):
    out = np.full(n, fill, dtype=values[0].dtype if values else np.int64)
    seen = np.zeros(n, dtype=bool)
    for k, v in zip(keys, values):
        if seen[k].any():
            raise StudyInputError("%s: duplicate rows for one key in two partitions" % what)
        seen[k] = True
        out[k] = v
    return out


# ---- the analysis on the merged summaries (examples/report.c, same calls) ------
class _Metric(dict):
    pass


def _metric(name, unit, scale):
    return _Metric(name=name, unit=unit, scale=scale, estimate=math.nan, lower=math.nan, upper=math.nan,
                   p_value=math.nan, p_adjusted=math.nan, has_interval=True, method="", test="", claim="",
                   tested=False, contrast=False, ok=True, error=0, reason="")


def _interval():
    x = ffi.new("fgroi_interval *")
    x.struct_size = ffi.sizeof("fgroi_interval")
    return x


def _test():
    x = ffi.new("fgroi_test *")
    x.struct_size = ffi.sizeof("fgroi_test")
    return x


def _cstr(p):
    return ffi.string(p).decode()


def _check(m, s, what):
    if s == 0:
        return False
    if m is not None and m["ok"]:
        m["ok"] = False
        m["error"] = int(s)
        m["reason"] = "%s failed: %s" % (what, _cstr(lib.fgroi_strerror(s)))
    return True


def _not_computed(m, why):
    if m["ok"]:
        m["ok"] = False
        m["error"] = 0
        m["reason"] = why


def _validate(m):
    if not m["ok"]:
        return
    bad = False
    if not math.isfinite(m["estimate"]) and m["has_interval"]:
        bad = True
    if m["has_interval"] and (math.isnan(m["lower"]) or math.isnan(m["upper"]) or m["lower"] > m["upper"]):
        bad = True
    p = m["p_value"]
    if (m["tested"] or m["contrast"]) and not math.isnan(p) and not (0 <= p <= 1):
        bad = True
    if m["tested"] and math.isnan(p):
        bad = True
    if bad:
        _not_computed(m, "the library returned an invalid result (NaN, or limits out of order)")


def _set_interval(m, ci):
    m["estimate"], m["lower"], m["upper"] = ci.estimate, ci.lower, ci.upper
    m["method"] = _cstr(lib.fgroi_method_name(ci.method))


def _g(x):
    return "%g" % x


class _Report:
    def __init__(self, conf, seed, mult):
        self.m, self.skipped, self.notes = [], [], []
        self.conf, self.seed, self.mult = conf, seed, mult
        self.mult_failed, self.mult_error = False, ""
        self.roi_ok, self.prob_positive, self.break_even = False, math.nan, math.nan
        self.matching = ""

    def add(self, name, unit, scale):
        m = _metric(name, unit, scale)
        self.m.append(m)
        return m

    def skip(self, name, why):
        self.skipped.append((name, why))

    def rate(self, name, x, n):
        m = self.add(name, "%", 100.0)
        ci = _interval()
        if not _check(m, lib.fgroi_prop_ci(x, n, lib.FGROI_METHOD_WILSON, self.conf, lib.FGROI_TWO_SIDED, ci),
                      "Wilson interval"):
            _set_interval(m, ci)
        _validate(m)


def _adherence(r, present, n_doses, tally):
    names = ("self-reported adherence (app check-ins)", "device-logged adherence (pillbox opens)",
             "adherence gap: device - self-report", "(naive per-dose analysis, overstated)")
    if not present or n_doses == 0:
        for nm in names:
            r.skip(nm, "no doses.csv" if not present else "doses.csv has no usable dose rows")
        return
    x = tally.reshape(-1, 4)
    keep = np.nonzero(x.sum(axis=1) > 0)[0]
    k = len(keep)
    cl = ffi.new("fgroi_paired_cluster[]", max(k, 1))
    arr = np.frombuffer(ffi.buffer(cl, k * ffi.sizeof("fgroi_paired_cluster")), dtype=np.int64).reshape(k, 5)
    arr[:, 0] = keep
    arr[:, 1:] = x[keep]
    both, donly, sonly, neither = (int(v) for v in x.sum(axis=0))
    total = both + donly + sonly + neither
    r.rate(names[0], both + sonly, total)
    r.rate(names[1], both + donly, total)
    m = r.add(names[2], "pts", 100.0)
    m["tested"] = True
    m["claim"] = "app check-ins under-report what the pillbox logs"
    ci, sf = _interval(), _test()
    if not _check(m, lib.fgroi_paired_cluster_analysis(cl, k, lib.FGROI_METHOD_DEFAULT, r.conf, lib.FGROI_TWO_SIDED,
                                                       r.seed, ci, sf), "adherence gap analysis"):
        _set_interval(m, ci)
        m["p_value"] = sf.p_value
        m["test"] = ("sign-flip permutation over participants (seeded Monte Carlo)" if sf.flags & FLAG_MONTE_CARLO
                     else "exact sign-flip permutation over participants")
    _validate(m)
    nv = r.add(names[3], "pts", 100.0)
    nv["contrast"] = True
    nv["claim"] = "app check-ins under-report what the pillbox logs"
    nci, mc = _interval(), _test()
    if (not _check(nv, lib.fgroi_paired_gap_ci(both, donly, sonly, neither, lib.FGROI_METHOD_TANGO, r.conf,
                                               lib.FGROI_TWO_SIDED, nci), "per-dose gap interval")
            and not _check(nv, lib.fgroi_paired_mcnemar(both, donly, sonly, neither, lib.FGROI_METHOD_MCNEMAR_MID_P,
                                                        lib.FGROI_TWO_SIDED, mc), "McNemar test")):
        _set_interval(nv, nci)
        nv["p_value"] = mc.p_value
        nv["test"] = "McNemar mid-p treating every dose as independent"
    _validate(nv)


def _names_list(ids, cap=160):
    """The report's list of ids cut to its buffer ("a, b, ...")."""
    s = ""
    for i in ids:
        if len(s) < cap - 40:
            s += (", " if s else "") + i
        elif len(s) < cap - 5:
            s += ", ..."
        else:
            break
    return s


def _ids_where(ids, mask):
    return (ids[i] for i in np.nonzero(mask)[0])


def _nps(r, present, pre, post, counts, ids):
    names = ("NPS before the rollout", "NPS after the rollout", "NPS change (same respondents)",
             "(same data as independent waves, wrong)")
    if not present:
        for nm in names:
            r.skip(nm, "no nps.csv")
        return
    pre = np.where(pre >= 0, pre, -1).astype(np.int32)
    post = np.where(post >= 0, post, -1).astype(np.int32)
    a0, a1 = pre >= 0, post >= 0
    answered = (int(a0.sum()), int(a1.sum()))
    both, either = int((a0 & a1).sum()), int((a0 | a1).sum())
    only = [_names_list(_ids_where(ids, a0 & ~a1)), _names_list(_ids_where(ids, a1 & ~a0))]
    for w in range(2):
        if answered[w] == 0:
            r.skip(names[w], "no %s-wave answers in nps.csv" % WAVES[w])
            continue
        m = r.add(names[w], "", 1.0)
        ci = _interval()
        if not _check(m, lib.fgroi_nps_ci(int(counts[w][0]), int(counts[w][1]), int(counts[w][2]),
                                          lib.FGROI_METHOD_SCORE, r.conf, lib.FGROI_TWO_SIDED, ffi.NULL, ci),
                      "NPS interval"):
            _set_interval(m, ci)
        _validate(m)
    r.notes.append("NPS change: %d of %d respondents answered both waves%s%s%s%s." % (
        both, either, "; pre only (in the pre wave, not in the change): " if only[0] else "", only[0],
        "; post only (in the post wave, not in the change): " if only[1] else "", only[1]))
    if both == 0:
        r.skip(names[2], "no respondent answered both waves")
    else:
        table = ffi.new("int64_t[9]")
        missing = ffi.new("int64_t *")
        badi = ffi.new("size_t *")
        m = r.add(names[2], "pts", 1.0)
        m["tested"] = True
        m["claim"] = "NPS rose after the rollout"
        ci, t = _interval(), _test()
        if (not _check(m, lib.fgroi_nps_paired_table_i32(ffi.from_buffer("int32_t[]", pre),
                                                         ffi.from_buffer("int32_t[]", post), len(pre), -1, table,
                                                         missing, badi), "NPS transition table")
                and not _check(m, lib.fgroi_nps_paired_ci(table, lib.FGROI_METHOD_DEFAULT, r.conf,
                                                          lib.FGROI_TWO_SIDED, ci), "NPS change interval")
                and not _check(m, lib.fgroi_nps_paired_test(table, lib.FGROI_METHOD_DEFAULT, lib.FGROI_TWO_SIDED, t),
                               "NPS change test")):
            _set_interval(m, ci)
            m["p_value"] = t.p_value
            m["test"] = "exact sign-flip on per-person category changes"
        _validate(m)
    if answered[0] == 0 or answered[1] == 0:
        r.skip(names[3], "needs answers in both waves")
    else:
        w = r.add(names[3], "pts", 1.0)
        ind = _interval()
        if not _check(w, lib.fgroi_nps_diff_ci(*[int(v) for v in counts[0]], *[int(v) for v in counts[1]],
                                               lib.FGROI_METHOD_NEWCOMBE, r.conf, lib.FGROI_TWO_SIDED, ffi.NULL, ind),
                      "independent-waves interval"):
            _set_interval(w, ind)
        _validate(w)


def _device_vs_control(r, cfg, acc, arm, minutes, done):
    thr, tgt = cfg["task_threshold_min"], cfg["target_share"]
    n_rate = ["setup task < %s min, control arm" % _g(thr), "setup task < %s min, device arm" % _g(thr)]
    n_diff = "setup task < %s min: device - control" % _g(thr)
    n_target = "device arm above the %s%% target?" % _g(100 * tgt)
    mn = ["median setup time, control arm", "median setup time, device arm"]
    lrn = "time to set up: device vs control"
    if acc is None:
        for nm in (n_rate[1], n_rate[0], n_diff, n_target, mn[1], mn[0], lrn):
            r.skip(nm, "no task.csv")
        return
    has = (done >= 0) & (arm >= 0)
    acc["used"] += int(has.sum())
    fast, total, tm, ev = [0, 0], [0, 0], [None, None], [None, None]
    for a in range(2):
        s = has & (arm == a)
        total[a] = int(s.sum())
        fast[a] = int(((done == 1) & (minutes < thr) & s).sum())
        tm[a] = np.ascontiguousarray(minutes[s], dtype=np.float64)
        ev[a] = np.ascontiguousarray(done[s], dtype=np.uint8)
    why = ["no control-arm participant has a task.csv row", "no device-arm participant has a task.csv row"]
    for a in (1, 0):
        if total[a]:
            r.rate(n_rate[a], fast[a], total[a])
        else:
            r.skip(n_rate[a], why[a])
    if total[1] and total[0]:
        m = r.add(n_diff, "pts", 100.0)
        ci, t = _interval(), _test()
        m["tested"] = True
        m["claim"] = "the device arm finishes setup in < %s min more often" % _g(thr)
        if total[1] <= 500 and total[0] <= 500:
            m["test"] = "Boschloo exact unconditional"
            if not _check(m, lib.fgroi_exact2x2_diff_ci(fast[1], total[1], fast[0], total[0], lib.FGROI_METHOD_DEFAULT,
                                                        r.conf, lib.FGROI_TWO_SIDED, ffi.NULL, ci), "exact interval"):
                _check(m, lib.fgroi_exact2x2_test(fast[1], total[1], fast[0], total[0], lib.FGROI_METHOD_DEFAULT,
                                                  lib.FGROI_TWO_SIDED, ffi.NULL, t, ffi.NULL), "Boschloo test")
        else:
            m["test"] = "Fisher exact (arms above 500: Boschloo not needed)"
            if not _check(m, lib.fgroi_prop_diff_ci(fast[1], total[1], fast[0], total[0], lib.FGROI_METHOD_NEWCOMBE,
                                                    r.conf, lib.FGROI_TWO_SIDED, ci), "Newcombe interval"):
                _check(m, lib.fgroi_prop_2x2_test(fast[1], total[1], fast[0], total[0], lib.FGROI_METHOD_FISHER,
                                                  lib.FGROI_TWO_SIDED, t), "Fisher test")
        if m["ok"]:
            _set_interval(m, ci)
            m["p_value"] = t.p_value
        _validate(m)
    else:
        r.skip(n_diff, why[1] if total[0] else why[0])
    if total[1]:
        g = r.add(n_target, "%", 100.0)
        gt, gb = _test(), _interval()
        g["test"] = "exact binomial, H1: rate > %s%%" % _g(100 * tgt)
        g["tested"] = True
        g["claim"] = "the device arm meets the %s%% acceptance target" % _g(100 * tgt)
        if not _check(g, lib.fgroi_prepost_target(fast[1], total[1], tgt, lib.FGROI_METHOD_EXACT, r.conf,
                                                  lib.FGROI_GREATER, gt, gb), "target test"):
            _set_interval(g, gb)
            g["p_value"] = gt.p_value
        _validate(g)
    else:
        r.skip(n_target, why[1])
    med = [None, None]
    for a in (1, 0):
        if not total[a]:
            r.skip(mn[a], why[a])
            continue
        md = r.add(mn[a], "min", 1.0)
        mi = _interval()
        if not _check(md, lib.fgroi_surv_median(ffi.from_buffer("double[]", tm[a]), ffi.from_buffer("uint8_t[]", ev[a]),
                                                len(tm[a]), lib.FGROI_SURV_CONF_LOG, r.conf, mi), "Kaplan-Meier median"):
            _set_interval(md, mi)
        if md["ok"] and not math.isfinite(md["estimate"]):
            _not_computed(md, "the median was not reached (fewer than half finished)")
        if md["ok"] and (math.isnan(md["lower"]) or math.isnan(md["upper"]) or md["lower"] > md["upper"]):
            _not_computed(md, "the library returned an invalid interval")
        med[a] = md
    if total[1] and total[0]:
        lr = r.add(lrn, "min", 1.0)
        lt = _test()
        lr["has_interval"] = False
        lr["tested"] = True
        lr["method"] = "difference of medians"
        lr["test"] = "log-rank"
        lr["claim"] = "device users finish setup faster"
        if not _check(lr, lib.fgroi_surv_logrank(ffi.from_buffer("double[]", tm[1]), ffi.from_buffer("uint8_t[]", ev[1]),
                                                 len(tm[1]), ffi.from_buffer("double[]", tm[0]),
                                                 ffi.from_buffer("uint8_t[]", ev[0]), len(tm[0]), 0.0, lt, ffi.NULL),
                      "log-rank test"):
            lr["p_value"] = lt.p_value
            if med[0]["ok"] and med[1]["ok"]:
                lr["estimate"] = med[1]["estimate"] - med[0]["estimate"]
        _validate(lr)
    else:
        r.skip(lrn, why[1] if total[0] else why[0])


def _protocol(r, acc, arm, steps, total, ids, n_parts):
    name = "protocol steps completed: DiD"
    if acc is None:
        r.skip(name, "no protocol.csv")
        return 2, None
    has0, has1 = total[:, 0] > 0, total[:, 1] > 0
    n_any = int((has0 | has1).sum())
    inarm = arm >= 0
    bothp = has0 & has1 & inarm
    one = [inarm & has0 & ~has1, inarm & has1 & ~has0]
    pos = (n_parts, 0)  # after every row read: the report's own reasons come last
    _aside(acc, "other period missing (pre only)", int(one[0].sum()), pos)
    _aside(acc, "other period missing (post only)", int(one[1].sum()), (n_parts, 1))
    # the report adds these in participant order; pre-only first only when the first such participant comes first
    if one[0].any() and one[1].any() and np.argmax(one[1]) < np.argmax(one[0]):
        a = acc["aside"]
        a["other period missing (post only)"] = (a["other period missing (post only)"][0], (n_parts, 0))
        a["other period missing (pre only)"] = (a["other period missing (pre only)"][0], (n_parts, 1))
    n_both = int(bothp.sum())
    s = [_names_list(_ids_where(ids, one[w]), 200) for w in range(2)]
    r.notes.append("Protocol DiD: %d of %d participants have both periods%s%s%s%s." % (
        n_both, n_any, "; pre only (not in the DiD): " if one[0].any() else "", s[0],
        "; post only (not in the DiD): " if one[1].any() else "", s[1]))
    dev, ctl = bothp & (arm == 1), bothp & (arm == 0)
    share = steps.astype(np.float64) / np.where(total > 0, total, 1).astype(np.float64)
    v = [np.ascontiguousarray(share[dev, 0]), np.ascontiguousarray(share[dev, 1]),
         np.ascontiguousarray(share[ctl, 0]), np.ascontiguousarray(share[ctl, 1])]
    if not dev.any() or not ctl.any():
        r.skip(name, "no control-arm participant has both protocol periods" if not ctl.any()
               else "no device-arm participant has both protocol periods")
        if n_both:
            _aside(acc, "DiD skipped (%s)" % ("no control arm" if not ctl.any() else "no device arm"), 2 * n_both,
                   (n_parts, 2))
        return 2, None
    acc["used"] += 2 * n_both
    m = r.add(name, "pts", 100.0)
    t, did = _test(), _interval()
    m["tested"] = True
    m["test"] = "Welch t on per-participant changes"
    m["claim"] = "the device improved protocol compliance beyond the control arm's change"
    buf = [ffi.from_buffer("double[]", x) if len(x) else ffi.NULL for x in v]
    if not _check(m, lib.fgroi_prepost_mean_did(buf[0], len(v[0]), buf[1], len(v[1]), buf[2], len(v[2]), buf[3],
                                                len(v[3]), lib.FGROI_DESIGN_PAIRED, r.conf, lib.FGROI_TWO_SIDED, did, t),
                  "difference in differences"):
        _set_interval(m, did)
        m["p_value"] = t.p_value
    _validate(m)
    return (0 if m["ok"] else 1), did


def _roi(r, study, did_state, did):
    names = ("ROI of the study", "net value of the study")
    keys = ("study_cost", "volume", "value_per_unit_low", "value_per_unit_high")
    lacks = ", ".join(k for k in keys if k not in study["values"])
    if not study["present"] or lacks:
        why = ("study.csv lacks " + lacks) if study["present"] else "no study.csv"
        for nm in names:
            r.skip(nm, why)
        return
    v = study["values"]
    if v["value_per_unit_low"] > v["value_per_unit_high"]:
        for i, nm in enumerate(names):
            m = r.add(nm, "USD" if i else "%", 1.0 if i else 100.0)
            _not_computed(m, "study.csv: value_per_unit_low is above value_per_unit_high")
        return
    if did_state == 2:
        for nm in names:
            r.skip(nm, "needs the protocol DiD effect, which was skipped")
        return
    m = r.add(names[0], "%", 100.0)
    n = r.add(names[1], "USD", 1.0)
    if did_state == 1:
        _not_computed(m, "needs the protocol DiD effect, which was not computed")
        _not_computed(n, "needs the protocol DiD effect, which was not computed")
        return

    def inp():
        x = ffi.new("fgroi_roi_input *")
        x.struct_size = ffi.sizeof("fgroi_roi_input")
        return x
    e, vol, val, cost = inp(), inp(), inp(), inp()
    ri, nvi = _interval(), _interval()
    s = ffi.new("fgroi_roi_summary *")
    s.struct_size = ffi.sizeof("fgroi_roi_summary")
    vol.dist, vol.a = lib.FGROI_ROI_FIXED, v["volume"]
    val.dist, val.a, val.b = lib.FGROI_ROI_UNIFORM, v["value_per_unit_low"], v["value_per_unit_high"]
    cost.dist, cost.a = lib.FGROI_ROI_FIXED, v["study_cost"]
    if (not _check(m, lib.fgroi_roi_input_from_interval(did, e), "ROI effect input")
            and not _check(m, lib.fgroi_roi_monte_carlo(e, vol, val, cost, r.conf, ROI_DRAWS, r.seed, ri, nvi, s),
                           "ROI Monte Carlo")):
        _set_interval(m, ri)
        _set_interval(n, nvi)
        r.prob_positive, r.break_even, r.roi_ok = s.prob_positive, s.break_even_effect, True
    else:
        _not_computed(n, m["reason"])
        n["error"] = m["error"]
    _validate(m)
    _validate(n)
    if not m["ok"] or not n["ok"]:
        r.roi_ok = False


def _adjust(r):
    fam = [m for m in r.m if m["tested"] and m["ok"]]
    if not fam:
        return
    p = np.ascontiguousarray([m["p_value"] for m in fam], dtype=np.float64)
    adj = np.zeros(len(fam))
    method = ffi.new("fgroi_method *")
    lib.fgroi_method_from_name(r.mult.encode(), method)
    s = lib.fgroi_multiplicity_adjust(ffi.from_buffer("double[]", p), len(fam), method[0],
                                      ffi.from_buffer("double[]", adj))
    if s != 0:
        labels = {"holm": "Holm", "bonferroni": "Bonferroni", "hochberg": "Hochberg", "hommel": "Hommel",
                  "bh": "Benjamini-Hochberg", "by": "Benjamini-Yekutieli", "none": "no adjustment"}
        r.mult_failed = True
        r.mult_error = "%s: %s (%s)" % (labels.get(r.mult, r.mult), _cstr(lib.fgroi_strerror(s)),
                                        _cstr(lib.fgroi_status_name(s)))
        return
    for m, a in zip(fam, adj):
        m["p_adjusted"] = float(a)


# ---- duplicated dose rows, as fgroi-report names them -------------------------
SHOWN_ERRORS = 20  # examples/csv_reader.h RD_MAX_SHOWN_ERRORS


def _quote(s):
    """examples/csv_reader.c rd_quote: 40 bytes, control / non-ASCII / ' as ?."""
    b = s.encode("utf-8")
    q = "".join("?" if (c < 0x20 or c >= 0x7F or c == 0x27) else chr(c) for c in b[:40])
    return q + ("..." if len(b) > 40 else "")


def _duplicate_error(data_dir, files, who, doses, found):
    """DuplicateRowsError from the second pass's rows (one tuple per dose
    partition, in partition order). Lines are counted from the header (line
    1) of each file, one line per row."""
    by_abs = {os.path.abspath(f): f for f in files}
    where, rows_before = {}, {}
    for part, path, read in sorted(doses["parts"], key=lambda x: x[0]):
        path = by_abs.get(os.path.abspath(path), path) if path is not None else files[0]
        where[part] = (path, rows_before.get(path, 0))
        rows_before[path] = rows_before.get(path, 0) + read
    key, row, sched, self_, dev = (np.concatenate([x[i] for x in found]) for i in range(5))
    part = np.concatenate([np.full(len(x[0]), i, dtype=np.int64) for i, x in enumerate(found)])
    # file order is (partition, row): the arrays are in it; group by key
    o = np.argsort(key, kind="stable")
    head = np.r_[True, key[o][1:] != key[o][:-1]] if len(o) else np.zeros(0, dtype=bool)
    first = np.empty(len(o), dtype=np.int64)
    first[o] = o[np.maximum.accumulate(np.where(head, np.arange(len(o)), 0))] if len(o) else o
    later = np.sort(o[~head])
    count = len(later)
    if count != doses["keys"]["dup"]:
        raise RuntimeError("doses.csv: %d duplicated rows found again, %d counted" % (count, doses["keys"]["dup"]))
    name = files[0] if len(files) == 1 else os.path.join(data_dir, "doses")
    lines = []
    if count > SHOWN_ERRORS:
        lines.append("%s: %d input errors in all (the first %d shown)" % (name, count, SHOWN_ERRORS))
    for i in later[:SHOWN_ERRORS]:
        j = first[i]
        path, off = where[int(part[i])]
        fpath, foff = where[int(part[j])]
        line, fline = off + int(row[i]) + 2, foff + int(row[j]) + 2
        fl = "%d" % fline if fpath == path else "%s:%d" % (fpath, fline)
        pid = _quote(str(who.index[int(key[i]) >> DOSE_KEY_SHIFT]))
        dose = int(key[i]) & ((1 << DOSE_KEY_SHIFT) - 1)
        if sched[i] == sched[j] and self_[i] == self_[j] and dev[i] == dev[j]:
            lines.append("%s:%d: duplicate row: dose %d of participant '%s' again, same as line %s"
                         % (path, line, dose, pid, fl))
        else:
            lines.append("%s:%d: conflicting rows for dose %d of participant '%s': line %s and line %d differ"
                         % (path, line, dose, pid, fl, line))
    if count > SHOWN_ERRORS:
        lines.append("%s: %d duplicated doses in all (the first %d shown)" % (name, count, SHOWN_ERRORS))
    return DuplicateRowsError(count, lines)


# ---- the driver ------------------------------------------------------------------
def _read_participants(files, cfg):
    """participants.csv (client side: it defines the slots every partition uses)."""
    acc = _account()
    ids, arms, seg_labels, seg_counts = [], [], [], {}
    segcol = cfg["segment_column"]
    for part, f in enumerate(files):
        df = _clean(_read_frame(f, ("participant_id", "arm"), "participants.csv"), cfg["missing_values"])
        if cfg["segment_set"] and segcol and segcol not in df.columns:
            raise StudyInputError("participants.csv: missing column '%s'" % segcol)
        rows = np.arange(len(df))
        acc["read"] += len(df)
        miss = df["participant_id"].isna().to_numpy()
        _aside_rows(acc, "missing participant_id", miss, part, rows)
        d = df[~miss]
        arm_m = d["arm"].isna().to_numpy()
        arm = np.full(len(d), -1, dtype=np.int64)
        if (~arm_m).any():
            arm[~arm_m] = _choice(d["arm"][~arm_m], (cfg["control_arm"], cfg["device_arm"]), "arm",
                                  "participants.csv")
        _aside_rows(acc, "missing arm", arm_m, part, rows[~miss])
        acc["used"] += int((~arm_m).sum())
        ids.extend(d["participant_id"].tolist())
        arms.append(arm)
        if segcol and segcol in d.columns:
            for s in d[segcol].dropna().tolist():
                if s not in seg_counts:
                    if len(seg_labels) >= 32 or len(s.encode()) >= 32:
                        continue  # counted as "other" by the report, not printed
                    seg_labels.append(s)
                    seg_counts[s] = 0
                seg_counts[s] += 1
    if len(set(ids)) != len(ids):
        raise StudyInputError("participants.csv: duplicate participant")
    if not ids:
        raise StudyInputError("participants.csv: no participants")
    segs = [(s, seg_counts[s]) for s in seg_labels]
    return ids, np.concatenate(arms).astype(np.int8), segs, acc


def _read_study(files, cfg):
    acc = _account()
    values, present = {}, bool(files)
    for part, f in enumerate(files):
        df = _clean(_read_frame(f, ("key", "value"), "study.csv"), cfg["missing_values"])
        for i, (k, v) in enumerate(zip(df["key"], df["value"])):
            acc["read"] += 1
            if k is None:
                _aside(acc, "missing key", 1, (part, i))
                continue
            k = k.lower()
            if k not in ("study_cost", "volume", "value_per_unit_low", "value_per_unit_high", "conf_level", "seed"):
                raise StudyInputError("study.csv: unknown study key '%s'" % k)
            if v is None:
                _aside(acc, "missing value", 1, (part, i))
                continue
            values[k] = int(v) if k == "seed" else float(v)
            acc["used"] += 1
    return {"present": present, "values": values, "acc": acc}


DOSE_COLUMNS = {"participant_id": "category", "dose": np.float64, "scheduled_min": np.float64,
                "self_reported": np.float64, "device_logged": np.float64}


def _partitions(files, blocksize, numeric=None, markers=("NA",), path=False):
    """The partitions of a set of CSV files as delayed pandas frames, in file
    order: all columns as text, or (numeric: column -> dtype) parsed by
    pandas' C reader with the missing-value markers as NaN; path: with the
    file's name in a categorical column "path"."""
    import dask.dataframe as dd
    if numeric:
        ddf = dd.read_csv(files, dtype=numeric, usecols=list(numeric), keep_default_na=False,
                          na_values=[""] + list(markers), blocksize=blocksize, encoding="utf-8-sig",
                          include_path_column=path)
    else:
        ddf = dd.read_csv(files, dtype=str, keep_default_na=False, na_filter=False, blocksize=blocksize,
                          encoding="utf-8-sig")
    return ddf.to_delayed()


def _tree(fn, xs, width=8):
    import dask
    xs = list(xs)
    while len(xs) > 1:
        xs = [dask.delayed(fn)(xs[i:i + width]) for i in range(0, len(xs), width)]
    return xs[0]


def _quiet_shutdown_timer(loop):
    """Route one known shutdown message of the client's own event loop to
    the ``fgroi.study`` logger (debug) instead of standard error.

    dask.distributed 2022.12 (Debian 12) sends messages to the scheduler
    through a ``BatchedSend`` that waits on a timer. When the client closes
    under load, the timer can expire just before the loop stops, and the
    timeout error is never read: at exit asyncio prints "Future exception
    was never retrieved ... TimeoutError('Timeout')" (3 runs in 40 with
    the CPU saturated). The analysis is complete by then. Only that message
    is rerouted, and only on the loop of a client this module opened; every
    other report of that loop goes to asyncio's default handler.
    """
    def handler(lp, context):
        if (context.get("message") == "Future exception was never retrieved"
                and isinstance(context.get("exception"), asyncio.TimeoutError)):
            logging.getLogger(__name__).debug("dask.distributed client shutdown: %s", context)
        else:
            lp.default_exception_handler(context)
    loop.set_exception_handler(handler)


def analyse(data_dir, scheduler="sync", blocksize="64MB", shards=None, conf_level=None, seed=None,
            config=None, progress=None):
    """Run the report's analysis on a (partitioned) study; returns a dict
    with everything :func:`to_json` prints. ``scheduler`` is 'sync',
    'threads', 'processes', a dask.distributed Client, or a scheduler
    address ('tcp://host:port')."""
    import dask
    cfg = read_config(config or os.path.join(data_dir, "study.conf"), default_config())
    files = {f: study_files(data_dir, f) for f in FILES}
    if not files["participants"]:
        raise StudyInputError("%s: cannot open: participants.csv is required" % data_dir)
    ids, arm, segs, p_acc = _read_participants(files["participants"], cfg)
    who = _Who(ids, arm)
    study = _read_study(files["study"], cfg)
    np_ = len(ids)
    client = None
    get_kw = {}
    if isinstance(scheduler, str) and "://" in scheduler:
        from distributed import Client
        client = Client(scheduler)
        _quiet_shutdown_timer(client.loop.asyncio_loop)
        get_kw = {"scheduler": client}
    elif isinstance(scheduler, str):
        get_kw = {"scheduler": {"sync": "sync", "synchronous": "sync", "threads": "threads",
                                "processes": "processes"}[scheduler]}
    else:
        get_kw = {"scheduler": scheduler}
    shards = shards or 8
    try:
        who_d = dask.delayed(who, pure=True)
        cfg_d = dask.delayed(cfg, pure=True)
        graph = {}
        # events first: their participants are the dose rows the agreement check needs
        ev_parts = _partitions(files["events"], blocksize) if files["events"] else []
        ev_sum = [dask.delayed(event_summary)(d, i, who_d, cfg_d, shards) for i, d in enumerate(ev_parts)]
        watch = dask.delayed(lambda xs: np.unique(np.concatenate([x["participants"] for x in xs]))
                             if xs else np.zeros(0, np.int64))(ev_sum)
        matched = [dask.delayed(match_shard)(dask.delayed(lambda xs, s: [x["buckets"][s] for x in xs])(ev_sum, s),
                                             cfg_d) for s in range(shards)] if ev_sum else []
        graph["ev_acc"] = dask.delayed(lambda xs: (merge_accounts([x["acc"] for x in xs]), sum(x["n"] for x in xs)))(ev_sum)
        graph["matched"] = matched
        if files["doses"]:
            dose_parts = _partitions(files["doses"], blocksize, DOSE_COLUMNS, cfg["missing_values"], path=True)
            ds = [dask.delayed(dose_summary)(d, i, who_d, cfg_d, watch) for i, d in enumerate(dose_parts)]
            graph["doses"] = _tree(merge_doses, ds)
        for name, fn in (("nps", nps_summary), ("task", task_summary), ("protocol", protocol_summary)):
            if files[name]:
                graph[name] = [dask.delayed(fn)(d, i, who_d, cfg_d)
                               for i, d in enumerate(_partitions(files[name], blocksize))]
        (res,) = dask.compute(graph, **get_kw)
        if files["doses"] and res["doses"]["keys"]["dup"]:
            # rows repeating a (participant, dose) key, in one partition or
            # across partitions: read again for the rows of the duplicated
            # keys only, and report them as fgroi-report does
            dup_d = dask.delayed(res["doses"]["keys"]["dup_runs"], pure=True)
            (found,) = dask.compute([dask.delayed(dose_dup_rows)(d, i, who_d, cfg_d, dup_d)
                                     for i, d in enumerate(dose_parts)], **get_kw)
            raise _duplicate_error(data_dir, files["doses"], who, res["doses"], found)
    finally:
        if client is not None:
            client.close()
    return _finish(data_dir, cfg, ids, arm, segs, p_acc, study, res, files, np_, conf_level, seed)


def _finish(data_dir, cfg, ids, arm, segs, p_acc, study, res, files, np_, conf_level, seed):
    ids = np.asarray(ids, dtype=object)
    sv = study["values"]
    conf = conf_level if conf_level is not None else (cfg["conf_level"] if cfg["conf_level"] is not None
                                                     else sv.get("conf_level", 0.95))
    sd = seed if seed is not None else (cfg["seed"] if cfg["seed"] is not None else sv.get("seed", 1))
    r = _Report(conf, sd, cfg["multiplicity"])
    accs = {"participants.csv": p_acc}
    # event matching, and the agreement of its records with doses.csv
    ev_acc, n_events = res["ev_acc"]
    doses = res.get("doses")
    if files["events"]:
        accs["events.csv"] = ev_acc
        nd = sum(x["nd"] for x in res["matched"])
        bad = [x for x in res["matched"] if x["status"] != 0]
        if nd == 0:
            r.matching = ("Raw event streams: skipped: events.csv has no scheduled dose rows "
                          "(%d events read, none matched)." % n_events)
            ev_acc["used"] = 0
            _aside(ev_acc, "no scheduled dose rows to match", n_events, (1 << 62, 0))
        elif bad:
            s = bad[0]["status"]
            r.matching = "Raw event streams: not computed: the matcher failed: %s (%s)." % (
                _cstr(lib.fgroi_strerror(s)), _cstr(lib.fgroi_status_name(s)))
            r.matching_failed = True
        else:
            sm = _sum_arrays([x["summary"] for x in res["matched"] if x["summary"] is not None])
            rec = np.concatenate([x["records"] for x in res["matched"] if x["records"] is not None])
            agree = compared = 0
            if doses is not None:
                wp, wt, wself, wdev, wpart, wrow = doses["watched"]
                o = np.lexsort((wrow, wpart))  # file order: the first row of a key counts
                df = pd.DataFrame({"p": wp[o], "t": wt[o], "self": wself[o], "dev": wdev[o]})
                df = df.drop_duplicates(["p", "t"], keep="first")
                j = pd.DataFrame({"p": rec["p"], "t": rec["t"], "rs": rec["self"].astype(np.int64),
                                  "rd": rec["dev"].astype(np.int64)}).merge(df, on=["p", "t"], how="inner")
                compared = len(j)
                agree = int(((j["rs"] == j["self"]) & (j["rd"] == j["dev"])).sum())
            r.matching = (
                "Raw event streams (%d doses of %d participants): %d of %d device opens and %d of %d "
                "check-ins matched a dose; %d opens were second opens of an already matched dose and %d fell "
                "outside every window (counted, not dropped). Matched records agree with doses.csv on %d of %d doses."
                % (sm[0], sm[1], sm[3], sm[2], sm[7], sm[6], sm[4], sm[5], agree, compared))
    n_doses = doses["n"] if doses is not None else 0
    if doses is not None:
        accs["doses.csv"] = doses["acc"]
    _adherence(r, doses is not None, n_doses, _dense_tally(doses["tally"], np_) if doses is not None else None)
    # NPS: per-wave tables summed; answers scattered per participant for the pairs
    pre = np.full(np_, -1, dtype=np.int64)
    post = np.full(np_, -1, dtype=np.int64)
    counts = np.zeros((2, 3), dtype=np.int64)
    if "nps" in res:
        accs["nps.csv"] = merge_accounts([x["acc"] for x in res["nps"]])
        sc = _scatter(2 * np_, [x["key"] for x in res["nps"]], [x["score"] for x in res["nps"]], -1, "nps.csv")
        pre, post = sc[0::2], sc[1::2]
        counts = _sum_arrays([x["counts"] for x in res["nps"]])
    _nps(r, "nps" in res, pre, post, counts, ids)
    t_acc = None
    minutes = np.full(np_, np.nan)
    done = np.full(np_, -1, dtype=np.int64)
    if "task" in res:
        t_acc = accs["task.csv"] = merge_accounts([x["acc"] for x in res["task"]])
        keys = [x["p"] for x in res["task"]]
        minutes = _scatter(np_, keys, [x["minutes"] for x in res["task"]], np.nan, "task.csv")
        done = _scatter(np_, keys, [x["done"] for x in res["task"]], -1, "task.csv")
    _device_vs_control(r, cfg, t_acc, arm.astype(np.int64), minutes, done)
    pr_acc = None
    steps = np.zeros((np_, 2), dtype=np.int64)
    total = np.full((np_, 2), -1, dtype=np.int64)
    if "protocol" in res:
        pr_acc = accs["protocol.csv"] = merge_accounts([x["acc"] for x in res["protocol"]])
        keys = [x["key"] for x in res["protocol"]]
        steps = _scatter(2 * np_, keys, [x["steps"] for x in res["protocol"]], 0, "protocol.csv").reshape(np_, 2)
        total = _scatter(2 * np_, keys, [x["total"] for x in res["protocol"]], -1, "protocol.csv").reshape(np_, 2)
    did_state, did = _protocol(r, pr_acc, arm.astype(np.int64), steps, total, ids, 1 << 61)
    if study["present"]:
        accs["study.csv"] = study["acc"]
    _roi(r, study, did_state, did)
    _adjust(r)
    for name, a in accs.items():
        if a["read"] != a["used"] + sum(c for c, _ in a["aside"].values()):
            raise RuntimeError("%s: rows read %d != used %d + set aside" % (name, a["read"], a["used"]))
    status = 0
    if any(not m["ok"] for m in r.m) or r.mult_failed or getattr(r, "matching_failed", False):
        status = 1
    return {"data_dir": data_dir, "report": r, "participants": p_acc["used"], "segments": segs,
            "segment_column": cfg["segment_column"], "doses": n_doses, "accounts": accs, "exit_status": status}


# ---- JSON, as print_json in examples/report.c ------------------------------------
def _js(s):
    out = ['"']
    for ch in s:
        c = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif c < 0x20:
            out.append("\\u%04x" % c)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _jn(v):
    if v is None or math.isnan(v) or math.isinf(v):
        return "null"
    return "%.17g" % v


def _verdict(r, m):
    if not m["ok"]:
        return "not computed: %s" % m["reason"]
    p = m["p_adjusted"] if m["tested"] else (m["p_value"] if m["contrast"] else math.nan)
    if m["tested"] and math.isnan(p):
        return "no verdict: the multiplicity adjustment was not computed (%s)" % r.mult_error
    if math.isnan(p):
        return "estimate only"
    if p < 0.01:
        return "strong evidence that %s" % m["claim"]
    if p < 0.05:
        return "evidence that %s" % m["claim"]
    if p < 0.10:
        return "suggestive only: not shown that %s" % m["claim"]
    return "not shown that %s: could be noise" % m["claim"]


def to_json(result, data_dir=None):
    """The report's JSON text (examples/report.c print_json), byte for byte."""
    r = result["report"]
    o = ['{\n  "library_version": ', _js(_cstr(lib.fgroi_version())),
         ',\n  "exit_status": %d' % result["exit_status"],
         ',\n  "data_dir": ', _js(data_dir if data_dir is not None else result["data_dir"]),
         ',\n  "conf_level": ', _jn(r.conf), ',\n  "seed": %d' % r.seed,
         ',\n  "participants": %d,\n  "segments": {' % result["participants"]]
    if result["segment_column"]:
        o.append(", ".join("%s: %d" % (_js(s), c) for s, c in result["segments"]))
    o.append('},\n  "dose_records": %d,\n  "metrics": [\n' % result["doses"])
    for i, m in enumerate(r.m):
        ok = m["ok"]
        hi = ok and m["has_interval"]
        s = '    {"name": ' + _js(m["name"]) + ', "status": "%s"' % ("computed" if ok else "not_computed")
        s += ', "unit": ' + _js(m["unit"]) + ', "scale": ' + _jn(m["scale"])
        s += ', "estimate": ' + _jn(m["estimate"] if ok else math.nan)
        s += ', "lower": ' + _jn(m["lower"] if hi else math.nan)
        s += ', "upper": ' + _jn(m["upper"] if hi else math.nan)
        if hi and (math.isinf(m["lower"]) or math.isinf(m["upper"])):
            s += ', "unbounded": "%s"' % ("both" if math.isinf(m["lower"]) and math.isinf(m["upper"])
                                          else "lower" if math.isinf(m["lower"]) else "upper")
        s += ', "p_value": ' + _jn(m["p_value"] if ok else math.nan)
        s += ', "p_adjusted": ' + _jn(m["p_adjusted"] if ok else math.nan)
        s += ', "claim": %s, "in_family": %s' % ("true" if m["tested"] else "false",
                                                 "true" if m["tested"] and ok and not r.mult_failed else "false")
        s += ', "method": ' + _js(m["method"] if ok else "") + ', "test": ' + _js(m["test"] if ok else "")
        s += ', "verdict": ' + _js(_verdict(r, m))
        if not ok:
            st = "REPORT_INVALID_RESULT" if m["error"] == 0 else _cstr(lib.fgroi_status_name(m["error"]))
            s += ', "error": {"status": ' + _js(st) + ', "message": ' + _js(m["reason"]) + '}'
        s += "}" + ("," if i + 1 < len(r.m) else "") + "\n"
        o.append(s)
    o.append('  ],\n  "skipped": [')
    for i, (nm, why) in enumerate(r.skipped):
        o.append('%s\n    {"name": ' % ("," if i else "") + _js(nm) + ', "reason": ' + _js(why) + "}")
    o.append('%s],\n  "multiplicity": {"method": ' % ("\n  " if r.skipped else "") + _js(r.mult))
    o.append(', "computed": %s, "family": [' % ("false" if r.mult_failed else "true"))
    o.append(", ".join(_js(m["name"]) for m in r.m if m["tested"] and m["ok"]))
    o.append('], "not_computed": [')
    o.append(", ".join(_js(m["name"]) for m in r.m if m["tested"] and not m["ok"]))
    o.append("]")
    if r.mult_failed:
        o.append(', "error": ' + _js(r.mult_error))
    o.append('},\n  "roi_prob_positive": ' + _jn(r.prob_positive if r.roi_ok else math.nan))
    o.append(',\n  "roi_break_even_effect": ' + _jn(r.break_even if r.roi_ok else math.nan))
    o.append(',\n  "matching": ' + _js(r.matching))
    o.append(',\n  "notes": [' + ", ".join(_js(n) for n in r.notes) + '],\n  "rows": {')
    for k, f in enumerate(FILES):
        name = f + ".csv"
        a = result["accounts"].get(name)
        present = a is not None
        a = a or _account()
        aside = sorted(a["aside"].items(), key=lambda kv: kv[1][1])
        o.append('%s\n    ' % ("," if k else "") + _js(name))
        o.append(': {"present": %s, "read": %d, "used": %d, "set_aside": %d, "reasons": {' % (
            "true" if present else "false", a["read"], a["used"], sum(c for _, (c, _) in aside)))
        o.append(", ".join("%s: %d" % (_js(reason), c) for reason, (c, _) in aside))
        o.append("}}")
    o.append("\n  }\n}\n")
    return "".join(o)


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python3 -m fgroi.study",
                                 description="fgroi-report's analysis over a partitioned study, with Dask")
    ap.add_argument("data_dir")
    ap.add_argument("--scheduler", default="sync",
                    help="sync, threads, processes, or a dask.distributed scheduler address (tcp://host:port)")
    ap.add_argument("--json", help="write the report's JSON here (default: standard output)")
    ap.add_argument("--blocksize", default="64MB", help="bytes per partition of a CSV file")
    ap.add_argument("--shards", type=int, default=8, help="participant shards of the event matcher")
    a = ap.parse_args(argv)
    try:
        res = analyse(a.data_dir, scheduler=a.scheduler, blocksize=a.blocksize, shards=a.shards)
    except DuplicateRowsError as e:
        for line in e.lines:
            print(line, file=sys.stderr)
        print("fgroi.study: the data in %s has %d input error%s (listed above); nothing was analysed"
              % (a.data_dir, e.count, "" if e.count == 1 else "s"), file=sys.stderr)
        return 2
    except StudyInputError as e:
        print("fgroi.study: input error: %s" % e, file=sys.stderr)
        return 2
    text = to_json(res)
    if a.json:
        with open(a.json, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return res["exit_status"]


if __name__ == "__main__":
    # run the module under its package name, so that the functions shipped
    # to dask.distributed workers are imported there, not pickled by value
    from fgroi import study as _study
    sys.exit(_study.main())
