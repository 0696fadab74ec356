/* A fresh SQLite database file for store tests, migrated, removed afterwards. */
#ifndef TESTS_UNIT_STORE_FIXTURE_H
#define TESTS_UNIT_STORE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "store/db.h"
#include "store/migrate.h"

struct fixture {
    char dir[64], path[96];
    struct db *db;
};

static inline int fixture_setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    struct err e = ERR_INIT;

    snprintf(f->dir, sizeof(f->dir), "/tmp/motcua-store-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof(f->path), "%s/t.db", f->dir);
    if (db_open(f->path, &f->db, &e) < 0 || migrate(f->db, 1700000000, &e) < 0) {
        fprintf(stderr, "fixture: %s\n", e.msg);
        return -1;
    }
    *state = f;
    return 0;
}

static inline int fixture_teardown(void **state)
{
    struct fixture *f = *state;
    char cmd[128];

    db_close(f->db);
    snprintf(cmd, sizeof(cmd), "rm -rf %s", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f);
    return 0;
}

#endif
