# shellcheck shell=bash
# Shared by fetch-kafka.sh and fetch-flink.sh (sourced, not run): fetches the runtime jars of a
# Maven project (a pom listing the artifacts, its version in a <NAME.version> property) from Maven
# Central into HOME/libs, where HOME is the caller's override or
#   ${XDG_CACHE_HOME:-$HOME/.cache}/streamcanvas/NAME-VERSION
# A stamp file makes a second run return at once; it is rewritten whenever the pom changes. The
# jars land in a staging folder that replaces libs only once Maven succeeded and the main jar is
# there, so an interrupted fetch never leaves a half-filled libs. Needs java and mvn
# (installers/install-deps.sh installs them).

# fetch_maven_libs NAME PRODUCT POM HOME_OVERRIDE MAIN_JAR
#   NAME           short name: the <NAME.version> property, the cache folder, the stamp
#   PRODUCT        name in messages ("Apache Kafka")
#   POM            the Maven project whose runtime dependencies are fetched
#   HOME_OVERRIDE  the folder to fetch into instead of the cache (SC_KAFKA_HOME...), or ""
#   MAIN_JAR       a jar that must be among the copied ones; VERSION in it stands for the version
fetch_maven_libs() {
  local name=$1 product=$2 pom=$3 override=$4 main_jar=$5
  local me version home libs stamp want
  me=fetch-$name.sh
  version=$(sed -n "s:.*<$name.version>\(.*\)</$name.version>.*:\1:p" "$pom")
  if [ -z "$version" ]; then
    echo "$me: no <$name.version> in $pom" >&2
    return 1
  fi
  main_jar=${main_jar//VERSION/$version}
  home=${override:-${XDG_CACHE_HOME:-$HOME/.cache}/streamcanvas/$name-$version}
  libs=$home/libs
  stamp=$libs/.streamcanvas-stamp
  want="$name $version pom $(sha256sum "$pom" | cut -d' ' -f1)"

  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "$me: $product $version is already in $libs"
    return 0
  fi
  for tool in java mvn; do
    if ! command -v "$tool" >/dev/null; then
      echo "$me: '$tool' is missing: run 'bash installers/install-deps.sh' as root" \
        "(it installs openjdk-17-jdk-headless and maven, then calls this script)" >&2
      return 1
    fi
  done

  echo "$me: fetching $product $version (jars and dependencies) with Maven into $libs"
  mkdir -p "$home"
  # Global, for the trap: removed when the script ends (also by a signal) before the move below.
  fetch_staging=$(mktemp -d "$home/libs.XXXXXX")
  trap 'rm -rf "$fetch_staging"' EXIT
  # -B: no colours or progress bars in logs; -q: only errors. Maven keeps its download cache in
  # ~/.m2, so a refetch after the pom changed downloads only what is new.
  if ! mvn -B -q -Dstyle.color=never -f "$pom" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$fetch_staging" -Dmdep.useRepositoryLayout=false; then
    echo "$me: Maven could not fetch $product $version (is Maven Central reachable?)" >&2
    return 1
  fi
  # The Maven project builds nothing; drop the empty target/ folder it may leave beside the pom.
  rm -rf "$(dirname "$pom")/target"
  if [ ! -f "$fetch_staging/$main_jar" ]; then
    echo "$me: $main_jar is missing from what Maven copied" >&2
    return 1
  fi
  echo "$want" >"$fetch_staging/.streamcanvas-stamp"
  rm -rf "$libs"
  mv "$fetch_staging" "$libs"
  trap - EXIT
  echo "$me: $(find "$libs" -name '*.jar' | wc -l) jars ($(du -sh "$libs" | cut -f1)) in $libs"
}
