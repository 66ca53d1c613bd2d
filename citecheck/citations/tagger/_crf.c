/*
 * The field tagger's scoring, compiled: state scores and Viterbi over a CRFsuite model's
 * weights held in arrays (see model_file.py), given each token's attribute ids.
 *
 * python-crfsuite takes attributes as strings and looks each one up in the model's hash
 * dictionary (~230 ns an attribute); here the features come as ids the Python side found
 * once per distinct word. The arithmetic is CRFsuite's own (crf1d_tag.c, crf1d_context.c):
 * doubles, each token's state scores summed attribute by attribute in the order given and,
 * within one attribute, in the file's order of its features; Viterbi with the first best
 * predecessor kept on ties. So the labels are the ones pycrfsuite gives, bit for bit.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <float.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    PyObject_HEAD
    Py_ssize_t attribute_count;
    Py_ssize_t label_count;
    uint32_t *offsets;      /* attribute a's state features: [offsets[a], offsets[a + 1]) */
    uint32_t *targets;      /* the label of each state feature */
    double *weights;        /* the weight of each state feature */
    double *transitions;    /* label_count × label_count, row = from */
    PyObject *labels;       /* tuple of str, by label id */
} Scorer;

/* A copy of a buffer of `count` items of `itemsize` bytes and format `format`. */
static void *
copy_buffer(PyObject *source, const char *format, Py_ssize_t itemsize, Py_ssize_t *count,
            const char *what)
{
    Py_buffer view;
    void *copy;
    if (PyObject_GetBuffer(source, &view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0)
        return NULL;
    if (view.itemsize != itemsize || view.format == NULL || strcmp(view.format, format) != 0) {
        PyErr_Format(PyExc_TypeError, "%s: an array of '%s' is needed", what, format);
        PyBuffer_Release(&view);
        return NULL;
    }
    *count = view.len / itemsize;
    copy = PyMem_Malloc(view.len > 0 ? (size_t)view.len : 1);
    if (copy == NULL) {
        PyBuffer_Release(&view);
        PyErr_NoMemory();
        return NULL;
    }
    memcpy(copy, view.buf, (size_t)view.len);
    PyBuffer_Release(&view);
    return copy;
}

static void
Scorer_dealloc(Scorer *self)
{
    PyMem_Free(self->offsets);
    PyMem_Free(self->targets);
    PyMem_Free(self->weights);
    PyMem_Free(self->transitions);
    Py_XDECREF(self->labels);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
Scorer_init(Scorer *self, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = {"labels", "state_offsets", "state_labels", "state_weights",
                               "transitions", NULL};
    PyObject *labels, *offsets, *targets, *weights, *transitions;
    Py_ssize_t offset_count, target_count, weight_count, transition_count, a;
    if (self->labels != NULL) {
        PyErr_SetString(PyExc_TypeError, "a Scorer is made once");
        return -1;
    }
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O!OOOO", keywords, &PyTuple_Type, &labels,
                                     &offsets, &targets, &weights, &transitions))
        return -1;
    self->label_count = PyTuple_GET_SIZE(labels);
    self->offsets = copy_buffer(offsets, "I", 4, &offset_count, "state_offsets");
    self->targets = copy_buffer(targets, "I", 4, &target_count, "state_labels");
    self->weights = copy_buffer(weights, "d", 8, &weight_count, "state_weights");
    self->transitions = copy_buffer(transitions, "d", 8, &transition_count, "transitions");
    if (!self->offsets || !self->targets || !self->weights || !self->transitions)
        return -1;
    self->attribute_count = offset_count - 1;
    if (self->label_count == 0 || offset_count < 1 || target_count != weight_count
        || transition_count != self->label_count * self->label_count
        || self->offsets[0] != 0 || self->offsets[offset_count - 1] != target_count) {
        PyErr_SetString(PyExc_ValueError, "the model's arrays do not fit together");
        return -1;
    }
    for (a = 0; a < self->attribute_count; ++a) {
        if (self->offsets[a] > self->offsets[a + 1]) {
            PyErr_SetString(PyExc_ValueError, "state_offsets must not decrease");
            return -1;
        }
    }
    for (a = 0; a < target_count; ++a) {
        if (self->targets[a] >= (uint32_t)self->label_count) {
            PyErr_SetString(PyExc_ValueError, "a state feature for a label the model lacks");
            return -1;
        }
    }
    Py_INCREF(labels);
    self->labels = labels;
    return 0;
}

/* Add the state scores of one token's attribute ids (a list or tuple of int; a negative id
 * is a feature the model lacks, skipped) to `state`. */
