/*
 * httpstatus --check: the responses of a stream, as `curl -si` prints them,
 * read through one bounded buffer and fed to the core's checker field by
 * field. hs_cli_check_stream (cli.h) is the entry point: the command's
 * --check, and any C host's (a fuzz target hands it fmemopen() bytes).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "httpstatus.h"
#include "internal.h"


/* A field line (folded lines joined with one space) or a status line, not
 * counting its line end; and a header section, from the first byte of the
 * status line to the end of the blank line. */
#define CHECK_LINE_MAX 65536
#define CHECK_HEAD_MAX 1048576

/* The input, and where in it the reading is. */
struct input {
    FILE *file;
    FILE *err;
    const char *name;          /* NULL for standard input */
    unsigned long long offset; /* bytes read so far */
    unsigned long line;        /* the line of the next byte, from 1 */
    int read_errno;            /* nonzero once a read has failed */
};

static void note_read_error(struct input *in, int saved_errno)
{
    if (ferror(in->file) && in->read_errno == 0)
        in->read_errno = saved_errno != 0 ? saved_errno : EIO;
}

static int next_byte(struct input *in)
{
    int c = getc(in->file);
    if (c == EOF) {
        note_read_error(in, errno);
        return EOF;
    }
    in->offset++;
    if (c == '\n')
        in->line++;
    return c;
}

/* The next byte, left unread. */
static int peek_byte(struct input *in)
{
    int c = getc(in->file);
    if (c == EOF)
        note_read_error(in, errno);
    else
        ungetc(c, in->file);
    return c;
}

enum line_end { END_LF, END_EOF, END_LONG };

/* One line into buf: *len bytes before its LF, a CR just before the LF
 * dropped. END_EOF: the input ended (or a read failed) after *len bytes
 * and no LF; END_LONG: the line holds more than cap bytes (cap stored). */
static enum line_end read_line(struct input *in, char *buf, size_t cap, size_t *len)
{
    size_t n = 0;
    for (;;) {
        int c = next_byte(in);
        if (c == EOF) {
            *len = n;
            return END_EOF;
        }
        if (c == '\n') {
            *len = n > 0 && buf[n - 1] == '\r' ? n - 1 : n;
            return END_LF;
        }
        if (n == cap) {
            *len = n;
            return END_LONG;
        }
        buf[n++] = (char)c;
    }
}

/* Reads to the end of the input without keeping it: the content of the
 * last response, or what follows a 101. */
