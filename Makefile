# make run: set up, execute the notebooks in order, write reports/. make test: pytest + nbval.
# make run ARTICLE=path [CODEBOOK=path]: the notebooks on another article, into reports/<article stem>/,
# leaving the committed notebooks alone.
# Both create .venv and install the package (editable, with the dev extra) when it is missing or
# when pyproject.toml changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
REPORTS := reports
# HTML reports that open offline: no CDN scripts, seed-only reading cells shown without their code.
HTML := --config notebooks/report.json --to html
ARTICLE ?=
CODEBOOK ?=
# Runs do not depend on a home folder's state (see notebooks.md, pitfall 10).
SCRATCH := $(CURDIR)/.scratch
export JUPYTER_RUNTIME_DIR := $(SCRATCH)/jupyter-runtime
export IPYTHONDIR := $(SCRATCH)/ipython
export MPLCONFIGDIR := $(SCRATCH)/matplotlib
export PYTHONHASHSEED := 0

.PHONY: install run test check lab check-wheel clean

install: $(STAMP)

# Python writes each module's .pyc when it is first imported, so that later processes (tests, kernels)
# load it compiled; pip need not compile all of site-packages at install. Where PYTHONDONTWRITEBYTECODE
# is set (as on this machine) every process would compile pandas, spaCy and jupyter again.
unexport PYTHONDONTWRITEBYTECODE
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --no-compile -e '.[dev]'
	@touch $(STAMP)

ifeq ($(ARTICLE),)
run: install
	@mkdir -p $(REPORTS)/figures $(REPORTS)/tables $(SCRATCH)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=600 \
		--ExecutePreprocessor.record_timing=False $(NOTEBOOKS)
	$(BIN)/jupyter nbconvert $(HTML) --output-dir $(REPORTS) $(NOTEBOOKS)
	@echo "make run wrote:"
	@find $(REPORTS) -maxdepth 2 -type f | sort | sed 's/^/  /'
else
# Absolute paths: papermill runs each notebook in notebooks/.
OUT := $(abspath $(REPORTS)/$(basename $(notdir $(ARTICLE))))
run: install
	@test -f "$(ARTICLE)" || { echo "make run: ARTICLE=$(ARTICLE) is not a file; pass a UTF-8 text file" >&2; exit 2; }
	@$(if $(CODEBOOK),test -f "$(CODEBOOK)" || { echo "make run: CODEBOOK=$(CODEBOOK) is not a file; pass a TOML codebook" >&2; exit 2; })
	@mkdir -p $(OUT)/figures $(OUT)/tables $(SCRATCH)
	@for notebook in $(NOTEBOOKS); do \
		$(BIN)/papermill --cwd notebooks --kernel python3 --no-progress-bar --log-level WARNING \
			-p article_path "$(abspath $(ARTICLE))" -p output_dir "$(OUT)" \
			$(if $(CODEBOOK),-p codebook_path "$(abspath $(CODEBOOK))") \
			"$$notebook" "$(OUT)/$$(basename $$notebook)" || exit 1; \
	done
	$(BIN)/jupyter nbconvert $(HTML) --output-dir $(OUT) $(OUT)/*.ipynb
	@echo "make run wrote:"
	@find $(OUT) -type f | sort | sed 's/^/  /'
endif

# One pytest run over tests/ and the notebooks, on two worker processes (pytest-xdist): the suite is
# CPU-bound and serial it used one of the two cores. --dist loadscope sends each test module, and each
# notebook, whole to one worker, so a notebook's cells run in order in one kernel (nbval's docs ask for
# it) and a module's fixtures are built once. TEST_WORKERS=0 runs serially in one process.
TEST_WORKERS ?= 2
test: install
	@mkdir -p $(SCRATCH)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadscope -p no:cacheprovider \
		--nbval --nbval-current-env --nbval-sanitize-with notebooks/nbval_sanitize.cfg tests $(NOTEBOOKS)

# Lint (pyflakes, bugbear, isort rules) and the layering test: imports go only to the left.
check: install
	$(BIN)/ruff check hwresearch tests benchmarks training
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_layering.py

lab: install
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root,) notebooks/

# A plain (non-editable) install must carry the package data: load the seed from the installed wheel.
check-wheel: install
	@rm -rf $(SCRATCH)/wheel && mkdir -p $(SCRATCH)/wheel
	$(PYTHON) -m venv $(SCRATCH)/wheel/venv
	$(SCRATCH)/wheel/venv/bin/python -m pip install --quiet .
	cd $(SCRATCH)/wheel && ./venv/bin/python -c "import hwresearch, pathlib; \
		from hwresearch import load_article, load_codebook; \
		assert 'site-packages' in hwresearch.__file__, hwresearch.__file__; \
		a = load_article(); assert a.headline.startswith('Huawei'), a.headline; \
		assert load_codebook().actors; assert a.doc.text == a.text and a.doc[2].pos_, 'no parse'; \
		print('wheel carries its data:', a)"

clean:
	rm -rf $(VENV) $(SCRATCH) $(REPORTS) build *.egg-info
