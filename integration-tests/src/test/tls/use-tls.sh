#!/bin/bash
# HTTPS with client certificates on the test server, configured with the two CLI blocks of docs/install.md ("## TLS"
# and "### Client certificates") as an admin would: a server key for localhost, and "clients-ca", an openssl CA whose
# certificates the listener accepts. Client keys for the tests (PEM and PKCS#12, password "tls-client-secret"):
# tls-process, tls-unregistered, tls-batch and tls-batch-renewed (the same subject, a new key) from clients-ca, outsider
# from a CA the server does not trust.
#   use-tls.sh <server> <work> <install.md>
set -euo pipefail
server=$1 work=$2 manual=$3
password=tls-test-secret
rm -rf "$work"
mkdir -p "$work"
cd "$work"

ca() { # name
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$1.key" -out "$1.pem" -days 2 \
    -subj "/CN=$1/O=Signet tests" -addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
}
client() { # name ca [common name, default: name]
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$1.key" -out "$1.csr" -subj "/CN=${3:-$1}/O=Signet tests" 2>/dev/null
  printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n' > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2.key" -CAcreateserial -days 2 -extfile "$1.ext" -out "$1.pem" 2>/dev/null
  openssl pkcs12 -export -in "$1.pem" -inkey "$1.key" -name "$1" -out "$1.p12" -passout pass:tls-client-secret
}
ca clients-ca
ca outsider-ca
client tls-process clients-ca
client tls-unregistered clients-ca
client outsider outsider-ca
client tls-batch clients-ca
client tls-batch-renewed clients-ca tls-batch

config="$server/standalone/configuration"
keytool -genkeypair -alias signet-tls -keyalg EC -groupname secp256r1 -dname "CN=localhost" \
  -ext san=dns:localhost,ip:127.0.0.1 -validity 2 -keystore "$config/tls.p12" -storetype PKCS12 -storepass "$password" 2>/dev/null
keytool -exportcert -rfc -alias signet-tls -keystore "$config/tls.p12" -storepass "$password" -file server.pem 2>/dev/null
keytool -importcert -noprompt -storetype PKCS12 -keystore "$config/tls-clients.p12" -storepass "$password" \
  -alias clients-ca -file clients-ca.pem 2>/dev/null

# The first CLI block under each heading, as the manual shows it.
block() { # heading
  awk -v heading="$1" '$0 == heading {found=1; next} found && /^```/ {if (inside) exit; inside=1; next} inside {print}' "$manual"
}
{
  echo "embed-server --std-out=discard --server-config=standalone.xml"
  block "## TLS"
  block "### Client certificates"
  echo "stop-embedded-server"
} | sed "s/clear-text=\.\.\./clear-text=$password/g" > tls.cli
grep -q "want-client-auth" tls.cli || { echo "use-tls.sh: no client-certificate block in $manual" >&2; exit 1; }
"$server/bin/jboss-cli.sh" --file=tls.cli > cli.log 2>&1 || { cat cli.log >&2; exit 1; }
