/*
 * The package's lookups that are C: get, phrase, category and every
 * predicate, as builtins taking one argument (METH_O, the cheapest call
 * CPython has), each with a docstring whose first line is its signature, so
 * help() and inspect.signature show `phrase(code, /)`. And fill_member,
 * which gives each Status member the fields of its row.
 */
#include "py_module.h" /* Python.h first, as Python asks */

#include <string.h>

/* ---- the members' fields ------------------------------------------------ */

/* Field i of code's row as a Python value; a list of strings (aliases,
 * rules) is a tuple. NULL, perhaps with no error set, when it has none. */
static PyObject *hs_py_field(int code, size_t i)
{
    hs_value v;
    switch (hs_field_kind(i)) {
    case HS_STRINGS: {
        PyObject *items = PyList_New(0);
        for (size_t j = 0; items != NULL && hs_field_value(code, i, j, &v); j++) {
            PyObject *item = PyUnicode_FromString(v.string);
            if (item == NULL || PyList_Append(items, item) < 0)
                Py_CLEAR(items);
            Py_XDECREF(item);
        }
        PyObject *tuple = items == NULL ? NULL : PyList_AsTuple(items);
        Py_XDECREF(items);
        return tuple;
    }
    case HS_INTEGER:
        return hs_field_value(code, i, 0, &v) ? PyLong_FromLong(v.integer) : NULL;
    case HS_BOOLEAN:
        return hs_field_value(code, i, 0, &v) ? PyBool_FromLong(v.integer) : NULL;
    case HS_STRING:
        return hs_field_value(code, i, 0, &v) ? PyUnicode_FromString(v.string) : NULL;
    }
    return NULL;
}

/* fill_member(attributes, code): puts the attributes of code's Status
 * member into its __dict__: every field of httpstatus_surface.def, in its
 * order (the predicates last), each a plain instance attribute. One call per
 * member keeps the package's import short, and the package names no field:
 * a line added to the list appears here. */
static PyObject *hs_py_fill_member(PyObject *self, PyObject *args)
{
    PyObject *attributes, *number;
    int code;
    (void)self;
    if (!PyArg_UnpackTuple(args, "fill_member", 2, 2, &attributes, &number) ||
        hs_py_code(number, "fill_member", &code) < 0)
        return NULL;
    if (hs_get(code) == NULL || !PyDict_Check(attributes)) {
        PyErr_Format(PyExc_ValueError, "fill_member() needs a dict and a code in the table, not %d", code);
        return NULL;
    }
    for (size_t i = 0; i < hs_field_count(); i++) {
        PyObject *value = hs_py_field(code, i);
        if (value == NULL && !PyErr_Occurred())
            PyErr_Format(PyExc_SystemError, "fill_member(): no value for field %s of %d", hs_field_name(i), code);
        /* PyDict_SetItemString interns the key, as attribute names are. */
        int failed = value == NULL || PyDict_SetItemString(attributes, hs_field_name(i), value) < 0;
        Py_XDECREF(value);
        if (failed)
            return NULL;
    }
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

/* httpstatus.get, in C, with its tables in the function object itself: a
 * tuple whose item c is the member for code c (None where the table has no
 * row), and a dict of canonical names and aliases. No state lives in the
 * extension; make_get copies what it is given, so nothing outside can change
 * the answers of the function it returns. */
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

static PyObject *hs_py_get(PyObject *tables, PyObject *x)
{
    PyObject *by_code = PyTuple_GET_ITEM(tables, 0);
    if (PyLong_CheckExact(x))
        return hs_py_get_number(by_code, x);
    if (PyUnicode_Check(x)) {
        PyObject *member = PyDict_GetItemWithError(PyTuple_GET_ITEM(tables, 1), x);
        if (member != NULL || PyErr_Occurred()) {
            Py_XINCREF(member);
            return member;
        }
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
        if (row == NULL)
            Py_RETURN_NONE;
        member = PyTuple_GET_ITEM(by_code, row->code);
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
    "of exactly three ASCII digits is a code (\"404\"; \"0404\" is not). Any int is\n"
    "accepted (out of range gives None); bool, float, bytes and other types raise\n"
    "TypeError."};

/* make_get(by_code, by_name): the get builtin over these tables. */
static PyObject *hs_py_make_get(PyObject *self, PyObject *args)
{
    PyObject *by_code, *by_name;
    (void)self;
    if (!PyArg_UnpackTuple(args, "make_get", 2, 2, &by_code, &by_name))
        return NULL;
    if (!PyTuple_Check(by_code) || PyTuple_GET_SIZE(by_code) < 600 || !PyDict_Check(by_name))
        return PyErr_Format(PyExc_TypeError, "make_get() needs a tuple of at least 600 items and a dict");
    PyObject *codes = PyTuple_GetSlice(by_code, 0, PyTuple_GET_SIZE(by_code));
    PyObject *names = PyDict_Copy(by_name);
    PyObject *module = PyUnicode_FromString("httpstatus");
    PyObject *tables = codes == NULL || names == NULL ? NULL : PyTuple_Pack(2, codes, names);
    PyObject *get = tables == NULL || module == NULL ? NULL : PyCFunction_NewEx(&hs_py_get_def, tables, module);
    Py_XDECREF(codes);
    Py_XDECREF(names);
    Py_XDECREF(module);
    Py_XDECREF(tables);
    return get;
}

PyMethodDef hs_py_lookup_functions[] = {
    {"fill_member", hs_py_fill_member, METH_VARARGS,
     "fill_member(attributes, code, /)\n--\n\n"
     "Puts every field of code's row into the dict attributes (a member's __dict__)."},
    {"functions", hs_py_public_functions, METH_NOARGS,
     "functions()\n--\n\n{name: function} for phrase, category and every predicate."},
    {"make_get", hs_py_make_get, METH_VARARGS,
     "make_get(by_code, by_name, /)\n--\n\n"
     "The get builtin over a copy of these tables: item c of the tuple by_code is the member of code c,\n"
     "by_name a dict of canonical names and aliases."},
    {NULL, NULL, 0, NULL},
};
