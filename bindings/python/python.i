/*
 * The Python side of bindings/httpstatus.i: the private module
 * httpstatus._core, which the package httpstatus reads at import.
 *
 * Functions lose their hs_ prefix (hs_is_success becomes is_success). The
 * package's own functions that are C (get, phrase, category and every
 * predicate) are not SWIG's wrappers but builtins made below (functions(),
 * make_get()): one argument each, the cheapest call CPython has, with a
 * docstring that gives inspect.signature their Python signature.
 */
%module(package="httpstatus") _core

%feature("autodoc", "1");
%rename("%(strip:[hs_])s") "";

%{
#include <limits.h>
#include <string.h>

#include "httpstatus.h"
%}

/* The extension's types are static, shared by every interpreter of the
 * process: built in a subinterpreter, they would be torn down with it and
 * break every later import. SWIG's module init is renamed and wrapped, so
 * a subinterpreter gets a clear ImportError before anything is built and
 * the main interpreter stays unharmed. (A check in C costs nothing; asking
 * from Python would load _xxsubinterpreters into every import.) */
%{
#undef SWIG_init
#define SWIG_init hs_py_swig_init
static PyObject *SWIG_init(void);

PyMODINIT_FUNC PyInit___core(void)
{
    if (PyInterpreterState_Get() != PyInterpreterState_Main()) {
        PyErr_SetString(PyExc_ImportError,
                        "httpstatus cannot be imported in a subinterpreter; import it in the main interpreter");
        return NULL;
    }
    return SWIG_init();
}
%}

%{
/* A status code argument of function fname into *code: 0, or -1 with
 * TypeError set. Any int answers, however large (2**100 is merely not a
 * code): one outside C int's range saturates to INT_MIN or INT_MAX, which
 * every function treats as out of 100..599. bool and float are refused as
 * Python's own int-taking functions refuse floats; an object with
 * __index__ (numpy.int64) is taken as int. */
static int hs_py_code(PyObject *x, const char *fname, int *code)
{
    PyObject *number;
    if (PyLong_Check(x) && !PyBool_Check(x)) {
        number = x;
        Py_INCREF(number);
    } else if (!PyBool_Check(x) && PyIndex_Check(x)) {
        if ((number = PyNumber_Index(x)) == NULL)
            return -1;
    } else {
        PyErr_Format(PyExc_TypeError, "%s() argument must be int, not '%.200s'", fname, Py_TYPE(x)->tp_name);
        return -1;
    }
    int overflow;
    long value = PyLong_AsLongAndOverflow(number, &overflow);
    Py_DECREF(number);
    if (value == -1 && PyErr_Occurred())
        return -1;
    *code = overflow < 0 || value < INT_MIN ? INT_MIN : overflow > 0 || value > INT_MAX ? INT_MAX : (int)value;
    return 0;
}
%}
%typemap(in) int code {
  if (hs_py_code($input, "$symname", &$1) < 0)
    SWIG_fail;
}

/* A name, alias, phrase or search word: str is matched by its UTF-8 bytes,
 * bytes as they are (the command line passes argv's bytes). A NUL stays in
 * and makes the match fail, as hs_find promises. A str with no UTF-8 form (a
 * lone surrogate) cannot name a status, so it is passed as no string. */
%typemap(in) (const char *s, size_t len), (const char *query, size_t len) {
  Py_ssize_t size = 0;
  if (PyUnicode_Check($input)) {
    $1 = (char *)PyUnicode_AsUTF8AndSize($input, &size);
    if ($1 == NULL) {
      if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
        SWIG_fail;
      PyErr_Clear();
      size = 0;
    }
  } else if (PyBytes_Check($input)) {
    $1 = PyBytes_AS_STRING($input);
    size = PyBytes_GET_SIZE($input);
  } else {
    PyErr_Format(PyExc_TypeError, "$symname() argument must be str or bytes, not '%.200s'",
                 Py_TYPE($input)->tp_name);
    SWIG_fail;
  }
  $2 = (size_t)size;
}

/* A language name. SWIG's own char * conversion would cut a string at its
 * first NUL and take "en\0x" for "en"; here that is the ValueError of any
 * unknown lang, as is a str with no UTF-8 form (a lone surrogate). */
%typemap(in) const char *lang {
  Py_ssize_t size;
  if (!PyUnicode_Check($input)) {
    PyErr_Format(PyExc_TypeError, "$symname() lang must be str, not '%.200s'",
                 Py_TYPE($input)->tp_name);
    SWIG_fail;
  }
  $1 = (char *)PyUnicode_AsUTF8AndSize($input, &size);
  if ($1 == NULL || strlen($1) != (size_t)size) {
    PyErr_Clear();
    PyErr_Format(PyExc_ValueError, "$symname() lang must be 'en' or 'ko', not %R", $input);
    SWIG_fail;
  }
}

/* Puts the attributes of code's Status member into its __dict__: every
 * field of httpstatus_surface.def, in its order (the predicates last), each
 * a plain instance attribute; a list of strings (aliases, rules) is a
 * tuple. One call per member keeps the package's import short, and the
 * package names no field: a line added to the list appears here. */
