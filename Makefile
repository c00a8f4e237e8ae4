# Notice Archive. `make run` builds, writes the demo corpus, indexes and serves it;
# `make test` runs every check CI runs.
GO      ?= go
BIN     := bin/noticearchive
DEMO    ?= demo
ADDR    ?= localhost:8080
DEMO_N  ?= 3000
FUZZTIME ?= 5s

.PHONY: build test unit fuzz run demo-index bench bench-go lint clean

build:
	$(GO) build -o $(BIN) ./cmd/noticearchive

# The README's test command: formatting, vet, all tests with the race detector, brief fuzzing.
test: lint unit fuzz

unit:
	$(GO) test -race -count=1 -timeout 8m ./...

fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./search
	$(GO) test -run '^$$' -fuzz '^FuzzParseDate$$' -fuzztime $(FUZZTIME) ./indexer
	$(GO) test -run '^$$' -fuzz '^FuzzExtract$$' -fuzztime $(FUZZTIME) ./indexer
	$(GO) test -run '^$$' -fuzz '^FuzzRequest$$' -fuzztime $(FUZZTIME) ./search
	$(GO) test -run '^$$' -fuzz '^FuzzAnalyzers$$' -fuzztime $(FUZZTIME) ./indexer/schema
	$(GO) test -run '^$$' -fuzz '^FuzzTextDigest$$' -fuzztime $(FUZZTIME) ./indexer

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

# The README's main command: a demo archive built from a synthetic corpus, then served.
run: build demo-index
	$(BIN) serve --index $(DEMO)/index --addr $(ADDR)

demo-index: build
	$(BIN) gen --out $(DEMO)/corpus --n $(DEMO_N) --seed 1 --layouts mixed
	$(BIN) index --index $(DEMO)/index $(DEMO)/corpus

bench: bench-go
	$(GO) run ./cmd/noticebench --n $(or $(BENCH_N),10000) --out BENCHMARKS.md

bench-go:
	$(GO) test -run '^$$' -bench . -benchmem ./indexer ./search

clean:
	rm -rf bin $(DEMO)
