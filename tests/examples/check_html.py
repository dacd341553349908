#!/usr/bin/python3
"""Acceptance test of the HTML report (issue #20), TAP output.

The bundled study's report is rendered to HTML, then checked twice: as a
file (self-contained: no scripts, no external resources; every figure with
its <title>, <desc> and caption; every metric of `fgroi-report --json`
present with exactly the JSON's numbers, exact values in data attributes,
the displayed numbers formatted from them), and in headless Chromium with
JavaScript off (the DOM parses to the end, no console messages, a
screenshot, a PDF whose pages are rendered to PNG with pdftoppm and in
which no figure is split across pages). A second, edited JSON checks that
a not-computed and a skipped metric show their reasons and no numbers, and
that hostile strings are escaped.

The bundled study's page is written by --html-cmd (the meson test passes
"fgroi-report --html {out} {data}"; {json} {data} {out} are substituted),
or by examples/report_html_demo from the report's JSON without it. With
--html-cmd the real report is also run on a study without task.csv and
protocol.csv (skipped analyses shown as reasons, absent figures say why).
The edited-JSON checks always use the demo (--demo), which renders any JSON.

    check_html.py --report fgroi-report --demo report_html_demo --data DIR
                  [--html-cmd "fgroi-report --html {out} {data}"]
                  --out DIR [--chromium /usr/bin/chromium] [--pdftoppm ...]
                  [--docs-images DIR]   # also write one PNG per figure
"""
import argparse
import html.parser
import json
import math
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

FIGURES = ["fig-forest", "fig-adherence", "fig-nps", "fig-km", "fig-roi"]
SECTIONS = ["summary", "details", "effects", "adherence", "nps", "setup-time", "roi", "methods"]
# (first text of a figure's section, last text inside the figure): both on
# one PDF page means the figure was not split
PDF_FIGURE_ENDS = [
    ("All claims at a glance", "no effect (or the target)"),
    ("Adherence: what people report", "percentage points"),
    ("Net Promoter Score before and after", "share of respondents"),
    ("Time to finish setup", "censored (gave up)"),
    ("What the pilot's measured effect is worth", "ROI of the study (net value / cost)"),
]

results = []


def tap(ok, name, detail=""):
    results.append(ok)
    line = "%s %d - %s" % ("ok" if ok else "not ok", len(results), name)
    if detail:
        line += ": " + str(detail).replace("\n", " ")[:400]
    print(line, flush=True)
    return ok


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children, self.text = [], []

    def all_text(self):
        out = list(self.text)
        for c in self.children:
            out.append(c.all_text())
        return " ".join(t for t in out if t)

    def iter(self):
        yield self
        for c in self.children:
            yield from c.iter()


VOID = {"meta", "br", "link", "img", "input", "hr", "area", "base", "col", "embed", "source", "track", "wbr"}
SVG_SELF = {"circle", "line", "rect", "path", "polyline", "polygon", "ellipse", "use"}


class Tree(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.cur = self.root
        self.errors = []

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is None:
            self.errors.append("stray </%s>" % tag)
            return
        if n is not self.cur:
            self.errors.append("unclosed <%s> before </%s>" % (self.cur.tag, tag))
        self.cur = n.parent

    def handle_data(self, data):
        if data.strip():
            self.cur.text.append(data.strip())


def parse(text):
    t = Tree()
    t.feed(text)
    t.close()
    return t


def attr_value(v):
    return None if v == "null" else float(v)


def same(a, b):
    """JSON value (None for null) equals the attribute's value exactly."""
    if a is None or b is None:
        return a is None and b is None
    return float(a) == float(b)


def fmt_value(v):
    """The page's display format (report_html.c fmt_value)."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "n/a"
    a = abs(v)
    raw = "%.0f" % a if a >= 1000 else "%.1f" % a
    digits = raw.split(".")[0]
    if len(digits) > 4:
        digits = "{:,}".format(int(digits))
        raw = digits + raw[len(raw.split(".")[0]):]
    zero = set(raw) <= set("0.,")
    return ("\u2212" if v < 0 and not zero else "") + raw


def chromium_cmd(args, profile):
    return [args.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"]


def fresh_profile(tmp):
    """A new Chromium profile with JavaScript blocked for every page.
    (--blink-settings=scriptEnabled=false stops headless Chromium 156 from
    writing screenshots, PDFs and DOM dumps at all; the content setting in
    the profile blocks page scripts and leaves the headless machinery
    working.)"""
    d = tempfile.mkdtemp(dir=tmp)
    os.makedirs(os.path.join(d, "Default"))
    with open(os.path.join(d, "Default", "Preferences"), "w") as f:
        json.dump({"profile": {"default_content_setting_values": {"javascript": 2}}}, f)
    return d


def console_lines(stderr):
    return [l for l in stderr.splitlines() if ":CONSOLE" in l]


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def write_html(args, json_path, out_path, renderer_only=False):
    """The bundled study's page by --html-cmd (e.g. "fgroi-report --html {out}
    {data}") or the demo; renderer_only: always the demo (edited JSON input)."""
    if args.html_cmd and not renderer_only:
        cmd = [c.format(json=json_path, data=args.data, out=out_path) for c in args.html_cmd.split()]
    else:
        cmd = [args.demo, json_path, args.data, out_path]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)


