/*
 * The field tagger's scoring, compiled: state scores and Viterbi over a CRFsuite model's
 * weights held in arrays (see model_file.py), and the features of each token worked out
 * here from its type (the ids of what its text gives, found once per distinct text) and its
 * context (features.py: `_sequence_features`, which stays the definition the trainer uses;
 * the tests check that both give the same ids), so a note's features never become Python
 * objects on the way to the scorer.
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
    PyMem_Free(self->offsets);  /* what a failed earlier call left */
    PyMem_Free(self->targets);
    PyMem_Free(self->weights);
    PyMem_Free(self->transitions);
    self->targets = NULL;
    self->weights = NULL;
    self->transitions = NULL;
    self->label_count = PyTuple_GET_SIZE(labels);
    if (!(self->offsets = copy_buffer(offsets, "I", 4, &offset_count, "state_offsets"))
        || !(self->targets = copy_buffer(targets, "I", 4, &target_count, "state_labels"))
        || !(self->weights = copy_buffer(weights, "d", 8, &weight_count, "state_weights"))
        || !(self->transitions =
                 copy_buffer(transitions, "d", 8, &transition_count, "transitions")))
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
            int best_from = 0;
            best = -DBL_MAX;
            for (i = 0; i < L; ++i) {
                /* selects, not a branch: which predecessor is best is a coin toss to the
                 * processor's branch predictor */
                double candidate = prev[i] + trans[i * L + j];
                int better = best < candidate;
                best_from = better ? (int)i : best_from;
                best = better ? candidate : best;
            }
            from[j] = best_from;
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

/* The Viterbi labels of `count` tokens' state scores, as a list of the label names. */
static PyObject *
best_labels(const Scorer *self, const double *state, Py_ssize_t count)
{
    const Py_ssize_t L = self->label_count;
    double *score = PyMem_Malloc(sizeof(double) * (size_t)(count * L));
    int *back = PyMem_Malloc(sizeof(int) * (size_t)(count * L));
    int *path = PyMem_Malloc(sizeof(int) * (size_t)count);
    PyObject *result = NULL;
    Py_ssize_t t;
    if (!score || !back || !path) {
        PyErr_NoMemory();
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
    PyMem_Free(score);
    PyMem_Free(back);
    PyMem_Free(path);
    return result;
}

static int
check_made(const Scorer *self)
{
    if (self->labels == NULL) {
        PyErr_SetString(PyExc_TypeError, "the Scorer was not made");
        return -1;
    }
    return 0;
}

/* ---- Token types and the context of a sequence ------------------------------------ */

enum {
    IS_YEAR = 1,        /* the token is a year (sets after_year) */
    IS_INITIAL = 2,     /* an initial: a full stop after it is not counted */
    IS_IN_WORD = 4,     /* `in` and the like, capitalised (sets after_in) */
    IS_STRAIGHT = 8,    /* the straight double quote, which opens and closes */
    IS_PERIOD = 16,
    IS_COMMA = 32,
};

#define PARTS 5         /* own, as_left2, as_left1, as_right1, as_right2 */

/* What one distinct token text gives a sequence (features.py: `_TokenType`), as ids. */
typedef struct {
    PyObject_HEAD
    int32_t *ids;               /* the five parts one after the other */
    Py_ssize_t ends[PARTS];     /* where each part ends in `ids` */
    PyObject *bigram_left;      /* bytes: `-1|0=WORD|` */
    PyObject *lower;            /* bytes: the word, lower-cased */
    int opener;                 /* this text's code as an opening bracket (0: none) */
    int closes;                 /* the code of the opener it closes (0: none) */
    int flags;
} TokenType;

static PyTypeObject TokenTypeType;

/* A tuple (or list) of ints as int32s appended to `out` from `at`; the new end, or -1. */
static Py_ssize_t
read_ids(PyObject *source, int32_t *out, Py_ssize_t at)
{
    PyObject *fast = PySequence_Fast(source, "feature ids must be a tuple of int");
    Py_ssize_t i, count;
    if (fast == NULL)
        return -1;
    count = PySequence_Fast_GET_SIZE(fast);
    for (i = 0; i < count; ++i) {
        long value = PyLong_AsLong(PySequence_Fast_GET_ITEM(fast, i));
        if ((value == -1 && PyErr_Occurred()) || value < INT32_MIN || value > INT32_MAX) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_OverflowError, "a feature id out of range");
            Py_DECREF(fast);
            return -1;
        }
        out[at++] = (int32_t)value;
    }
    Py_DECREF(fast);
    return at;
}

