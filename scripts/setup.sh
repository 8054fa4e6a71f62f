#!/usr/bin/env bash
# Installs what kubeling's tests need on a fresh machine of this kind and checks the rest.
# Safe to run again: it only installs what is missing.
set -euo pipefail
need() { command -v "$1" >/dev/null 2>&1; }
apt_updated=
apt_install() {
  [ -n "$apt_updated" ] || { apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
if ! need kubectl; then
  echo "setup: kubectl is not on the PATH; the end-to-end tests need kubectl v1.32" >&2
  exit 1
fi
# better-sqlite3 builds from source with node-gyp (python3, make, g++); check they exist.
for tool in python3 make g++; do
  if ! need "$tool"; then
    if [ "$(id -u)" = 0 ]; then
      apt_install python3 make g++
      break
    fi
    echo "setup: $tool is missing and we are not root to install it" >&2
    exit 1
  fi
done
# Real containers and the test images (test/images/): runc, conmon, catatonit (the PID 1 of a pod
# that shares its PID namespace), the CNI plugins, iptables and iproute2 for the oci runtime;
# docker-registry, busybox-static and nginx-light for the loopback registry that mirrors
# docker.io in tests. Installed as root when missing, with one apt-get update.
missing=()
for pkg in runc conmon catatonit containernetworking-plugins docker-registry busybox-static nginx-light iptables iproute2; do
  [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" = 'install ok installed' ] || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && need apt-get; then
    # The packages' services (nginx on :80, the registry on :5000) must not start: tests run their own.
    policy=/usr/sbin/policy-rc.d
    if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && trap 'rm -f "$policy"' EXIT; fi
    apt_install "${missing[@]}"
  else
    echo "setup: not installed: ${missing[*]} (tests that need them are skipped; run this script as root to install them)" >&2
  fi
fi
