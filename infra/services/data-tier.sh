#!/usr/bin/env bash
# The data tier (tests on the team's real data in ../shared/data): run when the data is beside the
# checkout, and say plainly when it is not (a user's checkout has none; everything else works).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ -d ../shared/data ]]; then
  NODE_OPTIONS='--experimental-vm-modules --no-warnings' npx jest --selectProjects data
else
  echo "[data-tier] ../shared/data is not beside this checkout: the data tier (*.data.test.ts) was not run" >&2
fi