def check_static(page, report, label):
    """Checks on the HTML file itself. Returns the parse tree."""
    tree = parse(page)
    tap(not tree.errors, label + "HTML parses with balanced tags", "; ".join(tree.errors[:5]))
    nodes = list(tree.root.iter())
    tags = [n.tag for n in nodes]
    tap("script" not in tags and not re.search(r"\son[a-z]+\s*=", page, re.I) and "javascript:" not in page.lower(),
        label + "no scripts or event handlers")
    external = [n.tag + " " + str(n.attrs) for n in nodes
                if n.tag in ("link", "img", "iframe", "object", "embed", "use", "image") or
                any(k in ("src", "href", "xlink:href") and not (v or "").startswith("#") for k, v in n.attrs.items())]
    tap(not external and "@import" not in page and "url(" not in page and "@font-face" not in page,
        label + "self-contained: no external resources, fonts or links", "; ".join(external[:3]))
    csp = [n for n in nodes if n.tag == "meta" and n.attrs.get("http-equiv", "").lower() == "content-security-policy"]
    tap(len(csp) == 1 and "default-src 'none'" in csp[0].attrs.get("content", ""),
        label + "Content-Security-Policy forbids every load (scripts, fonts, network)")
    byid = {n.attrs["id"]: n for n in nodes if "id" in n.attrs}
    missing = [s for s in SECTIONS + FIGURES + ["claims", "input-accounting", "not-computed", "end-of-report"]
               if s not in byid]
    tap(not missing, label + "every section, figure and table is present", missing)
    bad = []
    for fid in FIGURES:
        fig = byid.get(fid)
        if fig is None:
            continue
        svg = [n for n in fig.iter() if n.tag == "svg"]
        cap = [n for n in fig.iter() if n.tag == "figcaption"]
        if fig.attrs.get("data-unavailable"):
            if not cap or not cap[0].all_text():
                bad.append(fid + ": unavailable without a reason")
            continue
        if len(svg) != 1:
            bad.append(fid + ": %d svg" % len(svg))
            continue
        s = svg[0]
        kids = [c.tag for c in s.children]
        if kids[:2] != ["title", "desc"] or not s.children[0].all_text() or not s.children[1].all_text():
            bad.append(fid + ": svg without <title> and <desc> first")
        if s.attrs.get("role") != "img" or not s.attrs.get("aria-labelledby"):
            bad.append(fid + ": svg without role/aria-labelledby")
        if not cap or not re.search(r"\d", cap[0].all_text()):
            bad.append(fid + ": no figcaption with numbers")
    tap(not bad, label + "every figure is an SVG with <title>, <desc> and a figcaption with its numbers", bad)
    return tree, byid


