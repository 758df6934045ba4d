#!/usr/bin/env bash
# Regenerates the Python client (clients/python/loupe_client and pyproject.toml) from
# Sources/LoupeHTTP/OpenAPI/openapi.json with the pinned openapi-python-client. Never edit the
# generated files by hand: change the document (or openapi-python-client.yml) and run this.
#
#   clients/python/regenerate.sh                  rewrite the client
#   clients/python/regenerate.sh --check          exit 1 if the client in the tree is not what the document generates
#   clients/python/regenerate.sh --unpatched DIR  generate from the document as it is, without prepare_openapi.py,
#                                                 into DIR (to see what the generator says about it; never the tree)
#
# Environment (optional):
#   LOUPE_SDK_GEN_VENV  virtualenv for the pinned generator (default ~/.cache/loupe-sdk/venv-<version>)
set -euo pipefail

GENERATOR_VERSION=0.29.1
# The generator's post-hooks format its output with ruff: pinned too, so the output is byte-for-byte the same.
RUFF_VERSION=0.17.6

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SPEC=$ROOT/Sources/LoupeHTTP/OpenAPI/openapi.json
CONFIG=$HERE/openapi-python-client.yml

MODE=write
UNPATCHED_DIR=
case "${1:-}" in
    "") ;;
    --check) MODE=check ;;
    --unpatched)
        [[ $# -eq 2 ]] || { echo "usage: $0 --unpatched DIR" >&2; exit 2; }
        MODE=unpatched UNPATCHED_DIR=$2 ;;
    *) echo "usage: $0 [--check | --unpatched DIR]" >&2; exit 2 ;;
esac

# 1. The pinned generator (and ruff), in a virtualenv of their own.
VENV=${LOUPE_SDK_GEN_VENV:-$HOME/.cache/loupe-sdk/venv-$GENERATOR_VERSION}
gen_version() { "$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("openapi-python-client"), m.version("ruff"))' 2>/dev/null || true; }
if [[ $(gen_version) != "$GENERATOR_VERSION $RUFF_VERSION" ]]; then
    echo "Installing openapi-python-client $GENERATOR_VERSION (ruff $RUFF_VERSION) into $VENV" >&2
    python3 -m venv "$VENV" || { echo "python3 -m venv failed (Debian: apt-get install python3-venv)" >&2; exit 1; }
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
        "openapi-python-client==$GENERATOR_VERSION" "ruff==$RUFF_VERSION"
fi
[[ $(gen_version) == "$GENERATOR_VERSION $RUFF_VERSION" ]] || { echo "cannot install openapi-python-client $GENERATOR_VERSION" >&2; exit 1; }
export PATH="$VENV/bin:$PATH"   # the post-hooks call `ruff`

WORK=$(mktemp -d "${TMPDIR:-/tmp}/loupe-sdk-gen.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# 2. The generator's input: the document, adjusted where 0.29.1 cannot read it (see prepare_openapi.py).
if [[ $MODE == unpatched ]]; then
    cp "$SPEC" "$WORK/openapi.json"
else
    "$VENV/bin/python" "$HERE/prepare_openapi.py" "$SPEC" "$WORK/openapi.json" >&2
fi

# 3. Generate. Every warning is a piece of the API the client would lack: fail on any.
set +e
(cd "$WORK" && openapi-python-client generate --path "$WORK/openapi.json" --config "$CONFIG" \
    --meta pdm --output-path "$WORK/out") >"$WORK/generate.log" 2>&1
status=$?
set -e
if [[ $MODE == unpatched ]]; then
    cat "$WORK/generate.log"
    rm -rf "$UNPATCHED_DIR" && mkdir -p "$(dirname "$UNPATCHED_DIR")" && cp -R "$WORK/out" "$UNPATCHED_DIR"
    echo "generated from the unpatched document into $UNPATCHED_DIR (exit $status)" >&2
    exit 0
fi
if [[ $status -ne 0 ]] || grep -qiE 'warning|error|not in PATH' "$WORK/generate.log"; then
    cat "$WORK/generate.log" >&2
    echo "openapi-python-client $GENERATOR_VERSION did not generate the whole client (exit $status)" >&2
    exit 1
fi

# 4. The generated part of clients/python: the package, pyproject.toml, .gitignore. The README, this
#    script, the config and prepare_openapi.py are written by hand and stay.
GENERATED=(loupe_client pyproject.toml .gitignore)
if [[ $MODE == check ]]; then
    stale=0
    for path in "${GENERATED[@]}"; do
        diff -r -q -x __pycache__ "$WORK/out/$path" "$HERE/$path" >&2 || stale=1
    done
    if [[ $stale -ne 0 ]]; then
        echo "clients/python is out of date with openapi.json: run clients/python/regenerate.sh" >&2
        exit 1
    fi
    echo "clients/python is up to date with openapi.json (openapi-python-client $GENERATOR_VERSION)"
    exit 0
fi
for path in "${GENERATED[@]}"; do
    rm -rf "${HERE:?}/$path"
    cp -R "$WORK/out/$path" "$HERE/$path"
done
echo "regenerated $HERE/loupe_client: $(find "$HERE/loupe_client" -name '*.py' | wc -l) modules, $(find "$HERE/loupe_client" -name '*.py' -exec cat {} + | wc -l) lines (openapi-python-client $GENERATOR_VERSION)"
