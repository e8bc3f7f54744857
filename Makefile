# parlab — the two commands a person needs are `make lab` and `make test`; see README.md.
.PHONY: lab test setup bench numbers clean help

## lab: install what is missing, then open the course in Jupyter (127.0.0.1, token)
lab: setup
	@kernel-setup/lab.sh

## test: gofmt, go vet, staticcheck, go test -race, fuzzing, every notebook run headless, every chart checked in Chromium
test:
	@kernel-setup/test.sh

## setup: install Jupyter, the GoNB kernel, goimports, gopls and ECharts (idempotent)
setup:
	@kernel-setup/setup.sh

## bench: the standard sweep and its C and Python peers side by side; writes data/bench/<hostname>.json
bench:
	@go run ./lib/cmd/parlab-bench

## numbers: run the benchmarks of data/numbers/list.tsv; writes data/numbers/<hostname>.txt and the README's table
numbers:
	@go run ./kernel-setup/numbers

## clean: remove build/ (built tools, kernel registration, executed notebooks, screenshots)
clean:
	rm -rf build

help:
	@grep -E '^## ' Makefile | sed 's/^## /  make /'