static void
TokenType_dealloc(TokenType *self)
{
    PyMem_Free(self->ids);
    Py_XDECREF(self->bigram_left);
    Py_XDECREF(self->lower);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
TokenType_init(TokenType *self, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = {"own", "as_left2", "as_left1", "as_right1", "as_right2",
                               "bigram_left", "lower", "opener", "closes", "flags", NULL};
    PyObject *parts[PARTS], *bigram_left, *lower;
    Py_ssize_t total = 0, at = 0, part;
    int32_t *ids;
    if (self->ids != NULL) {
        PyErr_SetString(PyExc_TypeError, "a TokenType is made once");
        return -1;
    }
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OOOOOSSiii", keywords, &parts[0],
                                     &parts[1], &parts[2], &parts[3], &parts[4], &bigram_left,
                                     &lower, &self->opener, &self->closes, &self->flags))
        return -1;
    for (part = 0; part < PARTS; ++part) {
        Py_ssize_t size = PyObject_Length(parts[part]);
        if (size < 0)
            return -1;
        total += size;
    }
    ids = PyMem_Malloc(sizeof(int32_t) * (size_t)(total > 0 ? total : 1));
    if (ids == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (part = 0; part < PARTS; ++part) {
        at = read_ids(parts[part], ids, at);
        if (at < 0) {
            PyMem_Free(ids);
            return -1;
        }
        self->ends[part] = at;
    }
    /* made: `ids` is set last, and only here (sequence_features takes no half-made one) */
    self->ids = ids;
    Py_INCREF(bigram_left);
    self->bigram_left = bigram_left;
    Py_INCREF(lower);
    self->lower = lower;
    return 0;
}

static PyTypeObject TokenTypeType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "citecheck.citations.tagger._crf.TokenType",
    .tp_doc = "TokenType(own, as_left2, as_left1, as_right1, as_right2, bigram_left, lower,"
              " opener, closes, flags): one token text's features as ids (features._TokenType).",
    .tp_basicsize = sizeof(TokenType),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)TokenType_init,
    .tp_dealloc = (destructor)TokenType_dealloc,
};

#define POSITIONS 10
#define COUNTS 5
#define DEPTHS 4

/* The context features as one model's ids (features.py: `_Context`) and the bracket codes. */
typedef struct {
    PyObject_HEAD
    int32_t positions[POSITIONS], periods[COUNTS], commas[COUNTS], depths[DEPTHS];
    int32_t *inside;            /* by opener code (index 0 unused) */
    char *quote;                /* by opener code: whether closing it is closing a quotation */
    Py_ssize_t opener_count;    /* codes run 1 .. opener_count - 1 */
    int32_t in_other, in_quote, emph, after_year, after_quote, after_in, bos, eos;
    int32_t emph_change_left, emph_change_right;
    int straight_is_quote;      /* whether closing a straight quote is closing a quotation */
    int left_double, low_double; /* the codes of “ and „ (“ after „ opens nothing) */
    PyObject *known;            /* dict: feature name (bytes) -> id, for the word pairs */
} Context;

static int
read_fixed(PyObject *source, int32_t *out, Py_ssize_t count, const char *what)
{
    Py_ssize_t size = PyObject_Length(source);
    if (size < 0)
        return -1;
    if (size != count) {
        PyErr_Format(PyExc_ValueError, "%s: %zd ids are needed", what, count);
        return -1;
    }
    return read_ids(source, out, 0) < 0 ? -1 : 0;
}

