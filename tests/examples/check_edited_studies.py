"""fgroi-report on edited copies of the bundled study (issue 13): each case
asserts the exact behaviour -- the metric computed with its value, or
"not computed" / "skipped" with the reason; row counts; the exit code; the
JSON fields; no output file on an input error. TAP output.

    /usr/bin/python3 tests/examples/check_edited_studies.py BUILD/examples/fgroi-report examples/data
"""
import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile

REPORT, DATA = sys.argv[1], sys.argv[2]
FILES = ["participants.csv", "doses.csv", "events.csv", "nps.csv", "task.csv", "protocol.csv", "study.csv"]
results = []
tmp_root = tempfile.mkdtemp(prefix="fgroi-edited-")
atexit.register(shutil.rmtree, tmp_root, True)


def ok(cond, what, diag=""):
    results.append((bool(cond), what, diag))
    return cond


class Study:
    """An editable copy of the bundled study."""

    def __init__(self, name):
        self.dir = os.path.join(tmp_root, name.replace(" ", "_").replace("/", "_"))
        shutil.copytree(DATA, self.dir)

    def path(self, f):
        return os.path.join(self.dir, f)

    def lines(self, f):
        with open(self.path(f), newline="") as fh:
            return fh.read().split("\n")[:-1]

    def write(self, f, lines, end="\n", raw=None):
        if raw is not None:
            with open(self.path(f), "wb") as fh:
                fh.write(raw)
            return
        with open(self.path(f), "w", newline="") as fh:
            fh.write(end.join(lines) + end)

    def edit(self, f, fn):
        self.write(f, fn(self.lines(f)))

    def drop_ids(self, ids):
        for f in FILES[:-1]:
            self.edit(f, lambda ls: [l for l in ls if l.split(",")[0] not in ids])

    def remove(self, f):
        os.remove(self.path(f))

    def run(self, *args):
        js, md = self.path("out.json"), self.path("out.md")
        for p in (js, md):
            if os.path.exists(p):
                os.remove(p)
        p = subprocess.run([REPORT, "--json", js, "--markdown", md, *args, self.dir], capture_output=True, text=True)
        rep = json.load(open(js)) if os.path.exists(js) else None
        mdt = open(md).read() if os.path.exists(md) else None
        return Run(p.returncode, p.stdout, p.stderr, rep, mdt)


class Run:
    def __init__(self, rc, out, err, rep, md):
        self.rc, self.out, self.err, self.rep, self.md = rc, out, err, rep, md
        self.metrics = {m["name"].strip(): m for m in rep["metrics"]} if rep else {}
        self.skipped = {s["name"].strip(): s["reason"] for s in rep["skipped"]} if rep else {}

    def diag(self):
        return "exit %d\nstdout:\n%s\nstderr:\n%s" % (self.rc, self.out[-3000:], self.err[-3000:])


base = Study("bundled").run()
ok(base.rc == 0 and base.rep, "bundled study: exit 0 and a JSON report", base.diag())
BASE = base.metrics
NUMS = ("estimate", "lower", "upper", "p_value", "p_adjusted")


def same_numbers(run, what, names=None):
    bad = []
    if not run.rep:
        ok(False, what + ": no JSON report", run.diag())
        return
    for n, m in BASE.items():
        if names is not None and n not in names:
            continue
        o = run.metrics.get(n)
        if o is None:
            bad.append("%s missing" % n)
            continue
        for k in NUMS:
            if m[k] != o[k]:
                bad.append("%s %s: bundled %r, here %r" % (n, k, m[k], o[k]))
    ok(run.rc == 0 and not bad, what + ": exit 0, every number identical to the bundled study's",
       "\n".join(bad) + "\n" + run.diag())


def input_error(run, what, pattern):
    ok(run.rc == 2 and pattern in run.err and run.rep is None and run.md is None,
       "%s: exit 2, message %r, no output file written" % (what, pattern), run.diag())


def rows(run, f):
    r = run.rep["rows"][f]
    return r["read"], r["used"], r["set_aside"]


def skipped(run, name, reason):
    got = run.skipped.get(name)
    ok(got is not None and reason in got and name not in run.metrics,
       "%s: skipped (%s)" % (name, reason), "skipped: %r\n%s" % (run.skipped, run.diag()))


