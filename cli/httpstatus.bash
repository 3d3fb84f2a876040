# bash completion for httpstatus: its options, the two languages of --lang,
# and the classes; after "--" every word is a query.
_httpstatus()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} i
    for ((i = 1; i < COMP_CWORD; i++)); do
        if [ "${COMP_WORDS[i]}" = -- ]; then
            COMPREPLY=($(compgen -W "1xx 2xx 3xx 4xx 5xx" -- "$cur"))
            return
        fi
    done
    if [ "$prev" = --lang ]; then
        COMPREPLY=($(compgen -W "en ko" -- "$cur"))
    elif [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "--lang --json --common --help --version --" -- "$cur"))
    else
        COMPREPLY=($(compgen -W "1xx 2xx 3xx 4xx 5xx" -- "$cur"))
    fi
}
complete -F _httpstatus httpstatus