static void
Context_dealloc(Context *self)
{
    PyMem_Free(self->inside);
    PyMem_Free(self->quote);
    Py_XDECREF(self->known);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
Context_init(Context *self, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = {
        "positions", "periods", "commas", "depths", "inside", "quote", "in_other", "in_quote",
        "emph", "after_year", "after_quote", "after_in", "bos", "eos", "emph_change_left",
        "emph_change_right", "straight_is_quote", "left_double", "low_double", "known", NULL};
    PyObject *positions, *periods, *commas, *depths, *inside, *quote, *known, *fast;
    Py_ssize_t code;
    if (self->known != NULL) {
        PyErr_SetString(PyExc_TypeError, "a Context is made once");
        return -1;
    }
    if (!PyArg_ParseTupleAndKeywords(
            args, kwargs, "OOOOOOiiiiiiiiiipiiO!", keywords, &positions, &periods, &commas,
            &depths, &inside, &quote, &self->in_other, &self->in_quote, &self->emph,
            &self->after_year, &self->after_quote, &self->after_in, &self->bos, &self->eos,
            &self->emph_change_left, &self->emph_change_right, &self->straight_is_quote,
            &self->left_double, &self->low_double, &PyDict_Type, &known))
        return -1;
    PyMem_Free(self->inside);  /* what a failed earlier call left */
    PyMem_Free(self->quote);
    self->inside = NULL;
    self->quote = NULL;
    if (read_fixed(positions, self->positions, POSITIONS, "positions") < 0
        || read_fixed(periods, self->periods, COUNTS, "periods") < 0
        || read_fixed(commas, self->commas, COUNTS, "commas") < 0
        || read_fixed(depths, self->depths, DEPTHS, "depths") < 0)
        return -1;
    self->opener_count = PyObject_Length(inside);
    if (self->opener_count < 1) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "inside: no openers");
        return -1;
    }
    self->inside = PyMem_Malloc(sizeof(int32_t) * (size_t)self->opener_count);
    self->quote = PyMem_Calloc((size_t)self->opener_count, 1);
    if (self->inside == NULL || self->quote == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    if (read_fixed(inside, self->inside, self->opener_count, "inside") < 0)
        return -1;
    fast = PySequence_Fast(quote, "quote must be a tuple of bool");
    if (fast == NULL)
        return -1;
    if (PySequence_Fast_GET_SIZE(fast) != self->opener_count) {
        Py_DECREF(fast);
        PyErr_SetString(PyExc_ValueError, "quote and inside must be as long");
        return -1;
    }
    for (code = 0; code < self->opener_count; ++code) {
        int truth = PyObject_IsTrue(PySequence_Fast_GET_ITEM(fast, code));
        if (truth < 0) {
            Py_DECREF(fast);
            return -1;
        }
        self->quote[code] = (char)truth;
    }
    Py_DECREF(fast);
    Py_INCREF(known);
    self->known = known;
    return 0;
}

/* One sequence's feature ids: token t's are ids[starts[t]:starts[t + 1]]. */
typedef struct {
    int32_t *ids;
    Py_ssize_t size, capacity;
    Py_ssize_t *starts;
} Sequence;

static int
emit(Sequence *out, const int32_t *ids, Py_ssize_t count)
{
    if (out->size + count > out->capacity) {
        Py_ssize_t capacity = 2 * (out->size + count);
        int32_t *grown = PyMem_Realloc(out->ids, sizeof(int32_t) * (size_t)capacity);
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        out->ids = grown;
        out->capacity = capacity;
    }
    memcpy(out->ids + out->size, ids, sizeof(int32_t) * (size_t)count);
    out->size += count;
    return 0;
}

#define EMIT_ONE(out, id)                                                                  \
    do {                                                                                   \
        int32_t one_ = (id);                                                               \
        if (emit((out), &one_, 1) < 0)                                                     \
            goto fail;                                                                     \
    } while (0)