def computed(run, name, field=None, want=None):
    m = run.metrics.get(name)
    good = m is not None and m["status"] == "computed" and m["estimate"] is not None
    if good and field:
        good = m[field] == want
    ok(good, "%s: computed%s" % (name, " with %s = %r" % (field, want) if field else ""), repr(m))


# ---- fail closed: analyses follow the data ------------------------------------
s = Study("no control arm")
ctl = [l.split(",")[0] for l in s.lines("participants.csv") if ",control," in l]
s.drop_ids(ctl)
r = s.run()
ok(r.rc == 0, "no control arm: exit 0 (skipped analyses are not failures)", r.diag())
for n, why in [("setup task < 5 min, control arm", "no control-arm participant has a task.csv row"),
               ("setup task < 5 min: device - control", "no control-arm participant"),
               ("median setup time, control arm", "no control-arm participant"),
               ("time to set up: device vs control", "no control-arm participant"),
               ("protocol steps completed: DiD", "no control-arm participant has both protocol periods"),
               ("ROI of the study", "needs the protocol DiD effect, which was skipped")]:
    skipped(r, n, why)
for n in ("setup task < 5 min, device arm", "device arm above the 85% target?", "adherence gap: device - self-report"):
    computed(r, n, "estimate", BASE[n]["estimate"])
fam = r.rep["multiplicity"]["family"] if r.rep else []
ok(fam == ["adherence gap: device - self-report", "NPS change (same respondents)", "device arm above the 85% target?"],
   "no control arm: the Holm family is exactly the 3 computed claims", repr(fam))
ok("skipped: no control-arm participant has both protocol periods" in r.out and "DiD 0.0" not in r.out,
   "no control arm: text says skipped, never DiD 0.0", r.out)
ok(r.rep and r.rep["roi_prob_positive"] is None, "no control arm: no ROI summary", repr(r.rep and r.rep["roi_prob_positive"]))
ok(r.rep and rows(r, "protocol.csv") == (24, 0, 24) and
   r.rep["rows"]["protocol.csv"]["reasons"] == {"DiD skipped (no control arm)": 24},
   "no control arm: protocol.csv 24 read, 0 used, 24 set aside (DiD skipped)", r.rep and repr(r.rep["rows"]["protocol.csv"]))
ok(r.md and "skipped: no control-arm participant has both protocol periods" in r.md, "no control arm: Markdown lists the skip")

s = Study("single arm control only")
s.edit("participants.csv", lambda ls: [l.replace(",device,", ",control,") for l in ls])
s.remove("doses.csv")
s.remove("events.csv")
r = s.run()
ok(r.rc == 0, "control arm only: exit 0", r.diag())
for n in ("self-reported adherence (app check-ins)", "adherence gap: device - self-report"):
    skipped(r, n, "no doses.csv")
skipped(r, "device arm above the 85% target?", "no device-arm participant has a task.csv row")
skipped(r, "protocol steps completed: DiD", "no device-arm participant has both protocol periods")
ok(r.rep and r.rep["rows"]["doses.csv"]["present"] is False and r.rep["matching"] == "",
   "control arm only: doses.csv and events.csv reported absent")

s = Study("optional files absent")
for f in FILES[1:]:
    if f != "nps.csv":
        s.remove(f)
r = s.run()
ok(r.rc == 0, "participants.csv + nps.csv only: exit 0", r.diag())
computed(r, "NPS change (same respondents)", "p_value", BASE["NPS change (same respondents)"]["p_value"])
for n, why in [("adherence gap: device - self-report", "no doses.csv"), ("setup task < 5 min, device arm", "no task.csv"),
               ("protocol steps completed: DiD", "no protocol.csv"), ("ROI of the study", "no study.csv")]:
    skipped(r, n, why)
ok(r.rep and r.rep["conf_level"] == 0.95 and r.rep["seed"] == 1, "no study.csv: conf_level 0.95 and seed 1 (documented defaults)")

