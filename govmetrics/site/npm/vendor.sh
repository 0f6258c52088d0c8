#!/usr/bin/env bash
# Refresh the site's vendored browser libraries from npm, at the versions package-lock.json records.
# npm runs in a scratch directory, so no node_modules/ is left in the tree; only the built files and
# their licences are copied into ../static/vendor/.  To move to a new version, change package.json and
# run with UPDATE=1 (npm install rewrites the lock); otherwise `npm ci` installs the locked versions.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dest="$here/../static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/package.json" "$here/package-lock.json" "$work/" 2>/dev/null || cp "$here/package.json" "$work/"
cd "$work"
if [[ "${UPDATE:-0}" == 1 || ! -f package-lock.json ]]; then
  npm install --no-audit --no-fund --ignore-scripts
  cp package-lock.json "$here/package-lock.json"
else
  npm ci --no-audit --no-fund --ignore-scripts
fi
m=node_modules
mkdir -p "$dest"
# Source-map comments are dropped: the maps are not shipped, and a browser must not ask for them.
sed '/^\/\/# sourceMappingURL=/d' "$m/chart.js/dist/chart.umd.min.js" > "$dest/chart.umd.min.js"
cp "$m/chart.js/LICENSE.md" "$dest/chart.js.LICENSE.md"
cp "$m/@kurkle/color/LICENSE" "$dest/kurkle-color.LICENSE.md"  # bundled inside chart.umd.min.js
ms_version="$(node -p "require('./$m/minisearch/package.json').version")"
{
  echo "/*! MiniSearch v$ms_version | MIT License | minisearch.LICENSE.txt */"
  "$m/.bin/terser" "$m/minisearch/dist/umd/index.js" --compress --mangle
} > "$dest/minisearch.min.js"
cp "$m/minisearch/LICENSE.txt" "$dest/minisearch.LICENSE.txt"
for pkg in chart.js minisearch; do
  node -e "const p=require('./$m/$pkg/package.json'); console.log(p.name+'@'+p.version+' ('+p.license+')')"
done > "$dest/VERSIONS.txt"
echo "vendored into $dest:"
ls -l "$dest"
