#!/usr/bin/env bash
# Fetches the Apache Kafka broker (KRaft) and its dependencies from Maven Central into
#   ${SC_KAFKA_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/streamcanvas/kafka-VERSION}/libs
# for the real-broker test fixture (tests/kafka/kafka-fixture.sh). The version and the artifacts
# are those of installers/kafka/pom.xml. A stamp file makes a second run return at once; it is
# rewritten whenever the pom changes. Needs java and mvn (installers/install-deps.sh installs them).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=installers/lib-fetch.sh
source "$here/lib-fetch.sh"
fetch_maven_libs kafka "Apache Kafka" "$here/kafka/pom.xml" "${SC_KAFKA_HOME:-}" \
  kafka_2.13-VERSION.jar
