#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/Targets and runs each for a while.
#
#   Fuzz/run.sh [seconds-per-target] [Target ...]     (default: 30 seconds, every target)
#
# Needs only the Swift toolchain (swiftc on PATH, or SWIFTC=/path/to/swiftc). Everything it writes
# goes under .build-fuzz/ at the repository root (ignored by the repository's .build* pattern):
#   .build-fuzz/lib/        LoupeDomain compiled once with fuzzer and address sanitizer instrumentation
#   .build-fuzz/bin/<T>     one fuzzer binary per target
#   .build-fuzz/work/<T>/   a scratch copy of Fuzz/corpus/<T> that the run may grow
#   .build-fuzz/crashes/<T>/  crash-*, timeout-*, oom-* inputs of failed runs
#   .build-fuzz/logs/<T>.log  libFuzzer's output
# Builds are skipped when the sources and flags did not change.
# Exits non-zero when any target crashed, hung, ran out of memory or failed to build.
#
# Environment:
#   SWIFTC=...                 the compiler (default: swiftc on PATH, else /opt/swift/usr/bin/swiftc)
#   FUZZ_SINGLE_MODULE=1       compile LoupeDomain's sources into each target binary as one module
#                              (slower: the whole library is recompiled per target)
#   FUZZ_OPT=-Onone            optimization level (default -O); add FUZZ_DEBUG=1 for -g
#   FUZZ_EXTRA_ARGS="..."      more libFuzzer flags, e.g. "-jobs=2 -workers=2" or "-dict=..."
#   LOUPE_FUZZ_STRICT_NUMBERS=1  JSONParser target: 1.0 → 1 counts as a change (see README)
set -uo pipefail

seconds=${1:-30}
shift || true
case "$seconds" in '' | *[!0-9]*) echo "usage: Fuzz/run.sh [seconds-per-target] [Target ...]" >&2; exit 2 ;; esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
fuzz="$root/Fuzz"
out="$root/.build-fuzz"
mkdir -p "$out/lib" "$out/bin" "$out/work" "$out/crashes" "$out/logs" "$out/stamps"

swiftc=${SWIFTC:-$(command -v swiftc || true)}
[ -n "$swiftc" ] || swiftc=/opt/swift/usr/bin/swiftc
[ -x "$swiftc" ] || { echo "swiftc not found; set SWIFTC" >&2; exit 2; }

