/*
 * The package's lookups that are C: get, phrase, category and every
 * predicate, as builtins taking one argument (METH_O, the cheapest call
 * CPython has), each with a docstring whose first line is its signature, so
 * help() and inspect.signature show `phrase(code, /)`. And fields, which
 * gives a Status member, or its as_dict(), the fields of its row.
 */
#include "py_module.h" /* Python.h first, as Python asks */

#include <string.h>

/* ---- the members' fields ------------------------------------------------ */

/* The strs made for one build, by the address of their C text: the rows'
 * rule ids and categories are the core's static strings, each made once. */
typedef struct hs_py_seen {
    size_t count;
    struct {
        const char *text;
        PyObject *str;
    } items[128];
} hs_py_seen;

/* A new reference to a str of text, the one seen holds for the same address
 * when it is not NULL (and holds one more when there is room). */
static PyObject *hs_py_shared_str(const char *text, hs_py_seen *seen)
{
    for (size_t k = 0; seen != NULL && k < seen->count; k++)
        if (seen->items[k].text == text) {
            Py_INCREF(seen->items[k].str);
            return seen->items[k].str;
        }
    PyObject *str = PyUnicode_FromString(text);
    if (str != NULL && seen != NULL && seen->count < sizeof seen->items / sizeof seen->items[0]) {
        seen->items[seen->count].text = text;
        seen->items[seen->count].str = str;
        seen->count++;
        Py_INCREF(str);
    }
    return str;
}

static void hs_py_seen_clear(hs_py_seen *seen)
{
    for (size_t k = 0; k < seen->count; k++)
        Py_DECREF(seen->items[k].str);
    seen->count = 0;
}

/* Field i of code's row as a Python value; a list of strings (aliases,
 * rules) is a tuple, or a list when lists is true. Strings of lists, and the
 * category, are shared through seen (hs_py_shared_str) when it is not NULL. NULL,
 * perhaps with no error set, when it has none. */
static PyObject *hs_py_field(int code, size_t i, bool lists, hs_py_seen *seen)
{
    hs_value v;
    switch (hs_field_kind(i)) {
    case HS_STRINGS: {
        PyObject *items = PyList_New(0);
        for (size_t j = 0; items != NULL && hs_field_value(code, i, j, &v); j++) {
            PyObject *item = hs_py_shared_str(v.string, seen);
            if (item == NULL || PyList_Append(items, item) < 0)
                Py_CLEAR(items);
            Py_XDECREF(item);
        }
        if (lists || items == NULL)
            return items;
        PyObject *tuple = PyList_AsTuple(items);
        Py_DECREF(items);
        return tuple;
    }
    case HS_INTEGER:
        return hs_field_value(code, i, 0, &v) ? PyLong_FromLong(v.integer) : NULL;
    case HS_BOOLEAN:
        return hs_field_value(code, i, 0, &v) ? PyBool_FromLong(v.integer) : NULL;
    case HS_STRING:
        if (!hs_field_value(code, i, 0, &v))
            return NULL;
        return strcmp(hs_field_name(i), "category") == 0 ? hs_py_shared_str(v.string, seen)
                                                        : PyUnicode_FromString(v.string);
    }
    return NULL;
}

/* The fields' names, interned (as attribute names are), as a new tuple. */
static PyObject *hs_py_field_names(void)
{
    PyObject *names = PyTuple_New((Py_ssize_t)hs_field_count());
    for (size_t i = 0; names != NULL && i < hs_field_count(); i++) {
        PyObject *name = PyUnicode_InternFromString(hs_field_name(i));
        if (name == NULL)
            Py_CLEAR(names);
        else
            PyTuple_SET_ITEM(names, (Py_ssize_t)i, name);
    }
    return names;
}

/* A new dict of every field of code's row (a code in the table), keyed by
 * names (hs_py_field_names). */