#define EMIT_PART(out, type, part)                                                         \
    do {                                                                                   \
        Py_ssize_t from_ = (part) == 0 ? 0 : (type)->ends[(part) - 1];                     \
        if (emit((out), (type)->ids + from_, (type)->ends[(part)] - from_) < 0)            \
            goto fail;                                                                     \
    } while (0)

enum { OWN, AS_LEFT2, AS_LEFT1, AS_RIGHT1, AS_RIGHT2 };

/* The id of the word pair `-1|0=LEFT|RIGHT`, -1 when the model lacks it, -2 on error. */
static int32_t
pair_id(const Context *context, const TokenType *left, const TokenType *right)
{
    Py_ssize_t head = PyBytes_GET_SIZE(left->bigram_left), tail = PyBytes_GET_SIZE(right->lower);
    PyObject *name = PyBytes_FromStringAndSize(NULL, head + tail), *found;
    long value;
    if (name == NULL)
        return -2;
    memcpy(PyBytes_AS_STRING(name), PyBytes_AS_STRING(left->bigram_left), (size_t)head);
    memcpy(PyBytes_AS_STRING(name) + head, PyBytes_AS_STRING(right->lower), (size_t)tail);
    found = PyDict_GetItemWithError(context->known, name);
    Py_DECREF(name);
    if (found == NULL)
        return PyErr_Occurred() ? -2 : -1;
    value = PyLong_AsLong(found);
    if (value == -1 && PyErr_Occurred())
        return -2;
    return (int32_t)value;
}

/* `_sequence_features` over `types` (a list of TokenType) and `emphasis` (a sequence of
 * truth values, one per token), into `out`: the same ids in the same order. */
