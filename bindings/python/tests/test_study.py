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
    # the command line (its own process, a client of the same cluster)
    out = os.path.join(os.path.dirname(part), "cli.json")
    p = subprocess.run(["/usr/bin/python3", "-m", "fgroi.study", part, "--scheduler", address, "--json", out],
                       stderr=subprocess.PIPE, text=True)
    assert p.returncode == 0, p.stderr
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
        parts = sorted(os.listdir(os.path.join(sharded, name)))
        assert len(parts) == 6
        assert sum(os.path.getsize(os.path.join(sharded, name, q)) for q in parts) == \
            os.path.getsize(os.path.join(one, name + ".csv")) + 5 * len(open(os.path.join(one, name + ".csv")).readline())
    return expected, one, sharded


def test_big_study_distributed(big, cluster):
    expected, one, sharded = big
    address, _ = cluster
    assert '"dose_records": 10000000' in expected
    # participant-sharded files (gen_pilot --shards 6), cut further into
    # 16 MB blocks (dose rows of a participant in two partitions), on the
    # 2 worker processes
    same_as_report(study.analyse(sharded, scheduler=address, blocksize="16MB"), expected, one)


def test_gen_pilot_shards_are_the_bundled_files_cut(tmp_path):
    """gen_pilot writes the bundled study again from its seed, and with
    --shards the same rows cut at participant boundaries."""
    one, sharded = str(tmp_path / "one"), str(tmp_path / "sharded")
    subprocess.run([GEN, one], check=True)
    subprocess.run([GEN, "--shards", "5", sharded], check=True)
    for name in SHARDED + ("study",):
        with open(os.path.join(DATA, name + ".csv"), "rb") as f:
            bundled = f.read()
        with open(os.path.join(one, name + ".csv"), "rb") as f:
            assert f.read() == bundled, name
        if name == "study":
            continue
        parts = sorted(os.listdir(os.path.join(sharded, name)))
        assert parts == ["part-%05d.csv" % i for i in range(5)]
        head, rows = bundled.split(b"\n", 1)
        joined = b""
        for q in parts:
            with open(os.path.join(sharded, name, q), "rb") as f:
                h, r = f.read().split(b"\n", 1)
            assert h == head
            joined += r
        assert joined == rows, name


# ---- duplicated dose rows, wherever the partitions put them --------------------
def dose_errors(stderr, path):
    """fgroi-report's messages about one file (the lines naming it)."""
    return [ln for ln in stderr.splitlines() if ln.startswith(path + ":")]


