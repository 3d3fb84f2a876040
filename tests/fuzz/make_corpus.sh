#!/usr/bin/env bash
# Writes the committed seed corpus of fuzz_core into tests/fuzz/corpus/:
# names, aliases, phrases in several spellings, digit strings, 32-bit codes
# as raw little-endian bytes (followed by an index for hs_at/hs_alias), and
# the bad inputs of docs/reference.md; and the value-* seeds of fuzz_check
# in tests/fuzz/corpus-check/: responses carrying real values of every field
# a value rule reads, as nginx, Apache, lighttpd and Python's http.server
# send them (tests/servers/), and values just past the grammar. The other
# seeds of corpus-check/ are written by hand. Run it after changing the
# lists, then commit.
#   make_corpus.sh                 rewrites tests/fuzz/corpus and corpus-check/value-*
#   make_corpus.sh DIR CHECK_DIR   writes the seeds into DIR and CHECK_DIR (to compare)
set -euo pipefail
if [ $# -eq 0 ]; then
    dir="$(dirname "$0")/corpus"
    check_dir="$(dirname "$0")/corpus-check"
    rm -rf "$dir" "$check_dir"/value-*
else
    dir=$1 check_dir=${2:-$1/corpus-check}
fi
mkdir -p "$dir" "$check_dir"

seed() { printf "$2" >"$dir/$1"; }

# names, aliases, phrases
seed name-not-found 'NOT_FOUND'
seed name-ok 'OK'
seed name-teapot 'IM_A_TEAPOT'
seed name-longest 'HTTP_REQUEST_SENT_TO_HTTPS_PORT'
seed alias-unprocessable-entity 'UNPROCESSABLE_ENTITY'
seed alias-moved-temporarily 'moved temporarily'
seed phrase-not-found 'Not Found'
seed phrase-hyphens 'Not-Found'
seed phrase-teapot "I'm a Teapot"
seed phrase-non-authoritative 'Non-Authoritative Information'
seed phrase-unused '(Unused)'
seed phrase-time-out 'Login Time-out'
seed search-timeout 'timeout'
seed search-entity 'ENTITY'

# digit strings
seed digits-404 '404'
seed digits-leading-zero '0404'
seed digits-many-zeros '0000000000000000000000000000000404'
seed digits-first '100'
seed digits-last '599'
seed digits-below '99'
seed digits-above '600'
seed digits-huge '99999999999999999999404'

# 32-bit codes (little-endian), then an 8-byte index
seed int-404 '\224\001\000\000'
seed int-99 '\143\000\000\000'
seed int-100 '\144\000\000\000'
seed int-599 '\127\002\000\000'
seed int-600 '\130\002\000\000'
seed int-minus-1 '\377\377\377\377'
seed int-min '\000\000\000\200'
seed int-max '\377\377\377\177'
seed int-413-alias-1 '\235\001\000\000\001\000\000\000\000\000\000\000'
seed int-302-index-huge '\056\001\000\000\377\377\377\377\377\377\377\377'

# bad input: NUL inside, non-ASCII, stray separators, over-long
seed nul-inside 'NOT_FOUND\000x'
seed nul-trailing '404\000'
seed nul-only '\000'
seed fullwidth-digits '\357\274\224\357\274\220\357\274\224'
seed lone-surrogate 'NOT_FOUND\355\240\200'
seed leading-space ' not found'
seed double-space 'not  found'
seed apostrophes-only "'''"
seed apostrophes-long "NOT_FOUND$(printf "%0.s'" {1..120})"
seed letters-long "$(printf '%0.sA' {1..130})"
seed lang-en 'en'
seed lang-ko 'ko'

# ---- fuzz_check: the values of the fields (input format: fuzz_check.c) ----
# check_seed NAME CODE FIELDS: FIELDS ("Name: value\n"..., printf %b escapes)
# in a response of CODE, with no method, no request and nothing ignored.
check_seed() {
    printf "\\$(printf %03o $(($2 & 255)))\\$(printf %03o $(($2 >> 8 & 255)))\\000\\000" >"$check_dir/value-$1"
    printf '\000\000\000\000\000\000\000\000\000' >>"$check_dir/value-$1"
    printf '%b' "$3" >>"$check_dir/value-$1"
}
date='Date: Sat, 05 Dec 2026 06:00:00 GMT\n'
check_seed date-nginx 200 "Server: nginx/1.22.1\n${date}Content-Type: text/html\nContent-Length: 612\n"
check_seed date-leap-second 200 'Date: Wed, 31 Dec 2025 23:59:60 GMT\n'
check_seed date-utc 200 'Date: Sat, 05 Dec 2026 06:00:00 UTC\n'
check_seed date-weekday 200 'Date: Fri, 05 Dec 2026 06:00:00 GMT\n'
check_seed date-asctime 200 'Date: Sat Dec  5 06:00:00 2026\n'
check_seed date-twice 200 "${date}date: Sat, 05 Dec 2026 06:00:01 GMT\n"
check_seed location-relative 301 "${date}Location: /dir/\n"
check_seed location-absolute 302 "${date}Location: http://127.0.0.1:8080/dir/?q=a%20b#top\n"
check_seed location-ipv6 307 "${date}Location: https://[2001:db8::7]:8443/c=GB?objectClass?one\n"
check_seed location-space 303 "${date}Location: /a path\n"
check_seed location-utf8 308 "${date}Location: /caf\xc3\xa9\n"
check_seed location-on-200 200 "${date}Location: /elsewhere\n"
check_seed location-two 302 "${date}Location: /a\nLocation: /b\n"
check_seed allow-apache 405 "${date}Allow: GET,POST,OPTIONS,HEAD\n"
check_seed allow-lines 405 "${date}Allow: GET, HEAD\nAllow: OPTIONS\n"
check_seed allow-empty 405 "${date}Allow: \n"
check_seed allow-spaces 405 "${date}Allow: GET POST\n"
check_seed retry-after-seconds 503 'Retry-After: 120\n'
check_seed retry-after-date 429 "${date}Retry-After: Sat, 05 Dec 2026 06:02:00 GMT\n"
check_seed retry-after-5s 503 'Retry-After: 5s\n'
check_seed retry-after-offset 503 'Retry-After: Sat, 5 Dec 2026 10:00:00 +0000\n'
check_seed content-length-two 200 "${date}Content-Length: 42\nContent-Length: 042\n"
check_seed content-length-list 200 "${date}Content-Length: 42, 42\n"
check_seed range-single 206 "${date}Content-Type: text/plain\nContent-Range: bytes 0-99/1000\nContent-Length: 100\n"
check_seed range-unknown-length 206 "${date}Content-Range: bytes 42-1233/*\n"
check_seed range-multipart 206 "${date}Content-Type: multipart/byteranges; boundary=00000000000000000002\n"
check_seed range-416 416 "${date}Content-Range: bytes */1000\n"
check_seed range-unsatisfied-206 206 "${date}Content-Range: bytes */1234\n"
check_seed range-no-unit 206 "${date}Content-Range: 0-99/100\n"
check_seed range-past-length 206 "${date}Content-Range: bytes 0-99/50\n"
check_seed range-other-unit 206 "${date}Content-Range: items 0-9/10\n"
check_seed basic-nginx 401 "${date}WWW-Authenticate: Basic realm=\"Restricted\"\n"
check_seed digest-apache 401 "${date}WWW-Authenticate: Digest realm=\"private\", nonce=\"p8ZgZpwNBgA=0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3\", algorithm=MD5, qop=\"auth\"\n"
check_seed challenges-rfc 401 "${date}WWW-Authenticate: Basic realm=\"simple\", Newauth realm=\"apps\", type=1, title=\"Login to \\\\\"apps\\\\\"\"\n"
check_seed bearer-error 401 "${date}WWW-Authenticate: Bearer realm=\"example\", error=\"invalid_token\", error_description=\"The access token expired\"\n"
check_seed negotiate-token68 401 "${date}WWW-Authenticate: Negotiate YIIBzgYGKwYBBQUCoII+Bw/jCCAb6gMDAu==\n"
check_seed challenge-split 401 "${date}WWW-Authenticate: Newauth realm=\"apps\"\nWWW-Authenticate: type=1\n"
check_seed challenge-no-scheme 401 "${date}WWW-Authenticate: realm=\"x\"\n"
check_seed proxy-basic 407 "${date}Proxy-Authenticate: Basic realm=\"proxy\", charset=\"UTF-8\"\n"
check_seed upgrade-websocket 101 'Connection: Upgrade\nUpgrade: websocket\n'
check_seed upgrade-list 426 "${date}Upgrade: HTTP/2.0, SHTTP/1.3, IRC/6.9, RTA/x11\n"
check_seed upgrade-space 426 "${date}Upgrade: web socket\n"
# the edges of the grammar, either side
check_seed edge-range-last 206 "${date}Content-Range: bytes 99-99/100\n"
check_seed edge-range-length 206 "${date}Content-Range: bytes 0-100/100\n"
check_seed edge-range-reversed 206 "${date}Content-Range: bytes 5-4/10\n"
check_seed edge-range-long 206 "${date}Content-Range: bytes 0-18446744073709551616/18446744073709551617\n"
check_seed edge-allow-member 405 "${date}Allow: GET,,HEAD\n"
check_seed edge-allow-trailing 405 "${date}Allow: GET, HEAD,\n"
check_seed edge-date-leap-day 200 'Date: Thu, 29 Feb 2024 00:00:00 GMT\n'
check_seed edge-date-april-31 200 'Date: Fri, 31 Apr 2026 00:00:00 GMT\n'
check_seed edge-date-1899 200 'Date: Sun, 31 Dec 1899 23:59:59 GMT\n'
check_seed edge-location-pct 302 "${date}Location: /a%2\n"
check_seed edge-location-noscheme 302 "${date}Location: 1a:b\n"
check_seed edge-location-ipv6-groups 302 "${date}Location: http://[1:2:3:4:5:6:7::]/\n"
check_seed edge-upgrade-comma 426 "${date}Upgrade: websocket,\n"
check_seed edge-challenge-tab 401 "${date}WWW-Authenticate: Basic\trealm=\"x\"\n"
check_seed edge-challenge-member 401 "${date}WWW-Authenticate: Basic, , Bearer\n"
check_seed edge-challenge-token68 401 "${date}WWW-Authenticate: Negotiate abc=, realm=\"x\"\n"
check_seed edge-content-length-zeros 200 "${date}Content-Length: 0\nContent-Length: 000\n"
check_seed padded 302 "Date: \t Sat, 05 Dec 2026 06:00:00 GMT \t\nLocation:  /a%2Fb \n"
