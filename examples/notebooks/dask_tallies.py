"""NPS and the adherence gap over a partitioned data set with Dask.

Each partition is reduced to libfgroi tallies (an NpsTally per wave, a
PairedTally and per-participant dose counts); the tallies travel back to
the client pickled (the bytes of their C structs), are merged, and the
statistics are computed once from the merged counts. Because the counts
are integers, the result equals the single-process computation bit for
bit, whatever the partitioning (bindings/python/tests/test_dask.py checks
it).

    PYTHONPATH=... /usr/bin/python3 examples/notebooks/dask_tallies.py examples/data
"""
import functools
import os
import sys

import numpy as np
import pandas as pd

import fgroi


def participant_code(ids):
    """'P07' -> 7: participant ids as the int64 keys the C API needs."""
    return ids.str.extract(r"(\d+)$")[0].astype(np.int64)


# ---- per-partition work (runs on the workers) ---------------------------------

def nps_partition(frame):
    """{wave: NpsTally} of one partition of nps.csv."""
    return {wave: fgroi.nps_tally(g["score"]) for wave, g in frame.groupby("wave")}


def dose_partition(frame):
    """(PairedTally, per-participant clusters) of one partition of doses.csv."""
    t = fgroi.adherence_tally(frame["self_reported"], frame["device_logged"])
    cl = fgroi.capi.paired_clusters_from_records(participant_code(frame["participant_id"]),
                                                 frame["self_reported"], frame["device_logged"])
    return t, cl


# ---- merging (associative, so a tree reduction is fine) -----------------------

def merge_nps(a, b):
    out = {w: t.copy() for w, t in a.items()}
    for w, t in b.items():
        out[w] = out[w].merge(t) if w in out else t.copy()
    return out


def merge_doses(a, b):
    return a[0] + b[0], fgroi.capi.paired_clusters_merge(a[1], b[1])


def summarise(nps_tallies, dose_tallies, conf_level=0.95):
    """The statistics from merged tallies (the same code as one process)."""
    paired, clusters = dose_tallies
    # the headline analysis (the C default): cluster-robust interval, sign-flip test
    ci, test = fgroi.capi.paired_cluster_analysis(clusters, conf_level=conf_level)
    return {
        "nps_pre": fgroi.nps(nps_tallies["pre"], conf_level=conf_level),
        "nps_post": fgroi.nps(nps_tallies["post"], conf_level=conf_level),
        "nps_change": fgroi.nps_change(nps_tallies["pre"], nps_tallies["post"],
                                       conf_level=conf_level),
        "gap_doses": fgroi.capi.paired_gap_ci(paired.both, paired.device_only,
                                              paired.self_only, paired.neither,
                                              conf_level=conf_level),
        "gap_clustered": fgroi.Analysis.combine(test, ci),
        "tallies": (nps_tallies, paired, clusters),
    }


def with_dask(nps_df, doses_df, npartitions=4, scheduler="processes"):
    """Partition both tables, tally each partition on a Dask worker, merge."""
    import dask
    import dask.dataframe as dd
    nps_parts = dd.from_pandas(nps_df, npartitions=npartitions).to_delayed()
    dose_parts = dd.from_pandas(doses_df, npartitions=npartitions).to_delayed()
    nps_t = [dask.delayed(nps_partition)(p) for p in nps_parts]
    dose_t = [dask.delayed(dose_partition)(p) for p in dose_parts]
    nps_all = dask.delayed(functools.reduce)(merge_nps, nps_t)
    dose_all = dask.delayed(functools.reduce)(merge_doses, dose_t)
    merged = dask.compute(nps_all, dose_all, scheduler=scheduler)
    return summarise(*merged)


def single_process(nps_df, doses_df):
    """The same statistics straight from the whole tables."""
    return summarise(nps_partition(nps_df), dose_partition(doses_df))


def main(folder):
    nps_df = pd.read_csv(os.path.join(folder, "nps.csv"))
    doses_df = pd.read_csv(os.path.join(folder, "doses.csv"))
    res = with_dask(nps_df, doses_df)
    for k, v in res.items():
        if k != "tallies":
            print("%-14s %r" % (k, v))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else
         os.path.join(os.path.dirname(__file__), "..", "data"))
