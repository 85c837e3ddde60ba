#!/usr/bin/env bash
# Makes the announcement clips of the display board (docs/domain-vn.md §4, docs/devices.md §5), offline:
#   apt-get install -y espeak-ng sox
#   display-board/tools/make-clips.sh
# Every clip is 16-bit mono PCM WAV at 16 kHz, silence trimmed at both ends and 40 ms of silence after, so that the
# board can play them back to back. Clip names are those of org.xephang.api.announce (ClipNames, NumberSyllable,
# PrefixLetters); ClipCatalogTest checks that every clip the AnnouncementBuilder can name is here.
# sox -D (no dither) makes the output identical from run to run, so a re-run shows only real changes in git.
# Voices: espeak-ng "vi" (northern) for everything but the two southern-only syllables (ngàn, lẻ), which use
# "vi-VN-x-south". To record a custom phrase or field name: ./make-clips.sh phrase-moi-ong-ba-so "Mời ông bà số".
set -euo pipefail

out="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/src/main/resources/org/xephang/board/clips"
rate=16000
speed=140
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

command -v espeak-ng >/dev/null && command -v sox >/dev/null \
  || { echo "make-clips: needs espeak-ng and sox (apt-get install -y espeak-ng sox)" >&2; exit 2; }

# speak NAME TEXT [VOICE]: one clip from espeak-ng, resampled, trimmed and padded.
speak() {
  local name="$1" text="$2" voice="${3:-vi}"
  espeak-ng -v "$voice" -s "$speed" -w "$tmp/raw.wav" "$text"
  sox -D "$tmp/raw.wav" -r "$rate" -c 1 -b 16 -e signed-integer "$out/$name.wav" \
    silence 1 0.01 -45d reverse silence 1 0.01 -45d reverse norm -3 pad 0 0.04
}

if [ $# -eq 2 ]; then
  speak "$1" "$2"
  exit 0
fi

# The chime: two soft bell-like notes (G5 then E5), 0.9 s.
sox -D -n -r "$rate" -c 1 -b 16 -e signed-integer "$tmp/n1.wav" synth 0.45 sine 784 sine 1568 remix - fade q 0.01 0.45 0.4 gain -6
sox -D -n -r "$rate" -c 1 -b 16 -e signed-integer "$tmp/n2.wav" synth 0.6 sine 659 sine 1318 remix - fade q 0.01 0.6 0.55 gain -6
sox -D "$tmp/n1.wav" "$tmp/n2.wav" "$out/chime.wav" pad 0 0.2
# The pause between two repetitions of the sentence.
sox -D -n -r "$rate" -c 1 -b 16 -e signed-integer "$out/pause.wav" trim 0 0.7

# The 20 number syllables.
while IFS='|' read -r name text voice; do
  speak "$name" "$text" "$voice"
done <<'LIST'
num-khong|không|vi
num-mot-nang|một|vi
num-mot-sac|mốt|vi
num-hai|hai|vi
num-ba|ba|vi
num-bon|bốn|vi
num-tu|tư|vi
num-nam|năm|vi
num-lam|lăm|vi
num-sau|sáu|vi
num-bay|bảy|vi
num-tam|tám|vi
num-chin|chín|vi
num-muoi-huyen|mười|vi
num-muoi-ngang|mươi|vi
num-tram|trăm|vi
num-linh|linh|vi
num-le|lẻ|vi-VN-x-south
num-nghin|nghìn|vi
num-ngan|ngàn|vi-VN-x-south
LIST

# Prefix letters by their Vietnamese names.
while IFS='|' read -r name text; do
  speak "$name" "$text"
done <<'LIST'
letter-a|a
letter-b|bê
letter-c|xê
letter-d|dê
letter-dd|đê
letter-e|e
letter-f|ép
letter-g|giê
letter-h|hát
letter-i|i
letter-j|gi
letter-k|ca
letter-l|e lờ
letter-m|em mờ
letter-n|en nờ
letter-o|o
letter-p|pê
letter-q|quy
letter-r|e rờ
letter-s|ét xì
letter-t|tê
letter-u|u
letter-v|vê
letter-w|vê kép
letter-x|ích xì
letter-y|i dài
letter-z|dét
LIST

# Fixed phrases of the default wording, for each common form of address.
while IFS='|' read -r name text; do
  speak "$name" "$text"
done <<'LIST'
phrase-xin-moi-cong-dan-co-so-thu-tu|Xin mời công dân có số thứ tự
phrase-xin-moi-quy-khach-co-so-thu-tu|Xin mời quý khách có số thứ tự
phrase-xin-moi-ong-ba-co-so-thu-tu|Xin mời ông bà có số thứ tự
phrase-den-quay-so|đến quầy số
phrase-linh-vuc|lĩnh vực
LIST

# Field names of the example centre (docs/domain-vn.md §6), said after the counter when a site includes them.
while IFS='|' read -r name text; do
  speak "$name" "$text"
done <<'LIST'
field-dat-dai|Đất đai
field-dang-ky-kinh-doanh|Đăng ký kinh doanh
field-ho-tich|Hộ tịch
field-chung-thuc|Chứng thực
field-thuong-mai-dich-vu|Thương mại, dịch vụ
field-xay-dung|Xây dựng
field-ton-giao|Tôn giáo
field-thi-dua-khen-thuong|Thi đua khen thưởng
field-van-hoa-thong-tin|Văn hóa thông tin
field-nguoi-co-cong|Người có công
field-bao-tro-xa-hoi|Bảo trợ xã hội
field-y-te|Y tế
field-can-cuoc|Căn cước
field-can-cuoc-va-cu-tru|Căn cước và cư trú
LIST

echo "make-clips: $(ls "$out" | wc -l) clips, $(du -cb "$out"/*.wav | tail -1 | cut -f1) in $out" >&2
