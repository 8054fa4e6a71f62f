#!/usr/bin/env bash
# Installs what kubeling's tests need on a fresh machine of this kind and checks the rest.
# Safe to run again: it only installs what is missing.
set -euo pipefail
need() { command -v "$1" >/dev/null 2>&1; }
if ! need kubectl; then
  echo "setup: kubectl is not on the PATH; the end-to-end tests need kubectl v1.32" >&2
  exit 1
fi
# better-sqlite3 builds from source with node-gyp (python3, make, g++); check they exist.
for tool in python3 make g++; do
  if ! need "$tool"; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && apt-get install -y -qq python3 make g++ >/dev/null
      break
    fi
    echo "setup: $tool is missing and we are not root to install it" >&2
    exit 1
  fi
done
