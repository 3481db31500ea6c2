#!/usr/bin/env bash
# Runs each libFuzzer target (fuzz/) for a bounded time, seeded with the
# bundled roadmap and decks and the hostile-input corpus.
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#   (default: 60 s; deck roadmap compile import_apkg import_collection import_tsv)
# Needs a nightly toolchain and `cargo install cargo-fuzz`. Crashes land in
# fuzz/artifacts/<target>/; copy each into tests/fixtures/fuzz/<target>/,
# where `cargo test` replays it (tests/cli/fuzz_regressions.rs), then fix it.
set -euo pipefail
cd "$(dirname "$0")/.."

secs="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(deck roadmap compile import_apkg import_collection import_tsv)

if ! cargo +nightly --version >/dev/null 2>&1 || ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: needs a nightly toolchain and cargo-fuzz (cargo install cargo-fuzz)." >&2
    echo "On stable, the parsers' proptest properties are the fallback:" >&2
    echo "  cargo test --lib never_panics" >&2
    exit 2
fi

# Seeds: real files of each kind; for `compile`, a roadmap, a NUL byte, a deck.
seeds=fuzz/seeds
rm -rf "$seeds"
mkdir -p "$seeds"/{deck,roadmap,compile,import_apkg,import_collection,import_tsv} fuzz/logs
cp decks/*.md tests/fixtures/decks/*.md "$seeds/deck/"
cp roadmap/*.md tests/fixtures/roadmaps/*.md "$seeds/roadmap/"
for deck in decks/*.md; do
    { cat roadmap/*.md; printf '\0'; cat "$deck"; } >"$seeds/compile/$(basename "$deck")"
done

# Importers: recall's own export of the bundled course (a package, its
# collection, its TSV), and the saved inputs of each import target.
cargo build --quiet --bin recall
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
recall=("${CARGO_TARGET_DIR:-target}/debug/recall" --db "$work/c.sqlite" --now 2026-11-25T09:00:00+01:00)
"${recall[@]}" compile >/dev/null
"${recall[@]}" export --format apkg -o "$seeds/import_apkg/python.apkg" --with-scheduling >/dev/null
"${recall[@]}" export --format tsv >"$seeds/import_tsv/python.tsv"
python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("collection.anki21"))' \
    "$seeds/import_apkg/python.apkg" >"$seeds/import_collection/python.anki21"
for target in import_apkg import_collection import_tsv; do
    cp tests/fixtures/fuzz/"$target"/* "$seeds/$target/" 2>/dev/null || true
done

# Text is capped at 64 KiB (the line limit); a package's collection needs more room.
max_len() {
    case "$1" in
        import_apkg | import_collection) echo 1048576 ;;
        *) echo 65536 ;;
    esac
}

status=0
for target in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$target"
    log="fuzz/logs/$target.log"
    echo "== $target: ${secs}s"
    if ! cargo +nightly fuzz run -O "$target" "fuzz/corpus/$target" "$seeds/$target" -- \
        -max_total_time="$secs" -dict="fuzz/$target.dict" -max_len="$(max_len "$target")" \
        -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 >"$log" 2>&1; then
        status=1
        echo "   CRASH: see $log and fuzz/artifacts/$target/"
    fi
    grep -E '^Done [0-9]+ runs|stat::number_of_executed_units|stat::peak_rss_mb|^#[0-9]+.*(DONE|cov:)' "$log" | tail -3 | sed 's/^/   /'
done
exit "$status"
