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
#include <stdlib.h>
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

/* Whether s (len bytes, no LF yet) may still begin a status line, given
 * that its first len - 1 bytes may: the test is of its last byte. A CR may
 * only come last, before the LF. (parse_status_line says what the whole
 * line is; this lets the reading give up on content at the first byte that
 * rules a status line out, without waiting for a line end.) */
static bool status_line_goes_on(const char *s, size_t len)
{
    static const char http[] = "HTTP/";
    const size_t i = len - 1;
    const char ch = s[i];
    if (i > 0 && s[i - 1] == '\r')
        return false;
    if (i < 5)
        return ch == http[i];
    if (i == 5)
        return ch == '1' || ch == '2' || ch == '3';
    if (s[5] == '1' && i == 6)
        return ch == '.';
    if (s[5] == '1' && i == 7)
        return is_digit(ch);
    const size_t space = s[5] == '1' ? 8 : 6; /* the space after the version */
    if (i == space)
        return ch == ' ';
    if (i <= space + 3)
        return is_digit(ch);
    if (i == space + 4)
        return ch == ' ' || ch == '\r';
    return ch == '\r' || !is_control(ch);
}

/* What --verbose shows of a status line, at most. */
#define STATUS_SHOWN 200

/* The reading of a stream, one response after another. */
struct stream {
    struct input in;
    FILE *out;
    const hs_cli_check_options *opt;
    const char *lang;             /* of the messages: "en" or "ko" */
    char buf[CHECK_LINE_MAX + 2]; /* a line, and its CR */
    size_t len;                   /* the line in buf */
    enum line_end end;            /* how that line ended */
    unsigned long line;           /* its line number */
    unsigned long long start;     /* and the offset of its first byte */
    unsigned long responses;      /* responses begun */
    size_t printed;               /* findings written */
    bool broken;                  /* a must or should finding was written */
    char *problem;                /* HS_PROBLEM_CONTENT_MAX bytes from the heap, once a */
                                  /* problem+json response is met: its content, kept */
};

/* When the findings of a response are known: at the end of its header
 * section, or once it is known whether it has content (its first byte, or
 * the end of the content), when a rule reads that; or, when the problem
 * rules read its content, at the end of the content. */
enum known { KNOWN_AT_HEAD, KNOWN_AT_CONTENT, KNOWN_AT_END };

