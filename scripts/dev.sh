#!/usr/bin/env bash
# The project's two commands on a fresh machine (see README):
#
#   bash scripts/dev.sh example   # the main job: build the packages and run the examples
#   bash scripts/dev.sh test      # everything CI checks
#   bash scripts/dev.sh bench     # the benchmarks (not part of the tests)
#
# Each puts Node >= 22 and pnpm on PATH (scripts/ensure-node.sh), installs the locked dependencies,
# then runs the package script of the same name.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/ensure-node.sh
source scripts/ensure-node.sh
echo "node $(node --version), pnpm $(pnpm --version)"
pnpm install --frozen-lockfile
case "${1:-test}" in
  test) pnpm run test ;;
  example) pnpm run build && pnpm run example ;;
  bench) pnpm run bench ;;
  *) pnpm run "$@" ;;
esac