# header-only files, one at a time
expect_header_only = {
    "doses.csv": ("adherence gap: device - self-report", "doses.csv has no usable dose rows"),
    "nps.csv": ("NPS before the rollout", "no pre-wave answers in nps.csv"),
    "task.csv": ("setup task < 5 min, device arm", "no device-arm participant has a task.csv row"),
    "protocol.csv": ("protocol steps completed: DiD", "no control-arm participant has both protocol periods"),
    "study.csv": ("ROI of the study", "study.csv lacks study_cost, volume, value_per_unit_low, value_per_unit_high"),
}
for f in FILES:
    s = Study("header only " + f)
    s.edit(f, lambda ls: ls[:1])
    r = s.run()
    if f == "participants.csv":
        input_error(r, "header-only participants.csv", "no participants")
        continue
    ok(r.rc == 0 and r.rep and rows(r, f) == (0, 0, 0), "header-only %s: exit 0, 0 rows read" % f, r.diag())
    if f in expect_header_only:
        skipped(r, *expect_header_only[f])
    if f == "events.csv":
        ok("skipped: events.csv has no scheduled dose rows" in r.rep["matching"], "header-only events.csv: matching skipped",
           r.rep["matching"])
    if f == "nps.csv":
        ok("NPS before the rollout 0.0" not in r.out and "skipped: no pre-wave answers" in r.out,
           "header-only nps.csv: no invented NPS 0.0", r.out)

# a metric the library cannot compute: one participant's doses (t on 0 df)
s = Study("one participant with doses")
s.edit("doses.csv", lambda ls: [l for l in ls if l.startswith(("participant_id", "P01,"))])
r = s.run()
m = r.metrics.get("adherence gap: device - self-report", {})
ok(r.rc == 1 and m.get("status") == "not_computed" and m.get("estimate") is None and m.get("p_value") is None
   and m.get("error", {}).get("status", "").startswith("FGROI_E_"),
   "doses of one participant: gap not computed, JSON nulls and an error object, exit 1", repr(m) + r.diag())
ok("adherence gap: device - self-report" not in (r.rep or {}).get("multiplicity", {}).get("family", ["x"]) and
   r.rep["multiplicity"]["not_computed"] == ["adherence gap: device - self-report"],
   "doses of one participant: the claim is out of the multiplicity family and named", repr(r.rep and r.rep["multiplicity"]))
ok("not computed: adherence gap analysis failed" in r.out, "doses of one participant: text says not computed", r.out)
ok(r.md is not None and "not computed: adherence gap analysis failed" in r.md, "doses of one participant: Markdown too")

# ---- account for every row -----------------------------------------------------------
s = Study("unpaired nps")
s.edit("nps.csv", lambda ls: [l for l in ls if not l.startswith("P05,post")])
r = s.run()
computed(r, "NPS before the rollout", "estimate", BASE["NPS before the rollout"]["estimate"])
ok(any("23 of 24 respondents answered both waves; pre only (in the pre wave, not in the change): P05" in n
       for n in r.rep["notes"]), "unpaired NPS: '23 of 24 answered both waves', P05 named", repr(r.rep["notes"]))
ok(rows(r, "nps.csv") == (47, 47, 0), "unpaired NPS: 47 rows read and used", repr(r.rep["rows"]["nps.csv"]))

s = Study("one protocol period")
s.edit("protocol.csv", lambda ls: [l for l in ls if not l.startswith("P07,post")])
r = s.run()
computed(r, "protocol steps completed: DiD")
ok(any("23 of 24 participants have both periods; pre only (not in the DiD): P07" in n for n in r.rep["notes"]),
   "one protocol period: P07 named", repr(r.rep["notes"]))
ok(rows(r, "protocol.csv") == (47, 46, 1) and
   r.rep["rows"]["protocol.csv"]["reasons"] == {"other period missing (pre only)": 1},
   "one protocol period: 47 read, 46 used, 1 set aside with its reason", repr(r.rep["rows"]["protocol.csv"]))

s = Study("na and empty")
s.edit("nps.csv", lambda ls: [l.replace("P03,pre,8", "P03,pre,NA") if l.startswith("P03,pre") else l for l in ls])
s.edit("nps.csv", lambda ls: [(l.rsplit(",", 1)[0] + ",NA") if l.startswith("P03,pre") else l for l in ls])
s.edit("task.csv", lambda ls: [("P04,,1" if l.startswith("P04,") else l) for l in ls])
s.edit("doses.csv", lambda ls: [(l.rsplit(",", 1)[0] + ",") if l.startswith("P02,3,") else l for l in ls])
r = s.run()
ok(r.rc == 0, "NA and empty cells: exit 0 (missing answers are not errors)", r.diag())
ok(r.rep and r.rep["rows"]["nps.csv"]["reasons"] == {"missing score (no answer)": 1} and rows(r, "nps.csv") == (48, 47, 1),
   "NA score: counted as a missing answer", r.rep and repr(r.rep["rows"]["nps.csv"]))
