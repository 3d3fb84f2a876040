# bash completion for httpstatus: its options, and the two languages of --lang.
_httpstatus()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    if [ "$prev" = --lang ]; then
        COMPREPLY=($(compgen -W "en ko" -- "$cur"))
    elif [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "--lang --json --common --help --version" -- "$cur"))
    else
        COMPREPLY=($(compgen -W "1xx 2xx 3xx 4xx 5xx" -- "$cur"))
    fi
}
complete -F _httpstatus httpstatus
