#!/bin/sh
# SoftHSM2 tokens for the key tests, made before the server starts (SoftHSM reads its token list when the
# server loads the library): "hsm" and "outside-hsm" stand for HSM partitions, "card-1".."card-3" for signature
# cards of one multi-card seal, "mass-1".."mass-3" for mass-signature cards ("console-card" activated and "console-hsm" registered in the web pages), and "personal" for an individual
# signature card whose key an outside CA (made here with openssl) certified. The PINs are test values; the tests
# check that they never reach a log.
set -eu
dir=$1
command -v softhsm2-util >/dev/null || { echo "softhsm2-util is missing: apt-get install softhsm2 (./signet test does it as root)" >&2; exit 1; }
rm -rf "$dir"
mkdir -p "$dir/tokens"
cat > "$dir/softhsm2.conf" <<CONF
directories.tokendir = $dir/tokens
objectstore.backend = file
log.level = ERROR
slots.removable = false
CONF
export SOFTHSM2_CONF="$dir/softhsm2.conf"
softhsm2-util --init-token --free --label hsm --pin hsm-pin-4711 --so-pin so-pin-hsm-1 >/dev/null
for card in card-1 card-2 card-3; do
    softhsm2-util --init-token --free --label "$card" --pin card-pin-0815 --so-pin so-pin-card-1 >/dev/null
done
for card in mass-1 mass-2 mass-3 console-card console-hsm; do
    softhsm2-util --init-token --free --label "$card" --pin mass-pin-1357 --so-pin so-pin-mass-1 >/dev/null
done
softhsm2-util --init-token --free --label outside-hsm --pin outside-pin-9753 --so-pin so-pin-outside-1 >/dev/null
softhsm2-util --init-token --free --label personal --pin personal-pin-2468 --so-pin so-pin-personal-1 >/dev/null
softhsm2-util --show-slots | awk '/^Slot [0-9]+/{slot=$2} /Label:/{if ($2 != "") print $2 "=" slot}' > "$dir/slots.properties"
cat "$dir/slots.properties"

# The outside CA: certifies the personal card's key here, and Signet's certification requests in the tests.
ca="$dir/outside-ca"
mkdir -p "$ca"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$ca/ca.key" -out "$ca/ca.pem" -days 30 \
    -subj "/O=Signet tests/CN=Outside Test CA" \
    -addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
printf 'basicConstraints=critical,CA:false\nkeyUsage=critical,digitalSignature,nonRepudiation\n' > "$ca/signer.ext"

# The personal card's key, made in the card; keytool stores it with the chain the outside CA issued.
personal_slot=$(sed -n 's/^personal=//p' "$dir/slots.properties")
printf 'name = personal\nlibrary = /usr/lib/softhsm/libsofthsm2.so\nslot = %s\n' "$personal_slot" > "$dir/personal.cfg"
keystore="-keystore NONE -storetype PKCS11 -providerClass sun.security.pkcs11.SunPKCS11 -providerArg $dir/personal.cfg -storepass personal-pin-2468"
keytool -genkeypair -alias signer -keyalg RSA -keysize 2048 -dname "CN=Erika Mustermann,O=Signet tests,C=DE" $keystore >/dev/null 2>&1
keytool -certreq -alias signer -file "$ca/personal.csr" $keystore
openssl x509 -req -in "$ca/personal.csr" -CA "$ca/ca.pem" -CAkey "$ca/ca.key" -CAcreateserial -days 30 \
    -extfile "$ca/signer.ext" -out "$ca/personal.pem" 2>/dev/null
cat "$ca/personal.pem" "$ca/ca.pem" > "$ca/personal-chain.pem"
keytool -importcert -noprompt -alias signer -file "$ca/personal-chain.pem" $keystore >/dev/null

# OpenSC's PKCS#11 spy, between Signet and SoftHSM for the personal card: the tests count its C_Login calls.
spy=$(ls /usr/lib/*/pkcs11-spy.so /usr/lib/pkcs11-spy.so 2>/dev/null | head -n 1 || true)
[ -n "$spy" ] || { echo "pkcs11-spy.so is missing: apt-get install opensc" >&2; exit 1; }
echo "spy=$spy" > "$dir/spy.properties"
# The server allows only the PKCS#11 libraries its configuration lists; the spy's place differs between
# architectures, so the configuration names this link to it (the server compares real paths).
ln -sfn "$spy" "$dir/pkcs11-spy.so"
