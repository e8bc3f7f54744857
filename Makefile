# parlab — the two commands a person needs are `make lab` and `make test`; see README.md.
.PHONY: lab test setup kernel bench numbers hub hub-test clean help

## lab: install what is missing, then open the course in Jupyter (127.0.0.1, token)
lab:
	@kernel-setup/lab.sh

## test: gofmt, go vet, staticcheck, go test -race, fuzzing, every notebook run headless, every chart checked in Chromium
test:
	@kernel-setup/test.sh

## setup: install Jupyter, the GoNB kernel, goimports and ECharts (idempotent); gopls: kernel-setup/setup.sh --extras
setup:
	@kernel-setup/setup.sh

## kernel: register the parlab Go kernel in your own Jupyter (VS Code, JupyterLab); remove: jupyter kernelspec remove parlab
kernel:
	@kernel-setup/kernel-install.sh

## bench: the standard sweep and its C and Python peers side by side; adds a file named after the machine to data/bench (README: Bring results from a bigger machine); options: BENCH_ARGS="-dir folder"
bench:
	@go run ./lib/cmd/parlab-bench $(BENCH_ARGS)

## numbers: run the benchmarks of data/numbers/list.tsv; writes data/numbers/<hostname>.txt and the README's table
numbers:
	@go run ./kernel-setup/numbers

## hub: a class on this server: JupyterHub, each learner logs in with their own account (README: Teaching a class); options: HUB_ARGS="--ip … --ssl-cert … --ssl-key …"
hub:
	@kernel-setup/setup.sh --hub
	@kernel-setup/setup.sh --extras
	@kernel-setup/hub.sh $(HUB_ARGS)

## hub-test: the class hub on 127.0.0.1 with three test learners running notebook 00 at once, then everything stopped (part of make test)
hub-test:
	@kernel-setup/setup.sh --hub
	@go run ./kernel-setup/hubcheck

## clean: remove build/ (built tools, kernel registration, executed notebooks, screenshots); not make kernel's registration
clean:
	rm -rf build

help:
	@grep -E '^## ' Makefile | sed 's/^## /  make /'
