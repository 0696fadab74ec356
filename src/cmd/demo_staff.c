/*
 * The demo's officers at every unit that holds dossiers: a one-stop officer
 * (motcua.X) where dossiers are received (the centre, each commune), a
 * processing officer (xuly.X) where they are processed (each department,
 * each commune) and a leader (lanhdao.X) at all of them, so that every role
 * finds its work on the first run. The accounts the demo names by hand keep
 * their names; the others are made here with the same password.
 */
#include "cmd/demo.h"
#include "core/fold.h"
#include "lib/strbuf.h"
#include "store/users.h"

#include <stdio.h>
#include <string.h>

/* The departments' short names in usernames; communes use their folded name. */
static const struct {
    const char *agency, *slug;
} short_names[] = {
    {"000.00.01.H99", "tinh"},   {"000.00.02.H99", "tuphap"},     {"000.00.03.H99", "xaydung"},
    {"000.00.04.H99", "nnmt"},   {"000.00.05.H99", "taichinh"},   {"000.00.06.H99", "yte"},
    {"000.00.07.H99", "gddt"},   {"000.00.08.H99", "congthuong"}, {"000.00.09.H99", "noivu"},
    {"000.00.10.H99", "vhttdl"}, {"000.00.11.H99", "khcn"},       {"000.00.12.H99", "dttg"},
};

/* "Phường Bắc Sơn" -> "bacson": the folded name without its first word and spaces. */
static const char *slug_of(struct arena *a, const struct demo_agency *ag)
{
    size_t i, n = strlen(ag->name);
    char *folded = arena_alloc(a, n + 1), *out = arena_alloc(a, n + 1), *p;
    size_t k = 0;

    for (i = 0; i < sizeof(short_names) / sizeof(short_names[0]); i++)
        if (!strcmp(short_names[i].agency, ag->id))
            return short_names[i].slug;
    fold_text(ag->name, n, folded);
    p = strchr(folded, ' ');
    for (p = p ? p + 1 : folded; *p; p++)
        if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
            out[k++] = *p;
    out[k] = '\0';
    return out;
}

/* Which roles a unit's officers hold: receiving, processing, and its head. */
static unsigned roles_of(const struct demo_agency *ag)
{
    if (!strcmp(ag->level, "centre"))
        return 1u | 4u;
    if (!strcmp(ag->level, "department"))
        return 2u | 4u;
    if (!strcmp(ag->level, "commune"))
        return 1u | 2u | 4u;
    return 0;
}

/* A person's name, the same for the same unit and role. */
static const char *person(struct arena *a, size_t unit, int role)
{
    size_t k = unit * 3 + (size_t)role;

    return arena_printf(a, "%s %s %s", demo_surnames[(k * 7 + 3) % demo_surnames_len],
                        demo_middle[(k * 5 + 1) % demo_middle_len],
                        demo_given[(k * 11 + 2) % demo_given_len]);
}

int demo_add_staff(struct db *db, struct arena *a, int64_t now, const char *hash,
                   struct strbuf *accounts, int *added, struct err *e)
{
    static const char *const prefix[] = {"motcua", "xuly", "lanhdao"};
    static const char *const role[] = {"receiver", "processor", "leader"};
    size_t i;
    int r;

    *added = 0;
    for (i = 0; i < demo_agencies_len; i++) {
        const struct demo_agency *ag = &demo_agencies[i];
        unsigned roles = roles_of(ag);
        const char *slug = slug_of(a, ag);

        for (r = 0; r < 3; r++) {
            struct user u = {0}, existing;
            int64_t id;

            if (!(roles & 1u << r))
                continue;
            u.username = arena_printf(a, "%s.%s", prefix[r], slug);
            if (user_by_username(db, a, u.username, &existing, e) == 0)
                continue; /* one of the accounts the demo names by hand */
            if (e->http != 404)
                return -1;
            err_clear(e);
            u.full_name = person(a, i, r);
            u.password_hash = hash;
            u.active = 1;
            if (user_create(db, &u, now, &id, e) < 0 ||
                user_add_role(db, id, role[r], ag->id, e) < 0)
                return -1;
            (*added)++;
        }
    }
    strbuf_addf(accounts,
                "  and at every unit holding dossiers, with the same password: motcua.<unit> "
                "(receiver),\n  xuly.<unit> (processor), lanhdao.<unit> (leader), e.g. "
                "lanhdao.tuphap, xuly.hoabinh\n");
    return 0;
}
