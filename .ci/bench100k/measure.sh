#!/bin/bash
# measure.sh DIR: peak memory of every command named in issue #9 item 8 on
# the 100k book DIR/big.db (`rapport --db DIR/big.db demo --contacts
# 100000`), with DIR/cards3000.vcf (a 3,000-contact demo book's vCard
# export). RAPPORT names the binary (default: rapport on PATH).
P=$(cd "$(dirname "$0")" && pwd)/peak.sh
R=$(command -v "${RAPPORT:-rapport}")
cd "${1:?usage: measure.sh DIR}"
B=big.db
rm -f restored.db restored.db.lock b.db copy.db backup.json
$P today        $R --db $B today
$P list         $R --db $B list
$P show         $R --db $B show "Abebe A. Adeyemi"
$P search       $R --db $B search budget --limit 10
$P log          $R --db $B log "Abebe A. Adeyemi" "called about the renewal"
$P export-json  $R --db $B export --format json -o backup.json
$P export-ics   $R --db $B export --format ics
$P export-csv   $R --db $B export --format csv
$P export-vcard $R --db $B export --format vcard
$P backup       $R --db $B backup b.db
$P check        $R --db $B check
$P restore      $R --db restored.db import backup.json
cp $B copy.db
$P import-3000  $R --db copy.db import cards3000.vcf
ls -la backup.json restored.db
rm -f copy.db copy.db.lock b.db
