/* The database behind the server: per-thread connections, migrations, seeds, the data directory. */
#include "api/app.h"
#include "store/calendar.h"
#include "store/forms.h"
#include "store/migrate.h"

#include <errno.h>
#include <pthread.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_key_t db_key;
static pthread_once_t db_key_once = PTHREAD_ONCE_INIT;

static void close_db(void *p)
{
    db_close(p);
}

static void make_key(void)
{
    pthread_key_create(&db_key, close_db);
}

struct db *app_thread_db(struct app *app, struct err *e)
{
    struct db *db;

    pthread_once(&db_key_once, make_key);
    db = pthread_getspecific(db_key);
    if (db)
        return db;
    if (db_open_grouped(app->db_path, &db, e) < 0)
        return NULL;
    pthread_setspecific(db_key, db);
    return db;
}

extern const char *const form_sets[];

/* The form templates shipped with motcua (src/docs/forms), unless already there. */
static int seed_forms(struct db *db, struct err *e)
{
    size_t i;
    int rc = 0;

    if (db_begin(db, DB_WRITE, e) < 0)
        return -1;
    for (i = 0; form_sets[i] && rc == 0; i++) {
        json_t *set = json_loads(form_sets[i], 0, NULL), *form;
        const char *name;

        if (!set) {
            rc = err_set(e, 500, "internal", "a built-in form set is not valid JSON");
            break;
        }
        json_object_foreach(json_object_get(set, "forms"), name, form)
        {
            struct form_template t;
            char *text = json_dumps(form, JSON_COMPACT);
            t.set = json_string_value(json_object_get(set, "set"));
            t.form = name;
            t.title = json_string_value(json_object_get(form, "title"));
            t.json = text;
            if (rc == 0)
                rc = form_seed(db, &t, e);
            free(text);
        }
        json_decref(set);
    }
    if (rc == 0)
        return db_commit(db, e);
    db_rollback(db);
    return -1;
}

/* A directory the server must write in: said plainly at start, not at the first write. */
static int writable(const char *dir, struct err *e)
{
    return access(dir, W_OK) < 0 ? err_storage(e, errno, dir) : 0;
}

int app_prepare_db(const char *path, int64_t now, struct err *e)
{
    struct holiday_rule_row rows[32];
    struct db *db;
    const char *slash = strrchr(path, '/');
    char dir[4096];
    size_t i, n = holiday_default_rules_len;
    int rc = -1;

    /* WAL mode writes its log and index beside the database */
    snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path) + (slash == path) : 1,
             slash ? path : ".");
    if (writable(dir, e) < 0 || db_open(path, &db, e) < 0)
        return -1;
    if (migrate(db, now, e) < 0)
        goto out;
    if (n > sizeof(rows) / sizeof(rows[0]))
        n = sizeof(rows) / sizeof(rows[0]);
    for (i = 0; i < n; i++) {
        const struct holiday_rule *h = &holiday_default_rules[i];
        rows[i] = (struct holiday_rule_row){0,         h->name,     h->calendar ? "lunar" : "solar",
                                            h->month,  h->day,      h->offset,
                                            h->length, h->adjacent, h->from_year,
                                            h->to_year};
    }
    rc = calendar_seed_rules(db, rows, n, e);
    if (rc == 0)
        rc = seed_forms(db, e);
out:
    db_close(db);
    return rc;
}

static int make_dir(const char *path, struct err *e)
{
    if (mkdir(path, 0750) < 0 && errno != EEXIST)
        return err_storage(e, errno, path);
    return writable(path, e);
}

int app_prepare_data(const char *data_dir, struct err *e)
{
    char tmp[4096];

    snprintf(tmp, sizeof(tmp), "%s/tmp", data_dir);
    return make_dir(data_dir, e) < 0 || make_dir(tmp, e) < 0 ? -1 : 0;
}
