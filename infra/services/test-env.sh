#!/usr/bin/env bash
# Everything the full test suite needs on this kind of machine, idempotent:
#  - Debian's chromium and CJK fonts for the review page's browser test (installed when missing);
#  - Kafka, Elasticsearch and PostgreSQL, up and healthy (up.sh);
#  - the bge-small-zh embedding model (fetch-model.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

need_packages=()
command -v chromium >/dev/null 2>&1 || need_packages+=(chromium)
{ command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "noto.*cjk"; } || need_packages+=(fonts-noto-cjk)
if ((${#need_packages[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "[test-env] missing Debian packages: ${need_packages[*]} (run: sudo apt-get install -y ${need_packages[*]})" >&2
    exit 1
  fi
  echo "[test-env] installing ${need_packages[*]} from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi

bash "$here/up.sh" all
bash "$here/fetch-model.sh"
