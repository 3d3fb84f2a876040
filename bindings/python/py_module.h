/*
 * The hand-written CPython side of the extension httpstatus.__core, shared by
 * its files and by SWIG's wrapper (python.i), which adds their functions to
 * the module once SWIG has made it. Internal to bindings/python: nothing here is
 * installed or seen by Python but the functions it adds.
 *
 *   py_convert.c  arguments: a status code, str or bytes, a language
 *   py_state.c    what get and check carry: tables out of Python's reach
 *   py_lookup.c   get, phrase, category, the predicates, the members' fields
 *   py_check.c    check and rule_table: the response rules
 *   py_problem.c  problem, problem_json and Problem: problem details (RFC 9457)
 *   py_main.c     main: the httpstatus command in this process
 */
#ifndef HS_PY_MODULE_H
#define HS_PY_MODULE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "httpstatus.h"

/* A status code argument of function fname into *code: 0, or -1 with
 * TypeError set. Any int answers, however large (2**100 is merely not a
 * code): one outside C int's range saturates to INT_MIN or INT_MAX, which
 * every function treats as out of 100..599. bool and float are refused as
 * Python's own int-taking functions refuse floats; an object with
 * __index__ (numpy.int64) is taken as int. */
int hs_py_code(PyObject *x, const char *fname, int *code);

/* x as bytes for the core: a str's UTF-8 (a str with no UTF-8 form, such as
 * a lone surrogate, is taken in its surrogatepass bytes, which no name or
 * method matches), or a bytes object as it is. *keep receives a reference
 * to release once the bytes are no longer used, or NULL. 1 on success; 0
 * when x is neither str nor bytes, with no error set; -1 with an error. */
int hs_py_bytes_of(PyObject *x, const char **s, size_t *len, PyObject **keep);

/* lang for function fname (None is "en"): the C string, or NULL with an
 * error set (TypeError for a non-str, ValueError for an unknown one). A NUL
 * or a lone surrogate makes it unknown. */
const char *hs_py_lang(PyObject *lang, const char *fname);

/* A new builtin of def whose __self__ is a module of its own holding tables
 * (a tuple) in its state, where Python cannot reach them; __module__ is
 * "httpstatus". NULL with an error set. */
PyObject *hs_py_builtin(PyMethodDef *def, PyObject *tables);

/* The state of a builtin made by hs_py_builtin. */
typedef struct hs_py_state {
    PyObject *tables;
    PyObject *memo; /* made on first use by the builtin itself (hs_py_memo), then never changed */
} hs_py_state;

/* The tables of a builtin made by hs_py_builtin, given its self (borrowed):
 * inline, as get and check ask for them on every call. */
static inline PyObject *hs_py_tables(PyObject *self)
{
    return ((hs_py_state *)PyModule_GetState(self))->tables;
}

/* What make(tables) gives, made on the first call and kept in the state
 * (borrowed), for what costs too much to make at import or at every call.
 * Being immutable (a tuple of immutable things), it changes nothing that
 * the tables do not already say. NULL with an error set. */
PyObject *hs_py_memo(PyObject *self, PyObject *(*make)(PyObject *tables));

/* The functions of each file, which the module init adds to
 * httpstatus._core; each table ends with a zeroed entry. */
extern PyMethodDef hs_py_state_functions[];
extern PyMethodDef hs_py_lookup_functions[];
extern PyMethodDef hs_py_check_functions[];
extern PyMethodDef hs_py_problem_functions[];
extern PyMethodDef hs_py_main_functions[];

#endif /* HS_PY_MODULE_H */
