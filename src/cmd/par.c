/*
 * motcua par load --db PATH FILE.json: loads a PAR INDEX structure document
 * (docs/par-index.md) as POST /api/v1/par/structures does, and prints the
 * report: each problem on a line, then what was stored or why nothing was.
 */
#include "api/app.h"
#include "api/par.h"
#include "cmd/cmd.h"
#include "lib/json.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] = "motcua par load --db PATH FILE.json";

/* The file's bytes (malloc'd, NUL-terminated), or NULL with errno set. */
static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n;

    *len = 0;
    if (!f)
        return NULL;
    do {
        char *grown;
        if (*len + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 65536;
            if (!(grown = realloc(buf, cap))) {
                free(buf);
                fclose(f);
                errno = ENOMEM;
                return NULL;
            }
            buf = grown;
        }
        n = fread(buf + *len, 1, cap - *len - 1, f);
        *len += n;
    } while (n > 0);
    if (ferror(f)) {
        free(buf);
        fclose(f);
        errno = EIO;
        return NULL;
    }
    fclose(f);
    buf[*len] = '\0';
    return buf;
}

static void print_report(struct arena *a, const struct par_load *l)
{
    size_t i;

    for (i = 0; i < l->rep.n; i++) {
        const struct par_problem *p = &l->rep.p[i];
        printf("%s: %s%s%s%s: %s\n", p->fatal ? "error" : "warning", par_problem_path(a, p),
               p->code ? " (" : "", p->code ? p->code : "", p->code ? ")" : "", p->message);
    }
    if (l->stored)
        printf("structure %lld stored: %d, %s: %zu items, %.2f points%s\n", (long long)l->st.id,
               l->st.year, l->st.name, l->n, l->st.max_points,
               l->st.example ? " (an example)" : "");
    else
        printf("nothing stored: %zu error%s\n", l->rep.fatal, l->rep.fatal == 1 ? "" : "s");
}

int cmd_par(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'}, {0, 0, 0, 0}};
    struct arena a = ARENA_INIT;
    struct err e = ERR_INIT;
    struct par_load l;
    const char *db_path = cmd_db_default(), *file;
    struct db *db = NULL;
    json_t *doc = NULL;
    char *text;
    size_t len;
    int c, rc = 1;

    if (cmd_wants_help(argc, argv)) {
        printf("usage: %s\n\nLoads a PAR INDEX structure (areas, criteria and sub-criteria with "
               "their\nmaximum points and scoring) from a JSON document described in\n"
               "docs/par-index.md, and prints what could not be read: errors keep it\nfrom "
               "being stored, warnings say what was ignored. Exits 1 when nothing\nwas stored.\n",
               usage);
        return 0;
    }
    if (argc < 2 || strcmp(argv[1], "load"))
        return cmd_usage(usage, "expected: par load");
    optind = 2;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c != 'd')
            return cmd_usage(usage, "unknown option");
        db_path = optarg;
    }
    if (optind != argc - 1)
        return cmd_usage(usage, "one FILE.json is required");
    if (!db_path)
        return cmd_usage(usage, "--db is required");
    file = argv[optind];
    if (!(text = read_all(file, &len)))
        return cmd_fail("%s: %s", file, strerror(errno));
    if (json_parse_object(text, len, &doc, &e) < 0) {
        free(text);
        return cmd_fail("%s: %s", file, e.msg);
    }
    free(text);
    if (app_prepare_db(db_path, time(NULL), &e) < 0 || db_open(db_path, &db, &e) < 0 ||
        par_load_document(db, &a, doc, time(NULL), 0, &l, &e) < 0) {
        rc = cmd_fail("%s", e.msg);
        goto out;
    }
    print_report(&a, &l);
    rc = l.stored ? 0 : 1;
out:
    db_close(db);
    json_decref(doc);
    arena_release(&a);
    return rc;
}
