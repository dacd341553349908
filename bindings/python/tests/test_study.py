"""fgroi.study (the report's analysis over partitions) gives fgroi-report's
JSON byte for byte: on a partitioned copy of the bundled study and on a
generated 1e7-dose study, with Dask's local schedulers and with a
dask.distributed cluster of 2 worker processes on loopback (tallies and
summaries shipped between processes)."""
import os
import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest

from conftest import SOURCE_ROOT
from fgroi import study

BUILD_ROOT = os.environ.get("FGROI_BUILD_ROOT", os.path.join(SOURCE_ROOT, "build"))
REPORT = os.path.join(BUILD_ROOT, "examples", "fgroi-report")
GEN = os.path.join(BUILD_ROOT, "examples", "gen_pilot")
DATA = os.path.join(SOURCE_ROOT, "examples", "data")
SHARDED = ("participants", "doses", "events", "nps", "task", "protocol")


def report_json(data_dir, tmp):
    """fgroi-report --json on one (unpartitioned) study folder."""
    out = os.path.join(tmp, "report.json")
    p = subprocess.run([REPORT, "--json", out, data_dir], stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    assert p.returncode in (0, 1), p.stderr
    with open(out) as f:
        return f.read()


def partition_copy(src, dst, parts, seed, joined=None):
    """Each file split into `parts` files under dst/<name>/, rows shuffled
    (participants keep their order: it numbers the clusters). joined: a
    folder for the same rows in one file each (the order of set-aside
    reasons follows the rows' order, so the report reads these)."""
    os.makedirs(dst)
    for f in ("study.conf", "study.csv"):
        shutil.copy(os.path.join(src, f), dst)
        if joined:
            os.makedirs(joined, exist_ok=True)
            shutil.copy(os.path.join(src, f), joined)
    rng = np.random.default_rng(seed)
    for name in SHARDED:
        if not os.path.exists(os.path.join(src, name + ".csv")):
            continue
        df = pd.read_csv(os.path.join(src, name + ".csv"), dtype=str, keep_default_na=False)
        if name != "participants":
            df = df.iloc[rng.permutation(len(df))]
        if joined:
            df.to_csv(os.path.join(joined, name + ".csv"), index=False)
        os.makedirs(os.path.join(dst, name))
        for i, rows in enumerate(np.array_split(np.arange(len(df)), parts)):
            df.iloc[rows].to_csv(os.path.join(dst, name, "part-%03d.csv" % i), index=False)


def same_as_report(res, expected, data_dir):
    got = study.to_json(res, data_dir=data_dir)
    assert got == expected  # every metric, note, count and reason, as text


@pytest.fixture(scope="module")
def cluster():
    """A scheduler and 2 worker processes on loopback."""
    from distributed import Client, LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as lc, Client(lc) as client:
        yield lc.scheduler_address, client


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    tmp = str(tmp_path_factory.mktemp("bundled"))
    expected = report_json(DATA, tmp)
    part = os.path.join(tmp, "partitioned")
    partition_copy(DATA, part, 3, seed=5)
    return expected, part


def test_bundled_single_process_unpartitioned(tmp_path):
    same_as_report(study.analyse(DATA, scheduler="sync"), report_json(DATA, str(tmp_path)), DATA)


@pytest.mark.parametrize("scheduler", ["sync", "threads", "processes"])
def test_bundled_partitioned_local_schedulers(bundled, scheduler):
    expected, part = bundled
    same_as_report(study.analyse(part, scheduler=scheduler, shards=3), expected, DATA)


def test_bundled_partitioned_distributed(bundled, cluster):
    expected, part = bundled
    address, client = cluster
    same_as_report(study.analyse(part, scheduler=address, shards=4), expected, DATA)
    # the command line, against the same scheduler
    out = os.path.join(os.path.dirname(part), "cli.json")
    assert study.main([part, "--scheduler", address, "--json", out]) == 0
    with open(out) as f:
        assert f.read() == expected.replace('"data_dir": "%s"' % DATA, '"data_dir": "%s"' % part)


def test_set_aside_rows_and_skips_merge_in_file_order(tmp_path, cluster):
    """Missing answers, a participant without an arm, one-period protocol
    rows and a study without events: reasons and notes as the report's."""
    src = str(tmp_path / "edited")
    shutil.copytree(DATA, src)
    os.remove(os.path.join(src, "events.csv"))
    def edit(name, fn):
        path = os.path.join(src, name + ".csv")
        df = fn(pd.read_csv(path, dtype=str, keep_default_na=False))
        df.to_csv(path, index=False)
    edit("participants", lambda d: d.assign(arm=np.where(d.participant_id == "P07", "NA", d.arm)))
    edit("nps", lambda d: d.assign(score=np.where(d.index.isin([3, 10, 41]), "", d.score)).drop(index=[5]))
    edit("protocol", lambda d: d.drop(index=[0, 13]))
    edit("doses", lambda d: d.assign(device_logged=np.where(d.index % 50 == 7, "NA", d.device_logged)))
    edit("task", lambda d: d.assign(minutes=np.where(d.index == 2, "NA", d.minutes)))
    expected = report_json(src, str(tmp_path))
    assert '"reasons": {}' in expected and "missing score" in expected
    same_as_report(study.analyse(src, scheduler="sync"), expected, src)
    part, joined = str(tmp_path / "partitioned"), str(tmp_path / "joined")
    partition_copy(src, part, 4, seed=9, joined=joined)
    address, _ = cluster
    same_as_report(study.analyse(part, scheduler=address), report_json(joined, str(tmp_path)), joined)


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """1e7 dose records (100,000 participants per arm, 100 doses each), 40
    participants with raw event streams; and the same rows participant-sharded."""
    tmp = str(tmp_path_factory.mktemp("big"))
    one = os.path.join(tmp, "one")
    subprocess.run([GEN, "--participants", "100000", "--doses", "100", "--events-for", "40", one], check=True)
    expected = report_json(one, tmp)
    sharded = os.path.join(tmp, "sharded")
    subprocess.run([GEN, "--participants", "100000", "--doses", "100", "--events-for", "40",
                    "--shards", "6", sharded], check=True)
    # the shards are the one files cut at participant boundaries
    for name in SHARDED:
        with open(os.path.join(one, name + ".csv"), "rb") as f:
            head, n = f.readline(), 0
            for part in sorted(os.listdir(os.path.join(sharded, name))):
                with open(os.path.join(sharded, name, part), "rb") as g:
                    assert g.readline() == head
                    for line in g:
                        assert line == f.readline()
                        n += 1
            assert f.readline() == b"" and n > 0
    return expected, one, sharded


def test_big_study_distributed(big, cluster):
    expected, one, sharded = big
    address, _ = cluster
    assert '"dose_records": 10000000' in expected
    # participant-sharded files (gen_pilot --shards), 2 worker processes
    same_as_report(study.analyse(sharded, scheduler=address, blocksize="32MB"), expected, one)
    # one file per input, cut into byte blocks (participants straddle partitions)
    same_as_report(study.analyse(one, scheduler=address, blocksize="24MB"), expected, one)
