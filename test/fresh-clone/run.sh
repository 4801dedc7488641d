#!/usr/bin/env bash
# Fresh-clone check (CI): clone the committed repo to a temp dir, `npm install`, `npm start` in the background on a
# free port with nothing configured, and require /healthz and the emulator page to answer within a minute.
# Prints one line "fresh-clone: N passed, N failed" last; exit status 0 only when it passed.
#
# Speed: npm installs from its cache (--prefer-offline). better-sqlite3 compiles from source on these machines
# (~75 s); when this checkout already holds a build of the same version, it is copied instead of rebuilt.
# FRESH_CLONE_FULL=1 does the plain `npm install` with every install script.
set -uo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/chatcrm-fresh-clone.XXXXXX)
pid=""
log="$work/start.log"

finish() {
  local ok=$1 why=${2:-}
  if [ -n "$pid" ]; then kill -TERM -- "-$pid" 2>/dev/null; sleep 1; kill -KILL -- "-$pid" 2>/dev/null; fi
  if [ "$ok" = 1 ]; then
    rm -rf "$work"
    echo "fresh-clone: 1 passed, 0 failed"
    exit 0
  fi
  echo "fresh-clone FAILED: $why"
  [ -f "$log" ] && { echo "--- npm start output (last 40 lines)"; tail -n 40 "$log"; }
  rm -rf "$work"
  echo "fresh-clone: 0 passed, 1 failed"
  exit 1
}

echo "== fresh clone of $(git -C "$src" rev-parse --short HEAD) into $work"
git clone -q "$src" "$work/chatcrm" || finish 0 "git clone"
cd "$work/chatcrm" || finish 0 "cd"

echo "== npm install"
started=$(date +%s)
bs_version=$(node -p 'require("./package-lock.json").packages["node_modules/better-sqlite3"]?.version ?? ""' 2>/dev/null)
have_version=$(node -p "require('$src/node_modules/better-sqlite3/package.json').version" 2>/dev/null || true)
if [ "${FRESH_CLONE_FULL:-0}" != 1 ] && [ -n "$bs_version" ] && [ "$bs_version" = "$have_version" ] && [ -f "$src/node_modules/better-sqlite3/build/Release/better_sqlite3.node" ]; then
  npm install --no-audit --no-fund --prefer-offline --ignore-scripts >"$work/install.log" 2>&1 || { tail -n 30 "$work/install.log"; finish 0 "npm install"; }
  mkdir -p node_modules/better-sqlite3/build
  cp -r "$src/node_modules/better-sqlite3/build/Release" node_modules/better-sqlite3/build/ || finish 0 "copy better-sqlite3 build"
  # Every other package's install script still runs (only better-sqlite3's compile is skipped).
  npm rebuild --no-audit --no-fund $(node -e '
    const lock = require("./package-lock.json");
    const names = Object.entries(lock.packages).filter(([p, v]) => p && v.hasInstallScript && !p.endsWith("better-sqlite3")).map(([p]) => p.replace(/^.*node_modules\//, ""));
    console.log([...new Set(names)].join(" "));') >>"$work/install.log" 2>&1 || { tail -n 30 "$work/install.log"; finish 0 "npm rebuild"; }
else
  npm install --no-audit --no-fund --prefer-offline >"$work/install.log" 2>&1 || { tail -n 30 "$work/install.log"; finish 0 "npm install"; }
fi
echo "   installed in $(( $(date +%s) - started )) s"

port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
echo "== npm start on port $port (nothing configured)"
# Its own process group, so stopping it stops npm, tsx and node together.
setsid env -u DATABASE_URL -u WECOM_CORP_ID -u DINGTALK_APP_KEY PORT="$port" npm start >"$log" 2>&1 &
pid=$!

deadline=$(( $(date +%s) + 60 ))
health=""; page=""
while [ "$(date +%s)" -lt "$deadline" ]; do
  kill -0 "$pid" 2>/dev/null || finish 0 "npm start exited early"
  [ -z "$health" ] && curl -fsS "http://127.0.0.1:$port/healthz" 2>/dev/null | grep -q '"status":"ok"' && health=ok
  [ -n "$health" ] && [ -z "$page" ] && curl -fsS "http://127.0.0.1:$port/" 2>/dev/null | grep -q '/emulator/assets/app.js' && page=ok
  [ -n "$health" ] && [ -n "$page" ] && break
  sleep 1
done
[ -n "$health" ] || finish 0 "/healthz did not answer ok within 60 s"
[ -n "$page" ] || finish 0 "the emulator page did not answer within 60 s"
echo "   /healthz ok, emulator page ok after $(( $(date +%s) - deadline + 60 )) s"
grep -q "localhost:$port" "$log" || finish 0 "the startup banner does not say where to go"
finish 1
