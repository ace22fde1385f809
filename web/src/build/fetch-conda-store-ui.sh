#!/usr/bin/env bash
# Puts conda-store's published UI (the npm package @conda-store/conda-store-ui) into the WAR's web resources.
# The tarball is fetched once with `npm pack` into a cache that survives `mvn clean`, checked against the pinned
# npm integrity (sha512) every time, and only its bundle (main.js, main.css and their licence texts) is unpacked.
#   fetch-conda-store-ui.sh VERSION INTEGRITY CACHE_DIR OUT_DIR
set -euo pipefail
version="$1" integrity="$2" cache="$3" out="$4"
tarball="$cache/conda-store-ui-$version.tgz"

integrity_of() { echo "sha512-$(openssl dgst -sha512 -binary "$1" | base64 | tr -d '\n')"; }

if [ ! -f "$tarball" ] || [ "$(integrity_of "$tarball")" != "$integrity" ]; then
  command -v npm >/dev/null || { echo "fetch-conda-store-ui: npm is needed once to fetch the UI into $cache" >&2; exit 1; }
  mkdir -p "$cache"
  work="$(mktemp -d "$cache/.pack.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  echo "fetch-conda-store-ui: npm pack @conda-store/conda-store-ui@$version"
  (cd "$work" && npm pack --silent "@conda-store/conda-store-ui@$version" >/dev/null)
  got="$(integrity_of "$work"/*.tgz)"
  if [ "$got" != "$integrity" ]; then
    echo "fetch-conda-store-ui: integrity mismatch for @conda-store/conda-store-ui@$version: expected $integrity, got $got" >&2
    exit 1
  fi
  mv "$work"/*.tgz "$tarball"
fi

target="$out/conda-store/static/conda-store-ui"
stamp="$out.integrity"  # beside the web resources, not among them
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$integrity" ]; then
  exit 0
fi
rm -rf "$target"
mkdir -p "$target"
tar -xzf "$tarball" -C "$target" --strip-components=2 package/dist/main.js package/dist/main.css package/dist/main.js.LICENSE.txt
tar -xzf "$tarball" -C "$target" --strip-components=1 package/LICENSE
echo "$integrity" > "$stamp"
