#!/usr/bin/env bash
# SDK smoke test: installs the generated Python client (clients/python, module loupe_client) into a
# fresh virtualenv and drives a live Loupe server with it (Tests/SDK/smoke.py). Exits non-zero on any
# failure.
#
#   Tests/SDK/run.sh BASE_URL API_KEY        e.g. http://127.0.0.1:8080 live_…
#
# The key needs to create projects and tasks (an admin or requester key). The run leaves one
# archived project with one canceled task behind.
#
# Environment (optional):
#   LOUPE_SDK_VENV     an existing virtualenv to install into and reuse (default: a temp one, removed after)
#   LOUPE_SDK_TIMEOUT  hard limit in seconds for smoke.py (default 120)
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 BASE_URL API_KEY" >&2
    exit 2
fi
BASE_URL=${1%/}
KEY=$2
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CLIENT=$ROOT/clients/python
TIMEOUT=${LOUPE_SDK_TIMEOUT:-120}

# 1. The server is up.
if ! curl -fsS --max-time 10 "$BASE_URL/health" >/dev/null; then
    echo "no Loupe server answers at $BASE_URL/health" >&2
    exit 1
fi

# 2. The client, installed as a user would (`pip install ./clients/python`): into a virtualenv of its
#    own, or for this user where python3 has no venv module (Debian without python3-venv).
BUILD=$(mktemp -d "${TMPDIR:-/tmp}/loupe-sdk.XXXXXX")
trap 'rm -rf "$BUILD"' EXIT
PYTHON=python3
PIP_USER=()
if [[ -n ${LOUPE_SDK_VENV:-} ]]; then
    [[ -x $LOUPE_SDK_VENV/bin/python ]] || python3 -m venv "$LOUPE_SDK_VENV"
    PYTHON=$LOUPE_SDK_VENV/bin/python
elif python3 -m venv "$BUILD/venv" >/dev/null 2>&1; then
    PYTHON=$BUILD/venv/bin/python
else
    echo "no venv module: installing loupe-client for this user" >&2
    PIP_USER=(--user)
fi
# A reused environment may hold an older build of the same version: take it out first.
if [[ $PYTHON != "$BUILD/venv/bin/python" ]]; then
    "$PYTHON" -m pip uninstall --quiet --disable-pip-version-check --yes loupe-client >/dev/null 2>&1 || true
fi
# Build from a copy, so that pip's build leaves nothing in the tree.
cp -R "$CLIENT" "$BUILD/client"
rm -rf "$BUILD/client/build" "$BUILD/client/"*.egg-info
"$PYTHON" -m pip install --quiet --disable-pip-version-check "${PIP_USER[@]}" "$BUILD/client" \
    || { echo "cannot install $CLIENT" >&2; exit 1; }
"$PYTHON" -c 'import importlib.metadata as m, loupe_client; print("loupe-client", m.version("loupe-client"), "from", loupe_client.__file__)'

# 3. The smoke test, from a directory without the client's source, so the installed package is the one tested.
cd "$BUILD"
set +e
timeout --kill-after=10 "$TIMEOUT" "$PYTHON" "$HERE/smoke.py" "$BASE_URL" "$KEY"
status=$?
set -e
if [[ $status -eq 124 ]]; then
    echo "smoke.py did not finish within ${TIMEOUT}s" >&2
    status=1
fi
exit $status
