#!/bin/sh
# SoftHSM2 tokens for the key tests, made before the server starts (SoftHSM reads its token list when the
# server loads the library): "hsm" stands for an HSM partition, "card-1".."card-3" for signature cards of one
# multi-card seal. The PINs are test values; the tests check that they never reach a log.
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
softhsm2-util --show-slots | awk '/^Slot [0-9]+/{slot=$2} /Label:/{if ($2 != "") print $2 "=" slot}' > "$dir/slots.properties"
cat "$dir/slots.properties"
