"""Train the shipped spaCy pipeline on UD English-EWT and install it as hwresearch/data/pipeline.

The pipeline (tok2vec, tagger for the Penn tags, morphologizer for UPOS and features, dependency parser,
trainable lemmatizer) is defined by ``training/config.cfg``, with a fixed seed, so a rerun on the same
spaCy version rebuilds the same model. ``make test`` never runs this: it takes about an hour on two cores.

    python training/train.py                       # convert, train, evaluate, install
    python training/train.py --max-steps 600       # a quick smoke run (not installed)
    python training/train.py --install-only DIR    # install a finished model folder (its model-best)
    python training/train.py --config training/config_fast.cfg --max-steps 3400   # the faster variant
    python training/train.py --config training/config_clusters.cfg --out .scratch/clusters   # Brown clusters

``config_fast.cfg`` (tok2vec width 64 with character embeddings, a morphologizer for UPOS alone, the
lemmatizer by lookup tables from ``lemma_tables.py``) is lighter (its components took 4.3 to 6.6 CPU s
over PolNeAR dev against 7.9 to 8.5 s; ``benchmarks/pipelines.py``) but trailed the shipped model by
0.7 to 0.9 UPOS and ~1.2 LAS at the same step (``log_fast_partial.txt``); it is not shipped.

``config_clusters.cfg`` (the shipped config with Brown-cluster features in the embedding,
``training/clusters.py``; the cluster table ships in the model's vocab) led the shipped
model's log by +0.4 to +0.5 UPOS and +0.7 to +1.7 LAS from step 1600 to 3000, the UPOS gap narrowing
(+0.36 at 3000; ``log_clusters_partial.txt``, stopped there). Its step-2800 checkpoint, with gold tokens:
UPOS 94.3, XPOS 93.4, lemma 96.0, UAS 84.2, LAS 79.6, 14 MB; not shipped.

UD English-EWT is CC BY-SA 4.0: the trained pipeline is a derived work under the same licence, with
the attribution written beside it (data/pipeline/README.md, LICENSE).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "training" / "config.cfg"
LEMMA_TABLES = ROOT / "training" / "lemma_tables.py"  # registers the lemmatizer's table builder for the config
CLUSTERS = ROOT / "training" / "clusters.py"  # registers the Brown-cluster table loader for config_clusters.cfg
EWT = ROOT.parent / "shared" / "data" / "ud_ewt"
WORK = ROOT / ".scratch" / "training"
TARGET = ROOT / "hwresearch" / "data" / "pipeline"
SENTENCES_PER_DOC = 10  # the parser learns sentence boundaries from multi-sentence documents

README = """# The shipped spaCy pipeline

Trained by `training/train.py` with `training/config.cfg` on UD English-EWT (train split; the dev split
chose the checkpoint): tok2vec, tagger (Penn Treebank tags), morphologizer (UPOS and features),
dependency parser (UD labels), trainable lemmatizer. spaCy {spacy_version}, seed 0.

EWT dev as spaCy's trainer scored the chosen checkpoint (its own tokenization and sentence splits):
{scores}. With gold tokens and sentences, the usual UD setting, see `benchmarks/results/ewt_dev.json`
(`python benchmarks/ewt.py`).