static void drain(struct input *in, char *buf, size_t cap)
{
    size_t n;
    while ((n = fread(buf, 1, cap, in->file)) > 0)
        in->offset += n;
    note_read_error(in, errno);
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
/* Where the input stopped being HTTP: one line on err; the exit status 2. */
static int bad_input(const struct input *in, unsigned long line, unsigned long long byte, const char *format, ...)
{
    va_list args;
    fprintf(in->err, "httpstatus: --check: %s%sline %lu, byte %llu: ", in->name != NULL ? in->name : "",
            in->name != NULL ? ": " : "", line, byte);
    va_start(args, format);
    vfprintf(in->err, format, args);
    va_end(args);
    putc('\n', in->err);
    return 2;
}

static int read_failed(const struct input *in)
{
    fprintf(in->err, "httpstatus: --check: %s: %s\n", in->name != NULL ? in->name : "standard input",
            strerror(in->read_errno));
    return 2;
}

/* A token character (RFC 9110, Section 5.6.2): what field names are made of. */
static bool is_tchar(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           (ch != '\0' && strchr("!#$%&'*+-.^_`|~", ch) != NULL);
}

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static bool is_ows(char ch)
{
    return ch == ' ' || ch == '\t';
}

/* A byte no line of a header section may hold: a control byte other than
 * HTAB (a CR here is not before the LF), or DEL. */
static bool is_control(char ch)
{
    unsigned char c = (unsigned char)ch;
    return (c < 0x20 && c != '\t') || c == 0x7f;
}

static const char no_status_line[] = "no status line (expected \"HTTP/1.1 200 OK\")";

/* The status line s (len bytes): NULL with the code and version, or why it
 * is not one, *at the index of the byte where it stops making sense.
 * HTTP/1.x lines say nothing of the version the rules read (HTTP/1.0 is the
 * server's version, not necessarily the request's); HTTP/2 and HTTP/3 say
 * the exchange was over that version. */
static const char *parse_status_line(const char *s, size_t len, int *code, hs_http_version *version, size_t *at)
{
    size_t i;
    *at = 0;
    if (len < 5 || memcmp(s, "HTTP/", 5) != 0)
        return no_status_line;
    for (i = 0; i < len; i++)
        if (s[i] == '\0') {
            *at = i;
            return "NUL byte in the header section";
        }
    if (len >= 8 && s[5] == '1' && s[6] == '.' && is_digit(s[7])) {
        *version = HS_VERSION_UNSET;
        i = 8;
    } else if (len >= 6 && (s[5] == '2' || s[5] == '3') && (len == 6 || s[6] == ' ')) {
        *version = s[5] == '2' ? HS_HTTP_2 : HS_HTTP_3;
        i = 6;
    } else {
        *at = 5;
        return "unknown HTTP version in the status line (HTTP/1.0, HTTP/1.1, HTTP/2 or HTTP/3)";
    }
    *at = i;
    if (i == len)
        return "a status line with no code";
    if (s[i] != ' ')
        return "no space after the HTTP version in the status line";
    *at = ++i;
    size_t digits = 0;
    while (i + digits < len && is_digit(s[i + digits]))
        digits++;
    if (digits == 0)
        return "a status line with no code";
    if (digits != 3)
        return "the status code is not three digits";
    *code = (s[i] - '0') * 100 + (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
    *at = i += 3;
    if (i < len && s[i] != ' ')
        return "no space after the status code";
    for (; i < len; i++)
        if (is_control(s[i])) {
            *at = i;
            return "control byte in the reason phrase";
        }
    return NULL;
}

/* The reading of a stream, one response after another. */
struct stream {
    struct input in;
    FILE *out;
    const hs_cli_check_options *opt;
    char buf[CHECK_LINE_MAX + 2]; /* a line, and its CR */
    size_t len;                   /* the line in buf */
    enum line_end end;            /* how that line ended */
    unsigned long line;           /* its line number */
    unsigned long long start;     /* and the offset of its first byte */
    size_t printed;               /* findings written */
    bool broken;                  /* a must or should finding was written */
};

enum { RESPONSE_NEXT = -1, RESPONSE_LAST = 0 };

/* A byte of a header line (s->buf + from, len bytes, starting at offset
 * start of line `line`) that no header line may hold: 2 after the message,
 * else 0. */
static int bad_bytes(const struct stream *s, size_t from, size_t len, unsigned long line, unsigned long long start)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s->buf[from + i];
        if (c == '\0')
            return bad_input(&s->in, line, start + i, "NUL byte in the header section");
        if (c == '\r')
            return bad_input(&s->in, line, start + i, "a CR not followed by LF");
        if (is_control((char)c))
            return bad_input(&s->in, line, start + i, "control byte 0x%02x in a field line", c);
    }
    return 0;
}

/* Reads one physical line of a header section into s->buf + from: 0, or 2
 * after the message (the input failed or ended, the line or the section is
 * too long, a byte no header line holds). *len is its length. */
static int read_head_line(struct stream *s, size_t from, size_t *len, unsigned long long head_start)
{
    unsigned long line = s->in.line;
    unsigned long long start = s->in.offset;
    enum line_end end = read_line(&s->in, s->buf + from, CHECK_LINE_MAX + 1 - from, len);
    if (s->in.read_errno != 0)
        return read_failed(&s->in);
    if (s->in.offset - head_start > CHECK_HEAD_MAX)
        return bad_input(&s->in, line, start, "header section longer than %d bytes", CHECK_HEAD_MAX);
    if (end == END_LONG || from + *len > CHECK_LINE_MAX)
        return bad_input(&s->in, line, start, "field line longer than %d bytes%s", CHECK_LINE_MAX,
                         from > 0 ? " (its continuation lines joined)" : "");
    if (end == END_EOF)
        return bad_input(&s->in, s->in.line, s->in.offset, "input ended inside the header section");
    return bad_bytes(s, from, *len, line, start);
}