def check_numbers(tree, byid, report, label):
    rows = [n for n in tree.root.iter() if n.tag == "tr" and "claim" in n.attrs.get("class", "").split()]
    # skipped analyses (JSON "skipped") follow the metrics, with their reasons only
    skipped_rows = [n for n in rows if n.attrs.get("data-status") == "skipped"]
    rows = [n for n in rows if n.attrs.get("data-status") != "skipped"]
    want = [(s["name"], s["reason"]) for s in report.get("skipped", [])]
    got = [(n.attrs.get("data-name"), n.all_text()) for n in skipped_rows]
    tap(len(got) == len(want) and all(g[0] == w[0] and w[1] in g[1] and not re.search(r"\d+\.\d", g[1])
                                      for g, w in zip(got, want)),
        label + "one skipped row per JSON skipped analysis, with its reason and no numbers", (got[:3], want[:3]))
    metrics = report["metrics"]
    tap(len(rows) == len(metrics), label + "one summary row per JSON metric", "%d rows, %d metrics" % (len(rows), len(metrics)))
    mism = []
    for row, m in zip(rows, metrics):
        if row.attrs.get("data-name") != m["name"]:
            mism.append("order/name: %r vs %r" % (row.attrs.get("data-name"), m["name"]))
            continue
        if row.attrs.get("data-status") != "computed":
            mism.append(m["name"] + ": status " + str(row.attrs.get("data-status")))
            continue
        for key, attr in (("estimate", "data-estimate"), ("lower", "data-lower"), ("upper", "data-upper"),
                          ("p_value", "data-p-value"), ("p_adjusted", "data-p-adjusted")):
            if attr not in row.attrs or not same(m[key], attr_value(row.attrs[attr])):
                mism.append("%s %s: html %s json %s" % (m["name"], key, row.attrs.get(attr), m[key]))
    tap(not mism, label + "every metric's estimate, limits, p and adjusted p equal the JSON's exactly",
        "; ".join(mism[:4]))
    shown = []
    for row, m in zip(rows, metrics):
        text = row.all_text()
        est = fmt_value(m["estimate"] * m["scale"])
        if est not in text:
            shown.append("%s: %s not in %r" % (m["name"], est, text[:80]))
        for key in ("lower", "upper"):
            if m[key] is not None and fmt_value(m[key] * m["scale"]) not in text:
                shown.append("%s: %s %s not shown" % (m["name"], key, fmt_value(m[key] * m["scale"])))
        if m.get("verdict") and m["verdict"] not in text:
            shown.append(m["name"] + ": verdict not shown")
    tap(not shown, label + "the displayed estimate, interval and verdict of every metric come from the JSON",
        "; ".join(shown[:4]))
    roi = byid.get("fig-roi")
    if report["roi_prob_positive"] is None:  # no ROI in the JSON: the figure says why instead
        tap(roi is not None and roi.attrs.get("data-unavailable") and "data-prob-positive" not in roi.attrs,
            label + "no ROI in the JSON: the ROI figure is marked unavailable and carries no numbers",
            roi.attrs if roi is not None else "no fig-roi")
        roi = None
    if report["roi_prob_positive"] is not None:
        ok = roi is not None and same(report["roi_prob_positive"], attr_value(roi.attrs.get("data-prob-positive", "nan"))) \
            and same(report["roi_break_even_effect"], attr_value(roi.attrs.get("data-break-even-effect", "nan")))
        tap(ok, label + "the ROI figure's P(ROI > 0) and break-even effect equal the JSON's",
            roi.attrs if roi is not None else "no fig-roi")
    if roi is not None:
        cap = " ".join(n.all_text() for n in roi.iter() if n.tag == "figcaption")
        tap("%.2f" % report["roi_prob_positive"] in cap and fmt_value(100 * report["roi_break_even_effect"]) in cap,
            label + "the ROI caption states P(ROI > 0) and the break-even effect", cap[:120])
    # the forest plot has one row per headline claim, and they are in the JSON
    forest = [n.attrs["data-forest-row"] for n in byid["fig-forest"].iter() if "data-forest-row" in n.attrs] \
        if "fig-forest" in byid else []
    names = {m["name"] for m in metrics} | {s["name"] for s in report.get("skipped", [])}
    tap(len(forest) >= 5 and all(f in names for f in forest),
        label + "the forest plot shows the headline claims (gap, NPS change, device - control, DiD, ROI)", forest)
    cards = [n.attrs["data-card"] for n in tree.root.iter() if "data-card" in n.attrs]
    tap(cards == forest, label + "a verdict card for each forest row, same order", cards)


