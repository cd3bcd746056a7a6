#!/bin/bash
# Points the test server's SignetDS (and with it JBeret's job repository and Signet's realm) at a PostgreSQL server of
# its own: Debian's postgresql binaries, a new cluster on a free loopback port, databases "signet" (the Arquillian-managed
# server) and "signet_crash" (CrashRecoveryIT's copy), the JDBC driver as a module. The cluster lives under /tmp (its
# path in <work>/datadir): as root it runs as user postgres, who may not reach a checkout under /root.
#   use-postgresql.sh start <server> <work> <driver.jar>   |   use-postgresql.sh stop <work>   |   use-postgresql.sh cluster <work>
set -euo pipefail
action=$1
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -n "$bin" ]] || { echo "PostgreSQL is missing: apt-get install postgresql (./signet test does it as root)" >&2; exit 1; }
as_owner() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# Stops the cluster a run made, and removes it.
stop_cluster() {
  local data
  data=$(cat "$1/datadir" 2>/dev/null) || return 0
  [[ -f "$data/postmaster.pid" ]] && as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null || true
  rm -rf "$data"
}

if [[ $action == stop ]]; then
  stop_cluster "$2"
  exit 0
fi

# A new cluster on a free loopback port, user signet without password, databases signet and signet_crash: <work>/port.
start_cluster() {
  local work=$1 data port
  stop_cluster "$work" # an earlier run's, stopped before it could end
  rm -rf "$work"
  mkdir -p "$work"
  data=$(mktemp -d /tmp/signet-it-postgresql.XXXXXX)
  echo "$data" > "$work/datadir"
  [[ $(id -u) == 0 ]] && chown postgres "$data"
  port=55432
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  as_owner "$bin/initdb" -D "$data" -U signet -A trust -E UTF8 --no-instructions >"$work/initdb.log"
  as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
    -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  for db in signet signet_crash; do
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U signet "$db"
  done
  echo "$port" > "$work/port"
}

if [[ $action == cluster ]]; then # use-postgresql.sh cluster <work>: the cluster alone (the archive benchmark's)
  start_cluster "$2"
  exit 0
fi

server=$2 work=$3 driver=$4
start_cluster "$work"
port=$(cat "$work/port")

cp "$driver" "$work/postgresql.jar"
"$server/bin/jboss-cli.sh" >"$work/cli.log" 2>&1 <<CLI
module add --name=org.postgresql --resources=$work/postgresql.jar --dependencies=java.se,jakarta.transaction.api
embed-server --std-out=echo --server-config=standalone.xml
/subsystem=datasources/jdbc-driver=postgresql:add(driver-name=postgresql, driver-module-name=org.postgresql, \
    driver-class-name=org.postgresql.Driver, driver-xa-datasource-class-name=org.postgresql.xa.PGXADataSource)
/subsystem=datasources/data-source=SignetDS:write-attribute(name=driver-name, value=postgresql)
/subsystem=datasources/data-source=SignetDS:write-attribute(name=connection-url, value="jdbc:postgresql://127.0.0.1:$port/signet")
/subsystem=datasources/data-source=SignetDS:write-attribute(name=valid-connection-checker-class-name, \
    value=org.jboss.jca.adapters.jdbc.extensions.postgres.PostgreSQLValidConnectionChecker)
stop-embedded-server
CLI
grep -q "jdbc:postgresql://127.0.0.1:$port/signet" "$server/standalone/configuration/standalone.xml" \
  || { cat "$work/cli.log" >&2; echo "SignetDS could not be pointed at PostgreSQL" >&2; exit 1; }
echo "SignetDS -> jdbc:postgresql://127.0.0.1:$port/signet"