## Licence and attribution
This model is a derived work of the Universal Dependencies English Web Treebank (Silveira et al. 2014,
"A Gold Standard Dependency Corpus for English", LREC; UD release, upstream commit 15d613d8), released
under CC BY-SA 4.0 (see LICENSE beside this file). The model is distributed under the same licence.
"""


def run(*args: str) -> None:
    print("$", " ".join(args), flush=True)
    subprocess.run(args, check=True)


def without_features(source: Path, target: Path) -> None:
    """A copy of a CoNLL-U file with FEATS blanked: the morphologizer then learns UPOS alone.

    No stage reads ``token.morph``, and 17 labels instead of ~250 UPOS+feature bundles make the
    morphologizer cheaper (config_fast.cfg).
    """
    lines = []
    for line in source.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) == 10:
            cols[5] = "_"
        lines.append("\t".join(cols))
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


def convert(ewt: Path, work: Path, upos_only: bool = False) -> tuple[Path, Path]:
    work.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev"):
        source = ewt / f"en_ewt-ud-{split}.conllu"
        if upos_only:
            without_features(source, work / source.name)
            source = work / source.name
        run(sys.executable, "-m", "spacy", "convert", str(source), str(work), "-n", str(SENTENCES_PER_DOC), "-c", "conllu")
    return work / "en_ewt-ud-train.spacy", work / "en_ewt-ud-dev.spacy"


def install(model: Path, ewt: Path) -> None:
    """Copy the model into the package with its licence and a README that says where it came from."""
    import spacy

    meta = json.loads((model / "meta.json").read_text(encoding="utf-8"))
    performance = meta.get("performance", {})
    scores = ", ".join(
        f"{name} {100 * performance[key]:.1f}"
        for name, key in (("UPOS", "pos_acc"), ("XPOS", "tag_acc"), ("lemma", "lemma_acc"), ("UAS", "dep_uas"), ("LAS", "dep_las"))
        if key in performance
    )
    if TARGET.exists():
        shutil.rmtree(TARGET)
    shutil.copytree(model, TARGET)
    shutil.copy(ewt / "LICENSE.txt", TARGET / "LICENSE")
    (TARGET / "README.md").write_text(README.format(spacy_version=spacy.__version__, scores=scores), encoding="utf-8")
    print(f"installed {model} as {TARGET}")


def lookups_clusters() -> Path:
    """spacy-lookups-data's Brown-cluster file (``pip install spacy-lookups-data``, for training only)."""
    from importlib.util import find_spec

    spec = find_spec("spacy_lookups_data")
    if spec is None or spec.origin is None:
        sys.exit("config_clusters.cfg needs en_lexeme_cluster.json.gz: pip install spacy-lookups-data, or pass --clusters")
    return Path(spec.origin).parent / "data" / "en_lexeme_cluster.json.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", type=Path, default=CONFIG, help="the training config (default: the shipped model's)")
    parser.add_argument("--data", type=Path, default=EWT, help="the folder with the EWT .conllu files")
    parser.add_argument("--out", type=Path, default=WORK, help="working folder for converted data and checkpoints")
    parser.add_argument("--max-steps", type=int, default=None, help="override training.max_steps (a smoke run; not installed)")
    parser.add_argument("--install-only", type=Path, default=None, help="install DIR/model-best without training")
    parser.add_argument("--clusters", type=Path, default=None,
                        help="en_lexeme_cluster.json.gz for config_clusters.cfg (default: spacy-lookups-data's copy)")
    args = parser.parse_args()
    if args.install_only is not None:
        install(args.install_only / "model-best", args.data)
        return
    config = args.config.read_text(encoding="utf-8")
    lookup_lemmatizer = "hwresearch.ewt_lemma_tables.v1" in config
    train, dev = convert(args.data, args.out / ("corpus_upos" if lookup_lemmatizer else "corpus"), upos_only=lookup_lemmatizer)
    command = [sys.executable, "-m", "spacy", "train", str(args.config)]
    if lookup_lemmatizer:  # config_fast.cfg: UPOS-only morphologizer, lemmas from tables counted from train
        command += ["--code", str(LEMMA_TABLES), "--paths.ewt_train", str(args.data / "en_ewt-ud-train.conllu")]
    if "hwresearch.brown_clusters.v1" in config:  # config_clusters.cfg: Brown-cluster features in tok2vec
        command += ["--code", str(CLUSTERS), "--paths.clusters", str(args.clusters or lookups_clusters())]
    command += ["--paths.train", str(train), "--paths.dev", str(dev), "-o", str(args.out / "model")]
    if args.max_steps is not None:
        command += ["--training.max_steps", str(args.max_steps)]
    run(*command)
    if args.max_steps is None:
        install(args.out / "model" / "model-best", args.data)


if __name__ == "__main__":
    main()