def check_edge(args, report, tmp):
    """Not computed / skipped metrics show reasons, never numbers; hostile
    strings are escaped."""
    edited = json.loads(json.dumps(report))
    hostile = "<script>alert(1)</script> & \"quoted\" 'single' <b>bold</b>"
    edited["metrics"][0]["name"] = hostile
    did = next(m for m in edited["metrics"] if m["name"].startswith("protocol steps completed"))
    nps_before = next(m for m in edited["metrics"] if m["name"].startswith("NPS before"))
    for m, kind in ((did, "error"), (nps_before, "skipped")):
        for k in ("estimate", "lower", "upper", "p_value", "p_adjusted"):
            m[k] = None
        if kind == "error":
            m["error"] = {"status": "FGROI_E_EMPTY", "message": "no control arm <in this study>"}
        else:
            m["skipped"] = "no pre-wave answers & no baseline"
    jpath = os.path.join(tmp, "edited.json")
    with open(jpath, "w") as f:
        json.dump(edited, f)
    out = os.path.join(tmp, "edited.html")
    if not args.demo:
        tap(False, "edited study: needs --demo (the renderer driven by an edited JSON)")
        return
    r = write_html(args, jpath, out, renderer_only=True)
    if not tap(r.returncode == 0, "edited study: the page is written", r.stderr[-300:]):
        return
    page = open(out, encoding="utf-8").read()
    tree = parse(page)
    nodes = list(tree.root.iter())
    tap("script" not in [n.tag for n in nodes] and "<script>" not in page and "<b>bold</b>" not in page
        and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39;" in page,
        "edited study: a hostile metric name is escaped everywhere")
    rows = {n.attrs.get("data-name"): n for n in nodes if n.tag == "tr" and "data-name" in n.attrs}
    tap(rows.get(hostile) is not None, "edited study: the escaped name reads back as the original text")
    bad = []
    for m, status, reason in ((did, "not computed", "no control arm <in this study>"),
                              (nps_before, "skipped", "no pre-wave answers & no baseline")):
        row = rows.get(m["name"])
        if row is None:
            bad.append(m["name"] + ": no row")
            continue
        if row.attrs.get("data-status") != status:
            bad.append(m["name"] + ": status " + str(row.attrs.get("data-status")))
        if any(k.startswith("data-estimate") or k.startswith("data-lower") or k.startswith("data-p") for k in row.attrs):
            bad.append(m["name"] + ": carries numbers")
        text = row.all_text()
        if reason not in text or re.search(r"\d+\.\d", text):
            bad.append(m["name"] + ": row text %r" % text)
    tap(not bad, "edited study: not computed and skipped metrics show their reasons and no numbers", bad)
    lst = [n for n in nodes if n.tag == "ul" and n.attrs.get("data-not-computed")]
    tap(len(lst) == 1 and lst[0].attrs["data-not-computed"] == "2" and "no control arm" in lst[0].all_text()
        and "no pre-wave answers" in lst[0].all_text(),
        "edited study: the summary lists both with their reasons")
    did_row = [n for n in nodes if n.attrs.get("data-forest-row") == did["name"]]
    tap(len(did_row) == 1 and not any(n.tag == "circle" for n in did_row[0].iter()) and
        "not computed" in did_row[0].all_text(),
        "edited study: the forest plot shows the reason instead of a marker for the DiD")


