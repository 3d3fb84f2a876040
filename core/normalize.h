/*
 * Internal: the one normalisation shared by hs_find, hs_search and the
 * generator of the name index, so that the index and the lookups agree.
 */
#ifndef HS_NORMALIZE_H
#define HS_NORMALIZE_H

#include <stddef.h>

/* Longer than any name, alias or phrase in the table. An input of more than
 * twice this many bytes is refused before it is read, so a megabyte costs
 * nothing, even one that dropped apostrophes would fold to a name. */
#define HS_KEY_MAX 64

/* Writes the normalised form of s[0..len) to key (NUL-terminated) and returns
 * its length, or (size_t)-1 when s cannot name a status: it is too long, or
 * holds a byte other than ASCII letters, digits, ' ', '-', '_', '\'', '(' and
 * ')'. Letters are upper-cased, ' ' and '-' become '_', apostrophes and
 * parentheses are dropped. Plain ASCII arithmetic: no locale is consulted. */
static size_t hs_normalize(const char *s, size_t len, char key[HS_KEY_MAX + 1])
{
    size_t n = 0;
    if (len > 2 * HS_KEY_MAX)
        return (size_t)-1;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'a' && c <= 'z')
            c = (unsigned char)(c - 'a' + 'A');
        else if (c == ' ' || c == '-')
            c = '_';
        else if (c == '\'' || c == '(' || c == ')')
            continue;
        else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return (size_t)-1;
        if (n == HS_KEY_MAX)
            return (size_t)-1;
        key[n++] = (char)c;
    }
    key[n] = '\0';
    return n;
}

/* Drops ASCII white space (space, tab, LF, VT, FF, CR) from both ends of
 * s[0..*len), as int(" 404\n") does, so a code read from a file with its
 * newline still names its status. */
static inline void hs_trim(const char **s, size_t *len)
{
#define HS_IS_WHITE(c) ((c) == ' ' || ((c) >= '\t' && (c) <= '\r'))
    while (*len > 0 && HS_IS_WHITE((*s)[0])) {
        (*s)++;
        (*len)--;
    }
    while (*len > 0 && HS_IS_WHITE((*s)[*len - 1]))
        (*len)--;
#undef HS_IS_WHITE
}

#endif /* HS_NORMALIZE_H */