static int
sequence_features(const Context *context, PyObject *types, PyObject *emphasis, Sequence *out)
{
    Py_ssize_t n, index, depth = 0;
    int *stack = NULL;
    char *emphasised = NULL;
    int straight_quote = 0, year_seen = 0, quote_closed = 0, after_in = 0;
    Py_ssize_t periods = 0, commas = 0;
    TokenType **kinds;
    if (!PyList_Check(types)) {
        PyErr_SetString(PyExc_TypeError, "types must be a list of TokenType");
        return -1;
    }
    n = PyList_GET_SIZE(types);
    if (PyObject_Length(emphasis) != n) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "one emphasis flag per token is needed");
        return -1;
    }
    kinds = (TokenType **)PySequence_Fast_ITEMS(types);
    for (index = 0; index < n; ++index) {
        if (Py_TYPE(kinds[index]) != &TokenTypeType || kinds[index]->ids == NULL) {
            PyErr_SetString(PyExc_TypeError, "types must be a list of TokenType");
            return -1;
        }
    }
    stack = PyMem_Malloc(sizeof(int) * (size_t)(n > 0 ? n : 1));
    emphasised = PyMem_Malloc((size_t)(n > 0 ? n : 1));
    out->starts = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)(n + 1));
    if (stack == NULL || emphasised == NULL || out->starts == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    for (index = 0; index < n; ++index) {
        PyObject *flag = PySequence_GetItem(emphasis, index);
        int truth = flag == NULL ? -1 : PyObject_IsTrue(flag);
        Py_XDECREF(flag);
        if (truth < 0)
            goto fail;
        emphasised[index] = (char)truth;
    }
    for (index = 0; index < n; ++index) {
        const TokenType *kind = kinds[index];
        int closes = depth > 0 && kind->closes != 0 && stack[depth - 1] == kind->closes;
        out->starts[index] = out->size;
        if ((kind->flags & IS_STRAIGHT) && straight_quote) {
            closes = 1;
            straight_quote = 0;
        }
        EMIT_PART(out, kind, OWN);
        if (depth > 0) {
            int code = stack[depth - 1];
            EMIT_ONE(out, code < context->opener_count ? context->inside[code]
                                                       : context->in_other);
            EMIT_ONE(out, context->depths[depth < 3 ? depth : 3]);
        }
        if (straight_quote)
            EMIT_ONE(out, context->in_quote);
        if (emphasised[index])
            EMIT_ONE(out, context->emph);
        EMIT_ONE(out, context->positions[10 * index / n]);
        EMIT_ONE(out, context->periods[periods < 4 ? periods : 4]);
        EMIT_ONE(out, context->commas[commas < 4 ? commas : 4]);
        if (year_seen)
            EMIT_ONE(out, context->after_year);
        if (quote_closed)
            EMIT_ONE(out, context->after_quote);
        if (after_in)
            EMIT_ONE(out, context->after_in);
        if (index == 0) {
            EMIT_ONE(out, context->bos);
        } else {
            const TokenType *left = kinds[index - 1];
            int32_t pair;
            EMIT_PART(out, left, AS_LEFT1);
            pair = pair_id(context, left, kind);
            if (pair == -2)
                goto fail;
            if (pair != -1)
                EMIT_ONE(out, pair);
            if (emphasised[index - 1] != emphasised[index])
                EMIT_ONE(out, context->emph_change_left);
            if (index > 1)
                EMIT_PART(out, kinds[index - 2], AS_LEFT2);
        }
        if (index == n - 1) {
            EMIT_ONE(out, context->eos);
        } else {
            EMIT_PART(out, kinds[index + 1], AS_RIGHT1);
            if (emphasised[index + 1] != emphasised[index])
                EMIT_ONE(out, context->emph_change_right);
            if (index + 2 < n)
                EMIT_PART(out, kinds[index + 2], AS_RIGHT2);
        }
        /* the state after this token */
        if (closes) {
            int is_quote;
            if (kind->flags & IS_STRAIGHT) {
                is_quote = context->straight_is_quote;
            } else {
                int code = stack[--depth];
                is_quote = code < context->opener_count && context->quote[code];
            }
            if (is_quote)
                quote_closed = 1;
        } else if (kind->opener != 0
                   && !(kind->opener == context->left_double && depth > 0
                        && stack[depth - 1] == context->low_double)) {
            stack[depth++] = kind->opener;
        } else if (kind->flags & IS_STRAIGHT) {
            straight_quote = 1;
        }
        if ((kind->flags & IS_PERIOD) && index > 0 && !(kinds[index - 1]->flags & IS_INITIAL))
            ++periods;
        else if (kind->flags & IS_COMMA)
            ++commas;
        if (kind->flags & IS_YEAR)
            year_seen = 1;
        if (kind->flags & IS_IN_WORD)
            after_in = 1;
    }
    out->starts[n] = out->size;
    PyMem_Free(stack);
    PyMem_Free(emphasised);
    return 0;
fail:
    PyMem_Free(stack);
    PyMem_Free(emphasised);
    return -1;
}

static void
sequence_free(Sequence *sequence)
{
    PyMem_Free(sequence->ids);
    PyMem_Free(sequence->starts);
}

static PyObject *
Context_features(Context *self, PyObject *args)
{
    PyObject *types, *emphasis, *result = NULL;
    Sequence sequence = {NULL, 0, 0, NULL};
    Py_ssize_t n, t, i;
    if (self->known == NULL) {
        PyErr_SetString(PyExc_TypeError, "the Context was not made");
        return NULL;
    }
    if (!PyArg_ParseTuple(args, "OO:features", &types, &emphasis))
        return NULL;
    if (sequence_features(self, types, emphasis, &sequence) < 0)
        goto done;
    n = PyList_GET_SIZE(types);
    result = PyList_New(n);
    if (result == NULL)
        goto done;
    for (t = 0; t < n; ++t) {
        PyObject *one = PyList_New(sequence.starts[t + 1] - sequence.starts[t]);
        if (one == NULL) {
            Py_CLEAR(result);
            goto done;
        }
        PyList_SET_ITEM(result, t, one);
        for (i = sequence.starts[t]; i < sequence.starts[t + 1]; ++i) {
            PyObject *id = PyLong_FromLong(sequence.ids[i]);
            if (id == NULL) {
                Py_CLEAR(result);
                goto done;
            }
            PyList_SET_ITEM(one, i - sequence.starts[t], id);
        }
    }
done:
    sequence_free(&sequence);
    return result;
}

