#!/usr/bin/env bash
# Installs every build, test and run-time dependency of StreamCanvas from Debian 12 packages,
# then the Apache Kafka broker jars the real-broker tests run (installers/fetch-kafka.sh) and the
# Apache Flink jars the Flink SQL export tests run (installers/fetch-flink.sh).
# This is the single list of packages: the README's commands, CI and
# installers/check-fresh-install.sh all go through it. Safe to run twice.
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps.sh: run as root (or with sudo)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
pkgs=(
  build-essential cmake ninja-build ccache pkg-config clang
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools libgl-dev
  # Qt's own German and French texts (standard buttons, file dialogs) for the designer.
  qt6-translations-l10n
  # qt6-charts-dev's CMake config needs Qt6OpenGL but the package does not depend on it.
  libqt6opengl6-dev
  librdkafka-dev nlohmann-json3-dev libboost-dev libsimdjson-dev
  # streamcanvas-run --metrics-port serves HTTP with civetweb.
  libcivetweb-dev
  kcat xvfb xauth fonts-dejavu-core
  # Checks of the headless export (tst_headless): its run.sh and its systemd unit.
  shellcheck systemd
  # The real-broker test fixture: Kafka runs on Java 17, comes from Maven Central (fetch-kafka.sh)
  # and serves TLS with certificates openssl makes; the JDK (not only the JRE) runs the Java
  # client check in tests/kafka/ScramCheck.java as a source file.
  openjdk-17-jdk-headless maven openssl
  # The Debian packages (installers/CMakeLists.txt): rsvg-convert renders the designer's icons at
  # build time; tst_packages checks the packages with lintian, desktop-file-validate,
  # appstreamcli, update-mime-database and gio, and dpkg-shlibdeps (dpkg-dev) finds Depends.
  librsvg2-bin lintian desktop-file-utils appstream shared-mime-info libglib2.0-bin dpkg-dev
)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps.sh: installing ${missing[*]}"
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "install-deps.sh: all ${#pkgs[@]} Debian packages are installed"
fi
bash "$(dirname "${BASH_SOURCE[0]}")/fetch-kafka.sh"
# Apache Flink for the flink-labelled tests of the Flink SQL export (tests/flink/).
bash "$(dirname "${BASH_SOURCE[0]}")/fetch-flink.sh"
