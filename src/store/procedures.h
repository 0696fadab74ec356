/* The procedure catalog: procedures, their components and fees, history, search. */
#ifndef STORE_PROCEDURES_H
#define STORE_PROCEDURES_H

#include <stddef.h>

#include "core/dossier.h"
#include "core/search.h"
#include "lib/arena.h"
#include "store/db.h"

struct procedure_component {
    const char *name;
    const char *kind; /* original, certified, copy */
    int count;
    int requirement; /* core/components.h: required, optional, counter */
};

struct procedure_fee {
    const char *name;
    int64_t amount; /* VND */
};

struct procedure {
    int64_t id;
    const char *code, *name, *field, *field_code, *level, *agency, *agency_name;
    double duration_days;
    const char *duration_kind;   /* working, calendar */
    double online_duration_days; /* < 0: none */
    const char *online_class;    /* full, partial, NULL */
    int online_level;            /* 1..4, 0: none */
    const char *legal_basis, *result_name, *description;
    const char *conditions; /* what the applicant must meet, or NULL */
    const char *decision_number, *decision_date, *effective_date;
    const char *status; /* active, withdrawn */
    int paper_result, inter_agency, any_place, version;
    int64_t created_at, updated_at;
    struct procedure_component *components;
    size_t ncomponents;
    struct procedure_fee *fees;
    size_t nfees;
};

struct procedure_filter {
    const char *folded_query;       /* folded search words, NULL for all */
    const struct synonym *synonyms; /* what the query's words may also mean */
    size_t nsynonyms;
    enum search_mode search_mode; /* every word (or a synonym's meaning), or any word */
    const char *agency_path;      /* only procedures of agencies under this path, or NULL */
    const char *field;            /* exact field name, or NULL */
    const char *level;            /* or NULL */
    int include_withdrawn;
    int popular; /* most filed first (paged by offset) */
    int limit;
    int64_t after_id; /* cursor: the last id of the previous page (browsing, not search) */
    int offset;       /* cursor for search results and popular order */
};

/* A case of a procedure (trường hợp) with its own duration and process. */
struct procedure_variant {
    int64_t id;
    const char *name;
    double duration_days;
    const char *duration_kind;
    double online_duration_days; /* < 0: none */
    struct process_step *steps;
    size_t nsteps;
};

/* 404 when there is none. Loads components and fees. */
int procedure_get(struct db *db, struct arena *a, int64_t id, struct procedure *out, struct err *e);
/* The procedure with that national code, components and fees loaded: 1, or 0 when there is none. */
int procedure_by_code(struct db *db, struct arena *a, const char *code, struct procedure *out,
                      struct err *e);
/* A page of procedures (without components and fees); *more is 1 when another page follows. */
/* The search synonyms (folded terms and what they mean), by term. */
int search_synonyms(struct db *db, struct arena *a, struct synonym **out, size_t *n, struct err *e);
int procedure_list(struct db *db, struct arena *a, const struct procedure_filter *f,
                   struct procedure **out, size_t *n, int *more, struct err *e);
/*
 * Inserts with components, fees and the search text (folded code, name, field);
 * 409 when the code is taken. Sets p->id.
 */
int procedure_insert(struct db *db, struct procedure *p, const char *search_text, int64_t now,
                     struct err *e);
/* Replaces every field, components and fees; 409 on a version mismatch or a taken code. */
int procedure_update(struct db *db, struct procedure *p, const char *search_text, int64_t now,
                     struct err *e);
/* The variants of a procedure with their steps, in order. */
int procedure_variants(struct db *db, struct arena *a, int64_t procedure_id,
                       struct procedure_variant **out, size_t *n, struct err *e);
/*
 * Replaces the variants of a procedure (sets each id). A variant keeps its id
 * by position; removing one that dossiers use is 409.
 */
int procedure_set_variants(struct db *db, int64_t procedure_id, struct procedure_variant *v,
                           size_t n, struct err *e);
/* What reports and the service index need to know of a procedure. */
struct procedure_brief {
    int64_t id;
    const char *code, *name, *field, *level, *agency, *agency_path;
    int online;                 /* offered online (fully or partly) */
    int fee;                    /* has a fee or charge above zero */
    int complete;               /* legal basis, result, components and a duration are published */
    int64_t created_at;         /* when it was entered here */
    const char *effective_date; /* YYYY-MM-DD, or NULL */
    const char *decision_date;  /* the publication decision's date YYYY-MM-DD, or NULL */
};

/* Every active procedure, by id. */
int procedure_briefs(struct db *db, struct arena *a, struct procedure_brief **out, size_t *n,
                     struct err *e);
/* The brief with that id in a list sorted by id, or NULL. */
const struct procedure_brief *procedure_brief_find(const struct procedure_brief *list, size_t n,
                                                   int64_t id);

/* Records the published JSON of a version. */
int procedure_record_history(struct db *db, int64_t id, int version, int64_t now, int64_t user_id,
                             const char *json, struct err *e);

#endif