/* One response being read. */
struct response {
    hs_checker checker;
    unsigned long number;          /* 1 for the first response of the input */
    unsigned long line;            /* the line of its status line */
    char status[STATUS_SHOWN + 4]; /* its status line, for --verbose ("..." when cut) */
    int code;
    hs_http_version version;       /* of its status line */
    /* What its fields say of its content: */
    bool length_given;             /* Content-Length */
    bool length_bad;               /* ... not one string of digits, or lines that differ */
    unsigned long long length;
    bool transfer_encoded;         /* Transfer-Encoding */
    bool content_encoded;          /* Content-Encoding: curl --compressed decodes it */
    bool h2c;                      /* Upgrade names h2c */
    bool problem;                  /* the problem rules read its content (s->problem keeps it) */
    /* Where its content ends (see may_begin): */
    bool length_known;             /* Content-Length says where curl's copy ends */
    bool length_exact;             /* ... and nothing before it is a status line */
    enum known known;
    bool written;                  /* its findings are written */
    unsigned long long content;    /* bytes of content handed to content() */
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

static char lower(char ch)
{
    return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

/* Whether s (len bytes) is word, ignoring ASCII case. */
static bool same_folded(const char *s, size_t len, const char *word)
{
    size_t i = 0;
    for (; i < len && word[i] != '\0'; i++)
        if (lower(s[i]) != lower(word[i]))
            return false;
    return i == len && word[i] == '\0';
}

/* Whether an Upgrade value (a comma-separated list of protocol-name
 * ["/" protocol-version]) names h2c, HTTP/2 over cleartext; protocol names
 * compare ignoring case (RFC 9110, Section 7.8). */
static bool upgrade_names_h2c(const char *v, size_t len)
{
    size_t i = 0;
    while (i < len) {
        while (i < len && (v[i] == ',' || is_ows(v[i])))
            i++;
        size_t name = i;
        while (i < len && v[i] != ',' && v[i] != '/' && !is_ows(v[i]))
            i++;
        if (same_folded(v + name, i - name, "h2c"))
            return true;
        while (i < len && v[i] != ',')
            i++;
    }
    return false;
}

/* What a field says of the content, or of the protocol after a 101. */
static void note_field(struct response *r, const char *name, size_t name_len, const char *value, size_t value_len)
{
    if (same_folded(name, name_len, "Content-Length")) {
        /* One string of digits (RFC 9110, Section 8.6), the same on every
         * line; 18 digits at most, so it fits. */
        unsigned long long n = 0;
        bool digits = value_len > 0 && value_len <= 18;
        for (size_t i = 0; digits && i < value_len; i++) {
            digits = is_digit(value[i]);
            n = n * 10 + (unsigned long long)(value[i] - '0');
        }
        if (!digits || (r->length_given && n != r->length))
            r->length_bad = true;
        r->length_given = true;
        r->length = n;
    } else if (same_folded(name, name_len, "Transfer-Encoding")) {
        r->transfer_encoded = true;
    } else if (same_folded(name, name_len, "Content-Encoding")) {
        r->content_encoded = true;
    } else if (same_folded(name, name_len, "Upgrade")) {
        r->h2c = r->h2c || upgrade_names_h2c(value, value_len);
    }
}

/* Feeds one field line (s->len bytes in s->buf, starting at line, start)
 * to the checker: 0, or 2 after the message. */
static int field_line(struct stream *s, struct response *r, unsigned long line, unsigned long long start)
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
    hs_checker_response(&r->checker, name, name_len, value, (size_t)(end - value));
    note_field(r, name, name_len, value, (size_t)(end - value));
    return 0;
}

/* The findings of a response, written as text lines or JSON objects and
 * flushed; with --verbose, its status line and their number on err. */
static void write_findings(struct stream *s, struct response *r)
{
    hs_finding found[64]; /* hs_rule_count() is at most 64: one ignore bit each */
    const size_t cap = sizeof found / sizeof found[0];
    size_t n = hs_checker_end(&r->checker, found, cap);
    n = n < cap ? n : cap; /* the options were found valid: never HS_CHECK_INVALID */
    r->written = true;
    if (s->opt->verbose)
        fprintf(s->in.err, "httpstatus: --check: %s%sresponse %lu, line %lu: %lu finding%s: %s\n",
                s->in.name != NULL ? s->in.name : "", s->in.name != NULL ? ": " : "", r->number, r->line,
                (unsigned long)n, n == 1 ? "" : "s", r->status);
    for (size_t k = 0; k < n; k++) {
        const hs_rule *rule = hs_rule_at(found[k].rule);
        const char *message = hs_rule_message(found[k].rule, s->lang);
        if (rule->severity != HS_INFO)
            s->broken = true;
        if (!s->opt->json) {
            fprintf(s->out, "%03d %-6s %s: %s (%s)\n", r->code, rule->level, rule->id, message, rule->reference);
        } else {
            fprintf(s->out, "%s{\"response\": %lu, \"code\": %d, \"id\": ", s->printed ? ",\n " : "", r->number,
                    r->code);
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
    fflush(s->out);
}

/* Whether the findings of r depend on whether it has content: the same
 * findings with content and without are known at its header section. A
 * rule added to the core that reads the presence of content is seen here
 * without a change. */
static enum known when_known(const struct response *r)
{
    hs_finding none[64], some[64];
    const size_t cap = sizeof none / sizeof none[0];
    hs_checker probe = r->checker;
    hs_checker_content(&probe, HS_CONTENT_NONE);
    size_t n = hs_checker_end(&probe, none, cap);
    hs_checker_content(&probe, HS_CONTENT_PRESENT);
    bool same = hs_checker_end(&probe, some, cap) == n;
    for (size_t k = 0; same && k < n && k < cap; k++)
        same = none[k].rule == some[k].rule && none[k].field == some[k].field;
    return same ? KNOWN_AT_HEAD : KNOWN_AT_CONTENT;
}

/* Whether the problem rules read r's content: the core takes its
 * Content-Type for application/problem+json (a content that is not JSON
 * makes problem-invalid fire, whatever the options), and one of the four
 * rules may be reported (not ignored, at the level asked for or above). */
static bool reads_problem(const struct response *r)
{
    static const char *const ids[] = {"problem-invalid", "problem-status-mismatch", "problem-member-type",
                                      "problem-title-differs"};
    hs_finding found[64];
    const size_t cap = sizeof found / sizeof found[0];
    hs_checker probe = r->checker;
    bool reported = false;
    size_t invalid = hs_rule_find(ids[0], strlen(ids[0]));
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        size_t rule = hs_rule_find(ids[i], strlen(ids[i]));
        reported = reported || (rule < hs_rule_count() && !(r->checker.opt.ignore & (1ULL << rule)) &&
                                hs_rule_at(rule)->severity >= r->checker.opt.level);
    }
    if (!reported)
        return false;
    probe.opt.ignore = 0;
    probe.opt.level = HS_INFO;
    hs_checker_content_data(&probe, "-", 1);
    size_t n = hs_checker_end(&probe, found, cap);
    for (size_t k = 0; k < n && k < cap; k++)
        if (found[k].rule == invalid)
            return true;
    return false;
}

/* The one place where content bytes are seen: n more bytes of r's content,
 * in order. The status rules read only whether there is content, which the
 * first byte settles: findings that waited for it are written at once. The
 * problem rules read the content itself: up to HS_PROBLEM_CONTENT_MAX bytes
 * of it are kept in s->problem (past that, they are not read). */
static void content(struct stream *s, struct response *r, const char *bytes, size_t n)
{
    if (n == 0)
        return;
    if (r->content == 0) {
        hs_checker_content(&r->checker, HS_CONTENT_PRESENT);
        if (r->known == KNOWN_AT_CONTENT)
            write_findings(s, r);
    }
    if (r->problem && r->content < HS_PROBLEM_CONTENT_MAX) {
        size_t room = HS_PROBLEM_CONTENT_MAX - (size_t)r->content;
        memcpy(s->problem + r->content, bytes, n < room ? n : room);
    }
    r->content += n;
}

/* The end of r's content: the problem rules read it, when they do and it
 * is short enough. curl prints content as it came, decoded only with
 * --compressed: with a Content-Encoding it is read only when it begins
 * like a JSON object (so compressed bytes are not judged). */
static void content_ended(struct stream *s, struct response *r)
{
    if (!r->problem || r->content > HS_PROBLEM_CONTENT_MAX)
        return;
    size_t n = (size_t)r->content, i = 0;
    while (i < n && (s->problem[i] == ' ' || s->problem[i] == '\t' || s->problem[i] == '\n' || s->problem[i] == '\r'))
        i++;
    if (r->content_encoded && (i == n || s->problem[i] != '{'))
        return;
    hs_checker_content_data(&r->checker, s->problem, n);
}

/* Where the next response's status line may begin, at offset `at` of r's
 * content (at the start of a line of it or not): curl prints it right
 * after the last byte of content, with or without a line end before it.
 * So a status line begins the next response
 *   - at offset 0: no content (a response to HEAD, a 304, an interim 1xx);
 *   - at the offset Content-Length gives, when it tells how much curl
 *     printed (a response that may have content, no Transfer-Encoding);
 *   - at the start of a line, and anywhere when it ends with CRLF, as every
 *     status line curl prints does: content of unknown length (chunked,
 *     none given, or decoded by curl --compressed) ends where it begins;
 * except that with a Content-Length and no Content-Encoding, the content is
 * that many bytes, whatever they hold. */
enum begin { BEGIN_NO, BEGIN_HERE, BEGIN_IF_CRLF };

static enum begin may_begin(const struct response *r, unsigned long long at, bool line_start)
{
    if (at == 0 || (r->length_known && at == r->length))
        return BEGIN_HERE;
    if (r->length_exact && at < r->length)
        return BEGIN_NO;
    return line_start ? BEGIN_HERE : BEGIN_IF_CRLF;
}

/* Reads the content of r, handing it to content(): up to the status line
 * of the next response (then in s->buf: RESPONSE_NEXT) or to the end of the
 * input (RESPONSE_LAST); 2 after the message when the input cannot be read.
 * A byte that may begin a status line is held, with the ones after it, in
 * s->buf until one rules the line out (they are content) or its LF comes.
 * Other bytes are handed over in runs, the first byte on its own. */
static int read_content(struct stream *s, struct response *r)
{
    char run[4096];
    size_t held = 0, line = 0; /* bytes in run; of a possible status line in s->buf */
    bool line_start = true, needs_crlf = false;
    for (;;) {
        int c = next_byte(&s->in);
        if (c == EOF)
            break;
        char ch = (char)c;
        if (line > 0) {
            if (ch == '\n') {
                int code;
                hs_http_version version;
                size_t at, len = line - (s->buf[line - 1] == '\r');
                if (len <= CHECK_LINE_MAX && parse_status_line(s->buf, len, &code, &version, &at) == NULL &&
                    (len < line || !needs_crlf)) {
                    s->len = len;
                    s->end = END_LF;
                    return RESPONSE_NEXT;
                }
                content(s, r, s->buf, line);
                content(s, r, "\n", 1);
                line = 0;
                line_start = true;
                continue;
            }
            if (line <= CHECK_LINE_MAX) {
                s->buf[line] = ch;
                if (status_line_goes_on(s->buf, line + 1)) {
                    line++;
                    continue;
                }
            }
            content(s, r, s->buf, line); /* no status line: content, and ch is looked at anew */
            line = 0;
            line_start = false;
        }
        enum begin begin = ch == 'H' ? may_begin(r, r->content + held, line_start) : BEGIN_NO;
        if (begin != BEGIN_NO) {
            content(s, r, run, held);
            held = 0;
            s->buf[0] = ch;
            line = 1;
            needs_crlf = begin == BEGIN_IF_CRLF;
            s->line = s->in.line;
            s->start = s->in.offset - 1;
            continue;
        }
        run[held++] = ch;
        if (held == sizeof run || r->content == 0) {
            content(s, r, run, held);
            held = 0;
        }
        line_start = ch == '\n';
    }
    content(s, r, run, held);
    content(s, r, s->buf, line);
    if (s->in.read_errno != 0)
        return read_failed(&s->in);
    return RESPONSE_LAST;
}

/* One response, whose status line is in s->buf: its fields are fed to the
 * core as they are read; its findings are written as soon as they are
 * known (when_known), then its content is read. RESPONSE_NEXT when another
 * response follows (its status line read into s->buf), RESPONSE_LAST at the
 * end of the input, 2 after a message. */
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

    struct response r;
    memset(&r, 0, sizeof r);
    r.number = ++s->responses;
    r.line = s->line;
    r.code = code;
    r.version = version;
    if (s->len <= STATUS_SHOWN)
        snprintf(r.status, sizeof r.status, "%.*s", (int)s->len, s->buf);
    else
        snprintf(r.status, sizeof r.status, "%.*s...", STATUS_SHOWN, s->buf);
    hs_check_options opt = HS_CHECK_OPTIONS_INIT;
    opt.method = s->opt->method;
    opt.method_len = opt.method != NULL ? strlen(opt.method) : 0;
    opt.ignore = s->opt->ignore;
    opt.level = s->opt->level;
    opt.version = version;
    hs_checker_begin(&r.checker, code, &opt);

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
        if ((status = field_line(s, &r, line, start)) != 0)
            return status;
    }

