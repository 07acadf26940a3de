"""Train the shipped spaCy pipeline on UD English-EWT and install it as hwresearch/data/pipeline.

The pipeline (tok2vec, tagger for the Penn tags, morphologizer for UPOS and features, dependency parser,
trainable lemmatizer) is defined by ``training/config.cfg``, with a fixed seed, so a rerun on the same
spaCy version rebuilds the same model. ``make test`` never runs this: it takes about an hour on two cores.

    python training/train.py                       # convert, train, evaluate, install
    python training/train.py --max-steps 600       # a quick smoke run (not installed)
    python training/train.py --install-only DIR    # install a finished model folder (its model-best)

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


def convert(ewt: Path, work: Path) -> tuple[Path, Path]:
    work.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev"):
        run(sys.executable, "-m", "spacy", "convert", str(ewt / f"en_ewt-ud-{split}.conllu"), str(work),
            "-n", str(SENTENCES_PER_DOC), "-c", "conllu")
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=EWT, help="the folder with the EWT .conllu files")
    parser.add_argument("--out", type=Path, default=WORK, help="working folder for converted data and checkpoints")
    parser.add_argument("--max-steps", type=int, default=None, help="override training.max_steps (a smoke run; not installed)")
    parser.add_argument("--install-only", type=Path, default=None, help="install DIR/model-best without training")
    args = parser.parse_args()
    if args.install_only is not None:
        install(args.install_only / "model-best", args.data)
        return
    train, dev = convert(args.data, args.out / "corpus")
    command = [sys.executable, "-m", "spacy", "train", str(CONFIG), "--paths.train", str(train), "--paths.dev", str(dev),
               "-o", str(args.out / "model")]
    if args.max_steps is not None:
        command += ["--training.max_steps", str(args.max_steps)]
    run(*command)
    if args.max_steps is None:
        install(args.out / "model" / "model-best", args.data)


if __name__ == "__main__":
    main()
