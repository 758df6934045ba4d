#!/usr/bin/env bash
# Contract test: schemathesis against a live Loupe server, checking every native route against
# Sources/LoupeHTTP/OpenAPI/openapi.json. Exits non-zero on any failure.
#
#   Tests/Contract/run.sh BASE_URL LIVE_ADMIN_KEY        e.g. http://127.0.0.1:8080 live_…
#
# Environment (all optional):
#   LOUPE_CONTRACT_EXAMPLES    examples per operation (default 25)
#   LOUPE_CONTRACT_SEED        hypothesis seed (default 20261207: every run is the same)
#   LOUPE_CONTRACT_TIMEOUT     hard limit in seconds for the schemathesis run (default 170)
#   LOUPE_CONTRACT_REPORT_DIR  where the JUnit report and the failures' reproductions go (default: a temp dir)
#   LOUPE_CONTRACT_VENV        virtualenv for the pinned schemathesis (default ~/.cache/loupe-contract/venv-<version>)
set -euo pipefail

SCHEMATHESIS_VERSION=4.32.5

if [[ $# -ne 2 ]]; then
    echo "usage: $0 BASE_URL LIVE_ADMIN_KEY" >&2
    exit 2
fi
BASE_URL=${1%/}
KEY=$2
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SPEC=$ROOT/Sources/LoupeHTTP/OpenAPI/openapi.json
EXAMPLES=${LOUPE_CONTRACT_EXAMPLES:-25}
SEED=${LOUPE_CONTRACT_SEED:-20261207}
TIMEOUT=${LOUPE_CONTRACT_TIMEOUT:-170}
REPORT_DIR=${LOUPE_CONTRACT_REPORT_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/loupe-contract.XXXXXX")}
mkdir -p "$REPORT_DIR"

# 1. The pinned schemathesis: already installed, else in a virtualenv of its own.
st_version() { "$1" -c 'import schemathesis, importlib.metadata as m; print(m.version("schemathesis"))' 2>/dev/null || true; }
PYTHON=python3
if [[ $(st_version python3) != "$SCHEMATHESIS_VERSION" ]]; then
    VENV=${LOUPE_CONTRACT_VENV:-$HOME/.cache/loupe-contract/venv-$SCHEMATHESIS_VERSION}
    if [[ $(st_version "$VENV/bin/python") != "$SCHEMATHESIS_VERSION" ]]; then
        echo "Installing schemathesis $SCHEMATHESIS_VERSION into $VENV" >&2
        if python3 -m venv "$VENV" >/dev/null 2>&1; then
            "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
        else
            # No venv module (Debian without python3-venv): install for this user instead.
            python3 -m pip install --quiet --disable-pip-version-check --user "schemathesis==$SCHEMATHESIS_VERSION"
        fi
    fi
    if [[ $(st_version "$VENV/bin/python") == "$SCHEMATHESIS_VERSION" ]]; then PYTHON=$VENV/bin/python; fi
fi
[[ $(st_version "$PYTHON") == "$SCHEMATHESIS_VERSION" ]] || { echo "cannot install schemathesis $SCHEMATHESIS_VERSION" >&2; exit 1; }

# 2. The document describes exactly the routes OpenAPIDocument.operations lists, and is valid JSON.
"$PYTHON" - "$SPEC" "$ROOT/Sources/LoupeHTTP/Support/OpenAPIDocument.swift" <<'EOF'
import json, re, sys
doc = json.load(open(sys.argv[1]))
swift = set(re.findall(r'\.init\(\s*method: "(\w+)",\s*path: "([^"]+)"', open(sys.argv[2]).read()))
described = {(method, path) for path, item in doc["paths"].items() for method in item}
if not swift or swift != described:
    print("openapi.json and OpenAPIDocument.operations disagree:", file=sys.stderr)
    for method, path in sorted(swift - described): print(f"  not described: {method.upper()} {path}", file=sys.stderr)
    for method, path in sorted(described - swift): print(f"  not a route:   {method.upper()} {path}", file=sys.stderr)
    sys.exit(1)
print(f"openapi.json describes all {len(swift)} operations")
EOF

# 3. A worker-and-reviewer session for the session-only routes, a second one for logout to end, and a
#    key for revokeKey to revoke (schemathesis.toml pins it there).
curl_json() { curl -sS --max-time 10 -w '\n%{http_code}' "$@"; }
field() { "$PYTHON" -c 'import json,sys; print(json.loads(sys.stdin.read())[sys.argv[1]])' "$1"; }
EMAIL="contract-$(date +%s)-$RANDOM@example.com"
PASSWORD="contract-$RANDOM$RANDOM-password"
answer=$(curl_json -u "$KEY:" -H 'content-type: application/json' "$BASE_URL/api/v1/users" \
    -d "{\"email\": \"$EMAIL\", \"password\": \"$PASSWORD\", \"roles\": [\"worker\", \"reviewer\"]}")
if [[ ${answer##*$'\n'} != 201 ]]; then
    echo "cannot create the contract user (is $BASE_URL up, and the key a live admin key?): ${answer%$'\n'*}" >&2
    exit 1
fi
login() {
    local attempt answer
    for attempt in 1 2 3 4 5 6; do
        answer=$(curl_json -H 'content-type: application/json' "$BASE_URL/api/v1/auth/token" \
            -d "{\"email\": \"$EMAIL\", \"password\": \"$PASSWORD\"}")
        case ${answer##*$'\n'} in
            200) printf '%s' "${answer%$'\n'*}" | field token; return 0 ;;
            # An earlier run's failed logins from this address may still count: wait them out briefly.
            429) sleep 10 ;;
            *) break ;;
        esac
    done
    echo "cannot log in the contract user: ${answer%$'\n'*}" >&2
    return 1
}
answer=$(curl_json -u "$KEY:" -H 'content-type: application/json' "$BASE_URL/api/v1/keys" \
    -d '{"name": "contract-revoke-target", "role": "read_only"}')
[[ ${answer##*$'\n'} == 201 ]] || { echo "cannot create the key to revoke: ${answer%$'\n'*}" >&2; exit 1; }
LOUPE_CONTRACT_REVOKE_ID=$(printf '%s' "${answer%$'\n'*}" | field id)
LOUPE_CONTRACT_SESSION=$(login)
LOUPE_CONTRACT_LOGOUT_SESSION=$(login)
export LOUPE_CONTRACT_KEY=$KEY LOUPE_CONTRACT_SESSION LOUPE_CONTRACT_LOGOUT_SESSION LOUPE_CONTRACT_REVOKE_ID

# 4. Every check, a bounded number of examples per operation, a hard time limit.
cd "$REPORT_DIR"
set +e
timeout --signal=INT --kill-after=15 "$TIMEOUT" \
    "$PYTHON" -m schemathesis.cli --config-file "$HERE/schemathesis.toml" run "$SPEC" \
    --url "$BASE_URL" \
    --checks all \
    --exclude-checks unsupported_method,allow_header_conformance \
    --max-examples "$EXAMPLES" \
    --seed "$SEED" \
    --workers "${LOUPE_CONTRACT_WORKERS:-1}" \
    --request-timeout 20 \
    --suppress-health-check all \
    --no-color \
    --report junit,pytest \
    --report-dir "$REPORT_DIR"
status=$?
set -e
if [[ $status -eq 124 || $status -eq 130 ]]; then
    echo "schemathesis did not finish within ${TIMEOUT}s" >&2
    status=1
fi
echo "reports: $REPORT_DIR" >&2
exit $status
