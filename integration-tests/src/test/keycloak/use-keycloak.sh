#!/bin/bash
# The OpenID provider of the tests: Keycloak's server distribution from Maven Central, in dev mode on 127.0.0.1:8190
# (management 9190), realm "signet" imported from signet-realm.json (clients "billing-system", "stranger-system" (no Signet user) and "elsewhere" (not for Signet) with client
# credentials, "signet-cli" for a person's password grant, "signet-web" for a person's login with PKCE, users "oidc-clerk" and "remote-clara").
#   use-keycloak.sh start <work> <keycloak.zip> <realm.json>   |   use-keycloak.sh stop <work>
set -euo pipefail
action=$1 work=$2
port=8190

stop_keycloak() {
  local pid
  pid=$(cat "$work/pid" 2>/dev/null) || return 0
  kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -9 -- "-$pid" 2>/dev/null || true
  rm -f "$work/pid"
}

if [[ $action == stop ]]; then
  stop_keycloak
  exit 0
fi

zip=$3 realm=$4
stop_keycloak # an earlier run's, stopped before it could end
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "use-keycloak.sh: port $port is taken; the tests' OpenID provider needs it" >&2
  exit 1
fi
rm -rf "$work"
mkdir -p "$work"
unzip -q "$zip" -d "$work"
home=$(ls -d "$work"/keycloak-*)
mkdir -p "$home/data/import"
cp "$realm" "$home/data/import/"
# Keycloak sizes its heap from the machine's memory unless told; the WildFly under test and PostgreSQL need the rest.
JAVA_OPTS_KC_HEAP="-Xms64m -Xmx512m" setsid "$home/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port=$port \
  --http-management-port=9190 --import-realm >"$work/keycloak.log" 2>&1 &
echo $! > "$work/pid"
for _ in $(seq 1 240); do
  if curl -sf "http://127.0.0.1:$port/realms/signet/.well-known/openid-configuration" >/dev/null; then
    exit 0
  fi
  kill -0 "$(cat "$work/pid")" 2>/dev/null || break
  sleep 1
done
tail -30 "$work/keycloak.log" >&2
echo "use-keycloak.sh: Keycloak did not start (log: $work/keycloak.log)" >&2
stop_keycloak
exit 1