if [ $# -gt 0 ]; then
    targets=("$@")
else
    targets=()
    for file in "$fuzz"/Targets/*.swift; do targets+=("$(basename "$file" .swift)"); done
fi

# Flags shared by the library and the targets. The package builds LoupeDomain with these features.
flags=(-sanitize=fuzzer,address -parse-as-library "${FUZZ_OPT:--O}" -swift-version 6
    -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility
    -enable-upcoming-feature InternalImportsByDefault)
[ "${FUZZ_DEBUG:-0}" = 1 ] && flags+=(-g)
# The toolchain's lld links quietly; the system gold linker works too but warns about every ASan symbol.
[ -x "$(dirname "$swiftc")/ld.lld" ] && flags+=(-use-ld=lld)

library_sources=()
while IFS= read -r file; do library_sources+=("$file"); done < <(find "$root/Sources/LoupeDomain" -name '*.swift' | LC_ALL=C sort)
support_sources=("$fuzz"/Support/*.swift)

# A digest of the compiler, the flags and the given files: a build is skipped when it is unchanged.
digest() {
    { "$swiftc" --version 2>&1; printf '%s\n' "${flags[@]}" "${FUZZ_SINGLE_MODULE:-0}"; cat "$@"; } | sha256sum | cut -d' ' -f1
}

build_library() {
    local stamp="$out/stamps/LoupeDomain" want
    want=$(digest "${library_sources[@]}")
    if [ -f "$out/lib/LoupeDomain.o" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then return 0; fi
    echo "building LoupeDomain (instrumented, about 2 minutes)..."
    rm -f "$stamp"
    "$swiftc" "${flags[@]}" -wmo -enable-testing -module-name LoupeDomain \
        -emit-module -emit-module-path "$out/lib/LoupeDomain.swiftmodule" \
        -c "${library_sources[@]}" -o "$out/lib/LoupeDomain.o" >"$out/logs/LoupeDomain.build.log" 2>&1 || {
        cat "$out/logs/LoupeDomain.build.log" >&2
        return 1
    }
    echo "$want" >"$stamp"
}

build_target() {
    local target=$1 stamp="$out/stamps/$1" want
    local source="$fuzz/Targets/$target.swift"
    [ -f "$source" ] || { echo "no such target: $source" >&2; return 1; }
    if [ "${FUZZ_SINGLE_MODULE:-0}" = 1 ]; then
        want=$(digest "${library_sources[@]}" "${support_sources[@]}" "$source")
    else
        want=$(digest "$out/stamps/LoupeDomain" "${support_sources[@]}" "$source")
    fi
    if [ -x "$out/bin/$target" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then return 0; fi
    echo "building $target..."
    rm -f "$stamp"
    if [ "${FUZZ_SINGLE_MODULE:-0}" = 1 ]; then
        # A target may share its file name with a library file (FormDecoder.swift); swiftc refuses that.
        mkdir -p "$out/src"
        cp "$source" "$out/src/Fuzz$target.swift"
        "$swiftc" "${flags[@]}" -wmo -module-name LoupeDomain -D FUZZ_SINGLE_MODULE \
            "${library_sources[@]}" "${support_sources[@]}" "$out/src/Fuzz$target.swift" -o "$out/bin/$target"
    else
        "$swiftc" "${flags[@]}" -module-name "Fuzz$target" -I "$out/lib" \
            "${support_sources[@]}" "$source" "$out/lib/LoupeDomain.o" -o "$out/bin/$target"
    fi >"$out/logs/$target.build.log" 2>&1 || {
        cat "$out/logs/$target.build.log" >&2
        return 1
    }
    echo "$want" >"$stamp"
}

status=0
if [ "${FUZZ_SINGLE_MODULE:-0}" != 1 ]; then build_library || exit 1; fi
built=()
for target in "${targets[@]}"; do
    if build_target "$target"; then built+=("$target"); else
        printf '%-16s BUILD FAILED (see %s)\n' "$target" "$out/logs/$target.build.log"
        status=1
    fi
done

# Swift's own backtracer would otherwise catch the crash first and keep the output pipe open for
# up to 30 seconds; libFuzzer's handler must see the trap to save the input.
export SWIFT_BACKTRACE=enable=no

for target in "${built[@]}"; do
    work="$out/work/$target"
    crashes="$out/crashes/$target"
    log="$out/logs/$target.log"
    rm -rf "$work"
    mkdir -p "$work" "$crashes"
    [ -d "$fuzz/corpus/$target" ] && cp -R "$fuzz/corpus/$target/." "$work/"
    dict=()
    [ -f "$fuzz/dict/$target.dict" ] && dict=(-dict="$fuzz/dict/$target.dict")
    # shellcheck disable=SC2086
    "$out/bin/$target" "${dict[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$crashes/" ${FUZZ_EXTRA_ARGS:-} "$work" >"$log" 2>&1
    code=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    if [ -z "$runs" ]; then runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#'); fi
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
    if [ $code -eq 0 ]; then
        result="ok"
    else
        status=1
        if grep -q 'ERROR: libFuzzer: timeout' "$log"; then result="TIMEOUT"
        elif grep -q 'out-of-memory' "$log"; then result="OUT OF MEMORY"
        elif grep -q 'FUZZ FINDING' "$log"; then result="FINDING: $(grep -o 'FUZZ FINDING: .*' "$log" | head -1 | cut -c15-150)"
        else result="CRASH: $(grep -m1 -E 'Fatal error|ERROR: AddressSanitizer|ERROR: libFuzzer|ERROR: LeakSanitizer' "$log" | cut -c1-150)"
        fi
        result="$result (input: ${artifact:-none}, log: $log)"
    fi
    printf '%-16s runs %-10s exec/s %-7s %s\n' "$target" "${runs:-?}" "${speed:-?}" "$result"
done
exit $status
