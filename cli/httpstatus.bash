# bash completion for httpstatus: its options, the two languages of --lang,
# the classes; after "--" every word is a query. --check completes file
# names, --method the common methods, and --ignore the rule ids, which it
# asks the tool itself for (httpstatus --rules), so it keeps no list of them.
_httpstatus()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} i check=
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            --) [ -n "$check" ] && COMPREPLY=($(compgen -f -- "$cur")) ||
                    COMPREPLY=($(compgen -W "1xx 2xx 3xx 4xx 5xx" -- "$cur"))
                return ;;
            --check) check=1 ;;
        esac
    done
    case $prev in
        --lang)
            COMPREPLY=($(compgen -W "en ko" -- "$cur"))
            return ;;
        --method)
            COMPREPLY=($(compgen -W "GET HEAD POST PUT DELETE PATCH OPTIONS CONNECT TRACE" -- "$cur"))
            return ;;
        --ignore)
            # a comma-separated list: complete its last id
            local ids prefix=
            ids=$("${COMP_WORDS[0]}" --rules 2>/dev/null | cut -d' ' -f1)
            [[ $cur == *,* ]] && prefix=${cur%,*},
            COMPREPLY=($(compgen -P "$prefix" -W "$ids" -- "${cur##*,}"))
            return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "--lang --json --common --check --method --ignore --rules --help --version --" -- "$cur"))
    elif [ -n "$check" ]; then
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -f -- "$cur"))
    else
        COMPREPLY=($(compgen -W "1xx 2xx 3xx 4xx 5xx" -- "$cur"))
    fi
}
complete -F _httpstatus httpstatus