ok(r.rep and r.rep["rows"]["task.csv"]["reasons"] == {"missing minutes": 1} and rows(r, "task.csv") == (24, 23, 1),
   "empty minutes: counted", r.rep and repr(r.rep["rows"]["task.csv"]))
ok(r.rep and r.rep["rows"]["doses.csv"]["reasons"] == {"missing device_logged": 1} and rows(r, "doses.csv") == (336, 335, 1),
   "empty device_logged: counted", r.rep and repr(r.rep["rows"]["doses.csv"]))
ok(r.rep and r.rep["dose_records"] == 335, "NA and empty cells: 335 dose records analysed")
ok("missing score (no answer): 1" in r.out and "missing score (no answer): 1" in (r.md or ""),
   "row accounting in text and Markdown too")

s = Study("minimal participants")
s.remove("study.conf")
s.write("participants.csv", ["participant_id,arm"] + [",".join(l.split(",")[:2]) for l in s.lines("participants.csv")[1:]])
r = s.run()
ok(r.rc == 0 and r.rep["segments"] == {}, "participants.csv with only participant_id and arm (no study.conf): exit 0", r.diag())
r = s.run("--segment-column", "segment")
input_error(r, "an explicitly configured segment column is required", "participants.csv:1: missing column 'segment'")

s = Study("missing arm")
s.edit("participants.csv", lambda ls: [l if not l.startswith("P24,") else "P24,NA,patient,south" for l in ls])
r = s.run()
ok(r.rc == 0 and rows(r, "participants.csv") == (24, 23, 1) and r.rep["participants"] == 23 and
   r.rep["rows"]["participants.csv"]["reasons"] == {"missing arm": 1},
   "missing arm: the participant is set aside and counted", r.diag())
ok(r.rep and r.rep["rows"]["nps.csv"]["reasons"] == {"participant set aside in participants.csv": 2} and
   r.rep["rows"]["task.csv"]["reasons"] == {"participant set aside in participants.csv": 1} and
   rows(r, "protocol.csv") == (48, 46, 2),
   "missing arm: that participant's rows elsewhere are set aside with the reason", r.rep and repr(r.rep["rows"]))

for f, line_fn, key in [
        ("participants.csv", lambda ls: ls + [ls[1]], "duplicate row: participant 'P01' again, same as line 2"),
        ("participants.csv", lambda ls: ls + ["P01,control,patient,north"],
         "participants.csv:26: conflicting rows for participant 'P01': line 2 and line 26 differ"),
        ("doses.csv", lambda ls: ls + [ls[1]], "doses.csv:338: duplicate row: dose 1 of participant 'P01' again, same as line 2"),
        ("doses.csv", lambda ls: ls + [ls[1][:-3] + "1,1"],
         "doses.csv:338: conflicting rows for dose 1 of participant 'P01': line 2 and line 338 differ"),
        ("events.csv", lambda ls: ls + [ls[1]], "events.csv:268: duplicate row: participant 'P01' dose at 480 again, same as line 2"),
        ("nps.csv", lambda ls: ls + [ls[1]], "nps.csv:50: duplicate row: pre-wave answer of participant 'P01' again, same as line 2"),
        ("nps.csv", lambda ls: ls + ["P01,pre,0"], "nps.csv:50: conflicting rows for pre-wave answer of participant 'P01': line 2 and line 50 differ"),
        ("task.csv", lambda ls: ls + [ls[1]], "task.csv:26: duplicate row: task row of participant 'P01' again, same as line 2"),
        ("task.csv", lambda ls: ls + ["P01,1.0,1"], "task.csv:26: conflicting rows for task row of participant 'P01': line 2 and line 26 differ"),
        ("protocol.csv", lambda ls: ls + [ls[1]], "protocol.csv:50: duplicate row: pre-period row of participant 'P01' again"),
        ("protocol.csv", lambda ls: ls + ["P01,post,10,10"], "protocol.csv:50: conflicting rows for post-period row of participant 'P01': line 3 and line 50 differ"),
        ("study.csv", lambda ls: ls + ["study_cost,1"], "study.csv:8: conflicting rows for study key 'study_cost': line 2 and line 8 differ"),
        ("study.csv", lambda ls: ls + [ls[1]], "study.csv:8: duplicate row: study key 'study_cost' again, same as line 2")]:
    s = Study("dup " + f + key[:20])
    s.edit(f, line_fn)
    input_error(s.run(), "twice in " + f, key)