/* Feeds one field line (s->len bytes in s->buf, starting at line, start)
 * to the checker: 0, or 2 after the message. */
static int field_line(struct stream *s, hs_checker *c, unsigned long line, unsigned long long start)
{
    const char *name = s->buf, *colon = memchr(s->buf, ':', s->len);
    if (colon == NULL)
        return bad_input(&s->in, line, start, "field line without a colon");
    size_t name_len = (size_t)(colon - name);
    if (name_len == 0)
        return bad_input(&s->in, line, start, "field line with no name before the colon");
    for (size_t i = 0; i < name_len; i++) {
        if (is_ows(name[i]))
            return bad_input(&s->in, line, start + i, "white space in a field name or before its colon");
        if (!is_tchar((unsigned char)name[i]))
            return bad_input(&s->in, line, start + i, "byte 0x%02x in a field name (not a token character)",
                             (unsigned char)name[i]);
    }
    const char *value = colon + 1, *end = s->buf + s->len;
    while (value < end && is_ows(*value))
        value++;
    while (end > value && is_ows(end[-1]))
        end--;
    hs_checker_response(c, name, name_len, value, (size_t)(end - value));
    return 0;
}

/* The findings of one response, written as text lines or JSON objects. */
static void write_findings(struct stream *s, const hs_checker *c)
{
    hs_finding found[64]; /* hs_rule_count() is at most 64: one ignore bit each */
    size_t n = hs_checker_end(c, found, sizeof found / sizeof found[0]);
    const char *lang = hs_is_language(s->opt->lang) ? s->opt->lang : "en";
    for (size_t k = 0; k < n && k < sizeof found / sizeof found[0]; k++) {
        const hs_rule *rule = hs_rule_at(found[k].rule);
        const char *message = hs_rule_message(found[k].rule, lang);
        if (rule->severity != HS_INFO)
            s->broken = true;
        if (!s->opt->json) {
            fprintf(s->out, "%03d %-6s %s: %s (%s)\n", c->code, rule->level, rule->id, message, rule->reference);
        } else {
            fprintf(s->out, "%s{\"code\": %d, \"id\": ", s->printed ? ",\n " : "", c->code);
            cli_json_string(s->out, rule->id);
            fputs(", \"level\": ", s->out);
            cli_json_string(s->out, rule->level);
            fputs(", \"field\": ", s->out);
            if (found[k].field != NULL)
                cli_json_string(s->out, found[k].field);
            else
                fputs("null", s->out);
            fputs(", \"message\": ", s->out);
            cli_json_string(s->out, message);
            fputs(", \"reference\": ", s->out);
            cli_json_string(s->out, rule->reference);
            putc('}', s->out);
        }
        s->printed++;
    }
}

/* One response, whose status line is in s->buf: its fields are fed to the
 * core as they are read, then what follows the header section says whether
 * it has content. RESPONSE_NEXT when another response follows (its status
 * line read into s->buf), RESPONSE_LAST at the end of the input, 2 after a
 * message. */