static PyObject *hs_py_row_fields(int code, bool lists, PyObject *names, hs_py_seen *seen)
{
    PyObject *result = PyDict_New();
    for (size_t i = 0; result != NULL && i < hs_field_count(); i++) {
        PyObject *value = hs_py_field(code, i, lists, seen);
        if (value == NULL && !PyErr_Occurred())
            PyErr_Format(PyExc_SystemError, "fields(): no value for field %s of %d", hs_field_name(i), code);
        if (value == NULL || PyDict_SetItem(result, PyTuple_GET_ITEM(names, (Py_ssize_t)i), value) < 0)
            Py_CLEAR(result);
        Py_XDECREF(value);
    }
    return result;
}

/* fields(code, lists, /): a new dict of every field of code's row, in the
 * order of httpstatus_surface.def (the predicates last); lists of strings
 * (aliases, rules) as tuples, or as lists when lists is true. The package
 * names no field: a line added to the list appears in every member and in
 * as_dict(). */
static PyObject *hs_py_fields(PyObject *self, PyObject *args)
{
    PyObject *number, *lists;
    int code;
    (void)self;
    if (!PyArg_UnpackTuple(args, "fields", 2, 2, &number, &lists) || hs_py_code(number, "fields", &code) < 0)
        return NULL;
    int as_lists = PyObject_IsTrue(lists);
    if (as_lists < 0)
        return NULL;
    if (hs_get(code) == NULL)
        return PyErr_Format(PyExc_ValueError, "fields() needs a code in the table, not %d", code);
    PyObject *names = hs_py_field_names();
    PyObject *result = names == NULL ? NULL : hs_py_row_fields(code, as_lists != 0, names, NULL);
    Py_XDECREF(names);
    return result;
}

/* set_fields(members, /): writes every field of row i (at(i)) into the
 * __dict__ of members[i], a tuple of one object per row, each equal to its
 * row's code: what Status's members are made of, in one call and with no
 * dict in between. The rows share their keys, and the rule ids and
 * categories they have in common are one str each. None. */
static PyObject *hs_py_set_fields(PyObject *self, PyObject *members)
{
    (void)self;
    if (!PyTuple_Check(members) || PyTuple_GET_SIZE(members) != (Py_ssize_t)hs_count())
        return PyErr_Format(PyExc_TypeError, "set_fields() needs a tuple of one member per row (%zu)", hs_count());
    hs_py_seen seen = {0};
    PyObject *names = hs_py_field_names();
    bool failed = names == NULL;
    for (size_t r = 0; !failed && r < hs_count(); r++) {
        PyObject *member = PyTuple_GET_ITEM(members, (Py_ssize_t)r);
        int code = hs_at(r)->code;
        long value = PyLong_Check(member) ? PyLong_AsLong(member) : -1;
        if (value != code) {
            if (!PyErr_Occurred())
                PyErr_Format(PyExc_TypeError, "set_fields(): item %zu must be the member of %d", r, code);
            failed = true;
            break;
        }
        PyObject *dict = PyObject_GenericGetDict(member, NULL);
        failed = dict == NULL;
        for (size_t i = 0; !failed && i < hs_field_count(); i++) {
            PyObject *field = hs_py_field(code, i, false, &seen);
            if (field == NULL && !PyErr_Occurred())
                PyErr_Format(PyExc_SystemError, "set_fields(): no value for field %s of %d", hs_field_name(i), code);
            failed = field == NULL || PyDict_SetItem(dict, PyTuple_GET_ITEM(names, (Py_ssize_t)i), field) < 0;
            Py_XDECREF(field);
        }
        Py_XDECREF(dict);
    }
    Py_XDECREF(names);
    hs_py_seen_clear(&seen);
    if (failed)
        return NULL;
    Py_RETURN_NONE;
}

/* ---- phrase, category, the predicates ------------------------------------ */

