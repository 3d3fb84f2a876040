#!/usr/bin/env bash
# Writes the committed seed corpus of fuzz_core into tests/fuzz/corpus/:
# names, aliases, phrases in several spellings, digit strings, 32-bit codes
# as raw little-endian bytes (followed by an index for hs_at/hs_alias), and
# the bad inputs of docs/reference.md. Run it after changing the list, then commit.
#   make_corpus.sh          rewrites tests/fuzz/corpus
#   make_corpus.sh DIR      writes the seeds into DIR (to compare)
set -euo pipefail
if [ $# -eq 0 ]; then
    dir="$(dirname "$0")/corpus"
    rm -rf "$dir"
else
    dir=$1
fi
mkdir -p "$dir"

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