def check_report_edge(args, tmp):
    """The real report (--html-cmd) on an edited study without task.csv and
    protocol.csv: its skipped analyses appear with their reasons and no
    numbers, the Kaplan-Meier and ROI figures say why they are absent, and
    the computed metrics still equal the JSON's."""
    if not args.html_cmd:
        return
    data = os.path.join(tmp, "no-task-no-protocol")
    shutil.copytree(args.data, data)
    for name in ("task.csv", "protocol.csv"):
        os.remove(os.path.join(data, name))
    jpath, hpath = os.path.join(tmp, "edge.json"), os.path.join(tmp, "edge.html")
    r = subprocess.run([args.report, "--json", jpath, data], capture_output=True, text=True, timeout=300)
    if not tap(r.returncode == 0 and os.path.exists(jpath), "report edge study: fgroi-report --json", r.stderr[-300:]):
        return
    report = json.load(open(jpath))
    cmd = [c.format(json=jpath, data=data, out=hpath) for c in args.html_cmd.split()]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if not tap(r.returncode == 0 and os.path.exists(hpath), "report edge study: the real report writes the page",
               r.stderr[-300:]):
        return
    tree = parse(open(hpath, encoding="utf-8").read())
    nodes = list(tree.root.iter())
    byid = {n.attrs["id"]: n for n in nodes if "id" in n.attrs}
    tap(len(report["skipped"]) >= 9, "report edge study: the JSON lists the skipped analyses",
        [s["name"] for s in report["skipped"]])
    check_numbers(tree, byid, report, "report edge study: ")
    bad = [fid for fid in ("fig-km", "fig-roi")
           if fid not in byid or not byid[fid].attrs.get("data-unavailable")]
    tap(not bad, "report edge study: the Kaplan-Meier and ROI figures say why they are absent", bad)
    forest = {n.attrs["data-forest-row"]: n for n in nodes if "data-forest-row" in n.attrs}
    did = forest.get("protocol steps completed: DiD")
    tap(did is not None and "skipped: no protocol.csv" in did.all_text() and
        not any(n.tag == "circle" for n in did.iter()),
        "report edge study: the forest plot shows the skipped DiD with its reason and no marker",
        did.all_text() if did is not None else sorted(forest))