static int check_response(struct stream *s)
{
    int code = 0;
    hs_http_version version = HS_VERSION_UNSET;
    size_t at;
    const unsigned long long head_start = s->start;
    const bool http = s->len >= 5 && memcmp(s->buf, "HTTP/", 5) == 0;
    if (s->end == END_EOF && s->len == 0)
        return bad_input(&s->in, s->line, s->start, "no status line: the input is empty");
    if (s->end == END_LONG && http)
        return bad_input(&s->in, s->line, s->start, "status line longer than %d bytes", CHECK_LINE_MAX);
    const char *why = parse_status_line(s->buf, s->len, &code, &version, &at);
    if (why == NULL && s->len > CHECK_LINE_MAX)
        return bad_input(&s->in, s->line, s->start, "status line longer than %d bytes", CHECK_LINE_MAX);
    if (why != NULL)
        return bad_input(&s->in, s->line, s->start + at, "%s", why);
    if (s->end == END_EOF)
        return bad_input(&s->in, s->in.line, s->in.offset, "input ended inside the header section");

    hs_check_options opt;
    memset(&opt, 0, sizeof opt);
    opt.method = s->opt->method;
    opt.method_len = opt.method != NULL ? strlen(opt.method) : 0;
    opt.ignore = s->opt->ignore;
    opt.version = version;
    hs_checker c;
    hs_checker_begin(&c, code, &opt);

    int first = peek_byte(&s->in);
    if (first == ' ' || first == '\t')
        return bad_input(&s->in, s->in.line, s->in.offset, "white space before the first field line");
    for (;;) {
        unsigned long line = s->in.line;
        unsigned long long start = s->in.offset;
        int status = read_head_line(s, 0, &s->len, head_start);
        if (status != 0)
            return status;
        if (s->len == 0)
            break; /* the blank line: the end of the header section */
        /* Obsolete line folding (RFC 9112, Section 5.2): a line starting
         * with white space continues the field line, joined with one SP. */
        int next;
        while ((next = peek_byte(&s->in)) == ' ' || next == '\t') {
            size_t more, skip = 0;
            if ((status = read_head_line(s, s->len + 1, &more, head_start)) != 0)
                return status;
            char *cont = s->buf + s->len + 1;
            while (skip < more && is_ows(cont[skip]))
                skip++;
            s->buf[s->len] = ' ';
            memmove(cont, cont + skip, more - skip);
            s->len += 1 + more - skip;
        }
        if (s->in.read_errno != 0)
            return read_failed(&s->in);
        if ((status = field_line(s, &c, line, start)) != 0)
            return status;
    }

    /* After the header section: nothing (the end), the next response's
     * status line (after an interim 1xx, or in a chain of redirects), or
     * content, which runs to the end of the input. After a 101 the
     * connection speaks another protocol: what follows is not content. */
    int result;
    hs_checker_content(&c, HS_CONTENT_NONE);
    if (code == 101) {
        drain(&s->in, s->buf, sizeof s->buf);
        result = RESPONSE_LAST;
    } else {
        int next_code;
        hs_http_version next_version;
        s->line = s->in.line;
        s->start = s->in.offset;
        s->end = read_line(&s->in, s->buf, CHECK_LINE_MAX + 1, &s->len);
        if (s->end == END_EOF && s->len == 0) {
            result = RESPONSE_LAST;
        } else if (s->end == END_LF && parse_status_line(s->buf, s->len, &next_code, &next_version, &at) == NULL) {
            result = RESPONSE_NEXT;
        } else {
            hs_checker_content(&c, HS_CONTENT_PRESENT);
            drain(&s->in, s->buf, sizeof s->buf);
            result = RESPONSE_LAST;
        }
    }
    if (s->in.read_errno != 0)
        return read_failed(&s->in);
    write_findings(s, &c);
    return result;
}

int hs_cli_check_stream(FILE *in, const char *name, FILE *out, FILE *err, const hs_cli_check_options *opt)
{
    static const hs_cli_check_options defaults; /* const: no mutable state */
    struct stream s;
    memset(&s.in, 0, sizeof s.in);
    s.in.file = in;
    s.in.err = err;
    s.in.name = name;
    s.in.line = 1;
    s.out = out;
    s.opt = opt != NULL ? opt : &defaults;
    s.printed = 0;
    s.broken = false;

    int result = RESPONSE_NEXT;
    if (s.opt->json)
        putc('[', out);
    for (bool first = true; result == RESPONSE_NEXT && !ferror(out); first = false) {
        /* The first status line; the response before reads the others. */
        if (first) {
            s.line = s.in.line;
            s.start = s.in.offset;
            s.end = read_line(&s.in, s.buf, CHECK_LINE_MAX + 1, &s.len);
            if (s.in.read_errno != 0) {
                result = read_failed(&s.in);
                break;
            }
        }
        result = check_response(&s);
    }
    if (s.opt->json)
        fputs("]\n", out);
    if (ferror(out))
        return 2;
    return result == 2 ? 2 : s.broken ? 1 : 0;
}
