#!/usr/bin/env bash
# Builds the two Debian packages with cpack in a configured, built build tree and checks them:
#   - streamcanvas-runner: Depends names no Qt library, and the installed streamcanvas-run links
#     none (objdump's NEEDED entries and ldd's whole closure);
#   - streamcanvas: Depends has Qt (so the check above can tell the two apart), qt6-qpa-plugins,
#     the desktop entry passes desktop-file-validate, the AppStream metadata appstreamcli validate,
#     every hicolor icon has its size, the MIME type makes the example pipelines
#     application/x-streamcanvas-pipeline and the desktop entry opens that type;
#   - lintian reports no error on either (warnings are printed, see installers/README.md).
#   - every install() rule belongs to one of the two packages (its COMPONENT).
# Usage: installers/check-packages.sh BUILD_DIR [--no-cpack]   (--no-cpack: check the .debs there)
# The ctest test tst_packages (label package) runs it; the tools come from install-deps.sh.
set -euo pipefail
build=${1:?usage: check-packages.sh BUILD_DIR [--no-cpack]}
build=$(cd "$build" && pwd)
src=$(cd "$(dirname "$0")/.." && pwd)
app_id=org.streamcanvas.StreamCanvas
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok:   $*"; }

for tool in cpack dpkg-deb objdump ldd lintian desktop-file-validate update-desktop-database appstreamcli \
  update-mime-database; do
  command -v "$tool" > /dev/null || { echo "check-packages.sh: $tool is missing (bash installers/install-deps.sh)"; exit 1; }
done

# Every install() rule must name the package it belongs to (COMPONENT runner or designer): a rule
# without one lands in the component "Unspecified", which neither package holds.
# Folders that tests running alongside create and remove (the real broker's state, checkpoints)
# are pruned. A folder can still vanish between find listing it and looking at it (real_kafka_start
# making its folder: "No such file or directory", even with -ignore_readdir_race), so that error
# alone is tolerated; any other error of find fails the check.
find_errors=$(mktemp)
installs=$(find "$build" \( -path "$build/real-kafka*" -o -path "$build/test-state" -o \
  -path '*/_CPack_Packages' \) -prune -o -name cmake_install.cmake -print 2> "$find_errors" || true)
if grep -v 'No such file or directory' "$find_errors" | grep -q .; then
  cat "$find_errors"
  rm -f "$find_errors"
  fail "cannot list the build tree's install rules"
fi
rm -f "$find_errors"
components=$(printf '%s\n' "$installs" | grep . | tr '\n' '\0' |
  xargs -0 grep -ho 'CMAKE_INSTALL_COMPONENT STREQUAL "[^"]*"' |
  sed 's/.*STREQUAL "\(.*\)"/\1/' | sort -u | tr '\n' ' ')
for c in $components; do
  case "$c" in
    runner | designer) ;;
    *) fail "install() rules of component '$c' are in no package: give them COMPONENT runner or designer" ;;
  esac
done

