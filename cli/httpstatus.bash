# bash completion for httpstatus: its options, the two languages of --lang,
# the three levels of --level, the classes, and the names and aliases of
# every status (not_fo<TAB> is not_found, in the case typed); after "--"
# every word is a query. --check completes file names, --method the common
# methods, and --ignore the rule ids; --problem the codes of the table (and
# then only its own options), --type about:blank, --extension NAME= from
# nothing. The names, codes and rule ids come from the tool itself
# (httpstatus --json 1xx ..., httpstatus --rules), so the completion keeps
# no list of them.
_httpstatus_queries()
{
    local cur=$1 names
    if [[ $cur == [A-Za-z]* ]]; then
        names=$("${COMP_WORDS[0]}" --json 1xx 2xx 3xx 4xx 5xx 2>/dev/null |
                grep -o '"name": "[A-Z0-9_]*"\|"aliases": \[[^]]*\]' | grep -o '[A-Z][A-Z0-9_]*')
        if [[ $cur == *[A-Z]* ]]; then
            COMPREPLY=($(compgen -W "$names" -- "${cur^^}"))
        else
            COMPREPLY=($(compgen -W "${names,,}" -- "$cur"))
        fi
    else
        COMPREPLY=($(compgen -W "1xx 2xx 3xx 4xx 5xx" -- "$cur"))
    fi
}

_httpstatus()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} i check= problem=
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            --) [ -n "$check" ] && COMPREPLY=($(compgen -f -- "$cur")) || _httpstatus_queries "$cur"
                return ;;
            --check) check=1 ;;
            --problem) problem=1 ;;
        esac
    done
    case $prev in
        --problem)
            local codes
            codes=$("${COMP_WORDS[0]}" --json 1xx 2xx 3xx 4xx 5xx 2>/dev/null | grep -o '"code": [0-9]*' | grep -o '[0-9]*')
            COMPREPLY=($(compgen -W "$codes" -- "$cur"))
            return ;;
        --type)
            COMPREPLY=($(compgen -W "about:blank" -- "$cur"))
            return ;;
        --detail|--title|--instance|--extension)
            return ;;
        --lang)
            COMPREPLY=($(compgen -W "en ko" -- "$cur"))
            return ;;
        --level)
            COMPREPLY=($(compgen -W "info should must" -- "$cur"))
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
    if [ -n "$problem" ]; then
        COMPREPLY=($(compgen -W "--detail --type --title --instance --extension" -- "$cur"))
    elif [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "--lang --json --common --check --method --ignore --level --verbose --rules --problem --help --version --" -- "$cur"))
    elif [ -n "$check" ]; then
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -f -- "$cur"))
    else
        _httpstatus_queries "$cur"
    fi
}
complete -F _httpstatus httpstatus
