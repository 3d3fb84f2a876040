/*
 * check_fixture METHOD FILE: the findings of the C API (hs_checker, fed
 * field by field) for one captured response, printed as CODE:ID words on
 * one line. FILE holds a status line, field lines and a blank line (CRLF or
 * LF), then any content; the content is only looked at to say whether there
 * is some. The method is the request's. This is a reader of what real
 * servers send, no more: a line the servers of tests/servers/ never send
 * (folded, without a colon) is an error, exit 2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "httpstatus.h"

static int fail(const char *file, const char *why)
{
    fprintf(stderr, "check_fixture: %s: %s\n", file, why);
    return 2;
}

/* The next line of [*p, end) without its LF or CRLF; *p moves past it.
 * False at the end of the data. */
static int next_line(const char **p, const char *end, const char **line, size_t *len)
{
    if (*p >= end)
        return 0;
    const char *lf = memchr(*p, '\n', (size_t)(end - *p));
    const char *stop = lf != NULL ? lf : end;
    *line = *p;
    *len = (size_t)(stop - *p);
    if (*len > 0 && (*line)[*len - 1] == '\r')
        (*len)--;
    *p = lf != NULL ? lf + 1 : end;
    return 1;
}

int main(int argc, char **argv)
{
    static char data[1 << 20];
    if (argc != 3) {
        fprintf(stderr, "usage: check_fixture METHOD FILE\n");
        return 2;
    }
    FILE *f = fopen(argv[2], "rb");
    if (f == NULL)
        return fail(argv[2], "cannot open");
    size_t size = fread(data, 1, sizeof data, f);
    fclose(f);
    if (size == sizeof data)
        return fail(argv[2], "larger than a megabyte");

    const char *p = data, *end = data + size, *line;
    size_t len;
    if (!next_line(&p, end, &line, &len) || len < 12 || memcmp(line, "HTTP/", 5) != 0)
        return fail(argv[2], "no status line");
    const char *space = memchr(line, ' ', len);
    if (space == NULL || line + len - space < 4)
        return fail(argv[2], "no status code");
    int code = atoi(space + 1);

    hs_check_options opt = HS_CHECK_OPTIONS_INIT;
    opt.method = argv[1];
    opt.method_len = strlen(argv[1]);
    hs_checker c;
    if (!hs_checker_begin(&c, code, &opt))
        return fail(argv[2], "the method is not a token");
    for (;;) {
        if (!next_line(&p, end, &line, &len))
            return fail(argv[2], "the header section does not end");
        if (len == 0)
            break;
        const char *colon = memchr(line, ':', len);
        if (colon == NULL || line[0] == ' ' || line[0] == '\t')
            return fail(argv[2], "a field line this reader does not take");
        hs_checker_response(&c, line, (size_t)(colon - line), colon + 1, len - (size_t)(colon - line) - 1);
    }
    hs_checker_content(&c, p < end ? HS_CONTENT_PRESENT : HS_CONTENT_NONE);

    hs_finding found[64];
    size_t n = hs_checker_end(&c, found, 64);
    for (size_t i = 0; i < n && i < 64; i++)
        printf("%s%03d:%s", i > 0 ? " " : "", code, hs_rule_at(found[i].rule)->id);
    printf("\n");
    return 0;
}
