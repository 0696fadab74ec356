/* The content-addressed file store under the data directory. */
#include "store/blobs.h"
#include "lib/crypto.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

const char *blob_path(struct arena *a, const char *data_dir, const char *sha)
{
    return arena_printf(a, "%s/%.2s/%s", data_dir, sha, sha);
}

/* The directory of sha, made when missing. */
static int make_dir(const char *data_dir, const char *sha, char *dir, size_t size, struct err *e)
{
    snprintf(dir, size, "%s/%.2s", data_dir, sha);
    if ((mkdir(data_dir, 0750) < 0 && errno != EEXIST) || (mkdir(dir, 0750) < 0 && errno != EEXIST))
        return err_storage(e, errno, dir);
    return 0;
}

/* A rename or a new file in dir is durable once the directory is synced. */
static int sync_dir(const char *dir, struct err *e)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);

    if (fd < 0 || fsync(fd) < 0) {
        err_storage(e, errno, dir);
        if (fd >= 0)
            close(fd);
        return -1;
    }
    close(fd);
    return 0;
}

int blob_put(const char *data_dir, const char *tmp_path, const char *sha, int *created,
             struct err *e)
{
    char dir[4096], path[4200];

    *created = 0;
    if (make_dir(data_dir, sha, dir, sizeof(dir), e) < 0)
        return -1;
    snprintf(path, sizeof(path), "%s/%s", dir, sha);
    *created = access(path, F_OK) < 0;
    if (rename(tmp_path, path) < 0) {
        *created = 0;
        return err_storage(e, errno, path);
    }
    return sync_dir(dir, e);
}

int blob_write(const char *data_dir, const void *data, size_t len, char sha[BLOB_SHA_HEX],
               struct err *e)
{
    char dir[4096], path[4200];
    FILE *f;
    int ok;

    crypto_sha256_hex(data, len, sha);
    if (make_dir(data_dir, sha, dir, sizeof(dir), e) < 0)
        return -1;
    snprintf(path, sizeof(path), "%s/%s", dir, sha);
    if (!(f = fopen(path, "wb")))
        return err_storage(e, errno, path);
    ok = fwrite(data, 1, len, f) == len && fflush(f) == 0 && fsync(fileno(f)) == 0;
    if (fclose(f) != 0 || !ok)
        return err_storage(e, errno, path);
    return sync_dir(dir, e);
}

void blob_drop(const char *data_dir, const char *sha)
{
    char path[4200];

    snprintf(path, sizeof(path), "%s/%.2s/%s", data_dir, sha, sha);
    unlink(path);
}
