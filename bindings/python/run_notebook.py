"""Execute a notebook end to end with `jupyter nbconvert --execute` and
check that it rendered its figures.

    run_notebook.py NBCONVERT NOTEBOOK OUTPUT_DIR MIN_FIGURES

Exit status 0 when nbconvert succeeded (it fails on any cell error), the
executed copy has no error output and at least MIN_FIGURES PNG figures."""
import os
import subprocess
import sys

import nbformat


def main(nbconvert, notebook, outdir, min_figures):
    os.makedirs(outdir, exist_ok=True)
    cmd = [nbconvert, "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=600",
           "--output-dir", outdir, notebook]
    print(" ".join(cmd), flush=True)
    rc = subprocess.call(cmd)
    if rc != 0:
        print("nbconvert failed with status %d" % rc)
        return 1
    nb = nbformat.read(os.path.join(outdir, os.path.basename(notebook)), as_version=4)
    figures = errors = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                errors += 1
            if "image/png" in out.get("data", {}):
                figures += 1
    print("%d cells, %d figures, %d errors" % (len(nb.cells), figures, errors))
    return 0 if errors == 0 and figures >= int(min_figures) else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