if [ "${2:-}" != --no-cpack ]; then
  for bin in app/runner/streamcanvas-run app/designer/streamcanvas; do
    [ -x "$build/$bin" ] || { echo "check-packages.sh: $build/$bin is not built (cmake --build $build --target deb-packages)"; exit 1; }
  done
  rm -f "$build"/packages/*.deb
  t0=$(date +%s)
  (cd "$build" && cpack --config CPackConfig.cmake -G DEB) > "$build/packages-cpack.log" 2>&1 ||
    { tail -n 40 "$build/packages-cpack.log"; echo "FAIL: cpack (log: $build/packages-cpack.log)"; exit 1; }
  echo "cpack: $(($(date +%s) - t0)) s"
fi
runner_deb=$(ls "$build"/packages/streamcanvas-runner_*.deb 2> /dev/null | head -n 1)
designer_deb=$(ls "$build"/packages/streamcanvas_*.deb 2> /dev/null | head -n 1)
[ -n "$runner_deb" ] && [ -n "$designer_deb" ] || { echo "FAIL: no packages in $build/packages"; exit 1; }
echo "packages: $(basename "$runner_deb") $(basename "$designer_deb")"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -x "$runner_deb" "$work/runner"
dpkg-deb -x "$designer_deb" "$work/designer"

# --- the runner: no Qt ------------------------------------------------------------------------------
depends=$(dpkg-deb -f "$runner_deb" Depends)
echo "streamcanvas-runner Depends: $depends"
qt_pattern='(^|[^a-z])(libqt|qt6|qt5)'
if grep -qiE "$qt_pattern" <<< "$depends"; then fail "the runner package depends on Qt"; else pass "runner Depends names no Qt package"; fi
grep -q 'librdkafka' <<< "$depends" && pass "runner Depends has librdkafka (shlibdeps ran)" ||
  fail "runner Depends lacks librdkafka: dpkg-shlibdeps did not run"
run_bin="$work/runner/usr/bin/streamcanvas-run"
[ -x "$run_bin" ] || fail "streamcanvas-run is not in the runner package at /usr/bin"
needed=$(objdump -p "$run_bin" | awk '$1 == "NEEDED" { print $2 }' | tr '\n' ' ')
echo "streamcanvas-run NEEDED: $needed"
if grep -qi 'libQt' <<< "$needed"; then fail "streamcanvas-run links Qt directly"; else pass "streamcanvas-run links no Qt library (objdump)"; fi
if ldd "$run_bin" | grep -qi 'libQt'; then fail "streamcanvas-run loads Qt through a dependency (ldd)"; else pass "no Qt in streamcanvas-run's library closure (ldd)"; fi
[ -f "$work/runner/usr/share/streamcanvas/examples/demo.json" ] && pass "runner ships the demo example" ||
  fail "the runner package lacks /usr/share/streamcanvas/examples/demo.json"

# --- the designer -----------------------------------------------------------------------------------
ddepends=$(dpkg-deb -f "$designer_deb" Depends)
echo "streamcanvas Depends: $ddepends"
echo "streamcanvas Recommends: $(dpkg-deb -f "$designer_deb" Recommends)"
grep -q 'libqt6widgets6' <<< "$ddepends" && pass "designer Depends has libqt6widgets6 (the no-Qt check can tell)" ||
  fail "designer Depends lacks libqt6widgets6"
grep -q 'qt6-qpa-plugins' <<< "$ddepends" && pass "designer Depends has qt6-qpa-plugins" || fail "designer Depends lacks qt6-qpa-plugins"
desktop="$work/designer/usr/share/applications/$app_id.desktop"
if desktop-file-validate "$desktop"; then pass "desktop-file-validate $app_id.desktop"; else fail "desktop-file-validate $app_id.desktop"; fi
grep -q '^MimeType=.*application/x-streamcanvas-pipeline;' "$desktop" && grep -q '^Exec=streamcanvas %f$' "$desktop" &&
  pass "the desktop entry opens application/x-streamcanvas-pipeline files (Exec=streamcanvas %f)" ||
  fail "the desktop entry does not open pipeline files"
if appstreamcli validate --no-net "$work/designer/usr/share/metainfo/$app_id.metainfo.xml"; then
  pass "appstreamcli validate $app_id.metainfo.xml"
else
  fail "appstreamcli validate $app_id.metainfo.xml"
fi
[ -f "$work/designer/usr/share/icons/hicolor/scalable/apps/$app_id.svg" ] && pass "scalable icon" || fail "no scalable icon"
for size in 16 22 24 32 48 64 128 256 512; do
  png="$work/designer/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
  # PNG IHDR: width and height are the big-endian 32-bit words at bytes 16 and 20.
  dims=$( [ -f "$png" ] && od -An -tu1 -j16 -N8 "$png" | awk '{ print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8 }')
  [ "$dims" = "${size}x${size}" ] || fail "icon ${size}x${size}: ${dims:-missing}"
done
pass "hicolor PNG icons checked (16 to 512)"
# The MIME type: installed alone into a scratch database, it must claim the example pipelines
# (named *.json) by content, and leave other JSON alone.
mkdir -p "$work/mime/mime/packages"
cp "$work/designer/usr/share/mime/packages/streamcanvas.xml" "$work/mime/mime/packages/"
cp /usr/share/mime/packages/freedesktop.org.xml "$work/mime/mime/packages/"
mime_log=$(update-mime-database "$work/mime/mime" 2>&1) || { echo "$mime_log"; fail "update-mime-database rejects streamcanvas.xml"; }
if command -v gio > /dev/null; then
  echo '{"name": "not a pipeline"}' > "$work/plain.json"
  echo '{"name": "no key first, named .sc.json"}' > "$work/named.sc.json"
  for f in "$src"/resources/examples/*.json "$work/named.sc.json" "$work/plain.json"; do
    type=$(XDG_DATA_HOME=$work/mime XDG_DATA_DIRS=$work/mime gio info -a standard::content-type "$f" | awk '/content-type/ { print $2 }')
    want=application/x-streamcanvas-pipeline
    [ "$f" = "$work/plain.json" ] && want=application/json
    [ "$type" = "$want" ] || fail "$(basename "$f") is $type, not $want"
  done
  pass "example pipelines and *.sc.json are application/x-streamcanvas-pipeline, other JSON stays application/json (gio)"
  # ... and that type opens in the designer: the default application GIO picks from the desktop
  # entry (TryExec needs streamcanvas on PATH).
  cp -r "$work/designer/usr/share/applications" "$work/mime/"
  update-desktop-database "$work/mime/applications"
  default_app=$(PATH=$work/designer/usr/bin:$PATH XDG_DATA_HOME=$work/mime XDG_DATA_DIRS=$work/mime \
    gio mime application/x-streamcanvas-pipeline | sed -n 1p)
  grep -q "$app_id.desktop" <<< "$default_app" && pass "$default_app" ||
    fail "pipeline files do not open in the designer: $default_app"
else
  grep -q 'application/x-streamcanvas-pipeline' "$work/mime/mime/types" && pass "MIME type compiled (no gio to test detection)" ||
    fail "MIME type missing from the compiled database"
fi

# --- lintian ----------------------------------------------------------------------------------------
for deb in "$runner_deb" "$designer_deb"; do
  echo "lintian $(basename "$deb"):"
  t0=$(date +%s)
  out=$(lintian --tag-display-limit 0 "$deb" 2>&1 | grep -v '^running with root privileges') || true
  [ -n "$out" ] && sed 's/^/  /' <<< "$out"
  if grep -q '^E: ' <<< "$out"; then fail "lintian reports errors on $(basename "$deb")"; else pass "lintian: no errors on $(basename "$deb") ($(($(date +%s) - t0)) s)"; fi
done

if [ "$failures" -gt 0 ]; then
  echo "check-packages.sh: $failures check(s) failed"
  exit 1
fi
echo "check-packages.sh: all checks passed"
