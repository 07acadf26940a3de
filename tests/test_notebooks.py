"""The notebooks on any article: one set of parameters, papermill runs on unseen articles, offline
HTML reports, and the metadata JupyterLab writes, so that opening a notebook leaves git clean."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
FICTIONAL = ROOT / "tests" / "data" / "lakeshore_water.txt"
# Names only the seed has: none may show up in a notebook run on another article.
SEED_ONLY = ("Huawei", "Ren Zhengfei", "Ericsson", "Nokia", "Justin Solomon", "CNBC")
POLNEAR_ARTICLE = "breitbart_2016-09-12_stealth-over-health-hillary-clin.txt"


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def output_text(notebook: dict) -> str:
    """Everything a reader sees in the outputs: streams, text, HTML and Markdown."""
    parts = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", "")))
            for mime in ("text/plain", "text/html", "text/markdown"):
                parts.append("".join(output.get("data", {}).get(mime, "")))
    return "\n".join(parts)


def test_one_parameters_cell_the_same_in_every_notebook():
    sources = []
    for path in NOTEBOOKS:
        tagged = [c for c in cells(path) if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(tagged) == 1, f"{path.name}: {len(tagged)} cells tagged parameters"
        sources.append("".join(tagged[0]["source"]))
    assert len(set(sources)) == 1, "the parameters cells differ between notebooks"
    names = re.findall(r"^(\w+) =", sources[0], flags=re.M)
    assert names == ["article_path", "codebook_path", "output_dir"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_kernelspec_is_what_jupyterlab_writes_on_save(path):
    """JupyterLab rewrites the kernelspec on autosave; committing its value keeps `git status` clean."""
    kernelspec = json.loads(path.read_text(encoding="utf-8"))["metadata"]["kernelspec"]
    assert kernelspec == {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_saving_from_jupyter_changes_no_byte(path):
    """Jupyter's server saves through nbformat.write (sorted keys, indent 1, a final newline): the
    committed file must already be in that form, or a save without edits shows up in git."""
    nbformat = pytest.importorskip("nbformat")
    notebook = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    assert nbformat.writes(notebook) + "\n" == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_tex_in_markdown(path):
    """The reports load no MathJax, so formulas are plain text: TeX would show raw."""
    for cell in cells(path):
        if cell["cell_type"] == "markdown":
            source = "".join(cell["source"])
            assert not re.search(r"\$[^$\n]+\$|\\\(|\\\[", source), f"{path.name}: TeX in {source[:60]!r}"


def test_html_report_opens_offline(tmp_path):
    """The HTML `make run` writes (same nbconvert config) loads no script from the network, and the
    seed-only reading cells show their output without their code."""
    notebook = ROOT / "notebooks" / "03_stakeholder_positions.ipynb"
    subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--config", "notebooks/report.json", "--to", "html",
         "--output-dir", str(tmp_path), str(notebook)],
        cwd=ROOT, check=True, capture_output=True, timeout=300,
    )
    page = (tmp_path / "03_stakeholder_positions.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=[\"']?(https?:)?//", page), "a script is loaded from the network"
    assert not re.search(r"<link[^>]+href=[\"']?(https?:)?//", page), "a stylesheet is loaded from the network"
    assert "On the seed." in page and "display.seed_note(" not in page


@pytest.fixture(scope="module")
def kernel():
    """One Python kernel for every papermill run in this module, started in notebooks/ as papermill would.

    Starting a kernel and importing spaCy, pandas and seaborn costs several seconds each time, most of
    these tests' run time. Each notebook still starts from an empty namespace and default settings
    (``RESET``), so a notebook that leans on another's names or options fails here as it would in a
    fresh kernel; nbval runs every committed notebook in a kernel of its own.
    """
    pytest.importorskip("papermill")
    from jupyter_client.manager import KernelManager

    manager = KernelManager(kernel_name="python3")
    manager.start_kernel(cwd=str(ROOT / "notebooks"))
    yield manager
    manager.shutdown_kernel(now=True)


# What a notebook can leave behind in a kernel: figures, matplotlib and pandas settings, the pipeline
# choice, and every name it defined.
RESET = """
import matplotlib, matplotlib.pyplot, pandas, hwresearch.nlp
matplotlib.pyplot.close("all")
matplotlib.rcdefaults()
pandas.reset_option("all")
hwresearch.nlp.use_pipeline(None)
get_ipython().run_line_magic("reset", "-f")
"""


def execute(kernel, notebook: Path, target: Path, parameters: dict) -> dict:
    """``notebook`` through papermill in the shared kernel, after clearing what the last one left (see
    ``RESET``; module caches stay, as they hold no settings). A failing cell raises PapermillExecutionError."""
    import papermill

    client = kernel.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        reply = client.execute_interactive(RESET, timeout=60)
        assert reply["content"]["status"] == "ok", reply["content"]
    finally:
        client.stop_channels()
    papermill.execute_notebook(str(notebook), str(target), parameters=parameters, km=kernel,
                               cwd=str(ROOT / "notebooks"), progress_bar=False)
    return json.loads(target.read_text(encoding="utf-8"))


def run_notebooks(kernel, article: Path, out: Path) -> list[dict]:
    """Every notebook on ``article``, in order, written into ``out``."""
    parameters = {"article_path": str(article), "output_dir": str(out)}
    return [execute(kernel, path, out / path.name, parameters) for path in NOTEBOOKS]


def assert_clean(path: Path, notebook: dict) -> None:
    """No error, no warning on stderr, and no pandas "Empty DataFrame" where a sentence should say why."""
    outputs = [o for c in notebook["cells"] for o in c.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "error"], path.name
    assert not [o for o in outputs if o.get("name") == "stderr"], f"{path.name} warns: " + "".join(
        "".join(o["text"]) for o in outputs if o.get("name") == "stderr")
    assert "Empty DataFrame" not in output_text(notebook), path.name


def assert_about(executed: list[dict], actors: tuple[str, ...]) -> None:
    for path, notebook in zip(NOTEBOOKS, executed):
        shown = output_text(notebook)
        assert_clean(path, notebook)
        for name in SEED_ONLY:
            assert name not in shown, f"{path.name} speaks of the seed's {name}"
        found = [name for name in actors if name in shown]
        assert found, f"{path.name} names none of the article's actors {actors}"


@pytest.mark.slow
def test_notebooks_run_on_a_fictional_article(kernel, tmp_path):
    executed = run_notebooks(kernel, FICTIONAL, tmp_path)
    assert_about(executed, ("Norrland Water", "Elena Varga", "Tomas Berg"))
    quotes = output_text(executed[2])
    assert "No gold for this article" in quotes  # the seed's accuracy section says why it is empty
    assert (tmp_path / "figures" / "00_mentions_per_actor.png").is_file()
    assert (tmp_path / "tables" / "03_positions_actor.csv").is_file()


@pytest.mark.slow
def test_notebooks_run_on_an_article_nobody_is_quoted_in(kernel, tmp_path):
    """No actor, no quote, no stance: every cell still runs and says what is missing."""
    article = tmp_path / "weather.txt"
    article.write_text("The weather was fine on Tuesday, and the lake was calm.\n\nThe market opened at nine.\n", encoding="utf-8")
    executed = run_notebooks(kernel, article, tmp_path)
    for path, notebook in zip(NOTEBOOKS, executed):
        assert_clean(path, notebook)
    assert "No attributions were found in this article." in output_text(executed[2])
    assert "No stakeholder takes a position in this article" in output_text(executed[3])


@pytest.mark.slow
def test_notebooks_run_on_a_polnear_dev_article(kernel, tmp_path, shared_data):
    article = shared_data / "polnear" / "dev" / "text" / POLNEAR_ARTICLE
    if not article.is_file():
        pytest.skip(f"{article} not found")
    assert not any(name in article.read_text(encoding="utf-8") for name in SEED_ONLY)
    executed = run_notebooks(kernel, article, tmp_path)
    assert_about(executed, ("Hillary Clinton", "Chelsea Clinton", "New York Post"))


@pytest.mark.slow
def test_a_codebook_path_reaches_the_stages(kernel, tmp_path):
    """codebook_path names the study's actors: the canonical name only the codebook knows shows up."""
    codebook = ROOT / "tests" / "data" / "lakeshore_codebook.toml"
    parameters = {"article_path": str(FICTIONAL), "codebook_path": str(codebook), "output_dir": str(tmp_path)}
    shown_by = {}
    for name in ("00_article", "02_quote_attribution"):
        notebook = execute(kernel, ROOT / "notebooks" / f"{name}.ipynb", tmp_path / f"{name}.ipynb", parameters)
        shown = shown_by[name] = output_text(notebook)
        assert "Norrland Water Ltd" in shown, name
        assert not any(seed_name in shown for seed_name in SEED_ONLY), name
    assert f"codebook: {codebook}" in shown_by["00_article"]  # notebook 00 says which codebook it used


def test_make_run_with_an_article_writes_to_its_own_folder():
    """`make run ARTICLE=... CODEBOOK=...` (dry run): papermill into reports/<stem>/, the committed notebooks untouched."""
    result = subprocess.run(
        ["make", "-n", "run", "ARTICLE=tests/data/lakeshore_water.txt", "CODEBOOK=tests/data/lakeshore_codebook.toml"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    plan = result.stdout
    assert f'-p article_path "{FICTIONAL}"' in plan and "-p codebook_path" in plan
    assert str(ROOT / "reports" / "lakeshore_water") in plan
    assert "--inplace" not in plan