# an existing output file is left alone on an input error
s = Study("keep old output")
s.edit("nps.csv", lambda ls: ls + [ls[1]])
with open(s.path("old.json"), "w") as fh:
    fh.write("previous")
p = subprocess.run([REPORT, "--json", s.path("old.json"), s.dir], capture_output=True, text=True)
ok(p.returncode == 2 and open(s.path("old.json")).read() == "previous" and
   not [x for x in os.listdir(s.dir) if ".tmp" in x], "input error: an existing output file is untouched, no temp file left")

r = Study("file mode").run()
mode = os.stat(os.path.join(tmp_root, "file_mode", "out.json")).st_mode & 0o777
umask = os.umask(0)
os.umask(umask)
ok(mode == 0o666 & ~umask, "the JSON file gets the usual mode (umask), not mkstemp's 0600: %o" % mode)

# ---- a real CSV reader ------------------------------------------------------------------
s = Study("short row late column")
s.write("participants.csv", ["region,segment,extra1,extra2,participant_id,arm"] +
        ["%s,%s,x,y,%s,%s" % (l.split(",")[3], l.split(",")[2], l.split(",")[0], l.split(",")[1])
         for l in Study("tmpsrc").lines("participants.csv")[1:]])
same_numbers(s.run(), "reordered participants.csv with extra columns, needed ones late")
s.edit("participants.csv", lambda ls: ls[:5] + ["north,patient,x"] + ls[5:])
input_error(s.run(), "short row with the needed columns late in the header", "participants.csv:6: row has 3 fields; the header has 6")

s = Study("reordered and extra columns")
for f in FILES:
    ls = s.lines(f)
    rows_ = [l.split(",") for l in ls]
    s.write(f, [",".join(["zz_extra"] + list(reversed(c))) for c in [["extra"] + rows_[0]] + [["e"] + x for x in rows_[1:]]])
same_numbers(s.run(), "every file's columns reversed with an extra column")


s = Study("forty columns")
s.edit("participants.csv", lambda ls: [",".join("c%d" % i for i in range(40)) + "," + ls[0]] +
       [",".join("v" for _ in range(40)) + "," + l for l in ls[1:]])
same_numbers(s.run(), "participants.csv with 44 columns (needed ones at 40..43)")


def excel(lines):
    out = []
    for l in lines:
        out.append(",".join('"%s"' % c for c in l.split(",")))
    return ("\ufeff" + "\r\n".join(out) + "\r\n").encode("utf-8")


s = Study("excel export")
for f in FILES:
    s.write(f, None, raw=excel(s.lines(f)))
same_numbers(s.run(), "Excel-style export (UTF-8 BOM, CRLF, every field quoted)")

s = Study("R write.csv export")
rcode = ("d <- commandArgs(TRUE)[1]; for (f in c(%s)) { x <- read.csv(file.path(d, f)); "
         "write.csv(x, file.path(d, f), row.names = FALSE) }") % ", ".join("'%s'" % f for f in FILES)
rp = subprocess.run(["Rscript", "-e", rcode, s.dir], capture_output=True, text=True)
quoted = open(s.path("participants.csv")).readline().startswith('"participant_id"')
ok(rp.returncode == 0 and quoted, "R write.csv wrote the study (quoted header: %s)" % quoted, rp.stderr)
same_numbers(s.run(), "R write.csv export (quoted strings, NA)")

s = Study("cr only")
for f in FILES:
    s.write(f, s.lines(f), end="\r")
same_numbers(s.run(), "CR-only line ends")

s = Study("quoted commas quotes blank lines")
s.edit("participants.csv", lambda ls: [ls[0] + ",comment"] + [l + ',"said ""hi"", then, left"' for l in ls[1:]])
s.edit("nps.csv", lambda ls: ls[:3] + ["", "   "] + ls[3:])
same_numbers(s.run(), "quoted fields with commas and quotes, blank lines")

s = Study("quoted last column comma")
s.edit("task.csv", lambda ls: [ls[0]] + ['%s,%s,"1,0"' % tuple(l.split(",")[:2]) if l.startswith("P01,") else l
                                         for l in ls[1:]])
input_error(s.run(), "a quoted comma in the last column is one field, not two", "task.csv:2: non-numeric value '1,0' in column completed")