    /* After the header section. A 101 switches the connection to another
     * protocol, whose bytes are not HTTP: read to the end, not kept. Only
     * an HTTP/1.1 101 to h2c is followed by more HTTP as curl prints it:
     * the HTTP/2 response to the request that asked for the upgrade. */
    hs_checker_content(&r.checker, HS_CONTENT_NONE);
    if (code == 101 && !(r.h2c && version == HS_VERSION_UNSET)) {
        write_findings(s, &r);
        drain(&s->in, s->buf, sizeof s->buf);
        return s->in.read_errno != 0 ? read_failed(&s->in) : RESPONSE_LAST;
    }
    /* The Content-Length says how much curl printed only of a response that
     * may have content: not a 1xx, 204, 205 or 304, not a response to HEAD,
     * not a 2xx to CONNECT (a tunnel). */
    const bool method_head = opt.method != NULL && strcmp(opt.method, "HEAD") == 0;
    const bool tunnel = code / 100 == 2 && opt.method != NULL && strcmp(opt.method, "CONNECT") == 0;
    r.length_known = !hs_is_empty(code) && !method_head && !tunnel && r.length_given && !r.length_bad &&
                     !r.transfer_encoded;
    r.length_exact = r.length_known && !r.content_encoded;
    r.problem = reads_problem(&r);
    if (r.problem && s->problem == NULL && (s->problem = malloc(HS_PROBLEM_CONTENT_MAX)) == NULL)
        return bad_input(&s->in, s->in.line, s->in.offset, "no memory for a problem-details content (%d bytes)",
                         HS_PROBLEM_CONTENT_MAX);
    r.known = r.problem ? KNOWN_AT_END : when_known(&r);
    if (r.known == KNOWN_AT_HEAD)
        write_findings(s, &r);
    int result = ferror(s->out) ? RESPONSE_LAST : read_content(s, &r);
    if (result != 2 && !r.written) {
        content_ended(s, &r);
        write_findings(s, &r);
    }
    return result;
}

