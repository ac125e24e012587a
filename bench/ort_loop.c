/*
 * ort_loop: ONNX Runtime's own speed on a model, with no .NET in the way — the reference `edgewatch bench-raw`
 * compares EdgeWatch's inference against, in the same run, on the same input tensor and thread count.
 *
 * Usage: ort_loop LIB MODEL INPUT_NAME INPUT_FILE D0 D1 D2 D3 THREADS SPIN SPIN_STOP WARMUP RUNS
 * SPIN and SPIN_STOP are the session options session.intra_op.allow_spinning and session.force_spinning_stop (0 or 1).
 * INPUT_FILE holds the pre-processed float32 tensor (as EdgeWatch prepared it). Prints one line per run: milliseconds.
 *
 * Only the OrtApi slots used are named, by their index in the append-only function table (the same indices EdgeWatch's
 * C# binding uses); outputs are left to the library to allocate, as a plain C caller would.
 */
#define _POSIX_C_SOURCE 199309L
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef void *Status;
typedef void *(*fn)(void);
static void **api;

#define CALL(index, type, ...) ((type)api[index])(__VA_ARGS__)
#define CHECK(expr) do { Status s = (expr); if (s) { fprintf(stderr, "ort_loop: %s\n", \
    CALL(2, const char *(*)(Status), s)); return 2; } } while (0)

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
    if (argc != 14) {
        fprintf(stderr, "usage: ort_loop LIB MODEL INPUT_NAME INPUT_FILE D0 D1 D2 D3 THREADS SPIN SPIN_STOP WARMUP RUNS\n");
        return 1;
    }
    void *lib = dlopen(argv[1], RTLD_NOW);
    if (!lib) { fprintf(stderr, "ort_loop: %s\n", dlerror()); return 1; }
    typedef struct { void **(*GetApi)(uint32_t); const char *(*GetVersionString)(void); } ApiBase;
    ApiBase *(*get_base)(void) = (ApiBase *(*)(void))dlsym(lib, "OrtGetApiBase");
    api = get_base()->GetApi(30);
    if (!api) { fprintf(stderr, "ort_loop: API 30 not offered\n"); return 1; }

    int64_t dims[4];
    size_t count = 1;
    for (int i = 0; i < 4; i++) { dims[i] = atoll(argv[5 + i]); count *= (size_t)dims[i]; }
    int threads = atoi(argv[9]), warmup = atoi(argv[12]), runs = atoi(argv[13]);
    float *input = malloc(count * sizeof(float));
    FILE *f = fopen(argv[4], "rb");
    if (!f || fread(input, sizeof(float), count, f) != count) { fprintf(stderr, "ort_loop: cannot read %s\n", argv[4]); return 1; }
    fclose(f);

    void *env, *options, *session, *memory, *tensor, *allocator;
    CHECK(CALL(3, Status (*)(int, const char *, void **), 3, "ort_loop", &env));                 /* CreateEnv */
    CHECK(CALL(10, Status (*)(void **), &options));                                               /* CreateSessionOptions */
    CHECK(CALL(24, Status (*)(void *, int), options, threads));                                   /* SetIntraOpNumThreads */
    CHECK(CALL(25, Status (*)(void *, int), options, 1));                                         /* SetInterOpNumThreads */
    CHECK(CALL(23, Status (*)(void *, int), options, 99));                                        /* ORT_ENABLE_ALL */
    CHECK(CALL(130, Status (*)(void *, const char *, const char *), options,
               "session.intra_op.allow_spinning", argv[10]));                                    /* AddSessionConfigEntry */
    CHECK(CALL(130, Status (*)(void *, const char *, const char *), options, "session.force_spinning_stop", argv[11]));
    CHECK(CALL(7, Status (*)(void *, const char *, void *, void **), env, argv[2], options, &session));
    CHECK(CALL(69, Status (*)(int, int, void **), 1, 0, &memory));                                /* CreateCpuMemoryInfo */
    CHECK(CALL(49, Status (*)(void *, void *, size_t, const int64_t *, size_t, int, void **),
               memory, input, count * sizeof(float), dims, (size_t)4, 1, &tensor));
    CHECK(CALL(78, Status (*)(void **), &allocator));
    char *output_name;
    CHECK(CALL(37, Status (*)(void *, size_t, void *, char **), session, (size_t)0, allocator, &output_name));

    const char *input_names[] = {argv[3]};
    const char *output_names[] = {output_name};
    for (int i = 0; i < warmup + runs; i++) {
        void *output = NULL;
        double start = now_ms();
        CHECK(CALL(9, Status (*)(void *, void *, const char *const *, void *const *, size_t, const char *const *, size_t, void **),
                   session, NULL, input_names, (void *const *)&tensor, (size_t)1, output_names, (size_t)1, &output));
        double elapsed = now_ms() - start;
        CALL(96, void (*)(void *), output);                                                         /* ReleaseValue */
        if (i >= warmup) printf("%.4f\n", elapsed);
    }
    return 0;
}
