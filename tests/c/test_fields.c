/*
 * The surface as data (hs_field_*): every field has a name and a doc, and
 * past the end each function gives the answer the header promises;
 * hs_field_value refuses what it must and then leaves *out alone.
 *
 * Also: no string of the table holds a control byte, which the tool's JSON
 * output relies on (its \u escape for them is unreachable; see
 * tests/coverage/README.md).
 */
#include <stdint.h>

#include "harness.h"
#include "httpstatus.h"

/* A value no call may leave behind when it answers false. */
static const hs_value untouched = {HS_STRING, -12345, "untouched"};

static int is_untouched(const hs_value *v)
{
    return v->kind == untouched.kind && v->integer == untouched.integer && v->string == untouched.string;
}

static size_t field_index(const char *name)
{
    for (size_t i = 0; i < hs_field_count(); i++)
        if (strcmp(hs_field_name(i), name) == 0)
            return i;
    return SIZE_MAX;
}

static int has_control_byte(const char *s)
{
    for (; s && *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return 1;
    return 0;
}

int main(void)
{
    size_t n = hs_field_count();
    OK(n > 0, "the surface has fields");

    /* every field: a name and a doc of its own words */
    for (size_t i = 0; i < n; i++) {
        const char *name = hs_field_name(i), *doc = hs_field_doc(i);
        OK(name != NULL && *name != '\0', "field %zu has a name", i);
        OK(doc != NULL && *doc != '\0', "field %zu (%s) has a doc", i, name ? name : "?");
        OK(doc == NULL || name == NULL || strcmp(doc, name) != 0, "field %s: the doc is not the name", name);
    }

    /* past the end */
    size_t past[] = {n, n + 1, SIZE_MAX};
    for (size_t k = 0; k < sizeof past / sizeof past[0]; k++) {
        size_t i = past[k];
        STR_EQ(hs_field_name(i), NULL, "hs_field_name past the end");
        STR_EQ(hs_field_doc(i), NULL, "hs_field_doc past the end");
        INT_EQ(hs_field_kind(i), HS_INTEGER, "hs_field_kind past the end");
        OK(!hs_field_is_predicate(i), "hs_field_is_predicate(%zu) past the end", i);
        OK(!hs_predicate(i, 404), "hs_predicate(%zu, 404) past the end", i);
        hs_value v = untouched;
        OK(!hs_field_value(404, i, 0, &v) && is_untouched(&v), "hs_field_value(404, %zu, 0) refused", i);
    }

    size_t code = field_index("code"), aliases = field_index("aliases"), phrase = field_index("phrase");
    OK(code != SIZE_MAX && aliases != SIZE_MAX && phrase != SIZE_MAX, "code, aliases and phrase are fields");
    INT_EQ(hs_field_kind(aliases), HS_STRINGS, "aliases is a list");

    /* a code not in the table: every field refused */
    int unknown[] = {-1, 0, 99, 299, 600, INT32_MIN, INT32_MAX};
    for (size_t k = 0; k < sizeof unknown / sizeof unknown[0]; k++)
        for (size_t i = 0; i < n; i++) {
            hs_value v = untouched;
            OK(!hs_field_value(unknown[k], i, 0, &v) && is_untouched(&v), "hs_field_value(%d, %s) refused",
               unknown[k], hs_field_name(i));
        }

    /* no place to write: refused, whatever the field */
    for (size_t i = 0; i < n; i++)
        OK(!hs_field_value(404, i, 0, NULL), "hs_field_value(404, %s, 0, NULL) refused", hs_field_name(i));

    /* one item only for a field that is no list */
    hs_value v = untouched;
    OK(!hs_field_value(404, code, 1, &v) && is_untouched(&v), "code has no item 1");
    OK(!hs_field_value(404, phrase, SIZE_MAX, &v) && is_untouched(&v), "phrase has no item SIZE_MAX");
    OK(hs_field_value(404, code, 0, &v), "code of 404");
    INT_EQ(v.kind, HS_INTEGER, "code is an integer");
    INT_EQ(v.integer, 404, "code of 404");

    /* a list: its items, then refused past its end with *out left alone */
    size_t count = 0;
    while (hs_alias(413, count) != NULL)
        count++;
    OK(count > 0, "413 has aliases");
    for (size_t j = 0; j < count; j++) {
        OK(hs_field_value(413, aliases, j, &v), "alias %zu of 413", j);
        STR_EQ(v.string, hs_alias(413, j), "alias of 413 through hs_field_value");
    }
    v = untouched;
    OK(!hs_field_value(413, aliases, count, &v) && is_untouched(&v), "413 has no alias %zu", count);
    OK(!hs_field_value(404, aliases, 0, &v) && is_untouched(&v), "404 has no alias");

    /* no control byte in any string the table gives, in either language */
    for (size_t r = 0; r < hs_count(); r++) {
        const hs_status *s = hs_at(r);
        for (size_t i = 0; i < n; i++) {
            hs_kind kind = hs_field_kind(i);
            if (kind != HS_STRING && kind != HS_STRINGS)
                continue;
            for (size_t j = 0; hs_field_value(s->code, i, j, &v); j++)
                OK(!has_control_byte(v.string), "%d %s item %zu has a control byte", s->code, hs_field_name(i), j);
        }
        OK(!has_control_byte(hs_description(s->code, "ko")), "%d: the Korean description has a control byte",
           s->code);
    }
    for (size_t i = 0; i < n; i++)
        OK(!has_control_byte(hs_field_name(i)), "field %zu: the name has a control byte", i);

    return harness_report("test_fields");
}
