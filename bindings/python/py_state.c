/*
 * What a builtin made at import (get, check) carries: its tables, in the
 * state of a module object of its own, which is the builtin's __self__.
 *
 * The state is one tuple (and a memo of what it gives, made on first use
 * and never changed), and a module's state is not reachable from
 * Python (no attribute leads to it), so no caller can change the answers of
 * another. A module as __self__ also makes help() and inspect show the
 * builtin as a function, as they show len (whose __self__ is builtins),
 * not as a method of some object. Every builtin gets a state module of its
 * own, so _core.make_get or make_check called again makes an independent
 * function and changes nothing of the package's.
 */
#include "py_module.h" /* Python.h first, as Python asks */

static int hs_py_state_traverse(PyObject *module, visitproc visit, void *arg)
{
    hs_py_state *state = PyModule_GetState(module);
    if (state != NULL) {
        Py_VISIT(state->tables);
        Py_VISIT(state->memo);
    }
    return 0;
}

static int hs_py_state_clear(PyObject *module)
{
    hs_py_state *state = PyModule_GetState(module);
    if (state != NULL) {
        Py_CLEAR(state->tables);
        Py_CLEAR(state->memo);
    }
    return 0;
}

static void hs_py_state_free(void *module)
{
    hs_py_state_clear(module);
}

static PyModuleDef hs_py_state_def = {
    PyModuleDef_HEAD_INIT,
    "httpstatus",
    "The state of one of httpstatus's builtins (get, check), out of reach.",
    sizeof(hs_py_state),
    NULL,
    NULL,
    hs_py_state_traverse,
    hs_py_state_clear,
    hs_py_state_free,
};

PyObject *hs_py_builtin(PyMethodDef *def, PyObject *tables)
{
    if (!PyTuple_CheckExact(tables))
        return PyErr_Format(PyExc_SystemError, "%s(): its tables must be a tuple", def->ml_name);
    PyObject *self = PyModule_Create(&hs_py_state_def);
    PyObject *name = PyUnicode_InternFromString("httpstatus");
    PyObject *function = NULL;
    if (self != NULL && name != NULL) {
        hs_py_state *state = PyModule_GetState(self);
        Py_INCREF(tables);
        state->tables = tables;
        function = PyCFunction_NewEx(def, self, name);
    }
    Py_XDECREF(self);
    Py_XDECREF(name);
    return function;
}

PyObject *hs_py_memo(PyObject *self, PyObject *(*make)(PyObject *tables))
{
    hs_py_state *state = PyModule_GetState(self);
    if (state->memo == NULL) {
        PyObject *made = make(state->tables);
        if (made == NULL)
            return NULL;
        if (state->memo == NULL) /* make ran no Python code, but be sure */
            state->memo = made;
        else
            Py_DECREF(made);
    }
    return state->memo;
}

/* freeze(*types): makes classes immutable, as C types are: their attributes
 * can no longer be set or deleted, and no instance's __class__ can be
 * changed to or from them. The package freezes Finding, Rule and their base,
 * so that what check() and rules() hand out means the same to every caller;
 * subclasses made later stay mutable. */
static PyObject *hs_py_freeze(PyObject *self, PyObject *types)
{
    (void)self;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(types); i++) {
        PyObject *type = PyTuple_GET_ITEM(types, i);
        if (!PyType_Check(type))
            return PyErr_Format(PyExc_TypeError, "freeze() takes classes, not '%.200s'", Py_TYPE(type)->tp_name);
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(types); i++) {
        PyTypeObject *type = (PyTypeObject *)PyTuple_GET_ITEM(types, i);
        type->tp_flags |= Py_TPFLAGS_IMMUTABLETYPE;
        PyType_Modified(type);
    }
    Py_RETURN_NONE;
}

PyMethodDef hs_py_state_functions[] = {
    {"freeze", hs_py_freeze, METH_VARARGS,
     "freeze(*classes)\n--\n\nMakes classes immutable: no attribute set or deleted, no __class__ changed."},
    {NULL, NULL, 0, NULL},
};