def report_errors(data_dir):
    p = subprocess.run([REPORT, data_dir], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert p.returncode == 2, p.stderr
    return dose_errors(p.stderr, os.path.join(data_dir, "doses.csv"))


def without_places(lines):
    """The messages with file names and line numbers taken out."""
    import re
    return [re.sub(r"line (\S+:)?\d+", "line L", re.sub(r"^\S+?:(\d+: )?", "", ln)) for ln in lines]


@pytest.fixture(scope="module")
def duplicated(tmp_path_factory):
    """The bundled study with 27 duplicated dose rows: one exact copy and
    one conflicting copy of early rows appended at the end (so in another
    partition than the first row), 25 copies of rows 100..124 (also at
    the end, one of them twice) -- and the same rows partitioned."""
    tmp = str(tmp_path_factory.mktemp("dups"))
    src = os.path.join(tmp, "one")
    shutil.copytree(DATA, src)
    path = os.path.join(src, "doses.csv")
    d = pd.read_csv(path, dtype=str, keep_default_na=False)
    conflict = d.iloc[[10]].assign(self_reported=(1 - d.self_reported.iloc[[10]].astype(int)).astype(str))
    extra = [conflict, d.iloc[[5]]] + [d.iloc[[100 + i]] for i in range(24)] + [d.iloc[[100]]]
    pd.concat([d] + extra).to_csv(path, index=False)
    part = os.path.join(tmp, "partitioned")
    os.makedirs(os.path.join(part, "doses"))
    for f in os.listdir(src):
        if f != "doses.csv":
            shutil.copy(os.path.join(src, f), part)
    d = pd.read_csv(path, dtype=str, keep_default_na=False)
    for i, rows in enumerate(np.array_split(np.arange(len(d)), 3)):
        d.iloc[rows].to_csv(os.path.join(part, "doses", "part-%03d.csv" % i), index=False)
    return src, part, report_errors(src)


def test_duplicates_in_one_file_read_in_blocks_as_the_report(duplicated, cluster):
    """One doses.csv cut into 1 KB blocks (6 partitions: a row and its copy
    in different partitions) and read whole: the count and the report's 22
    lines, text for text, with every scheduler."""
    src, _, expected = duplicated
    assert len(study._partitions([os.path.join(src, "doses.csv")], "1KB", study.DOSE_COLUMNS)) == 6
    assert len(expected) == 22 and expected[0].endswith(": 27 input errors in all (the first 20 shown)")
    assert "conflicting rows for dose 11 of participant 'P01': line 12 and line 338 differ" in expected[1]
    address, _ = cluster
    for scheduler in ("sync", "threads", "processes", address):
        for blocksize in ("1KB", "64MB"):
            with pytest.raises(study.DuplicateRowsError) as e:
                study.analyse(src, scheduler=scheduler, blocksize=blocksize)
            assert e.value.count == 27
            assert e.value.lines == expected, (scheduler, blocksize)


def test_duplicates_split_over_partitioned_files(duplicated, cluster):
    """The same rows in 3 files: a row's copy in another file is found, and
    counted and described as the report does on the joined file (the
    places name the shard file and its line)."""
    src, part, expected = duplicated
    address, _ = cluster
    for scheduler in ("sync", "threads", "processes", address):
        with pytest.raises(study.DuplicateRowsError) as e:
            study.analyse(part, scheduler=scheduler, blocksize="2KB")
        assert e.value.count == 27
        assert without_places(e.value.lines) == without_places(expected)
        assert e.value.lines[1].startswith(os.path.join(part, "doses", "part-002.csv") + ":")
        assert "line %s:12 and line" % os.path.join(part, "doses", "part-000.csv") in e.value.lines[1]
    # the command line on the cluster: exit status 2, the same lines
    p = subprocess.run(["/usr/bin/python3", "-m", "fgroi.study", part, "--scheduler", address],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.splitlines()[:-1] == e.value.lines
    assert "has 27 input errors" in p.stderr.splitlines()[-1]


def test_one_duplicate_row_two_partitions(tmp_path, cluster):
    """A single exact copy, in the other half of doses.csv: one error, the
    report's line, in one partition and in two, on every scheduler."""
    src = str(tmp_path / "one")
    shutil.copytree(DATA, src)
    path = os.path.join(src, "doses.csv")
    d = pd.read_csv(path, dtype=str, keep_default_na=False)
    pd.concat([d.iloc[:200], d.iloc[[3]], d.iloc[200:]]).to_csv(path, index=False)
    expected = report_errors(src)
    assert expected == ["%s:202: duplicate row: dose 4 of participant 'P01' again, same as line 5" % path]
    address, _ = cluster
    for scheduler in ("sync", "threads", "processes", address):
        for blocksize in ("1KB", "64MB"):
            with pytest.raises(study.DuplicateRowsError) as e:
                study.analyse(src, scheduler=scheduler, blocksize=blocksize)
            assert (e.value.count, e.value.lines) == (1, expected)


def test_key_runs_merge_counts_every_duplicate():
    """The run-set merge against a brute-force count: random key sets per
    partition (with duplicates inside and across), merged in a tree."""
    rng = np.random.default_rng(3)
    for trial in range(200):
        parts = [rng.integers(0, rng.integers(1, 200), size=rng.integers(0, 60)) for _ in range(rng.integers(1, 9))]
        ks = []
        for k in parts:
            uk, cnt = np.unique(k, return_counts=True)
            ks.append({"runs": study._runs(uk), "dup_runs": study._runs(uk[cnt > 1]), "dup": len(k) - len(uk)})
        while len(ks) > 1:
            ks = [study.merge_keys(ks[i:i + 3]) for i in range(0, len(ks), 3)]
        allk = np.concatenate(parts)
        uk, cnt = np.unique(allk, return_counts=True)
        assert ks[0]["dup"] == len(allk) - len(uk)
        assert study._run_keys(ks[0]["runs"]) == len(uk)
        assert np.array_equal(study._in_runs(uk, ks[0]["dup_runs"]), cnt > 1)


UNREAD = r"""
import asyncio, gc, sys
from fgroi import study
loop = asyncio.new_event_loop()
if sys.argv[1] == "quiet":
    study._quiet_shutdown_timer(loop)
for exc in (TimeoutError("Timeout"), ValueError("kept")):
    f = loop.create_future()
    f.set_exception(exc)
    del f
    gc.collect()
loop.close()
"""


@pytest.mark.parametrize("mode", ["default", "quiet"])
def test_client_loop_reroutes_only_the_unread_shutdown_timeout(mode):
    """The handler set on a client's loop (dask.distributed's shutdown timer,
    see _quiet_shutdown_timer) keeps an unread TimeoutError off standard
    error and still lets asyncio report any other unread exception."""
    p = subprocess.run(["/usr/bin/python3", "-c", UNREAD, mode],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert p.returncode == 0 and p.stdout == ""
    unread = [l for l in p.stderr.splitlines() if l.startswith("future: ")]
    kept = "future: <Future finished exception=ValueError('kept')>"
    timeout = "future: <Future finished exception=TimeoutError('Timeout')>"
    assert unread == ([timeout, kept] if mode == "default" else [kept])
