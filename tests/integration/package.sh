#!/usr/bin/env bash
# The Debian package (issue 18): `cpack -G DEB` in the build folder makes
# `vetrina`, dpkg installs it, the systemd unit passes `systemd-analyze
# verify` and its sandbox is scored by `systemd-analyze security`, and the
# installed binary, started exactly as the unit's ExecStart says (as an
# unprivileged user when run as root), answers /healthz for a built site.
#
# The package is installed into a private root (dpkg --root) so the test
# never changes the machine it runs on. With systemd as PID 1, root and
# VETRINA_PACKAGE_SYSTEM=1 it is also installed on the system and started
# with systemctl (then purged).
# Usage: package.sh VETRINA_BINARY SOURCE_DIR
VETRINA=$(realpath "$1")
SRC=$2
BUILD=$(dirname "$VETRINA")
source "$(dirname "$0")/lib.sh"
for tool in cpack dpkg dpkg-deb dpkg-shlibdeps systemd-analyze; do
  command -v "$tool" >/dev/null || fail "$tool is missing (scripts/install-deps.sh --tests installs it)"
done
make_temp

# --- Build the package ------------------------------------------------------------
(cd "$TMP" && cpack -G DEB --config "$BUILD/CPackConfig.cmake" -B "$TMP/pkg" >"$TMP/cpack.log" 2>&1) \
  || { tail -20 "$TMP/cpack.log" >&2; fail "cpack -G DEB failed"; }
deb=$(ls "$TMP"/pkg/vetrina_*.deb 2>/dev/null | head -1)
[[ -f "$deb" ]] || fail "cpack made no vetrina_*.deb: $(ls "$TMP/pkg")"
dpkg-deb -f "$deb" Package | grep -qx vetrina || fail "the package is not called vetrina"
dpkg-deb -f "$deb" Depends | grep -q libxapian || fail "Depends lacks libxapian: $(dpkg-deb -f "$deb" Depends)"
dpkg-deb -c "$deb" >"$TMP/contents"
for path in ./usr/bin/vetrina ./usr/share/vetrina/themes/etwinning/ ./usr/lib/systemd/system/vetrina.service \
    ./etc/default/vetrina ./usr/share/doc/vetrina/copyright ./usr/share/doc/vetrina/security.md; do
  grep -q " $path\$\| $path -> " "$TMP/contents" || fail "the package lacks $path"
done
dpkg-deb -e "$deb" "$TMP/control"
grep -qx /etc/default/vetrina "$TMP/control/conffiles" || fail "/etc/default/vetrina is not a conffile"

# --- Install it with dpkg into a private root ---------------------------------------
root="$TMP/root"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
force=(--force-depends --force-script-chrootless)
[[ $(id -u) == 0 ]] || force+=(--force-not-root)
dpkg --root="$root" --log="$TMP/dpkg.log" "${force[@]}" -i "$deb" >"$TMP/dpkg.out" 2>&1 \
  || { cat "$TMP/dpkg.out" >&2; fail "dpkg -i failed"; }
dpkg --root="$root" -s vetrina | grep -q '^Status: install ok installed' || fail "dpkg does not list vetrina as installed"
unit="$root/usr/lib/systemd/system/vetrina.service"
[[ -x "$root/usr/bin/vetrina" && -f "$unit" ]] || fail "the binary or the unit was not installed"

# --- The unit ---------------------------------------------------------------------------
# Verified with the host's units (targets, sockets) beside it; its ExecStart
# points into the private root (systemd-analyze checks that it is executable).
mkdir -p "$TMP/verify"
sed "s|/usr/bin/vetrina|$root/usr/bin/vetrina|" "$unit" >"$TMP/verify/vetrina.service"
systemd-analyze verify "$TMP/verify/vetrina.service" >"$TMP/verify.out" 2>&1 \
  || { cat "$TMP/verify.out" >&2; fail "systemd-analyze verify found problems in vetrina.service"; }
[[ ! -s "$TMP/verify.out" ]] || { cat "$TMP/verify.out" >&2; fail "systemd-analyze verify warned about vetrina.service"; }
for setting in DynamicUser=yes ProtectSystem=strict NoNewPrivileges=yes PrivateTmp=yes ReadOnlyPaths= \
    CapabilityBoundingSet= SystemCallFilter=@system-service; do
  grep -q "^$setting" "$unit" || fail "the unit lacks $setting"
