#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-screenshots.sh SOURCE_ROOT
#
# Software centres show the screenshots the metainfo names, fetched from the repository:
# every one of them must be a PNG under data/screenshots/ in this tree. Skips until
# data/screenshots/ exists.
set -euo pipefail

top=${1:-${MFM_SOURCE_ROOT:?}}
metainfo="$top/data/io.github.mfm.FailoverManager.metainfo.xml.in.in"
prefix="https://raw.githubusercontent.com/mfm/failover-manager/main/"

if [ ! -d "$top/data/screenshots" ]; then
  echo "there is no data/screenshots/ yet (./run screenshots takes them)"
  exit 77
fi

images=$(xmllint --xpath '//screenshot/image/text()' "$metainfo" | tr -s '[:space:]' '\n')
[ -n "$images" ] || { echo "the metainfo names no screenshot"; exit 1; }

failed=0
for url in $images; do
  case "$url" in
    "$prefix"data/screenshots/*.png) ;;
    *)
      echo "$url is not a PNG under ${prefix}data/screenshots/"
      failed=1
      continue
      ;;
  esac
  file="$top/${url#"$prefix"}"
  if [ ! -f "$file" ]; then
    echo "${url#"$prefix"} is named in the metainfo but not in the tree"
    failed=1
  elif [ "$(head -c 8 "$file" | od -An -tx1 | tr -d ' \n')" != 89504e470d0a1a0a ]; then
    echo "${url#"$prefix"} is not a PNG file"
    failed=1
  else
    echo "${url#"$prefix"}: present"
  fi
done
exit "$failed"