def check_browser(args, html_path, byid_count, claim_count, tmp):
    url = "file://" + os.path.abspath(html_path)
    # DOM as Chromium parsed it, JavaScript off, console messages on stderr
    r = subprocess.run(chromium_cmd(args, fresh_profile(tmp)) + ["--dump-dom", url],
                       capture_output=True, text=True, timeout=300)
    dom = r.stdout
    tap(r.returncode == 0 and 'id="end-of-report"' in dom, "Chromium (JavaScript off) parses the page to its end",
        "rc %d, %d bytes" % (r.returncode, len(dom)))
    tree = parse(dom)
    ids = [n.attrs["id"] for n in tree.root.iter() if "id" in n.attrs]
    rows = [n for n in tree.root.iter() if n.tag == "tr" and "claim" in n.attrs.get("class", "").split()]
    tap(all(f in ids for f in FIGURES) and len(ids) == byid_count and len(rows) == claim_count,
        "Chromium's DOM has every figure and every metric row of the file",
        "%d ids (file %d), %d rows (file %d)" % (len(ids), byid_count, len(rows), claim_count))
    cons = console_lines(r.stderr)
    tap(not cons, "no console messages while loading (errors, CSP violations, failed loads)", cons[:3])

    shot = os.path.join(args.out, "report-screenshot.png")
    pdf = os.path.join(args.out, "report.pdf")
    for p in (shot, pdf):
        if os.path.exists(p):
            os.remove(p)
    r = subprocess.run(chromium_cmd(args, fresh_profile(tmp)) + ["--hide-scrollbars", "--screenshot=" + shot,
                       "--window-size=1280,4000", url], capture_output=True, text=True, timeout=300)
    size = png_size(shot) if os.path.exists(shot) else None
    tap(r.returncode == 0 and size == (1280, 4000) and os.path.getsize(shot) > 50000,
        "screenshot 1280x4000 written", "%s %s" % (shot, size))
    tap(not console_lines(r.stderr), "no console messages while taking the screenshot", console_lines(r.stderr)[:3])
    r = subprocess.run(chromium_cmd(args, fresh_profile(tmp)) + ["--no-pdf-header-footer", "--print-to-pdf=" + pdf, url],
                       capture_output=True, text=True, timeout=300)
    if not tap(r.returncode == 0 and os.path.exists(pdf) and open(pdf, "rb").read(5) == b"%PDF-",
               "PDF printed", r.stderr[-200:]):
        return
    info = subprocess.run([args.pdfinfo, pdf], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    tap(len(SECTIONS) <= pages <= 20, "the PDF has a page per section (page breaks work)", "%d pages" % pages)
    texts = []
    for p in range(1, pages + 1):
        texts.append(subprocess.run([args.pdftotext, "-f", str(p), "-l", str(p), "-layout", pdf, "-"],
                                    capture_output=True, text=True).stdout)
    split = []
    for head, tail in PDF_FIGURE_ENDS:
        hp = [i for i, t in enumerate(texts) if head in t]
        tp = [i for i, t in enumerate(texts) if tail in t]
        if not hp or not tp or hp[0] not in tp:
            split.append("%s: heading on %s, figure end on %s" % (head, [i + 1 for i in hp], [i + 1 for i in tp]))
    tap(not split, "no figure is split across PDF pages (heading and figure end on one page)", split)
    prefix = os.path.join(args.out, "report-page")
    for old in os.listdir(args.out):
        if old.startswith("report-page") and old.endswith(".png"):
            os.remove(os.path.join(args.out, old))
    r = subprocess.run([args.pdftoppm, "-png", "-r", "60", pdf, prefix], capture_output=True, text=True)
    pngs = sorted(f for f in os.listdir(args.out) if f.startswith("report-page") and f.endswith(".png"))
    tap(r.returncode == 0 and len(pngs) == pages and all(png_size(os.path.join(args.out, f)) for f in pngs),
        "every PDF page rendered to PNG with pdftoppm", "%d PNGs in %s" % (len(pngs), args.out))


def docs_images(args, page, tmp):
    """One PNG per figure: the figure's SVG with the page's CSS, alone, at
    its own size (for docs/images/)."""
    css = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    os.makedirs(args.docs_images, exist_ok=True)
    for fid in FIGURES:
        m = re.search(r'(<svg[^>]*id="%s-svg"[^>]*>.*?</svg>)' % fid, page, re.S)
        if not m:
            continue
        svg = m.group(1)
        w, h = (int(float(x)) for x in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
        doc = os.path.join(tmp, fid + ".html")
        with open(doc, "w", encoding="utf-8") as f:
            f.write("<!DOCTYPE html><html><head><meta charset='utf-8'><style>%s body{margin:0;padding:12px}"
                    "svg{width:%dpx!important}</style></head><body>%s</body></html>" % (css, w, svg))
        png = os.path.join(args.docs_images, fid.replace("fig-", "report-") + ".png")
        subprocess.run(chromium_cmd(args, fresh_profile(tmp)) + ["--hide-scrollbars", "--screenshot=" + png,
                       "--window-size=%d,%d" % (w + 24, h + 24), "file://" + doc],
                       capture_output=True, text=True, timeout=300)
        print("# wrote", png, os.path.getsize(png) if os.path.exists(png) else "FAILED")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--report", required=True)
    ap.add_argument("--demo")
    ap.add_argument("--html-cmd")
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--pdftoppm", default="/usr/bin/pdftoppm")
    ap.add_argument("--pdfinfo", default="/usr/bin/pdfinfo")
    ap.add_argument("--pdftotext", default="/usr/bin/pdftotext")
    ap.add_argument("--docs-images")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for tool in (args.chromium, args.pdftoppm, args.pdfinfo, args.pdftotext):
        if not shutil.which(tool):  # a missing dependency fails loudly
            print("1..1\nnot ok 1 - %s not found (Debian: chromium, poppler-utils)" % tool)
            return 1
    tmp = tempfile.mkdtemp(prefix="check_html.")
    try:
        jpath = os.path.join(args.out, "report.json")
        r = subprocess.run([args.report, "--json", jpath, args.data], capture_output=True, text=True, timeout=300)
        if not tap(r.returncode == 0, "fgroi-report --json on the bundled study", r.stderr[-300:]):
            return 1
        report = json.load(open(jpath))
        hpath = os.path.join(args.out, "report.html")
        r = write_html(args, jpath, hpath)
        if not tap(r.returncode == 0 and os.path.exists(hpath), "the HTML page is written", r.stderr[-300:]):
            return 1
        page = open(hpath, encoding="utf-8").read()
        tree, byid = check_static(page, report, "")
        check_numbers(tree, byid, report, "")
        check_edge(args, report, tmp)
        check_report_edge(args, tmp)
        claims = len([n for n in tree.root.iter() if n.tag == "tr" and "claim" in n.attrs.get("class", "").split()])
        check_browser(args, hpath, len(byid), claims, tmp)
        if args.docs_images:
            docs_images(args, page, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("1..%d" % len(results))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