static int
add_state_scores(const Scorer *self, PyObject *attributes, double *state)
{
    PyObject *fast = PySequence_Fast(attributes, "each token's features must be a list of ids");
    Py_ssize_t i, count;
    PyObject **items;
    if (fast == NULL)
        return -1;
    count = PySequence_Fast_GET_SIZE(fast);
    items = PySequence_Fast_ITEMS(fast);
    for (i = 0; i < count; ++i) {
        long a = PyLong_AsLong(items[i]);
        uint32_t r, end;
        if (a == -1 && PyErr_Occurred()) {
            Py_DECREF(fast);
            return -1;
        }
        if (a < 0)
            continue;
        if (a >= self->attribute_count) {
            PyErr_Format(PyExc_ValueError, "attribute id %ld is not in the model", a);
            Py_DECREF(fast);
            return -1;
        }
        for (r = self->offsets[a], end = self->offsets[a + 1]; r < end; ++r)
            state[self->targets[r]] += self->weights[r];
    }
    Py_DECREF(fast);
    return 0;
}

/* Viterbi over `count` tokens' state scores: the best path into `path`. */
static void
viterbi(const Scorer *self, const double *state, Py_ssize_t count, double *score,
        int *back, int *path)
{
    const Py_ssize_t L = self->label_count;
    const double *trans = self->transitions;
    Py_ssize_t t, i, j;
    double best;
    memcpy(score, state, sizeof(double) * (size_t)L);
    for (t = 1; t < count; ++t) {
        const double *prev = score + (t - 1) * L;
        double *cur = score + t * L;
        int *from = back + t * L;
        for (j = 0; j < L; ++j) {
            best = -DBL_MAX;
            for (i = 0; i < L; ++i) {
                double candidate = prev[i] + trans[i * L + j];
                if (best < candidate) {
                    best = candidate;
                    from[j] = (int)i;
                }
            }
            cur[j] = best + state[t * L + j];
        }
    }
    best = -DBL_MAX;
    path[count - 1] = 0;
    for (i = 0; i < L; ++i) {
        if (best < score[(count - 1) * L + i]) {
            best = score[(count - 1) * L + i];
            path[count - 1] = (int)i;
        }
    }
    for (t = count - 2; t >= 0; --t)
        path[t] = back[(t + 1) * L + path[t + 1]];
}

static PyObject *
Scorer_tag(Scorer *self, PyObject *sequence)
{
    PyObject *fast, *result = NULL;
    Py_ssize_t count, t, L = self->label_count;
    double *state = NULL, *score = NULL;
    int *back = NULL, *path = NULL;
    if (self->labels == NULL) {
        PyErr_SetString(PyExc_TypeError, "the Scorer was not made");
        return NULL;
    }
    fast = PySequence_Fast(sequence, "tag() takes a list of feature lists");
    if (fast == NULL)
        return NULL;
    count = PySequence_Fast_GET_SIZE(fast);
    if (count == 0) {
        Py_DECREF(fast);
        return PyList_New(0);
    }
    state = PyMem_Calloc((size_t)(count * L), sizeof(double));
    score = PyMem_Malloc(sizeof(double) * (size_t)(count * L));
    back = PyMem_Malloc(sizeof(int) * (size_t)(count * L));
    path = PyMem_Malloc(sizeof(int) * (size_t)count);
    if (!state || !score || !back || !path) {
        PyErr_NoMemory();
        goto done;
    }
    for (t = 0; t < count; ++t) {
        if (add_state_scores(self, PySequence_Fast_GET_ITEM(fast, t), state + t * L) < 0)
            goto done;
    }
    viterbi(self, state, count, score, back, path);
    result = PyList_New(count);
    if (result == NULL)
        goto done;
    for (t = 0; t < count; ++t) {
        PyObject *label = PyTuple_GET_ITEM(self->labels, path[t]);
        Py_INCREF(label);
        PyList_SET_ITEM(result, t, label);
    }
done:
    PyMem_Free(state);
    PyMem_Free(score);
    PyMem_Free(back);
    PyMem_Free(path);
    Py_DECREF(fast);
    return result;
}

static PyMethodDef Scorer_methods[] = {
    {"tag", (PyCFunction)Scorer_tag, METH_O,
     "tag(features) -> labels: one list of attribute ids per token in, the Viterbi labels out."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ScorerType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "citecheck.citations.tagger._crf.Scorer",
    .tp_doc = "Scorer(labels, state_offsets, state_labels, state_weights, transitions):"
              " a CRFsuite model's weights in arrays (see model_file.Model).",
    .tp_basicsize = sizeof(Scorer),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Scorer_init,
    .tp_dealloc = (destructor)Scorer_dealloc,
    .tp_methods = Scorer_methods,
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "citecheck.citations.tagger._crf",
    .m_doc = "The field tagger's CRF scoring and Viterbi, compiled.",
    .m_size = -1,
};

PyMODINIT_FUNC
PyInit__crf(void)
{
    PyObject *m;
    if (PyType_Ready(&ScorerType) < 0)
        return NULL;
    m = PyModule_Create(&module);
    if (m == NULL)
        return NULL;
    Py_INCREF(&ScorerType);
    if (PyModule_AddObject(m, "Scorer", (PyObject *)&ScorerType) < 0) {
        Py_DECREF(&ScorerType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