s = Study("labels and 8.0")
s.edit("nps.csv", lambda ls: [ls[0]] + [l.replace(",post,", ", Post ,").replace(",pre,", ",PRE,") for l in ls[1:]])
s.edit("nps.csv", lambda ls: [ls[0]] + [l + ".0" for l in ls[1:]])
s.edit("participants.csv", lambda ls: [ls[0]] + [l.replace(",control,", ", Control,") for l in ls[1:]])
same_numbers(s.run(), "labels ' Post ', 'PRE', ' Control' and scores written 8.0")

for bad, msg in [("inf", "non-numeric value 'inf' in column minutes"), ("nan", "non-numeric value 'nan' in column minutes"),
                 ("0x6.bp0", "non-numeric value '0x6.bp0' in column minutes"),
                 ("1e300", "value 1e300 outside the range of minutes"), ("-3", "value -3 outside the range of minutes"),
                 ("8.5", None)]:
    s = Study("nonfinite " + bad)
    s.edit("task.csv", lambda ls: [l if not l.startswith("P01,") else "P01,%s,1" % bad for l in ls])
    if msg:
        input_error(s.run(), "task minutes %r" % bad, "task.csv:2: " + msg)
s = Study("score 8.5")
s.edit("nps.csv", lambda ls: [ls[0], "P01,pre,8.5"] + ls[2:])
input_error(s.run(), "score 8.5", "nps.csv:2: value '8.5' in column score is not a whole number")