static PyMethodDef Context_methods[] = {
    {"features", (PyCFunction)Context_features, METH_VARARGS,
     "features(types, emphasis) -> one list of ids per token: `_sequence_features`, compiled."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ContextType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "citecheck.citations.tagger._crf.Context",
    .tp_doc = "Context(positions, periods, commas, depths, inside, quote, ...): the context"
              " features of one model as ids and the bracket codes (features._Context).",
    .tp_basicsize = sizeof(Context),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Context_init,
    .tp_dealloc = (destructor)Context_dealloc,
    .tp_methods = Context_methods,
};

static PyObject *
Scorer_tag(Scorer *self, PyObject *args)
{
    Context *context;
    PyObject *types, *emphasis, *result = NULL;
    Sequence sequence = {NULL, 0, 0, NULL};
    Py_ssize_t count, t, r;
    double *state = NULL;
    if (check_made(self) < 0)
        return NULL;
    if (!PyArg_ParseTuple(args, "O!OO:tag", &ContextType, &context, &types, &emphasis))
        return NULL;
    if (context->known == NULL) {
        PyErr_SetString(PyExc_TypeError, "the Context was not made");
        return NULL;
    }
    if (sequence_features(context, types, emphasis, &sequence) < 0)
        goto done;
    count = PyList_GET_SIZE(types);
    if (count == 0) {
        result = PyList_New(0);
        goto done;
    }
    state = PyMem_Calloc((size_t)(count * self->label_count), sizeof(double));
    if (state == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (t = 0; t < count; ++t) {
        double *scores = state + t * self->label_count;
        for (r = sequence.starts[t]; r < sequence.starts[t + 1]; ++r) {
            int32_t a = sequence.ids[r];
            uint32_t at, end;
            if (a < 0)
                continue;
            if (a >= self->attribute_count) {
                PyErr_Format(PyExc_ValueError, "attribute id %d is not in the model", (int)a);
                goto done;
            }
            for (at = self->offsets[a], end = self->offsets[a + 1]; at < end; ++at)
                scores[self->targets[at]] += self->weights[at];
        }
    }
    result = best_labels(self, state, count);
done:
    PyMem_Free(state);
    sequence_free(&sequence);
    return result;
}

static PyMethodDef Scorer_methods[] = {
    {"tag", (PyCFunction)Scorer_tag, METH_VARARGS,
     "tag(context, types, emphasis) -> labels: the features `context.features` gives, scored,"
     " and the Viterbi labels."},
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

/* ---- tokens.py's PLAIN_TOKEN, its character classes as the regex engine (_sre) has them:
 * `\w` is Py_UNICODE_ISALNUM or `_`, `\d` Py_UNICODE_ISDECIMAL, `\s` Py_UNICODE_ISSPACE.
 * The alternatives are tried in the pattern's order: word, number, kana, hangul, other. */

static inline int
is_word_letter(Py_UCS4 c)  /* [^\W\d_] */
{
    return c != '_' && Py_UNICODE_ISALNUM(c) && !Py_UNICODE_ISDECIMAL(c);
}

static inline int
opens_word(Py_UCS4 c)  /* [^\W\d_\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF] */
{
    if ((c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF)
        || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF))
        return 0;
    return is_word_letter(c);
}

static inline int
is_kana(Py_UCS4 c)
{
    return (c >= 0x3041 && c <= 0x309F) || (c >= 0x30A0 && c <= 0x30FF)
           || (c >= 0x31F0 && c <= 0x31FF);
}

static inline int
is_hangul(Py_UCS4 c)
{
    return (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF)
           || (c >= 0x3130 && c <= 0x318F);
}

/* The end of the token starting at `i` (a non-space character), as PLAIN_TOKEN matches. */
static Py_ssize_t
token_end(int kind, const void *data, Py_ssize_t n, Py_ssize_t i)
{
    Py_UCS4 c = PyUnicode_READ(kind, data, i);
    Py_ssize_t j = i + 1;
    if (opens_word(c)) {  /* [^\W\d_…]+(?:['’][^\W\d_]+)* */
        while (j < n && opens_word(PyUnicode_READ(kind, data, j)))
            j++;
        while (j + 1 < n) {
            Py_UCS4 mark = PyUnicode_READ(kind, data, j);
            if ((mark != '\'' && mark != 0x2019) || !is_word_letter(PyUnicode_READ(kind, data, j + 1)))
                break;
            j += 2;
            while (j < n && is_word_letter(PyUnicode_READ(kind, data, j)))
                j++;
        }
    }
    else if (Py_UNICODE_ISDECIMAL(c)) {
        while (j < n && Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, j)))
            j++;
    }
    else if (is_kana(c)) {
        while (j < n && is_kana(PyUnicode_READ(kind, data, j)))
            j++;
    }
    else if (is_hangul(c)) {
        while (j < n && is_hangul(PyUnicode_READ(kind, data, j)))
            j++;
    }
    return j;  /* else `\S`: one character */
}