done
systemd-analyze security --offline=yes "$TMP/verify/vetrina.service" >"$TMP/security" 2>&1 || true
score=$(sed -n 's/.*Overall exposure level for vetrina.service: \([0-9.]*\).*/\1/p' "$TMP/security")
[[ -n "$score" ]] || { tail -5 "$TMP/security" >&2; fail "systemd-analyze security gave no exposure level"; }
awk -v s="$score" 'BEGIN { exit !(s <= 2.0) }' || fail "the unit's exposure level is $score (bar: 2.0, 'OK')"

# --- A built site, served as the unit would --------------------------------------------
site="$TMP/srv"
bash "$SRC/tests/e2e/fixture.sh" good "$site-content"
"$root/usr/bin/vetrina" build --content "$site-content" --theme "$root/usr/share/vetrina/themes/etwinning" \
  --out "$site/public" --index "$site/.vetrina/index" --cache "$TMP/cache" >/dev/null
mv "$site-content" "$site/content"
chmod -R a+rX "$site"
PORT=$(free_port)
# The unit's Environment= defaults, then the site's settings (as /etc/default/vetrina).
declare -A env
while IFS= read -r line; do
  for pair in ${line#Environment=}; do env[${pair%%=*}]=${pair#*=}; done
done < <(grep '^Environment=' "$unit")
env[VETRINA_PORT]=$PORT
env[VETRINA_CONTENT]=$site/content
env[VETRINA_PUBLIC]=$site/public
env[VETRINA_INDEX]=$site/.vetrina/index
env[VETRINA_THEME]=$root${env[VETRINA_THEME]}
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
command=()
for word in $exec_start; do
  while [[ $word =~ \$\{([A-Z_]+)\} ]]; do
    word=${word/"${BASH_REMATCH[0]}"/${env[${BASH_REMATCH[1]}]}}
  done
  command+=("$word")
done
[[ ${command[0]} == /usr/bin/vetrina && ${command[1]} == serve ]] || fail "unexpected ExecStart: $exec_start"
command[0]="$root/usr/bin/vetrina"
as_user=()
if [[ $(id -u) == 0 ]] && command -v setpriv >/dev/null; then
  # DynamicUser: a user that owns nothing, without privileges or a way to gain them.
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups --no-new-privs --inh-caps=-all)
fi
(cd / && exec "${as_user[@]}" "${command[@]}") >"$TMP/serve.log" 2>&1 &
server=$!
PIDS+=("$server")
wait_for "http://127.0.0.1:$PORT/healthz" || { cat "$TMP/serve.log" >&2; fail "the installed service did not start"; }
health=$(curl -s --max-time 5 "http://127.0.0.1:$PORT/healthz")
[[ $health == *'"status":"ok"'* && $health == *"\"path\":\"$site/.vetrina/index\""* ]] \
  || fail "/healthz of the installed service: $health"
[[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/esperienze/orto-in-condotta/") == 200 ]] \
  || fail "the installed service does not serve a story page"
kill -TERM "$server"
code=0
wait "$server" || code=$?
[[ $code == 0 ]] || fail "the installed service exited $code on SIGTERM"
grep -q 'method=GET path=/healthz query_bytes=0 status=200' "$TMP/serve.log" || fail "no access-log line on stderr"

# --- On a machine run by systemd: the real thing -------------------------------------------
if [[ "${VETRINA_PACKAGE_SYSTEM:-0}" == 1 && $(id -u) == 0 && $(ps -p 1 -o comm=) == systemd ]]; then
  dpkg -i "$deb" >/dev/null
  trap 'systemctl stop vetrina 2>/dev/null; dpkg --purge vetrina >/dev/null 2>&1; rm -rf "$TMP"' EXIT
  printf 'VETRINA_PORT=%s\nVETRINA_CONTENT=%s\nVETRINA_PUBLIC=%s\nVETRINA_INDEX=%s\n' "$PORT" "$site/content" \
    "$site/public" "$site/.vetrina/index" >/etc/default/vetrina
  systemctl daemon-reload
  systemctl start vetrina
  wait_for "http://127.0.0.1:$PORT/healthz" || { journalctl -u vetrina -n 20 >&2; fail "systemctl start vetrina"; }
  systemctl stop vetrina
  echo "package: installed and started with systemd"
else
  echo "package: systemd is not PID 1 here (or VETRINA_PACKAGE_SYSTEM is not 1): unit verified, binary started as the unit would"
fi
echo "package: cpack, dpkg, systemd-analyze (exposure $score), /healthz ok"
