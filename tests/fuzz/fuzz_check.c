/*
 * libFuzzer target for hs_check, the response rules. An input is read as:
 *
 *   bytes 0-3   the status code (a 32-bit int, any value)
 *   byte  4     facts: bit 0-2 the method (none, GET, HEAD, CONNECT, POST,
 *               DELETE, "get", or the first response field's value), bit 3
 *               content present, bit 4 content absent, bits 5-7 the version
 *   bytes 5-12  the ignore mask
 *   the rest    response fields, one per '\n'-ended line, name before the
 *               first ':'; after a line "\r" the request's fields (which
 *               makes the request known)
 *
 * Every byte may be anything, NUL included. The findings are checked against
 * the header's promises and a few rules restated here from their wording:
 * the array and field-by-field forms agree, findings come in rule order
 * from the code's own rules and never from an ignored one, a code outside
 * 100..599 has status-invalid alone, and the "X missing" rules fire exactly
 * when no field is named X (ASCII case ignored).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "httpstatus.h"

#define CHECK(cond)                                                                           \
    do {                                                                                      \
        if (!(cond)) {                                                                        \
            fprintf(stderr, "fuzz_check: invariant broken at line %d: %s\n", __LINE__, #cond); \
            abort();                                                                          \
        }                                                                                     \
    } while (0)

#define MAX_FIELDS 64

static bool same_folded(const char *s, size_t len, const char *word)
{
    size_t n = strlen(word);
    if (len != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        char w = word[i];
        if (w >= 'A' && w <= 'Z')
            w = (char)(w - 'A' + 'a');
        if (c != w)
            return false;
    }
    return true;
}

static bool has_field(const hs_header *h, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (same_folded(h[i].name, h[i].name_len, name))
            return true;
    return false;
}

static size_t rule_index(const char *id)
{
    size_t i = hs_rule_find(id, strlen(id));
    CHECK(i < hs_rule_count());
    return i;
}

/* Splits data into header lines; returns how many, up to MAX_FIELDS each. */
static void split(const uint8_t *data, size_t size, hs_header *resp, size_t *nresp, hs_header *req, size_t *nreq,
                  bool *request_given)
{
    size_t at = 0;
    bool in_request = false;
    *nresp = *nreq = 0;
    *request_given = false;
    while (at < size) {
        const char *line = (const char *)data + at;
        size_t len = 0;
        while (at + len < size && data[at + len] != '\n')
            len++;
        at += len + 1;
        if (len == 1 && line[0] == '\r') {
            in_request = *request_given = true;
            continue;
        }
        const char *colon = memchr(line, ':', len);
        size_t name_len = colon ? (size_t)(colon - line) : len;
        hs_header h = {line, name_len, colon ? colon + 1 : NULL, colon ? len - name_len - 1 : 0};
        if (in_request && *nreq < MAX_FIELDS)
            req[(*nreq)++] = h;
        else if (!in_request && *nresp < MAX_FIELDS)
            resp[(*nresp)++] = h;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 13)
        return 0;
    int32_t code;
    memcpy(&code, data, 4);
    uint8_t facts = data[4];
    unsigned long long ignore;
    memcpy(&ignore, data + 5, 8);

    hs_header resp[MAX_FIELDS], req[MAX_FIELDS];
    size_t nresp, nreq;
    bool request_given;
    split(data + 13, size - 13, resp, &nresp, req, &nreq, &request_given);

    static const char *const methods[] = {NULL, "GET", "HEAD", "CONNECT", "POST", "DELETE", "get", NULL};
    hs_check_options opt = {0};
    unsigned m = facts & 7u;
    if (m == 7 && nresp > 0 && resp[0].value != NULL) {
        opt.method = resp[0].value; /* any bytes as a method */
        opt.method_len = resp[0].value_len;
    } else if (methods[m] != NULL) {
        opt.method = methods[m];
        opt.method_len = strlen(methods[m]);
    }
    opt.content = (facts & 8) ? HS_CONTENT_PRESENT : (facts & 16) ? HS_CONTENT_NONE : HS_CONTENT_UNKNOWN;
    opt.version = (hs_http_version)((facts >> 5) % 5);
    opt.request_fields_given = request_given;
    opt.request_fields = req;
    opt.request_field_count = nreq;
    opt.ignore = ignore;

    hs_finding out[64], fed[64], few[2];
    size_t found = hs_check(code, resp, nresp, &opt, out, 64);
    CHECK(found <= hs_rule_count());
    CHECK(hs_check(code, resp, nresp, &opt, few, 2) == found);
    CHECK(hs_check(code, resp, nresp, &opt, NULL, 0) == found);

    hs_checker c;
    hs_checker_begin(&c, code, &opt);
    for (size_t i = 0; i < nresp; i++)
        hs_checker_response(&c, resp[i].name, resp[i].name_len, resp[i].value, resp[i].value_len);
    CHECK(hs_checker_end(&c, fed, 64) == found);

    for (size_t i = 0; i < found; i++) {
        CHECK(out[i].rule == fed[i].rule && out[i].field == fed[i].field);
        CHECK(i < 2 ? few[i].rule == out[i].rule : 1);
        CHECK(i == 0 || out[i - 1].rule < out[i].rule);
        CHECK(!(ignore >> out[i].rule & 1));
        CHECK(hs_rule_applies(out[i].rule, code));
        const hs_rule *r = hs_rule_at(out[i].rule);
        CHECK(r != NULL);
        CHECK(out[i].field == r->field || (r->field != NULL && out[i].field != NULL &&
                                           strncmp(out[i].field, "Content-", 8) == 0));
        bool listed = false;
        for (size_t j = 0; hs_rule_of(code, j) != NULL; j++)
            listed = listed || strcmp(hs_rule_of(code, j), r->id) == 0;
        CHECK(listed);
        if (r->needs_request)
            CHECK(opt.method != NULL || request_given || opt.version != HS_VERSION_UNSET);
    }

    /* Outside 100..599: status-invalid and nothing else. */
    if (code < 100 || code > 599)
        CHECK(found == !(ignore & 1) && (found == 0 || out[0].rule == rule_index("status-invalid")));

    /* The "missing" rules fire exactly when the field is absent. */
    static const struct {
        const char *id, *field;
    } missing[] = {{"www-authenticate-missing", "WWW-Authenticate"},
                   {"proxy-authenticate-missing", "Proxy-Authenticate"},
                   {"allow-missing", "Allow"},
                   {"content-range-suggested", "Content-Range"},
                   {"location-missing", "Location"},
                   {"retry-after-suggested", "Retry-After"},
                   {"date-missing", "Date"},
                   {"upgrade-missing", "Upgrade"}};
    for (size_t k = 0; k < sizeof missing / sizeof missing[0]; k++) {
        size_t rule = rule_index(missing[k].id);
        bool fired = false;
        for (size_t i = 0; i < found; i++)
            fired = fired || out[i].rule == rule;
        bool expected = hs_rule_applies(rule, code) && !(ignore >> rule & 1) &&
                        !has_field(resp, nresp, missing[k].field);
        CHECK(fired == expected);
    }
    return 0;
}