static PyObject *
plain_tokens(PyObject *self, PyObject *args)
{
    PyObject *text, *list, *token;
    PyTypeObject *token_type;
    if (!PyArg_ParseTuple(args, "UO!:plain_tokens", &text, &PyType_Type, &token_type))
        return NULL;
    if (!PyType_IsSubtype(token_type, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "the token type must be a tuple type");
        return NULL;
    }
    if (PyUnicode_READY(text) < 0)
        return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    list = PyList_New(0);
    if (list == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n;) {
        if (Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
            i++;
            continue;
        }
        Py_ssize_t j = token_end(kind, data, n, i);
        token = token_type->tp_alloc(token_type, 4);
        if (token == NULL)
            goto error;
        PyObject *word = PyUnicode_Substring(text, i, j);
        PyObject *start = PyLong_FromSsize_t(i), *end = PyLong_FromSsize_t(j);
        PyTuple_SET_ITEM(token, 0, word);
        PyTuple_SET_ITEM(token, 1, start);
        PyTuple_SET_ITEM(token, 2, end);
        PyTuple_SET_ITEM(token, 3, Py_NewRef(Py_False));
        if (word == NULL || start == NULL || end == NULL || PyList_Append(list, token) < 0) {
            Py_DECREF(token);
            goto error;
        }
        Py_DECREF(token);
        i = j;
    }
    return list;
error:
    Py_DECREF(list);
    return NULL;
}

static PyMethodDef module_methods[] = {
    {"plain_tokens", plain_tokens, METH_VARARGS,
     "plain_tokens(text, Token): tokens.PLAIN_TOKEN's matches in `text`, as `Token(text, "
     "start, end, False)`."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "citecheck.citations.tagger._crf",
    .m_doc = "The field tagger's tokens, CRF scoring and Viterbi, compiled.",
    .m_size = -1,
    .m_methods = module_methods,
};

PyMODINIT_FUNC
PyInit__crf(void)
{
    PyObject *m;
    if (PyType_Ready(&ScorerType) < 0 || PyType_Ready(&TokenTypeType) < 0
        || PyType_Ready(&ContextType) < 0)
        return NULL;
    m = PyModule_Create(&module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddObjectRef(m, "Scorer", (PyObject *)&ScorerType) < 0
        || PyModule_AddObjectRef(m, "TokenType", (PyObject *)&TokenTypeType) < 0
        || PyModule_AddObjectRef(m, "Context", (PyObject *)&ContextType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
