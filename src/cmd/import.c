/*
 * motcua import procedures --db PATH FILE [--dry-run] [--partial]: imports a
 * province's catalog annex (XLSX or CSV) or the national database's JSON as
 * POST /api/v1/procedures/import does (api/catalog_import.h), with a progress
 * bar on a terminal, and prints the report: each row that is not unchanged,
 * then the counts. Exits 1 when rows were rejected and nothing was stored.
 */
#include "api/app.h"
#include "api/catalog_import.h"
#include "cmd/cmd.h"
#include "docs/spreadsheet.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage[] = "motcua import procedures --db PATH FILE [--dry-run] [--partial]";

/* The file's bytes (malloc'd), or NULL with errno set; EFBIG above max. */
static char *read_file(const char *path, size_t max, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long size;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) < 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) < 0) {
        fclose(f);
        return NULL;
    }
    if ((size_t)size > max) {
        fclose(f);
        errno = EFBIG;
        return NULL;
    }
    if (!(buf = malloc((size_t)size + 1)) || fread(buf, 1, (size_t)size, f) != (size_t)size) {
        free(buf);
        fclose(f);
        errno = EIO;
        return NULL;
    }
    fclose(f);
    buf[size] = '\0';
    *len = (size_t)size;
    return buf;
}

/* A bar of 30 cells on stderr, redrawn when it moves by a cell. */
struct bar {
    int shown;
};

static void progress(void *ctx, size_t done, size_t total)
{
    struct bar *b = ctx;
    int cells = total ? (int)(done * 30 / total) : 30;

    if (cells == b->shown && done != total)
        return;
    b->shown = cells;
    fprintf(stderr, "\r[%.*s%*s] %zu/%zu", cells, "##############################", 30 - cells, "",
            done, total);
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

static void print_report(json_t *j, int dry)
{
    json_t *row;
    size_t i;

    json_array_foreach(json_object_get(j, "rows"), i, row)
    {
        const char *outcome = json_string_value(json_object_get(row, "outcome"));
        const char *code = json_string_value(json_object_get(row, "code"));
        const char *warning = json_string_value(json_object_get(row, "warning"));

        if (!strcmp(outcome, "rejected"))
            printf("row %lld: rejected (%s): %s\n",
                   (long long)json_integer_value(json_object_get(row, "row")),
                   json_string_value(json_object_get(row, "field")),
                   json_string_value(json_object_get(row, "reason")));
        else if (strcmp(outcome, "unchanged") || warning)
            printf("row %lld: %s %s%s%s\n",
                   (long long)json_integer_value(json_object_get(row, "row")), code ? code : "",
                   outcome, warning ? ": " : "", warning ? warning : "");
    }
    printf("%s%lld added, %lld changed, %lld unchanged, %lld repealed, %lld rejected\n",
           dry ? "dry run, nothing stored: " : "",
           (long long)json_integer_value(json_object_get(j, "added")),
           (long long)json_integer_value(json_object_get(j, "changed")),
           (long long)json_integer_value(json_object_get(j, "unchanged")),
           (long long)json_integer_value(json_object_get(j, "repealed")),
           (long long)json_integer_value(json_object_get(j, "rejected")));
}

int cmd_import(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'},
                                         {"dry-run", no_argument, 0, 'n'},
                                         {"partial", no_argument, 0, 'p'},
                                         {0, 0, 0, 0}};
    struct catalog_import_opts o = {0};
    struct arena a = ARENA_INIT;
    struct err e = ERR_INIT;
    struct bar bar = {-1};
    const char *db_path = cmd_db_default(), *file;
    struct db *db = NULL;
    json_t *report = NULL;
    char *data;
    size_t len;
    int c, refused, rc = 1;

    if (cmd_wants_help(argc, argv)) {
        printf("usage: %s\n\nImports procedures into the catalog from a province's announcement "
               "annex\n(XLSX or CSV) or the national procedure database's JSON, matched by\n"
               "national code (docs/catalog-import.md). Prints each row added, changed,\n"
               "repealed or rejected (with its row number and reason) and the counts.\n"
               "A file with rejected rows changes nothing unless --partial keeps the\n"
               "others; --dry-run only reports. Exits 1 when nothing was stored\n"
               "because of rejected rows.\n",
               usage);
        return 0;
    }
    if (argc < 2 || strcmp(argv[1], "procedures"))
        return cmd_usage(usage, "expected: import procedures");
    optind = 2;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            db_path = optarg;
        else if (c == 'n')
            o.dry_run = 1;
        else if (c == 'p')
            o.partial = 1;
        else
            return cmd_usage(usage, "unknown option");
    }
    if (optind != argc - 1)
        return cmd_usage(usage, "one FILE is required");
    if (!db_path)
        return cmd_usage(usage, "--db is required");
    file = argv[optind];
    if (!(data = read_file(file, SPREADSHEET_MAX_BYTES, &len)))
        return cmd_fail("%s: %s", file, strerror(errno));
    o.now = time(NULL);
    o.filename = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
    if (isatty(STDERR_FILENO)) {
        o.progress = progress;
        o.progress_ctx = &bar;
    }
    if (app_prepare_db(db_path, o.now, &e) < 0 || db_open(db_path, &db, &e) < 0 ||
        catalog_import(db, &a, data, len, &o, &report, &refused, &e) < 0) {
        if (e.nfields)
            rc = cmd_fail("%s: %s", file, e.fields[0].message);
        else
            rc = cmd_fail("%s: %s", file, e.msg);
        goto out;
    }
    print_report(report, o.dry_run || refused);
    if (refused)
        printf("nothing imported: rows were rejected (--partial keeps the others)\n");
    rc = refused ? 1 : 0;
out:
    json_decref(report);
    db_close(db);
    free(data);
    arena_release(&a);
    return rc;
}