/* A lookup of one code that answers a C string or NULL: str or None. */
static PyObject *hs_py_lookup(PyObject *x, const char *fname, const char *(*lookup)(int))
{
    int code;
    if (hs_py_code(x, fname, &code) < 0)
        return NULL;
    const char *text = lookup(code);
    if (text == NULL)
        Py_RETURN_NONE;
    return PyUnicode_FromString(text);
}

static PyObject *hs_py_phrase(PyObject *self, PyObject *x)
{
    (void)self;
    return hs_py_lookup(x, "phrase", hs_phrase);
}

static PyObject *hs_py_category(PyObject *self, PyObject *x)
{
    (void)self;
    return hs_py_lookup(x, "category", hs_category);
}

/* The predicates come from the surface list: the function object's self is
 * its field index for hs_predicate. */
static PyObject *hs_py_predicate(PyObject *index, PyObject *x)
{
    int code;
    size_t i = PyLong_AsSize_t(index);
    if (i == (size_t)-1 && PyErr_Occurred())
        return NULL;
    if (hs_py_code(x, hs_field_name(i), &code) < 0)
        return NULL;
    return PyBool_FromLong(hs_predicate(i, code));
}

static PyMethodDef hs_py_public[] = {
    {"phrase", hs_py_phrase, METH_O,
     "phrase(code, /)\n--\n\nThe reason phrase of a code (\"Not Found\"), or None when the\n"
     "table has no row for it. Any int is accepted; bool, float and other\ntypes raise TypeError."},
    {"category", hs_py_category, METH_O,
     "category(code, /)\n--\n\n\"informational\", \"success\", \"redirection\", \"client_error\" or\n"
     "\"server_error\" for any code in 100..599, registered or not; None\noutside. Any int is accepted; "
     "bool, float and other types raise\nTypeError."},
#define HS_PREDICATE(name, doc)                                                             \
    {#name, hs_py_predicate, METH_O,                                                        \
     #name "(code, /)\n--\n\nTrue for " doc ". False for any int outside\n100..599; bool, " \
           "float and other types raise TypeError."},
#include "httpstatus_surface.def"
};

/* functions(): {name: function} for phrase, category and every predicate. */
static PyObject *hs_py_public_functions(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    PyObject *module = PyUnicode_FromString("httpstatus"), *result = PyDict_New();
    for (size_t f = 0; module != NULL && result != NULL && f < sizeof hs_py_public / sizeof hs_py_public[0]; f++) {
        PyObject *index = NULL, *function;
        if (hs_py_public[f].ml_meth == hs_py_predicate) {
            size_t i = 0;
            while (i < hs_field_count() && strcmp(hs_field_name(i), hs_py_public[f].ml_name) != 0)
                i++;
            if (i == hs_field_count())
                PyErr_Format(PyExc_SystemError, "functions(): %s is not a field", hs_py_public[f].ml_name);
            if (i == hs_field_count() || (index = PyLong_FromSize_t(i)) == NULL)
                Py_CLEAR(result);
        }
        function = result == NULL ? NULL : PyCFunction_NewEx(&hs_py_public[f], index, module);
        if (function == NULL || PyDict_SetItemString(result, hs_py_public[f].ml_name, function) < 0)
            Py_CLEAR(result);
        Py_XDECREF(function);
        Py_XDECREF(index);
    }
    Py_XDECREF(module);
    return result;
}

/* ---- get ------------------------------------------------------------------ */

/* httpstatus.get, in C. Its one table (hs_py_tables) is a tuple whose item c
 * is the member for code c, None where the table has no row: an int is one
 * index, and a str is found by the core (hs_find), whose row's code is the
 * index. */
static PyObject *hs_py_get_number(PyObject *by_code, PyObject *number)
{
    int overflow;
    long code = PyLong_AsLongAndOverflow(number, &overflow);
    if (code == -1 && PyErr_Occurred())
        return NULL;
    PyObject *member = overflow == 0 && code >= 0 && code < PyTuple_GET_SIZE(by_code)
                           ? PyTuple_GET_ITEM(by_code, code) : Py_None;
    Py_INCREF(member);
    return member;
}