/* The options a caller gave: 0 when they can be applied, else 2 after a
 * message on err. A standard method in another case is taken as written,
 * with a warning: methods are case-sensitive. */
static int check_options(const hs_cli_check_options *opt, FILE *err)
{
    static const char *const standard[] = {"GET",     "HEAD",    "POST",  "PUT",  "DELETE",
                                           "CONNECT", "OPTIONS", "TRACE", "PATCH"};
    if (opt->method != NULL && !hs_is_method(opt->method, strlen(opt->method))) {
        fprintf(err, "httpstatus: --check: not a method (a token such as GET): '%s'\n", opt->method);
        return 2;
    }
    if (opt->level != HS_INFO && opt->level != HS_SHOULD && opt->level != HS_MUST) {
        fprintf(err, "httpstatus: --check: unknown level %d (HS_INFO, HS_SHOULD or HS_MUST)\n", (int)opt->level);
        return 2;
    }
    for (size_t i = 0; opt->method != NULL && i < sizeof standard / sizeof standard[0]; i++)
        if (same_folded(opt->method, strlen(opt->method), standard[i]) && strcmp(opt->method, standard[i]) != 0)
            fprintf(err,
                    "httpstatus: warning: --method %s is not %s: methods are case-sensitive (RFC 9110, "
                    "Section 9.1), and the rules read it as written\n",
                    opt->method, standard[i]);
    return 0;
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
    s.lang = hs_is_language(s.opt->lang) ? s.opt->lang : "en";
    s.responses = 0;
    s.printed = 0;
    s.broken = false;
    s.problem = NULL;
    if (check_options(s.opt, err) != 0)
        return 2;

    int result = RESPONSE_NEXT;
    if (s.opt->json)
        putc('[', out);
    /* The first status line; each response reads the next one. */
    s.line = s.in.line;
    s.start = s.in.offset;
    s.end = read_line(&s.in, s.buf, CHECK_LINE_MAX + 1, &s.len);
    if (s.in.read_errno != 0)
        result = read_failed(&s.in);
    while (result == RESPONSE_NEXT && !ferror(out))
        result = check_response(&s);
    free(s.problem);
    if (s.opt->json)
        fputs("]\n", out);
    fflush(out);
    if (ferror(out))
        return 2;
    return result == 2 ? 2 : s.broken ? 1 : 0;
}
