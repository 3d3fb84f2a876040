#!/usr/bin/env bash
# Runs a libFuzzer target for a bounded time from a copy of the seed corpus,
# so the source tree is never written to. An input that breaks an invariant
# is saved in the current directory as crash-<sha1> (ctest: the build's
# tests/fuzz/), and the run fails.
#   run_fuzz.sh FUZZER SEED_DIR [SECONDS] [more seed dirs and libFuzzer flags...]
# After SECONDS, an argument starting with '-' is a libFuzzer flag, any other
# one a further seed directory, copied in too.
set -euo pipefail
fuzzer=$1 seeds=$2 seconds=${3:-30}
shift $(($# < 3 ? $# : 3))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$seeds"/. "$work"/
flags=()
for a in "$@"; do
    case $a in
        -*) flags+=("$a") ;;
        *) cp -R "$a"/. "$work"/ ;;
    esac
done
"$fuzzer" -max_total_time="$seconds" -timeout=10 -use_value_profile=1 -print_final_stats=1 \
    -artifact_prefix="$PWD/" "${flags[@]}" "$work"
