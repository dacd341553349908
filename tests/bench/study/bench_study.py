"""The study analysis at scale, in one run: fgroi-report (one process, C)
against fgroi.study on one process (Dask's synchronous scheduler) and on a
dask.distributed cluster (a scheduler and 2 worker processes on loopback,
each worker one thread), on the same generated study; wall and CPU time,
peak resident memory of every process, how the CPU divided between the
workers, and a check that the three JSON reports are identical.

usage: bench_study.py BUILD_ROOT DOSES [SHARDS] [WORKDIR]
  DOSES: dose records (DOSES / 100 participants per arm, at most 100,000, with
  DOSES / participants-per-arm doses each: 1e7 is 100,000 x 100, 1e8 100,000 x 1000)
Peak memory and CPU come from wait4()'s rusage of each child process."""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

PY = "/usr/bin/python3"


def run(cmd, env=None, **kw):
    """Run to completion; (wall s, user+sys s, peak RSS MB, returncode)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, **kw)
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - t0, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, p.returncode


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    build, doses = sys.argv[1], int(float(sys.argv[2]))
    shards = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    work = sys.argv[4] if len(sys.argv) > 4 else None
    src = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.path.join(src, "bindings", "python") + ":" + os.path.join(build, "bindings", "python")
    env["LD_LIBRARY_PATH"] = os.path.join(build, "lib") + ":" + env.get("LD_LIBRARY_PATH", "")
    tmp = tempfile.mkdtemp(prefix="fgroi-bench-study-", dir=work)
    try:
        per_arm = max(2, min(100000, doses // 100))  # the report takes up to 1e6 participants
        each = str(max(1, doses // per_arm))
        per_arm = str(per_arm)
        one, sharded = os.path.join(tmp, "one"), os.path.join(tmp, "sharded")
        gen = os.path.join(build, "examples", "gen_pilot")
        w, _, _, rc = run([gen, "--participants", per_arm, "--doses", each, "--events-for", "40", one])
        assert rc == 0
        run([gen, "--participants", per_arm, "--doses", each, "--events-for", "40", "--shards", str(shards),
             sharded])
        size = sum(os.path.getsize(os.path.join(one, f)) for f in os.listdir(one))
        print("# study: %d dose records, %d participants, %.2f GB of CSV (gen_pilot %.1f s); %d shards"
              % (doses, 2 * int(per_arm), size / 1e9, w, shards))

        jr = os.path.join(tmp, "report.json")
        w, c, m, rc = run([os.path.join(build, "examples", "fgroi-report"), "--json", jr, one],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print("fgroi-report (C, one process):          wall %7.1f s  CPU %7.1f s  peak RSS %7.0f MB" % (w, c, m))

        js = os.path.join(tmp, "sync.json")
        w1, c1, m1, rc = run([PY, "-m", "fgroi.study", sharded, "--scheduler", "sync", "--json", js,
                              "--blocksize", "64MB"], env=env)
        print("fgroi.study, one process (sync):        wall %7.1f s  CPU %7.1f s  peak RSS %7.0f MB" % (w1, c1, m1))

        port = free_port()
        addr = "tcp://127.0.0.1:%d" % port
        sched = subprocess.Popen([PY, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port",
                                  str(port), "--no-dashboard"], env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        time.sleep(3)
        workers = [subprocess.Popen([PY, "-m", "distributed.cli.dask_worker", addr, "--nthreads", "1",
                                     "--no-nanny", "--no-dashboard", "--memory-limit", "0",
                                     "--local-directory", tmp], env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL) for _ in range(2)]
        time.sleep(5)
        jd = os.path.join(tmp, "dist.json")
        w2, c2, m2, rc = run([PY, "-m", "fgroi.study", sharded, "--scheduler", addr, "--json", jd,
                              "--blocksize", "64MB"], env=env, stderr=open(os.path.join(tmp, "client.log"), "w"))
        if rc not in (0, 1) or not os.path.exists(jd):
            print("client exit status %d" % rc)
            with open(os.path.join(tmp, "client.log")) as f:
                print(f.read()[-3000:])
        print("fgroi.study, distributed client:        wall %7.1f s  CPU %7.1f s  peak RSS %7.0f MB" % (w2, c2, m2))
        for k, p in enumerate(workers):
            p.terminate()
            _, _, ru = os.wait4(p.pid, 0)
            print("  worker %d (1 thread):                  CPU %7.1f s  peak RSS %7.0f MB"
                  % (k + 1, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0))
        sched.terminate()
        _, _, ru = os.wait4(sched.pid, 0)
        print("  scheduler:                             CPU %7.1f s  peak RSS %7.0f MB"
              % (ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0))
        print("distributed / one-process wall time: %.2f" % (w2 / w1))

        def text(p, d):
            with open(p) as f:
                return f.read().replace('"data_dir": "%s"' % d, '"data_dir": ""')
        ref = text(jr, one)
        same = ref == text(js, sharded) and ref == text(jd, sharded)
        print("JSON identical (report, one process, distributed): %s" % same)
        print("dose_records in the report: %d" % json.loads(ref)["dose_records"])
        return 0 if same else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