s = Study("big crlf file")
dev = [l.split(",")[0] for l in s.lines("participants.csv")[1:] if ",device," in l]
big = ["participant_id,dose,scheduled_min,self_reported,device_logged"]
for pid in dev:
    big += ["%s,%d,%d,%d,%d" % (pid, k, 480 + 1440 * (k - 1), k % 2, (k // 2) % 2) for k in range(1, 601)]
big[4999] = big[4999].rsplit(",", 1)[0] + ",7"
s.write("doses.csv", big, end="\r\n")
s.edit("nps.csv", lambda ls: [ls[0], "P01,pre,77"] + ls[2:])
r = s.run()
ok(os.path.getsize(s.path("doses.csv")) > 2 * 65536 and r.rc == 2 and
   "doses.csv:5000: value 7 outside the range of device_logged" in r.err and "nps.csv:2: value 77" in r.err,
   "a 180 kB CRLF file: the line number is right across read chunks; errors of two files in one run", r.diag())

s = Study("huge field")
big = "x" * (2 << 20)
s.edit("participants.csv", lambda ls: ls[:3] + ["P99,device,patient," + big] + ls[3:])
r = s.run()
input_error(r, "a 2 MiB field", "participants.csv:4: row longer than 1048576 bytes")
ok(len(r.err) < 2000, "a 2 MiB field is not echoed (stderr %d bytes)" % len(r.err))
s = Study("long bad value")
s.edit("nps.csv", lambda ls: [ls[0], "P01,pre," + "9" * 100000] + ls[2:])
r = s.run()
input_error(r, "a 100 kB number", "nps.csv:2: value 9999999999999999999999999999999999999999... outside the range of score")
ok(len(r.err) < 1000, "a 100 kB value is quoted truncated (stderr %d bytes)" % len(r.err))

for seed, rc in [("-1", 2), ("18446744073709551616", 2), ("1.5", 2), ("abc", 2), ("18446744073709551615", 0), ("7.0", 0)]:
    s = Study("seed " + seed)
    s.edit("study.csv", lambda ls: [l if not l.startswith("seed,") else "seed," + seed for l in ls])
    r = s.run()
    if rc:
        input_error(r, "seed %s in study.csv" % seed, "study.csv:7: seed must be a whole number from 0 to 18446744073709551615")
    else:
        ok(r.rc == 0 and r.rep["seed"] == int(seed.split(".")[0]), "seed %s accepted" % seed, r.diag())
s = Study("seed flag")
for seed in ("-1", "1e3", "99999999999999999999"):
    r = s.run("--seed", seed)
    ok(r.rc == 64 and "seed must be a whole number" in r.err and r.rep is None, "--seed %s: usage error 64" % seed, r.diag())

# ---- the configuration ------------------------------------------------------------------
s = Study("config")
s.write("study.conf", [l.replace("= 5", "= 6").replace("= 0.85", "= 0.5") for l in s.lines("study.conf")])
r = s.run()
computed(r, "setup task < 6 min, device arm")
computed(r, "device arm above the 50% target?")
ok("setup task < 5 min, device arm" not in r.metrics, "study.conf task_threshold_min = 6 renames and recomputes")
r = s.run("--task-threshold", "5", "--target", "0.85")
same_numbers(r, "flags override study.conf back to the bundled values")
with open(s.path("study.conf"), "a") as fh:
    fh.write("conf_level = 0.9\n")
input_error(s.run(), "conf_level in study.conf disagreeing with study.csv", "conf_level 0.9 disagrees with study.csv's 0.95")
r = s.run("--conf-level", "0.9")
ok(r.rc == 0 and r.rep["conf_level"] == 0.9, "--conf-level overrides both", r.diag())
s = Study("config arms")
s.edit("participants.csv", lambda ls: [ls[0]] + [l.replace(",control,", ",usual care,").replace(",device,", ",pillbox,")
                                                 for l in ls[1:]])
r = s.run()
input_error(r, "unknown arm labels without configuration", "unknown arm 'usual care' (expected 'control', 'device')")
same_numbers(s.run("--control-arm", "Usual Care", "--device-arm", "PILLBOX"), "arm labels from flags")
r = Study("bonferroni").run("--multiplicity", "bonferroni")
ok(r.rc == 0 and r.rep["multiplicity"]["method"] == "bonferroni" and
   r.metrics["NPS change (same respondents)"]["p_adjusted"] == min(1.0, 6 * r.metrics["NPS change (same respondents)"]["p_value"]),
   "--multiplicity bonferroni: p_adjusted = min(1, 6 p)", r.diag())
r = Study("bad mult").run("--multiplicity", "sidak")
ok(r.rc == 64 and "unknown multiplicity method 'sidak'" in r.err, "--multiplicity sidak: usage error", r.diag())
s = Study("missing markers")
s.edit("nps.csv", lambda ls: [l if not l.startswith("P03,pre") else "P03,pre,-" for l in ls])
input_error(s.run(), "'-' is not a missing marker by default", "non-numeric value '-' in column score")
r = s.run("--missing", "NA,-")
ok(r.rc == 0 and r.rep["rows"]["nps.csv"]["reasons"] == {"missing score (no answer)": 1}, "--missing NA,- makes '-' missing",
   r.diag())

# ---- the command line --------------------------------------------------------------------
p = subprocess.run([REPORT, "--help"], capture_output=True, text=True)
ok(p.returncode == 0 and p.stdout.startswith("usage: fgroi-report") and "Exit status" in p.stdout and p.stderr == "",
   "--help: usage on stdout, exit 0")
p = subprocess.run([REPORT, "--version"], capture_output=True, text=True)
ok(p.returncode == 0 and p.stdout.startswith("fgroi-report (libfgroi "), "--version: " + p.stdout.strip())
p = subprocess.run([REPORT, "--frobnicate"], capture_output=True, text=True)
ok(p.returncode == 64 and "unknown option" in p.stderr and p.stdout == "", "unknown option: exit 64")
p = subprocess.run([REPORT, os.path.join(tmp_root, "nowhere")], capture_output=True, text=True)
ok(p.returncode == 2 and "participants.csv is required" in p.stderr, "a folder without participants.csv: exit 2")
ok(base.rep["segments"] == {"site_coordinator": 8, "patient": 16} and "(segment: site_coordinator 8, patient 16)" in base.out,
   "segment counts from the segment column", repr(base.rep["segments"]))
md_ = base.metrics["median setup time, device arm"]
ok(md_["status"] == "computed" and md_["upper"] is None and md_.get("unbounded") == "upper" and md_["lower"] == 3.1,
   "an unreached upper limit: computed, upper null, unbounded 'upper'", repr(md_))
lr = base.metrics["time to set up: device vs control"]
ok("[-, -]" not in base.out and lr["lower"] is None and "(test only)" in base.out, "the log-rank line shows no fake interval")
ok(all(r_["read"] == r_["used"] + r_["set_aside"] for r_ in base.rep["rows"].values()), "bundled: every row used or set aside")

shutil.rmtree(tmp_root, ignore_errors=True)
print("1..%d" % len(results))
for i, (good, what, diag) in enumerate(results, 1):
    print("%s %d - %s" % ("ok" if good else "not ok", i, what))
    if not good and diag:
        print("\n".join("# " + d for d in str(diag).splitlines()[-30:]))
sys.exit(0 if all(g for g, _, _ in results) else 1)
