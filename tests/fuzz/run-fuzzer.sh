#!/bin/sh
# run-fuzzer.sh TARGET DICT CORPUS [SEEDS…] — runs a libFuzzer target with the
# JSON dictionary: new inputs go into CORPUS (made if missing, in the build
# folder, never the source tree), the seeds are read only.  FUZZ_TIME is the
# run's length in seconds (600 unless set); a crash leaves its input as
# crash-* in the current folder.
set -eu
target=$1 dict=$2 corpus=$3
shift 3
mkdir -p "$corpus"
export SHENBAO_TEST_FIXTURES="${SHENBAO_TEST_FIXTURES:-$(dirname "$0")/../fixtures}"
exec "$target" -dict="$dict" -max_total_time="${FUZZ_TIME:-600}" -timeout=10 -rss_limit_mb=2048 "$corpus" "$@"
