#!/usr/bin/env bash
# Fetches Apache Flink (Table API, SQL planner, Kafka and filesystem connectors, JSON) from Maven
# Central into
#   ${SC_FLINK_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/streamcanvas/flink-VERSION}/libs
# for the flink-labelled tests, which run exported Flink SQL on a MiniCluster offline
# (tests/flink/). The version and the artifacts are those of tests/flink/pom.xml. A stamp file
# makes a second run return at once; it is rewritten whenever the pom changes.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=installers/lib-fetch.sh
source "$here/lib-fetch.sh"
fetch_maven_libs flink "Apache Flink" "$here/../tests/flink/pom.xml" "${SC_FLINK_HOME:-}" \
  flink-table-planner-loader-VERSION.jar
