#!/bin/bash
# The mail server of the tests: GreenMail standalone from Maven Central, SMTP on 127.0.0.1:3025 (where the server under
# test sends), its REST API on 127.0.0.1:8192 (where the tests read the mailboxes). Every recipient gets a mailbox.
#   use-greenmail.sh start <work> <greenmail.jar>   |   use-greenmail.sh stop <work>
set -euo pipefail
action=$1 work=$2
smtp=3025 api=8192

stop_greenmail() {
  local pid
  pid=$(cat "$work/pid" 2>/dev/null) || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$work/pid"
}

if [[ $action == stop ]]; then
  stop_greenmail
  exit 0
fi

jar=$3
stop_greenmail
for port in $smtp $api; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "use-greenmail.sh: port $port is taken; the tests' mail server needs it" >&2
    exit 1
  fi
done
mkdir -p "$work"
java -Xmx128m -Dgreenmail.setup.test.smtp -Dgreenmail.hostname=127.0.0.1 -Dgreenmail.auth.disabled \
  -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port=$api -jar "$jar" >"$work/greenmail.log" 2>&1 &
echo $! > "$work/pid"
for _ in $(seq 1 60); do
  if curl -sf "http://127.0.0.1:$api/api/service/readiness" >/dev/null; then
    exit 0
  fi
  kill -0 "$(cat "$work/pid")" 2>/dev/null || break
  sleep 0.5
done
tail -20 "$work/greenmail.log" >&2
echo "use-greenmail.sh: GreenMail did not start (log: $work/greenmail.log)" >&2
stop_greenmail
exit 1
