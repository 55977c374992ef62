#!/usr/bin/env bash
# The social map's map library, Leaflet from npm (pinned in src/Modules/SocialMap/SocialMap/map/
# package-lock.json), copied into the SocialMap module's wwwroot/lib/leaflet, which the host serves
# as /_content/Schakel.SocialMap/lib/leaflet/. ./run.sh and ./test.sh run this before they build.
# Quick when nothing changed. Without npm it warns and stops: the page then shows its list without the map.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODULE="$ROOT/src/Modules/SocialMap/SocialMap"
MAP="$MODULE/map"
TARGET="$MODULE/wwwroot/lib/leaflet"

if ! command -v npm >/dev/null 2>&1; then
    echo "warning: npm not found, so the social map is shown without its map (install Node.js and npm, then run $0)." >&2
    exit 0
fi

# npm ci only when the pinned version changed or nothing is installed yet.
if [[ ! -f $MAP/node_modules/.package-lock.json || $MAP/package-lock.json -nt $MAP/node_modules/.package-lock.json ]]; then
    echo "Installing the map library (npm ci in ${MAP#"$ROOT"/})"
    (cd "$MAP" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

DIST="$MAP/node_modules/leaflet/dist"
if [[ ! -f $DIST/leaflet.js ]]; then
    echo "error: $DIST/leaflet.js is missing after npm ci" >&2
    exit 1
fi

# Copy with timestamps kept, so that an unchanged library does not make the build redo its static assets.
mkdir -p "$TARGET"
if ! diff -rq "$DIST/images" "$TARGET/images" >/dev/null 2>&1 \
    || ! cmp -s "$DIST/leaflet.js" "$TARGET/leaflet.js" || ! cmp -s "$DIST/leaflet.css" "$TARGET/leaflet.css" \
    || ! cmp -s "$MAP/node_modules/leaflet/LICENSE" "$TARGET/LICENSE"; then
    rm -rf "$TARGET"
    mkdir -p "$TARGET"
    cp -p "$DIST/leaflet.js" "$DIST/leaflet.css" "$MAP/node_modules/leaflet/LICENSE" "$TARGET/"
    cp -rp "$DIST/images" "$TARGET/images"
    echo "Copied Leaflet $(node -p "require('$MAP/node_modules/leaflet/package.json').version" 2>/dev/null || echo '') into ${TARGET#"$ROOT"/}"
fi