static PyObject *hs_py_get(PyObject *self, PyObject *x)
{
    PyObject *by_code = PyTuple_GET_ITEM(hs_py_tables(self), 0);
    if (PyLong_CheckExact(x))
        return hs_py_get_number(by_code, x);
    if (PyUnicode_Check(x)) {
        Py_ssize_t size;
        const char *s = PyUnicode_AsUTF8AndSize(x, &size);
        if (s == NULL) {
            /* a lone surrogate: no UTF-8 form, so no name of a status */
            if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
                return NULL;
            PyErr_Clear();
            Py_RETURN_NONE;
        }
        const hs_status *row = hs_find(s, (size_t)size);
        PyObject *member = row == NULL || row->code >= PyTuple_GET_SIZE(by_code)
                               ? Py_None : PyTuple_GET_ITEM(by_code, row->code);
        Py_INCREF(member);
        return member;
    }
    if (!PyBool_Check(x) && (PyLong_Check(x) || PyIndex_Check(x))) {
        PyObject *number = PyNumber_Index(x); /* an int subclass, numpy.int64 */
        if (number == NULL)
            return NULL;
        PyObject *member = hs_py_get_number(by_code, number);
        Py_DECREF(number);
        return member;
    }
    return PyErr_Format(PyExc_TypeError, "get() argument must be int or str, not '%.200s'",
                        Py_TYPE(x)->tp_name);
}

static PyMethodDef hs_py_get_def = {
    "get", hs_py_get, METH_O,
    "get(x, /)\n--\n\n"
    "The Status for a code, a name, an alias or a phrase, or None.\n\n"
    "Names match case-insensitively, with spaces, hyphens and underscores alike\n"
    "and apostrophes ignored (\"not found\", \"Not-Found\", \"NOT_FOUND\"); a string\n"
    "of exactly three ASCII digits is a code (\"404\"; \"0404\" is not). ASCII white\n"
    "space around the string is ignored (\" 404\\n\", \"Not Found \"), inside a code it\n"
    "is not (\"4 04\"). Any int is accepted (out of range gives None); bool, float,\n"
    "bytes and other types raise TypeError."};

/* make_get(by_code, /): the get builtin over a tuple of at least 600 items,
 * item c the member of code c (None where there is none). */
static PyObject *hs_py_make_get(PyObject *self, PyObject *by_code)
{
    (void)self;
    if (!PyTuple_Check(by_code) || PyTuple_GET_SIZE(by_code) < 600)
        return PyErr_Format(PyExc_TypeError, "make_get() needs a tuple of at least 600 items, not '%.200s'",
                            Py_TYPE(by_code)->tp_name);
    PyObject *codes = PyTuple_GetSlice(by_code, 0, PyTuple_GET_SIZE(by_code)); /* an exact tuple */
    PyObject *tables = codes == NULL ? NULL : PyTuple_Pack(1, codes);
    PyObject *get = tables == NULL ? NULL : hs_py_builtin(&hs_py_get_def, tables);
    Py_XDECREF(codes);
    Py_XDECREF(tables);
    return get;
}

PyMethodDef hs_py_lookup_functions[] = {
    {"fields", hs_py_fields, METH_VARARGS,
     "fields(code, lists, /)\n--\n\n"
     "A new dict of every field of code's row; lists of strings as tuples, or as lists when lists is true."},
    {"set_fields", hs_py_set_fields, METH_O,
     "set_fields(members, /)\n--\n\nWrites fields(at(i).code, False) into the __dict__ of members[i], for every row."},
    {"functions", hs_py_public_functions, METH_NOARGS,
     "functions()\n--\n\n{name: function} for phrase, category and every predicate."},
    {"make_get", hs_py_make_get, METH_O,
     "make_get(by_code, /)\n--\n\n"
     "The get builtin over by_code, a tuple whose item c is the member of code c (None where there is none)."},
    {NULL, NULL, 0, NULL},
};