%{
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
%}
%inline %{
static PyObject *fill_member(PyObject *attributes, int code)
{
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
%}

/* The package's phrase, category and predicates: builtins taking one
 * argument (METH_O), each with a docstring whose first line is its
 * signature, so help() and inspect.signature show `phrase(code, /)`
 * instead of SWIG's C view. The predicates come from the surface list:
 * the function object's self is its field index for hs_predicate. */
%{
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

static PyMethodDef hs_py_functions[] = {
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
%}
%inline %{
/* {name: function} for phrase, category and every predicate. */
static PyObject *functions(void)
{
    PyObject *module = PyUnicode_FromString("httpstatus"), *result = PyDict_New();
    for (size_t f = 0; module != NULL && result != NULL && f < sizeof hs_py_functions / sizeof hs_py_functions[0]; f++) {
        PyObject *self = NULL, *function;
        if (hs_py_functions[f].ml_meth == hs_py_predicate) {
            size_t i = 0;
            while (i < hs_field_count() && strcmp(hs_field_name(i), hs_py_functions[f].ml_name) != 0)
                i++;
            if (i == hs_field_count())
                PyErr_Format(PyExc_SystemError, "functions(): %s is not a field", hs_py_functions[f].ml_name);
            if (i == hs_field_count() || (self = PyLong_FromSize_t(i)) == NULL)
                Py_CLEAR(result);
        }
        function = result == NULL ? NULL : PyCFunction_NewEx(&hs_py_functions[f], self, module);
        if (function == NULL || PyDict_SetItemString(result, hs_py_functions[f].ml_name, function) < 0)
            Py_CLEAR(result);
        Py_XDECREF(function);
        Py_XDECREF(self);
    }
    Py_XDECREF(module);
    return result;
}
%}

/* httpstatus.get, in C: a builtin taking one argument (METH_O, the
 * cheapest call CPython has), with its tables in the function object
 * itself: a tuple whose item c is the member for code c (None where the
 * table has no row), and a dict of canonical names and aliases. No state
 * lives in the extension; make_get copies what it is given, so nothing
 * outside can change the answers of the function it returns. */
%{
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
%}
%inline %{
static PyObject *make_get(PyObject *by_code, PyObject *by_name)
{
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
%}

/* The httpstatus command (cli/cli.c) run in this process: `python -m
 * httpstatus` and the console script call this, so the tool exists once.
 * args are the arguments after the program name, str (encoded as the
 * file system encodes them, so a name the shell passed as undecodable
 * bytes goes back as those bytes) or bytes. It writes to the process's
 * stdout and stderr (file descriptors 1 and 2) and returns the exit
 * status; the GIL is released while it runs. */
%{
#include "cli.h"
%}
%rename("main") hs_py_main;
%inline %{
static PyObject *hs_py_main(PyObject *args)
{
    if (PyUnicode_Check(args) || PyBytes_Check(args) || PyByteArray_Check(args))
        return PyErr_Format(PyExc_TypeError, "main() argument must be a list of str or bytes, not '%.200s'",
                            Py_TYPE(args)->tp_name);
    PyObject *items = PySequence_Fast(args, "main() argument must be a list of str or bytes");
    if (items == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(items);
    if (n >= INT_MAX) {
        Py_DECREF(items);
        return PyErr_Format(PyExc_ValueError, "main() takes fewer than %d arguments", INT_MAX);
    }
    PyObject *encoded = PyTuple_New(n);
    char **argv = encoded == NULL ? NULL : PyMem_New(char *, (size_t)n + 2);
    PyObject *result = NULL;
    if (argv == NULL) {
        if (encoded != NULL)
            PyErr_NoMemory();
        goto done;
    }
    argv[0] = (char *)"httpstatus";
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(items, i), *bytes;
        char *s;
        Py_ssize_t size;
        if (PyUnicode_Check(item)) {
            bytes = PyUnicode_EncodeFSDefault(item);
        } else if (PyBytes_Check(item)) {
            bytes = item;
            Py_INCREF(bytes);
        } else {
            PyErr_Format(PyExc_TypeError, "main() arguments must be str or bytes, not '%.200s'",
                         Py_TYPE(item)->tp_name);
            goto done;
        }
        if (bytes == NULL)
            goto done;
        PyTuple_SET_ITEM(encoded, i, bytes);
        if (PyBytes_AsStringAndSize(bytes, &s, &size) < 0 || (size_t)size != strlen(s)) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_ValueError, "main() argument with an embedded null byte");
            goto done;
        }
        argv[i + 1] = s;
    }
    argv[n + 1] = NULL;
    int status;
    Py_BEGIN_ALLOW_THREADS
    status = hs_cli_main((int)(n + 1), argv);
    Py_END_ALLOW_THREADS
    result = PyLong_FromLong(status);
done:
    PyMem_Free(argv);
    Py_XDECREF(encoded);
    Py_DECREF(items);
    return result;
}
%}

/* Rows come only from the core: `type(row)()` or `type(row).__new__(...)`
 * would make an object with no row behind it, which SWIG's getters cannot
 * read. SWIG's init gives the row type PyType_GenericNew after any %init
 * code runs, so the package calls this once at import; the __new__ that
 * PyType_Ready put in the type's dict calls tp_new when used, so replacing
 * tp_new refuses both spellings. Calling it again changes nothing. */
%{
static PyObject *hs_refuse_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    (void)args;
    (void)kwds;
    PyErr_Format(PyExc_TypeError, "cannot create '%.100s' instances: rows come from httpstatus._core lookups",
                 type->tp_name);
    return NULL;
}
%}
%inline %{
static void seal_row_type(void)
{
    SwigPyClientData *data = (SwigPyClientData *)SWIGTYPE_p_hs_status->clientdata;
    if (data != NULL && data->pytype != NULL)
        data->pytype->tp_new = hs_refuse_new;
}
%}
