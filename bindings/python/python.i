/*
 * The Python side of bindings/httpstatus.i: the private module
 * httpstatus._core, which the package httpstatus reads at import.
 *
 * Functions lose their hs_ prefix (hs_is_success becomes is_success). This
 * file holds SWIG's directives only; the package's own functions that are C
 * (get, phrase, category, the predicates, check, the tool's main) are
 * hand-written CPython in the py_*.c files beside it (py_module.h lists
 * them), added to the module after SWIG has made it.
 */
%module(package="httpstatus") _core

%feature("autodoc", "1");
%rename("%(strip:[hs_])s") "";

%{
#include <string.h>

#include "httpstatus.h"
#include "py_module.h"
%}

/* The extension's types are static, shared by every interpreter of the
 * process: built in a subinterpreter, they would be torn down with it and
 * break every later import. SWIG's module init is renamed and wrapped, so
 * a subinterpreter gets a clear ImportError before anything is built and
 * the main interpreter stays unharmed. (A check in C costs nothing; asking
 * from Python would load _xxsubinterpreters into every import.) */
/* Rows come only from the core: `type(row)()` or `type(row).__new__(...)`
 * would make an object with no row behind it, which SWIG's getters cannot
 * read. SWIG's init gives the row type PyType_GenericNew, so it is replaced
 * once SWIG's init is over; the __new__ that PyType_Ready put in the type's
 * dict calls tp_new when used, so this refuses both spellings. */
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

%{
#undef SWIG_init
#define SWIG_init hs_py_swig_init
static PyObject *SWIG_init(void);

/* Adds the functions of defs to module and to its __all__, which SWIG's
 * module (_core.py) imports with `from .__core import *`. */
static int hs_py_add(PyObject *module, PyMethodDef *defs)
{
    PyObject *all = PyObject_GetAttrString(module, "__all__");
    int failed = all == NULL || !PyList_Check(all) || PyModule_AddFunctions(module, defs) < 0;
    for (PyMethodDef *def = defs; !failed && def->ml_name != NULL; def++) {
        PyObject *name = PyUnicode_FromString(def->ml_name);
        failed = name == NULL || PyList_Append(all, name) < 0;
        Py_XDECREF(name);
    }
    if (failed && !PyErr_Occurred())
        PyErr_SetString(PyExc_ImportError, "httpstatus.__core: SWIG's module has no list __all__");
    Py_XDECREF(all);
    return failed ? -1 : 0;
}

PyMODINIT_FUNC PyInit___core(void)
{
    if (PyInterpreterState_Get() != PyInterpreterState_Main()) {
        PyErr_SetString(PyExc_ImportError,
                        "httpstatus cannot be imported in a subinterpreter; import it in the main interpreter");
        return NULL;
    }
    PyObject *module = SWIG_init();
    SwigPyClientData *rows = (SwigPyClientData *)SWIGTYPE_p_hs_status->clientdata;
    if (module != NULL && rows != NULL && rows->pytype != NULL)
        rows->pytype->tp_new = hs_refuse_new;
    if (module != NULL && (hs_py_add(module, hs_py_state_functions) < 0 ||
                           hs_py_add(module, hs_py_lookup_functions) < 0 ||
                           hs_py_add(module, hs_py_check_functions) < 0 ||
                           hs_py_add(module, hs_py_problem_functions) < 0 ||
                           hs_py_add(module, hs_py_main_functions) < 0))
        Py_CLEAR(module);
    return module;
}
%}

/* A status code: hs_py_code (py_convert.c) says what is taken. */
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
