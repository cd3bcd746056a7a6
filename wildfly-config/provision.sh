#!/usr/bin/env bash
# Provisions a WildFly for Signet: a fresh unpack of wildfly-dist, the Derby, native-crypto and realm modules, then every
# src/main/cli/*.cli script applied offline (embed-server). `module add` is not idempotent, so the
# server is rebuilt from the zip whenever the zip or a script changed; otherwise it is left alone.
set -euo pipefail
downloads=$1
target=$2
realm_jar=$3   # Signet's Elytron realm (this module's jar), installed as module org.signet.elytron
here=$(cd "$(dirname "$0")" && pwd)
stamp_of() { cat "$downloads/wildfly-dist.zip.sha1" "$here"/src/main/cli/*.cli "$here/provision.sh" "$realm_jar" "$downloads/accp.jar" | sha256sum | cut -d' ' -f1; }

sha1sum "$downloads/wildfly-dist.zip" | cut -d' ' -f1 > "$downloads/wildfly-dist.zip.sha1"
stamp=$(stamp_of)
if [[ -f "$target/.signet-provisioned" && "$(cat "$target/.signet-provisioned")" == "$stamp" ]]; then
  echo "WildFly at $target is up to date"
  exit 0
fi

rm -rf "$target" "$target.tmp"
mkdir -p "$target.tmp"
unzip -q "$downloads/wildfly-dist.zip" -d "$target.tmp"
mv "$target.tmp"/wildfly-* "$target"
rmdir "$target.tmp"

cli="$target/bin/jboss-cli.sh"
export JAVA_OPTS="-Djava.awt.headless=true"
"$cli" --command="module add --name=org.apache.derby \
  --resources=$downloads/derby.jar:$downloads/derbyshared.jar:$downloads/derbytools.jar \
  --dependencies=java.se,jakarta.transaction.api"
# Native RSA and ECDSA (AWS-LC) for software keys; a module, so that its native library stays loaded across redeployments.
"$cli" --command="module add --name=software.amazon.cryptools.accp --resources=$downloads/accp.jar --dependencies=java.se,jdk.unsupported"
"$cli" --command="module add --name=org.signet.elytron --resources=$realm_jar \
  --dependencies=org.wildfly.security.elytron,org.wildfly.security.elytron-base,jakarta.json.api,java.net.http,java.logging,org.wildfly.extension.elytron,org.bouncycastle.bcprov,java.sql,java.naming,io.undertow.core,org.jboss.as.server,org.jboss.msc,org.wildfly.common"
for script in "$here"/src/main/cli/*.cli; do
  echo "Applying $(basename "$script")"
  "$cli" --file="$script" > "$target/cli-$(basename "$script").log" 2>&1 || {
    cat "$target/cli-$(basename "$script").log" >&2
    echo "provision.sh: $(basename "$script") failed" >&2
    exit 1
  }
done
# The Elytron credential store for token PINs and key store passwords. Its own password is made here, once per
# server, and kept in standalone.xml as WildFly keeps every credential-reference; an operator who wants it out of
# the file replaces it with a {EXT}/{CMD} credential-reference (see README).
store_password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
cat > "$target/credential-store.cli" <<CLI
embed-server --std-out=discard --server-config=standalone.xml
/subsystem=elytron/credential-store=signet:add(path=signet-credentials.cs, relative-to=jboss.server.data.dir, \
    create=true, credential-reference={clear-text="$store_password"})
stop-embedded-server
CLI
"$cli" --file="$target/credential-store.cli" > "$target/cli-credential-store.log" 2>&1 || {
  cat "$target/cli-credential-store.log" >&2; echo "provision.sh: the credential store could not be added" >&2; exit 1; }
rm -f "$target/credential-store.cli"
chmod 600 "$target/standalone/configuration/standalone.xml"
# The history of the offline edits is noise in a fresh server.
rm -rf "$target/standalone/configuration/standalone_xml_history" "$target/standalone/data" "$target/standalone/log"
echo "$stamp" > "$target/.signet-provisioned"
echo "WildFly provisioned at $target"
