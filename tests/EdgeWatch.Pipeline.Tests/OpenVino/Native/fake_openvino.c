/*
 * fake_openvino.c: EdgeWatch's stand-in for OpenVINO 2022.3's libopenvino_c.so, compiled by the tests into a temporary
 * directory (gcc -shared -fPIC -pthread). It exports the C API functions EdgeWatch binds, with the calling conventions
 * and struct layouts of the 2022.3 headers (ov_shape_t by value, ov_callback_t kept by pointer, ov_available_devices_t,
 * ov_version_t, ov_partial_shape_t), and behaves like the MYRIAD plugin where it matters:
 *
 *  - it checks every argument (live handles of the right type, NUL-terminated strings, element-type codes valid for
 *    the version it claims, shapes, non-NULL out pointers, the exact device string the test expects). A violation
 *    fails the call with FAKE_VIOLATION and is recorded for fake_last_violation();
 *  - it counts live objects per type (fake_live_objects) so tests can prove nothing leaks;
 *  - inferences run on a thread of their own and end with the completion callback, after a configurable delay; the
 *    callback carries no error: ov_infer_request_wait reports it, as in the real runtime;
 *  - it can fail the Nth inference (callback, then GENERAL_ERROR "...NC_ERROR"), hang the Nth (no callback until the
 *    request is freed; cancel is NOT_IMPLEMENTED, as on MYRIAD), refuse to compile for a device, list 0, 1 or 2 sticks,
 *    and claim any version (its element-type numbering follows the version, like real releases).
 *
 * Built with -DFAKE_LAST_ERR_MSG it also exports ov_get_last_err_msg (2023.2 and later); without, it has no error text,
 * like a real 2022.3.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define API __attribute__((visibility("default")))

/* ---- ov_status_e (ov_common.h) */
enum {
    OK = 0,
    GENERAL_ERROR = -1,
    NOT_IMPLEMENTED = -2,
    NOT_FOUND = -5,
    OUT_OF_BOUNDS = -6,
    REQUEST_BUSY = -8,
    RESULT_NOT_READY = -9,
    INFER_NOT_STARTED = -11,
    NETWORK_NOT_READ = -12,
    INFER_CANCELLED = -13,
    INVALID_C_PARAM = -14,
};
typedef int ov_status_e;

/* Not an ov_status_e: the double's own answer to a caller that broke the API's rules. */
#define FAKE_VIOLATION (-1000)

/* ---- structs, laid out as in the 2022.3 headers */
typedef struct { int64_t rank; int64_t* dims; } ov_shape_t;
typedef struct ov_dimension { int64_t min; int64_t max; } ov_dimension_t;
typedef ov_dimension_t ov_rank_t;
typedef struct ov_partial_shape { ov_rank_t rank; ov_dimension_t* dims; } ov_partial_shape_t;
typedef struct { char** devices; size_t size; } ov_available_devices_t;
typedef struct ov_version { const char* buildNumber; const char* description; } ov_version_t;
typedef struct { void (*callback_func)(void* args); void* args; } ov_callback_t;

#define MAX_RANK 8
#define MAX_OUTPUTS 8
#define TEXT 256

/* ---- live-object registry */
enum kind {
    K_CORE, K_MODEL, K_COMPILED, K_REQUEST, K_TENSOR, K_PORT, K_LAYOUT, K_PPP, K_INPUT_INFO, K_INPUT_TENSOR_INFO, K_STEPS,
    K_INPUT_MODEL_INFO, K_OUTPUT_INFO, K_OUTPUT_TENSOR_INFO, K_STRING, K_SHAPE_DIMS, K_PARTIAL_SHAPE_DIMS, K_DEVICE_LIST,
    K_VERSION, K_COUNT
};
static const char* const kind_names[K_COUNT] = {
    "core", "model", "compiled_model", "infer_request", "tensor", "port", "layout", "prepostprocessor", "input_info",
    "input_tensor_info", "preprocess_steps", "input_model_info", "output_info", "output_tensor_info", "string", "shape",
    "partial_shape", "available_devices", "version",
};

typedef struct entry { const void* ptr; int kind; struct entry* next; } entry;
static entry* registry;
static int live_counts[K_COUNT];
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;

static void track(const void* ptr, int kind) {
    entry* e = malloc(sizeof *e);
    e->ptr = ptr;
    e->kind = kind;
    pthread_mutex_lock(&registry_lock);
    e->next = registry;
    registry = e;
    live_counts[kind]++;
    pthread_mutex_unlock(&registry_lock);
}

static int untrack(const void* ptr, int kind) {
    pthread_mutex_lock(&registry_lock);
    for (entry** at = &registry; *at; at = &(*at)->next) {
        if ((*at)->ptr == ptr && (*at)->kind == kind) {
            entry* gone = *at;
            *at = gone->next;
            live_counts[kind]--;
            pthread_mutex_unlock(&registry_lock);
            free(gone);
            return 1;
        }
    }
    pthread_mutex_unlock(&registry_lock);
    return 0;
}

static int is_live(const void* ptr, int kind) {
    int found = 0;
    pthread_mutex_lock(&registry_lock);
    for (entry* e = registry; e; e = e->next) {
        if (e->ptr == ptr && e->kind == kind) {
            found = 1;
            break;
        }
    }
    pthread_mutex_unlock(&registry_lock);
    return found;
}

/* ---- violations and the last error message */
static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;
static char violation_text[1024];
static char last_error[TEXT];

static int violation(const char* format, ...) {
    pthread_mutex_lock(&state_lock);
    if (violation_text[0] == 0) {
        va_list args;
        va_start(args, format);
        vsnprintf(violation_text, sizeof violation_text, format, args);
        va_end(args);
    }
    pthread_mutex_unlock(&state_lock);
    return FAKE_VIOLATION;
}

static int fail(int status, const char* format, ...) {
    pthread_mutex_lock(&state_lock);
    va_list args;
    va_start(args, format);
    vsnprintf(last_error, sizeof last_error, format, args);
    va_end(args);
    pthread_mutex_unlock(&state_lock);
    return status;
}

#define REQUIRE_LIVE(ptr, kind, fn) \
    do { if (!(ptr) || !is_live((ptr), (kind))) return violation("%s: %s is not a live %s", (fn), #ptr, kind_names[(kind)]); } while (0)
#define REQUIRE_OUT(ptr, fn) \
    do { if (!(ptr)) return violation("%s: out pointer %s is NULL", (fn), #ptr); } while (0)

static int check_string(const char* text, const char* what, const char* fn) {
    if (!text) return violation("%s: %s is NULL", fn, what);
    for (int i = 0; i < 4096; i++) {
        if (text[i] == 0) return OK;
        if ((unsigned char)text[i] < 0x20) return violation("%s: %s contains a control character", fn, what);
    }
    return violation("%s: %s is not NUL-terminated within 4096 bytes", fn, what);
}
#define REQUIRE_STRING(text, fn) do { int rc_ = check_string((text), #text, (fn)); if (rc_) return rc_; } while (0)

/* ---- configuration, set by the tests through the fake_* exports */
typedef struct {
    char name[64];
    int64_t rank;
    int64_t dims[MAX_RANK];
    char type[16];
} port_desc;

typedef struct {
    port_desc input;
    int output_count;
    port_desc outputs[MAX_OUTPUTS];
} model_desc;

static char cfg_version[TEXT];
static char cfg_devices[TEXT];
static char cfg_expect_device[TEXT];
static char cfg_fail_compile_device[TEXT];
static char cfg_fail_compile_message[TEXT];
static model_desc cfg_model;
static float* cfg_output_values[MAX_OUTPUTS];
static size_t cfg_output_counts[MAX_OUTPUTS];
static int cfg_output_f16;
static int cfg_optimal_requests;
static char cfg_thermal[32];
static int cfg_delay_ms;
static int cfg_fail_nth;
static char cfg_fail_message[TEXT];
static int cfg_hang_nth;
static int cfg_cancel_supported;
static char cfg_expect_input_type[16];

static int started_count;
static int callbacks_fired;
static int running_now;
static int running_max;
static unsigned char last_input[64];
static size_t last_input_size;
static char last_properties[TEXT];
static char last_preprocessing[512];

/* ---- element types: the numbering of the claimed version, as real releases number them */
static const char* const types_2022[] = {"undefined", "dynamic", "boolean", "bf16", "f16", "f32", "f64", "i4", "i8", "i16",
    "i32", "i64", "u1", "u4", "u8", "u16", "u32", "u64", "nf4", "f8e4m3", "f8e5m2"};
static const char* const types_2024_2[] = {"undefined", "dynamic", "boolean", "bf16", "f16", "f32", "f64", "i4", "i8",
    "i16", "i32", "i64", "u1", "u2", "u3", "u4", "u6", "u8", "u16", "u32", "u64", "nf4", "f8e4m3", "f8e5m2", "string",
    "f4e2m1", "f8e8m0"};
static const char* const types_2025_1[] = {"dynamic", "boolean", "bf16", "f16", "f32", "f64", "i4", "i8", "i16", "i32",
    "i64", "u1", "u2", "u3", "u4", "u6", "u8", "u16", "u32", "u64", "nf4", "f8e4m3", "f8e5m2", "string", "f4e2m1",
    "f8e8m0"};

static void version_numbers(int* major, int* minor) {
    *major = 0;
    *minor = 0;
    pthread_mutex_lock(&state_lock);
    sscanf(cfg_version, "%d.%d", major, minor);
    pthread_mutex_unlock(&state_lock);
}

static const char* const* type_table(int* count) {
    int major, minor;
    version_numbers(&major, &minor);
    if (major < 2024 || (major == 2024 && minor < 2)) {
        *count = (int)(sizeof types_2022 / sizeof *types_2022);
        return types_2022;
    }
    if (major < 2025 || (major == 2025 && minor < 1)) {
        *count = (int)(sizeof types_2024_2 / sizeof *types_2024_2);
        return types_2024_2;
    }
    *count = (int)(sizeof types_2025_1 / sizeof *types_2025_1);
    return types_2025_1;
}

static const char* type_name(int code) {
    int count;
    const char* const* table = type_table(&count);
    return code >= 0 && code < count ? table[code] : NULL;
}

static int type_code(const char* name) {
    int count;
    const char* const* table = type_table(&count);
    for (int i = 0; i < count; i++)
        if (strcmp(table[i], name) == 0) return i;
    return -1;
}

static size_t type_size(const char* name) {
    if (!strcmp(name, "f32") || !strcmp(name, "i32")) return 4;
    if (!strcmp(name, "f16")) return 2;
    if (!strcmp(name, "u8") || !strcmp(name, "i8")) return 1;
    if (!strcmp(name, "f64") || !strcmp(name, "i64")) return 8;
    return 0;
}

/* A code EdgeWatch may pass: defined in this version's numbering and a concrete type. */
static int check_type(int code, const char* fn, const char** name) {
    const char* found = type_name(code);
    if (!found) return violation("%s: element type %d is not an ov_element_type_e of OpenVINO %s", fn, code, cfg_version);
    if (!strcmp(found, "undefined") || !strcmp(found, "dynamic"))
        return violation("%s: element type %d is %s, not a concrete type", fn, code, found);
    *name = found;
    return OK;
}

static int64_t elements_of(const port_desc* port) {
    int64_t count = 1;
    for (int64_t i = 0; i < port->rank; i++) count *= port->dims[i] > 0 ? port->dims[i] : 1;
    return count;
}

static char* tracked_string(const char* text) {
    char* copy = strdup(text);
    track(copy, K_STRING);
    return copy;
}

/* ---- objects */
struct ov_core { int unused; };
struct ov_model { model_desc desc; };
struct ov_output_const_port { port_desc desc; };
struct ov_layout { char text[16]; };

typedef struct {
    int refs;
    model_desc desc;
    char device[TEXT];
} compiled_state;
struct ov_compiled_model { compiled_state* state; };

typedef struct { int refs; void* data; int owned; } buffer;
struct ov_tensor {
    port_desc shape;
    buffer* storage;
};

struct ov_infer_request {
    compiled_state* state;
    const ov_callback_t* callback; /* the caller's struct: kept by pointer, as the real runtime does */
    ov_callback_t callback_seen;   /* what it held when set: the double checks it still does when it fires */
    struct ov_tensor* input;
    buffer* outputs[MAX_OUTPUTS];
    pthread_t thread;
    int thread_live;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    int started, done, status, hang, fail, abandon, cancelled;
    char message[TEXT];
};

struct ov_preprocess_prepostprocessor {
    model_desc desc;
    char tensor_type[16];
    char tensor_layout[16];
    char model_layout[16];
    int tensor_color;
    int convert_color;
    char convert_type[16];
    float mean, scale;
    int has_mean, has_scale;
    char output_types[MAX_OUTPUTS][16];
};
struct ov_preprocess_input_info { struct ov_preprocess_prepostprocessor* owner; };
struct ov_preprocess_input_tensor_info { struct ov_preprocess_prepostprocessor* owner; };
struct ov_preprocess_preprocess_steps { struct ov_preprocess_prepostprocessor* owner; };
struct ov_preprocess_input_model_info { struct ov_preprocess_prepostprocessor* owner; };
struct ov_preprocess_output_info { struct ov_preprocess_prepostprocessor* owner; int index; };
struct ov_preprocess_output_tensor_info { struct ov_preprocess_prepostprocessor* owner; int index; };

typedef struct ov_core ov_core_t;
typedef struct ov_model ov_model_t;
typedef struct ov_compiled_model ov_compiled_model_t;
typedef struct ov_infer_request ov_infer_request_t;
typedef struct ov_tensor ov_tensor_t;
typedef struct ov_output_const_port ov_output_const_port_t;
typedef struct ov_layout ov_layout_t;
typedef struct ov_preprocess_prepostprocessor ov_preprocess_prepostprocessor_t;
typedef struct ov_preprocess_input_info ov_preprocess_input_info_t;
typedef struct ov_preprocess_input_tensor_info ov_preprocess_input_tensor_info_t;
typedef struct ov_preprocess_preprocess_steps ov_preprocess_preprocess_steps_t;
typedef struct ov_preprocess_input_model_info ov_preprocess_input_model_info_t;
typedef struct ov_preprocess_output_info ov_preprocess_output_info_t;
typedef struct ov_preprocess_output_tensor_info ov_preprocess_output_tensor_info_t;

static void release_buffer(buffer* storage) {
    if (!storage) return;
    pthread_mutex_lock(&state_lock);
    int left = --storage->refs;
    pthread_mutex_unlock(&state_lock);
    if (left == 0) {
        if (storage->owned) free(storage->data);
        free(storage);
    }
}

static void retain_buffer(buffer* storage) {
    pthread_mutex_lock(&state_lock);
    storage->refs++;
    pthread_mutex_unlock(&state_lock);
}

static void release_state(compiled_state* state) {
    pthread_mutex_lock(&state_lock);
    int left = --state->refs;
    pthread_mutex_unlock(&state_lock);
    if (left == 0) free(state);
}

/* =====================================================================================================================
 * Version, errors, strings (ov_common.h, ov_core.h)
 */
API ov_status_e ov_get_openvino_version(ov_version_t* version) {
    REQUIRE_OUT(version, "ov_get_openvino_version");
    pthread_mutex_lock(&state_lock);
    char* build = strdup(cfg_version);
    pthread_mutex_unlock(&state_lock);
    char* description = strdup("OpenVINO Runtime");
    track(build, K_VERSION);
    track(description, K_VERSION);
    version->buildNumber = build;
    version->description = description;
    return OK;
}

API void ov_version_free(ov_version_t* version) {
    if (!version) {
        violation("ov_version_free: NULL");
        return;
    }
    if (!untrack(version->buildNumber, K_VERSION) || !untrack(version->description, K_VERSION)) {
        violation("ov_version_free: not a version this library returned");
        return;
    }
    free((void*)version->buildNumber);
    free((void*)version->description);
    version->buildNumber = NULL;
    version->description = NULL;
}

API const char* ov_get_error_info(ov_status_e status) {
    switch (status) {
    case OK: return "SUCCESS";
    case GENERAL_ERROR: return "GENERAL_ERROR";
    case NOT_IMPLEMENTED: return "NOT_IMPLEMENTED";
    case NOT_FOUND: return "NOT_FOUND";
    case FAKE_VIOLATION: return "FAKE_VIOLATION";
    default: return "UNKNOWN";
    }
}

#ifdef FAKE_LAST_ERR_MSG
API const char* ov_get_last_err_msg(void) { return last_error; }
#endif

API void ov_free(const char* content) {
    if (!content) return;
    if (!untrack(content, K_STRING)) {
        violation("ov_free: %p is not a string this library returned", (const void*)content);
        return;
    }
    free((void*)content);
}

/* =====================================================================================================================
 * Core
 */
API ov_status_e ov_core_create(ov_core_t** core) {
    REQUIRE_OUT(core, "ov_core_create");
    *core = calloc(1, sizeof **core);
    track(*core, K_CORE);
    return OK;
}

API void ov_core_free(ov_core_t* core) {
    if (!untrack(core, K_CORE)) {
        violation("ov_core_free: not a live core");
        return;
    }
    free(core);
}

static int device_listed(const char* device) {
    char list[TEXT];
    pthread_mutex_lock(&state_lock);
    snprintf(list, sizeof list, "%s", cfg_devices);
    pthread_mutex_unlock(&state_lock);
    char* save = NULL;
    for (char* item = strtok_r(list, ",", &save); item; item = strtok_r(NULL, ",", &save))
        if (!strcmp(item, device)) return 1;
    return 0;
}

static int any_myriad_listed(void) {
    pthread_mutex_lock(&state_lock);
    int found = strstr(cfg_devices, "MYRIAD") != NULL;
    pthread_mutex_unlock(&state_lock);
    return found;
}

API ov_status_e ov_core_get_available_devices(const ov_core_t* core, ov_available_devices_t* devices) {
    REQUIRE_LIVE(core, K_CORE, "ov_core_get_available_devices");
    REQUIRE_OUT(devices, "ov_core_get_available_devices");
    char list[TEXT];
    pthread_mutex_lock(&state_lock);
    snprintf(list, sizeof list, "%s", cfg_devices);
    pthread_mutex_unlock(&state_lock);
    char** names = calloc(8, sizeof *names);
    size_t count = 0;
    char* save = NULL;
    for (char* item = strtok_r(list, ",", &save); item && count < 8; item = strtok_r(NULL, ",", &save))
        names[count++] = strdup(item);
    track(names, K_DEVICE_LIST);
    devices->devices = names;
    devices->size = count;
    return OK;
}

API void ov_available_devices_free(ov_available_devices_t* devices) {
    if (!devices || !untrack(devices->devices, K_DEVICE_LIST)) {
        violation("ov_available_devices_free: not a device list this library returned");
        return;
    }
    for (size_t i = 0; i < devices->size; i++) free(devices->devices[i]);
    free(devices->devices);
    devices->devices = NULL;
    devices->size = 0;
}

API ov_status_e ov_core_get_property(const ov_core_t* core, const char* device_name, const char* property_key, char** property_value) {
    REQUIRE_LIVE(core, K_CORE, "ov_core_get_property");
    REQUIRE_STRING(device_name, "ov_core_get_property");
    REQUIRE_STRING(property_key, "ov_core_get_property");
    REQUIRE_OUT(property_value, "ov_core_get_property");
    int myriad = !strncmp(device_name, "MYRIAD", 6);
    if (!device_listed(device_name) && !(myriad && any_myriad_listed()))
        return fail(GENERAL_ERROR, "Device with \"%s\" name is not registered in the OpenVINO Runtime", device_name);
    if (!strcmp(property_key, "FULL_DEVICE_NAME")) {
        *property_value = tracked_string(myriad ? "Intel Movidius Myriad X VPU" : "Fake CPU for EdgeWatch tests");
        return OK;
    }
    if (!strcmp(property_key, "DEVICE_THERMAL") && myriad) {
        pthread_mutex_lock(&state_lock);
        *property_value = tracked_string(cfg_thermal);
        pthread_mutex_unlock(&state_lock);
        return OK;
    }
    return fail(NOT_FOUND, "Unsupported property %s by %s plugin", property_key, device_name);
}

API ov_status_e ov_core_read_model(const ov_core_t* core, const char* model_path, const char* bin_path, ov_model_t** model) {
    REQUIRE_LIVE(core, K_CORE, "ov_core_read_model");
    REQUIRE_STRING(model_path, "ov_core_read_model");
    if (bin_path) REQUIRE_STRING(bin_path, "ov_core_read_model");
    REQUIRE_OUT(model, "ov_core_read_model");
    if (access(model_path, R_OK) != 0) return fail(NETWORK_NOT_READ, "Unable to read the model: %s", model_path);
    if (bin_path && access(bin_path, R_OK) != 0) return fail(NETWORK_NOT_READ, "Unable to read the weights: %s", bin_path);
    size_t length = strlen(model_path);
    if (bin_path && length > 5 && !strcmp(model_path + length - 5, ".onnx"))
        return violation("ov_core_read_model: a weights path was given for an ONNX model");
    *model = calloc(1, sizeof **model);
    pthread_mutex_lock(&state_lock);
    (*model)->desc = cfg_model;
    pthread_mutex_unlock(&state_lock);
    track(*model, K_MODEL);
    return OK;
}

static int check_property(const char* key, const char* value) {
    if (check_string(key, "property key", "ov_core_compile_model")) return FAKE_VIOLATION;
    if (check_string(value, "property value", "ov_core_compile_model")) return FAKE_VIOLATION;
    if (!strcmp(key, "PERFORMANCE_HINT")) {
        if (strcmp(value, "THROUGHPUT") && strcmp(value, "LATENCY") && strcmp(value, "CUMULATIVE_THROUGHPUT"))
            return violation("ov_core_compile_model: PERFORMANCE_HINT=%s", value);
        return OK;
    }
    if (!strcmp(key, "PERFORMANCE_HINT_NUM_REQUESTS")) {
        for (const char* c = value; *c; c++)
            if (*c < '0' || *c > '9') return violation("ov_core_compile_model: PERFORMANCE_HINT_NUM_REQUESTS=%s", value);
        return OK;
    }
    return violation("ov_core_compile_model: unknown property %s", key);
}

API ov_status_e ov_core_compile_model(const ov_core_t* core, const ov_model_t* model, const char* device_name,
                                      const size_t property_args_size, ov_compiled_model_t** compiled_model, ...) {
    REQUIRE_LIVE(core, K_CORE, "ov_core_compile_model");
    REQUIRE_LIVE(model, K_MODEL, "ov_core_compile_model");
    REQUIRE_STRING(device_name, "ov_core_compile_model");
    REQUIRE_OUT(compiled_model, "ov_core_compile_model");
    if (property_args_size % 2 != 0 || property_args_size > 8)
        return violation("ov_core_compile_model: property_args_size %zu is not an even count of keys and values", property_args_size);
    char properties[TEXT] = "";
    va_list args;
    va_start(args, compiled_model);
    for (size_t i = 0; i < property_args_size; i += 2) {
        const char* key = va_arg(args, const char*);
        const char* value = va_arg(args, const char*);
        if (check_property(key, value)) {
            va_end(args);
            return FAKE_VIOLATION;
        }
        size_t used = strlen(properties);
        snprintf(properties + used, sizeof properties - used, "%s=%s;", key, value);
    }
    va_end(args);

    pthread_mutex_lock(&state_lock);
    snprintf(last_properties, sizeof last_properties, "%s", properties);
    char expected[TEXT], fail_device[TEXT], fail_message[TEXT];
    snprintf(expected, sizeof expected, "%s", cfg_expect_device);
    snprintf(fail_device, sizeof fail_device, "%s", cfg_fail_compile_device);
    snprintf(fail_message, sizeof fail_message, "%s", cfg_fail_compile_message);
    pthread_mutex_unlock(&state_lock);

    if (expected[0] && strcmp(expected, device_name))
        return violation("ov_core_compile_model: device \"%s\", expected \"%s\"", device_name, expected);
    if (fail_device[0] && !strcmp(fail_device, device_name)) return fail(GENERAL_ERROR, "%s", fail_message);
    if (!strncmp(device_name, "MYRIAD.", 7)) {
        if (!device_listed(device_name)) return fail(GENERAL_ERROR, "Myriad device: %s not found.", device_name + 7);
    } else if (!strcmp(device_name, "MYRIAD")) {
        if (!any_myriad_listed()) return fail(GENERAL_ERROR, "Can not init Myriad device: NC_ERROR");
    } else if (!device_listed(device_name)) {
        return fail(GENERAL_ERROR, "Device with \"%s\" name is not registered in the OpenVINO Runtime", device_name);
    }

    compiled_state* state = calloc(1, sizeof *state);
    state->refs = 1;
    state->desc = model->desc;
    snprintf(state->device, sizeof state->device, "%s", device_name);
    *compiled_model = calloc(1, sizeof **compiled_model);
    (*compiled_model)->state = state;
    track(*compiled_model, K_COMPILED);
    return OK;
}

/* =====================================================================================================================
 * Model and ports
 */
API void ov_model_free(ov_model_t* model) {
    if (!untrack(model, K_MODEL)) {
        violation("ov_model_free: not a live model");
        return;
    }
    free(model);
}

API ov_status_e ov_model_inputs_size(const ov_model_t* model, size_t* input_size) {
    REQUIRE_LIVE(model, K_MODEL, "ov_model_inputs_size");
    REQUIRE_OUT(input_size, "ov_model_inputs_size");
    *input_size = 1;
    return OK;
}

API ov_status_e ov_model_outputs_size(const ov_model_t* model, size_t* output_size) {
    REQUIRE_LIVE(model, K_MODEL, "ov_model_outputs_size");
    REQUIRE_OUT(output_size, "ov_model_outputs_size");
    *output_size = (size_t)model->desc.output_count;
    return OK;
}

static ov_output_const_port_t* new_port(const port_desc* desc) {
    ov_output_const_port_t* port = calloc(1, sizeof *port);
    port->desc = *desc;
    track(port, K_PORT);
    return port;
}

API ov_status_e ov_model_const_input_by_index(const ov_model_t* model, const size_t index, ov_output_const_port_t** input_port) {
    REQUIRE_LIVE(model, K_MODEL, "ov_model_const_input_by_index");
    REQUIRE_OUT(input_port, "ov_model_const_input_by_index");
    if (index != 0) return fail(OUT_OF_BOUNDS, "input index %zu out of range", index);
    *input_port = new_port(&model->desc.input);
    return OK;
}

API ov_status_e ov_model_const_output_by_index(const ov_model_t* model, const size_t index, ov_output_const_port_t** output_port) {
    REQUIRE_LIVE(model, K_MODEL, "ov_model_const_output_by_index");
    REQUIRE_OUT(output_port, "ov_model_const_output_by_index");
    if ((int)index >= model->desc.output_count) return fail(OUT_OF_BOUNDS, "output index %zu out of range", index);
    *output_port = new_port(&model->desc.outputs[index]);
    return OK;
}

API ov_status_e ov_port_get_any_name(const ov_output_const_port_t* port, char** tensor_name) {
    REQUIRE_LIVE(port, K_PORT, "ov_port_get_any_name");
    REQUIRE_OUT(tensor_name, "ov_port_get_any_name");
    if (!port->desc.name[0]) return fail(GENERAL_ERROR, "Attempt to get a name for a Tensor without names");
    *tensor_name = tracked_string(port->desc.name);
    return OK;
}

API ov_status_e ov_port_get_element_type(const ov_output_const_port_t* port, int* tensor_type) {
    REQUIRE_LIVE(port, K_PORT, "ov_port_get_element_type");
    REQUIRE_OUT(tensor_type, "ov_port_get_element_type");
    *tensor_type = type_code(port->desc.type);
    return OK;
}

API ov_status_e ov_port_get_partial_shape(const ov_output_const_port_t* port, ov_partial_shape_t* partial_shape) {
    REQUIRE_LIVE(port, K_PORT, "ov_port_get_partial_shape");
    REQUIRE_OUT(partial_shape, "ov_port_get_partial_shape");
    int64_t rank = port->desc.rank;
    ov_dimension_t* dims = calloc((size_t)(rank > 0 ? rank : 1), sizeof *dims);
    for (int64_t i = 0; i < rank; i++) {
        int64_t d = port->desc.dims[i];
        dims[i].min = d > 0 ? d : 0;
        dims[i].max = d > 0 ? d : -1;
    }
    track(dims, K_PARTIAL_SHAPE_DIMS);
    partial_shape->rank.min = rank;
    partial_shape->rank.max = rank;
    partial_shape->dims = dims;
    return OK;
}

API void ov_partial_shape_free(ov_partial_shape_t* partial_shape) {
    if (!partial_shape || !untrack(partial_shape->dims, K_PARTIAL_SHAPE_DIMS)) {
        violation("ov_partial_shape_free: not a partial shape this library filled");
        return;
    }
    free(partial_shape->dims);
    partial_shape->dims = NULL;
}

API void ov_output_const_port_free(ov_output_const_port_t* port) {
    if (!untrack(port, K_PORT)) {
        violation("ov_output_const_port_free: not a live port");
        return;
    }
    free(port);
}

/* =====================================================================================================================
 * Pre/post-processing and layouts
 */
API ov_status_e ov_layout_create(const char* layout_desc, ov_layout_t** layout) {
    REQUIRE_STRING(layout_desc, "ov_layout_create");
    REQUIRE_OUT(layout, "ov_layout_create");
    size_t length = strlen(layout_desc);
    if (length == 0 || length > 8) return fail(GENERAL_ERROR, "Layout name is invalid (%s)", layout_desc);
    for (size_t i = 0; i < length; i++)
        if (!strchr("NCHWD?.", layout_desc[i])) return fail(GENERAL_ERROR, "Layout name is invalid (%s)", layout_desc);
    *layout = calloc(1, sizeof **layout);
    snprintf((*layout)->text, sizeof (*layout)->text, "%s", layout_desc);
    track(*layout, K_LAYOUT);
    return OK;
}

API void ov_layout_free(ov_layout_t* layout) {
    if (!untrack(layout, K_LAYOUT)) {
        violation("ov_layout_free: not a live layout");
        return;
    }
    free(layout);
}

API ov_status_e ov_preprocess_prepostprocessor_create(const ov_model_t* model, ov_preprocess_prepostprocessor_t** preprocess) {
    REQUIRE_LIVE(model, K_MODEL, "ov_preprocess_prepostprocessor_create");
    REQUIRE_OUT(preprocess, "ov_preprocess_prepostprocessor_create");
    ov_preprocess_prepostprocessor_t* ppp = calloc(1, sizeof *ppp);
    ppp->desc = model->desc;
    track(ppp, K_PPP);
    *preprocess = ppp;
    return OK;
}

API void ov_preprocess_prepostprocessor_free(ov_preprocess_prepostprocessor_t* preprocess) {
    if (!untrack(preprocess, K_PPP)) {
        violation("ov_preprocess_prepostprocessor_free: not live");
        return;
    }
    free(preprocess);
}

#define CHILD_CREATE(fn, parent_type, parent_kind, child_type, child_kind, owner_expr)                      \
    API ov_status_e fn(const parent_type* parent, child_type** child) {                                      \
        REQUIRE_LIVE(parent, parent_kind, #fn);                                                              \
        REQUIRE_OUT(child, #fn);                                                                             \
        *child = calloc(1, sizeof **child);                                                                  \
        (*child)->owner = owner_expr;                                                                        \
        track(*child, child_kind);                                                                           \
        return OK;                                                                                           \
    }
#define CHILD_FREE(fn, type, kind)                                                                           \
    API void fn(type* object) {                                                                              \
        if (!untrack(object, kind)) {                                                                        \
            violation(#fn ": not live");                                                                     \
            return;                                                                                          \
        }                                                                                                    \
        free(object);                                                                                        \
    }

API ov_status_e ov_preprocess_prepostprocessor_get_input_info_by_index(const ov_preprocess_prepostprocessor_t* preprocess,
                                                                       const size_t tensor_index,
                                                                       ov_preprocess_input_info_t** preprocess_input_info) {
    REQUIRE_LIVE(preprocess, K_PPP, "ov_preprocess_prepostprocessor_get_input_info_by_index");
    REQUIRE_OUT(preprocess_input_info, "ov_preprocess_prepostprocessor_get_input_info_by_index");
    if (tensor_index != 0) return fail(OUT_OF_BOUNDS, "input index %zu out of range", tensor_index);
    *preprocess_input_info = calloc(1, sizeof **preprocess_input_info);
    (*preprocess_input_info)->owner = (ov_preprocess_prepostprocessor_t*)preprocess;
    track(*preprocess_input_info, K_INPUT_INFO);
    return OK;
}
CHILD_FREE(ov_preprocess_input_info_free, ov_preprocess_input_info_t, K_INPUT_INFO)
CHILD_CREATE(ov_preprocess_input_info_get_tensor_info, ov_preprocess_input_info_t, K_INPUT_INFO,
             ov_preprocess_input_tensor_info_t, K_INPUT_TENSOR_INFO, parent->owner)
CHILD_FREE(ov_preprocess_input_tensor_info_free, ov_preprocess_input_tensor_info_t, K_INPUT_TENSOR_INFO)
CHILD_CREATE(ov_preprocess_input_info_get_preprocess_steps, ov_preprocess_input_info_t, K_INPUT_INFO,
             ov_preprocess_preprocess_steps_t, K_STEPS, parent->owner)
CHILD_FREE(ov_preprocess_preprocess_steps_free, ov_preprocess_preprocess_steps_t, K_STEPS)
CHILD_CREATE(ov_preprocess_input_info_get_model_info, ov_preprocess_input_info_t, K_INPUT_INFO,
             ov_preprocess_input_model_info_t, K_INPUT_MODEL_INFO, parent->owner)
CHILD_FREE(ov_preprocess_input_model_info_free, ov_preprocess_input_model_info_t, K_INPUT_MODEL_INFO)

API ov_status_e ov_preprocess_input_tensor_info_set_element_type(ov_preprocess_input_tensor_info_t* info, const int element_type) {
    REQUIRE_LIVE(info, K_INPUT_TENSOR_INFO, "ov_preprocess_input_tensor_info_set_element_type");
    const char* name;
    int rc = check_type(element_type, "ov_preprocess_input_tensor_info_set_element_type", &name);
    if (rc) return rc;
    pthread_mutex_lock(&state_lock);
    int mismatch = cfg_expect_input_type[0] && strcmp(cfg_expect_input_type, name);
    char expected[16];
    snprintf(expected, sizeof expected, "%s", cfg_expect_input_type);
    pthread_mutex_unlock(&state_lock);
    if (mismatch)
        return violation("ov_preprocess_input_tensor_info_set_element_type: %d means %s in OpenVINO %s, expected %s",
                         element_type, name, cfg_version, expected);
    snprintf(info->owner->tensor_type, sizeof info->owner->tensor_type, "%s", name);
    return OK;
}

API ov_status_e ov_preprocess_input_tensor_info_set_layout(ov_preprocess_input_tensor_info_t* info, ov_layout_t* layout) {
    REQUIRE_LIVE(info, K_INPUT_TENSOR_INFO, "ov_preprocess_input_tensor_info_set_layout");
    REQUIRE_LIVE(layout, K_LAYOUT, "ov_preprocess_input_tensor_info_set_layout");
    snprintf(info->owner->tensor_layout, sizeof info->owner->tensor_layout, "%s", layout->text);
    return OK;
}

API ov_status_e ov_preprocess_input_tensor_info_set_color_format(ov_preprocess_input_tensor_info_t* info, const int color) {
    REQUIRE_LIVE(info, K_INPUT_TENSOR_INFO, "ov_preprocess_input_tensor_info_set_color_format");
    if (color < 1 || color > 9) return violation("ov_preprocess_input_tensor_info_set_color_format: %d is not a color format", color);
    info->owner->tensor_color = color;
    return OK;
}

API ov_status_e ov_preprocess_preprocess_steps_convert_element_type(ov_preprocess_preprocess_steps_t* steps, const int element_type) {
    REQUIRE_LIVE(steps, K_STEPS, "ov_preprocess_preprocess_steps_convert_element_type");
    const char* name;
    int rc = check_type(element_type, "ov_preprocess_preprocess_steps_convert_element_type", &name);
    if (rc) return rc;
    snprintf(steps->owner->convert_type, sizeof steps->owner->convert_type, "%s", name);
    return OK;
}

API ov_status_e ov_preprocess_preprocess_steps_convert_color(ov_preprocess_preprocess_steps_t* steps, const int color) {
    REQUIRE_LIVE(steps, K_STEPS, "ov_preprocess_preprocess_steps_convert_color");
    if (color < 1 || color > 9) return violation("ov_preprocess_preprocess_steps_convert_color: %d is not a color format", color);
    steps->owner->convert_color = color;
    return OK;
}

API ov_status_e ov_preprocess_preprocess_steps_mean(ov_preprocess_preprocess_steps_t* steps, float value) {
    REQUIRE_LIVE(steps, K_STEPS, "ov_preprocess_preprocess_steps_mean");
    steps->owner->mean = value;
    steps->owner->has_mean = 1;
    return OK;
}

API ov_status_e ov_preprocess_preprocess_steps_scale(ov_preprocess_preprocess_steps_t* steps, float value) {
    REQUIRE_LIVE(steps, K_STEPS, "ov_preprocess_preprocess_steps_scale");
    if (value == 0.0f) return violation("ov_preprocess_preprocess_steps_scale: division by zero");
    steps->owner->scale = value;
    steps->owner->has_scale = 1;
    return OK;
}

API ov_status_e ov_preprocess_input_model_info_set_layout(ov_preprocess_input_model_info_t* info, ov_layout_t* layout) {
    REQUIRE_LIVE(info, K_INPUT_MODEL_INFO, "ov_preprocess_input_model_info_set_layout");
    REQUIRE_LIVE(layout, K_LAYOUT, "ov_preprocess_input_model_info_set_layout");
    snprintf(info->owner->model_layout, sizeof info->owner->model_layout, "%s", layout->text);
    return OK;
}

API ov_status_e ov_preprocess_prepostprocessor_get_output_info_by_index(const ov_preprocess_prepostprocessor_t* preprocess,
                                                                        const size_t tensor_index,
                                                                        ov_preprocess_output_info_t** preprocess_output_info) {
    REQUIRE_LIVE(preprocess, K_PPP, "ov_preprocess_prepostprocessor_get_output_info_by_index");
    REQUIRE_OUT(preprocess_output_info, "ov_preprocess_prepostprocessor_get_output_info_by_index");
    if ((int)tensor_index >= preprocess->desc.output_count) return fail(OUT_OF_BOUNDS, "output index %zu out of range", tensor_index);
    *preprocess_output_info = calloc(1, sizeof **preprocess_output_info);
    (*preprocess_output_info)->owner = (ov_preprocess_prepostprocessor_t*)preprocess;
    (*preprocess_output_info)->index = (int)tensor_index;
    track(*preprocess_output_info, K_OUTPUT_INFO);
    return OK;
}
CHILD_FREE(ov_preprocess_output_info_free, ov_preprocess_output_info_t, K_OUTPUT_INFO)

API ov_status_e ov_preprocess_output_info_get_tensor_info(const ov_preprocess_output_info_t* output_info,
                                                          ov_preprocess_output_tensor_info_t** output_tensor_info) {
    REQUIRE_LIVE(output_info, K_OUTPUT_INFO, "ov_preprocess_output_info_get_tensor_info");
    REQUIRE_OUT(output_tensor_info, "ov_preprocess_output_info_get_tensor_info");
    *output_tensor_info = calloc(1, sizeof **output_tensor_info);
    (*output_tensor_info)->owner = output_info->owner;
    (*output_tensor_info)->index = output_info->index;
    track(*output_tensor_info, K_OUTPUT_TENSOR_INFO);
    return OK;
}
CHILD_FREE(ov_preprocess_output_tensor_info_free, ov_preprocess_output_tensor_info_t, K_OUTPUT_TENSOR_INFO)

API ov_status_e ov_preprocess_output_set_element_type(ov_preprocess_output_tensor_info_t* info, const int element_type) {
    REQUIRE_LIVE(info, K_OUTPUT_TENSOR_INFO, "ov_preprocess_output_set_element_type");
    const char* name;
    int rc = check_type(element_type, "ov_preprocess_output_set_element_type", &name);
    if (rc) return rc;
    snprintf(info->owner->output_types[info->index], sizeof info->owner->output_types[0], "%s", name);
    return OK;
}

static const char* color_name(int color) {
    static const char* const names[] = {"none", "NV12", "NV12x2", "I420", "I420x3", "RGB", "BGR", "GRAY", "RGBX", "BGRX"};
    return color >= 0 && color <= 9 ? names[color] : "?";
}

API ov_status_e ov_preprocess_prepostprocessor_build(const ov_preprocess_prepostprocessor_t* preprocess, ov_model_t** model) {
    REQUIRE_LIVE(preprocess, K_PPP, "ov_preprocess_prepostprocessor_build");
    REQUIRE_OUT(model, "ov_preprocess_prepostprocessor_build");
    const ov_preprocess_prepostprocessor_t* p = preprocess;
    if (p->convert_color && !p->tensor_color) return fail(GENERAL_ERROR, "Color conversion requires the tensor's color format");
    if ((p->has_mean || p->has_scale) && strcmp(p->convert_type[0] ? p->convert_type : p->tensor_type, "f32") &&
        strcmp(p->convert_type[0] ? p->convert_type : p->tensor_type, "f16"))
        return fail(GENERAL_ERROR, "Mean/scale need a floating-point element type; convert the element type first");
    model_desc built = p->desc;
    if (p->tensor_type[0]) snprintf(built.input.type, sizeof built.input.type, "%s", p->tensor_type);
    if (p->tensor_layout[0] && p->model_layout[0] && strcmp(p->tensor_layout, p->model_layout)) {
        if (built.input.rank != 4 || strlen(p->tensor_layout) != 4 || strlen(p->model_layout) != 4)
            return fail(GENERAL_ERROR, "Layout conversion %s -> %s is not supported here", p->tensor_layout, p->model_layout);
        int64_t dims[4];
        for (int i = 0; i < 4; i++) {
            const char* at = strchr(p->model_layout, p->tensor_layout[i]);
            if (!at) return fail(GENERAL_ERROR, "Layouts %s and %s do not match", p->tensor_layout, p->model_layout);
            dims[i] = p->desc.input.dims[at - p->model_layout];
        }
        memcpy(built.input.dims, dims, sizeof dims);
    }
    for (int i = 0; i < built.output_count; i++)
        if (p->output_types[i][0]) snprintf(built.outputs[i].type, sizeof built.outputs[i].type, "%s", p->output_types[i]);

    char outputs[64] = "";
    for (int i = 0; i < built.output_count; i++) {
        size_t used = strlen(outputs);
        snprintf(outputs + used, sizeof outputs - used, "%s%s", i ? "," : "", built.outputs[i].type);
    }
    char mean[32] = "-", scale[32] = "-";
    if (p->has_mean) snprintf(mean, sizeof mean, "%g", (double)p->mean);
    if (p->has_scale) snprintf(scale, sizeof scale, "%g", (double)p->scale);
    pthread_mutex_lock(&state_lock);
    snprintf(last_preprocessing, sizeof last_preprocessing,
             "tensor=%s %s %s; convert_color=%s; convert=%s; mean=%s; scale=%s; model=%s; outputs=%s",
             p->tensor_type[0] ? p->tensor_type : "-", p->tensor_layout[0] ? p->tensor_layout : "-",
             p->tensor_color ? color_name(p->tensor_color) : "-", p->convert_color ? color_name(p->convert_color) : "-",
             p->convert_type[0] ? p->convert_type : "-", mean, scale, p->model_layout[0] ? p->model_layout : "-", outputs);
    pthread_mutex_unlock(&state_lock);

    *model = calloc(1, sizeof **model);
    (*model)->desc = built;
    track(*model, K_MODEL);
    return OK;
}

/* =====================================================================================================================
 * Compiled model
 */
API ov_status_e ov_compiled_model_get_property(const ov_compiled_model_t* compiled_model, const char* property_key, char** property_value) {
    REQUIRE_LIVE(compiled_model, K_COMPILED, "ov_compiled_model_get_property");
    REQUIRE_STRING(property_key, "ov_compiled_model_get_property");
    REQUIRE_OUT(property_value, "ov_compiled_model_get_property");
    char text[64];
    if (!strcmp(property_key, "OPTIMAL_NUMBER_OF_INFER_REQUESTS")) {
        pthread_mutex_lock(&state_lock);
        snprintf(text, sizeof text, "%d", cfg_optimal_requests);
        pthread_mutex_unlock(&state_lock);
    } else if (!strcmp(property_key, "DEVICE_THERMAL") && !strncmp(compiled_model->state->device, "MYRIAD", 6)) {
        pthread_mutex_lock(&state_lock);
        snprintf(text, sizeof text, "%s", cfg_thermal);
        pthread_mutex_unlock(&state_lock);
    } else {
        return fail(NOT_FOUND, "Unsupported property %s by the compiled model", property_key);
    }
    *property_value = tracked_string(text);
    return OK;
}

API ov_status_e ov_compiled_model_create_infer_request(const ov_compiled_model_t* compiled_model, ov_infer_request_t** infer_request) {
    REQUIRE_LIVE(compiled_model, K_COMPILED, "ov_compiled_model_create_infer_request");
    REQUIRE_OUT(infer_request, "ov_compiled_model_create_infer_request");
    ov_infer_request_t* request = calloc(1, sizeof *request);
    compiled_state* state = compiled_model->state;
    pthread_mutex_lock(&state_lock);
    state->refs++;
    pthread_mutex_unlock(&state_lock);
    request->state = state;
    pthread_mutex_init(&request->lock, NULL);
    pthread_cond_init(&request->changed, NULL);
    for (int i = 0; i < state->desc.output_count; i++) {
        buffer* storage = calloc(1, sizeof *storage);
        storage->refs = 1;
        storage->owned = 1;
        storage->data = calloc((size_t)elements_of(&state->desc.outputs[i]), 4);
        request->outputs[i] = storage;
    }
    track(request, K_REQUEST);
    *infer_request = request;
    return OK;
}

API void ov_compiled_model_free(ov_compiled_model_t* compiled_model) {
    if (!untrack(compiled_model, K_COMPILED)) {
        violation("ov_compiled_model_free: not a live compiled model");
        return;
    }
    release_state(compiled_model->state);
    free(compiled_model);
}

/* =====================================================================================================================
 * Shapes and tensors
 */
API ov_status_e ov_shape_create(const int64_t rank, const int64_t* dims, ov_shape_t* shape) {
    REQUIRE_OUT(shape, "ov_shape_create");
    if (rank <= 0 || rank > MAX_RANK) return violation("ov_shape_create: rank %lld", (long long)rank);
    if (!dims) return violation("ov_shape_create: dims is NULL");
    for (int64_t i = 0; i < rank; i++)
        if (dims[i] <= 0) return violation("ov_shape_create: dimension %lld is %lld", (long long)i, (long long)dims[i]);
    shape->rank = rank;
    shape->dims = malloc((size_t)rank * sizeof *dims);
    memcpy(shape->dims, dims, (size_t)rank * sizeof *dims);
    track(shape->dims, K_SHAPE_DIMS);
    return OK;
}

API ov_status_e ov_shape_free(ov_shape_t* shape) {
    if (!shape || !untrack(shape->dims, K_SHAPE_DIMS)) return violation("ov_shape_free: not a shape this library filled");
    free(shape->dims);
    shape->dims = NULL;
    shape->rank = 0;
    return OK;
}

static ov_tensor_t* new_tensor(const port_desc* shape, buffer* storage) {
    ov_tensor_t* tensor = calloc(1, sizeof *tensor);
    tensor->shape = *shape;
    tensor->storage = storage;
    track(tensor, K_TENSOR);
    return tensor;
}

API ov_status_e ov_tensor_create_from_host_ptr(const int type, const ov_shape_t shape, void* host_ptr, ov_tensor_t** tensor) {
    const char* name;
    int rc = check_type(type, "ov_tensor_create_from_host_ptr", &name);
    if (rc) return rc;
    if (shape.rank <= 0 || shape.rank > MAX_RANK || !shape.dims)
        return violation("ov_tensor_create_from_host_ptr: shape {rank %lld, dims %p} (is ov_shape_t passed by value?)",
                         (long long)shape.rank, (void*)shape.dims);
    if (!host_ptr) return violation("ov_tensor_create_from_host_ptr: host_ptr is NULL");
    REQUIRE_OUT(tensor, "ov_tensor_create_from_host_ptr");
    port_desc desc = {0};
    desc.rank = shape.rank;
    for (int64_t i = 0; i < shape.rank; i++) {
        if (shape.dims[i] <= 0) return violation("ov_tensor_create_from_host_ptr: dimension %lld is %lld", (long long)i, (long long)shape.dims[i]);
        desc.dims[i] = shape.dims[i];
    }
    snprintf(desc.type, sizeof desc.type, "%s", name);
    buffer* storage = calloc(1, sizeof *storage);
    storage->refs = 1;
    storage->data = host_ptr;
    *tensor = new_tensor(&desc, storage);
    return OK;
}

API void ov_tensor_free(ov_tensor_t* tensor) {
    if (!untrack(tensor, K_TENSOR)) {
        violation("ov_tensor_free: not a live tensor");
        return;
    }
    release_buffer(tensor->storage);
    free(tensor);
}

API ov_status_e ov_tensor_get_shape(const ov_tensor_t* tensor, ov_shape_t* shape) {
    REQUIRE_LIVE(tensor, K_TENSOR, "ov_tensor_get_shape");
    REQUIRE_OUT(shape, "ov_tensor_get_shape");
    return ov_shape_create(tensor->shape.rank, tensor->shape.dims, shape);
}

API ov_status_e ov_tensor_get_element_type(const ov_tensor_t* tensor, int* type) {
    REQUIRE_LIVE(tensor, K_TENSOR, "ov_tensor_get_element_type");
    REQUIRE_OUT(type, "ov_tensor_get_element_type");
    *type = type_code(tensor->shape.type);
    return OK;
}

API ov_status_e ov_tensor_get_byte_size(const ov_tensor_t* tensor, size_t* byte_size) {
    REQUIRE_LIVE(tensor, K_TENSOR, "ov_tensor_get_byte_size");
    REQUIRE_OUT(byte_size, "ov_tensor_get_byte_size");
    *byte_size = (size_t)elements_of(&tensor->shape) * type_size(tensor->shape.type);
    return OK;
}

API ov_status_e ov_tensor_data(const ov_tensor_t* tensor, void** data) {
    REQUIRE_LIVE(tensor, K_TENSOR, "ov_tensor_data");
    REQUIRE_OUT(data, "ov_tensor_data");
    *data = tensor->storage->data;
    return OK;
}

/* =====================================================================================================================
 * Infer requests
 */
static int same_shape(const port_desc* a, const port_desc* b) {
    if (a->rank != b->rank) return 0;
    for (int64_t i = 0; i < a->rank; i++)
        if (a->dims[i] > 0 && b->dims[i] > 0 && a->dims[i] != b->dims[i]) return 0;
    return 1;
}

static void describe_shape(const port_desc* d, char* out, size_t size) {
    size_t used = (size_t)snprintf(out, size, "%s[", d->type);
    for (int64_t i = 0; i < d->rank && used < size; i++) used += (size_t)snprintf(out + used, size - used, "%s%lld", i ? "," : "", (long long)d->dims[i]);
    if (used < size) snprintf(out + used, size - used, "]");
}

API ov_status_e ov_infer_request_set_input_tensor_by_index(ov_infer_request_t* infer_request, const size_t idx, const ov_tensor_t* tensor) {
    REQUIRE_LIVE(infer_request, K_REQUEST, "ov_infer_request_set_input_tensor_by_index");
    REQUIRE_LIVE(tensor, K_TENSOR, "ov_infer_request_set_input_tensor_by_index");
    if (idx != 0) return fail(OUT_OF_BOUNDS, "input index %zu out of range", idx);
    const port_desc* expected = &infer_request->state->desc.input;
    if (strcmp(tensor->shape.type, expected->type) || !same_shape(&tensor->shape, expected)) {
        char got[96], want[96];
        describe_shape(&tensor->shape, got, sizeof got);
        describe_shape(expected, want, sizeof want);
        return violation("ov_infer_request_set_input_tensor_by_index: tensor %s does not match the compiled input %s", got, want);
    }
    ov_tensor_t* copy = calloc(1, sizeof *copy); /* the request shares the tensor's memory, like ov::Tensor */
    copy->shape = tensor->shape;
    copy->storage = tensor->storage;
    retain_buffer(tensor->storage);
    if (infer_request->input) {
        release_buffer(infer_request->input->storage);
        free(infer_request->input);
    }
    infer_request->input = copy;
    return OK;
}

API ov_status_e ov_infer_request_set_callback(ov_infer_request_t* infer_request, const ov_callback_t* callback) {
    REQUIRE_LIVE(infer_request, K_REQUEST, "ov_infer_request_set_callback");
    if (!callback || !callback->callback_func) return violation("ov_infer_request_set_callback: NULL callback");
    infer_request->callback = callback;
    infer_request->callback_seen = *callback;
    return OK;
}

static void sleep_ms(int ms) {
    struct timespec t = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&t, &t) == -1 && errno == EINTR) {
    }
}

static void fill_outputs(ov_infer_request_t* request, int f16) {
    const model_desc* desc = &request->state->desc;
    for (int i = 0; i < desc->output_count; i++) {
        int64_t count = elements_of(&desc->outputs[i]);
        pthread_mutex_lock(&state_lock);
        const float* values = cfg_output_values[i];
        size_t available = cfg_output_counts[i];
        for (int64_t j = 0; j < count; j++) {
            float value = (size_t)j < available ? values[j] : 0.0f;
            if (f16) {
                _Float16 half = (_Float16)value;
                memcpy((char*)request->outputs[i]->data + j * 2, &half, 2);
            } else {
                memcpy((char*)request->outputs[i]->data + j * 4, &value, 4);
            }
        }
        pthread_mutex_unlock(&state_lock);
    }
}

static void* run_inference(void* argument) {
    ov_infer_request_t* request = argument;
    pthread_mutex_lock(&state_lock);
    int delay = cfg_delay_ms, f16 = cfg_output_f16, cancel_supported = cfg_cancel_supported;
    char message[TEXT];
    snprintf(message, sizeof message, "%s", cfg_fail_message);
    pthread_mutex_unlock(&state_lock);

    sleep_ms(delay);
    pthread_mutex_lock(&request->lock);
    while (request->hang && !request->abandon && !(request->cancelled && cancel_supported))
        pthread_cond_wait(&request->changed, &request->lock);
    int abandon = request->abandon, cancelled = request->cancelled && cancel_supported, failing = request->fail;
    pthread_mutex_unlock(&request->lock);

    pthread_mutex_lock(&state_lock);
    running_now--;
    pthread_mutex_unlock(&state_lock);
    if (abandon) {
        /* Freed while hung: the runtime gives up on it without calling back. */
        pthread_mutex_lock(&request->lock);
        request->done = 1;
        request->status = INFER_CANCELLED;
        pthread_cond_broadcast(&request->changed);
        pthread_mutex_unlock(&request->lock);
        return NULL;
    }

    int status = OK;
    if (cancelled) {
        status = INFER_CANCELLED;
        snprintf(request->message, sizeof request->message, "Infer Request was canceled");
    } else if (failing) {
        status = GENERAL_ERROR;
        snprintf(request->message, sizeof request->message, "%s", message);
    } else {
        fill_outputs(request, f16);
    }

    pthread_mutex_lock(&request->lock);
    request->status = status;
    pthread_mutex_unlock(&request->lock);

    const ov_callback_t* callback = request->callback;
    if (callback) {
        /* A caller that freed or reused its ov_callback_t while the request lives would be called through garbage by
           the real runtime; glibc's free overwrites the first bytes, so a freed struct rarely still matches. */
        if (callback->callback_func != request->callback_seen.callback_func || callback->args != request->callback_seen.args) {
            violation("callback: the ov_callback_t given to ov_infer_request_set_callback changed or was freed before the request");
            pthread_mutex_lock(&request->lock);
            request->done = 1;
            pthread_cond_broadcast(&request->changed);
            pthread_mutex_unlock(&request->lock);
            return NULL;
        }
        callback->callback_func(callback->args);
        pthread_mutex_lock(&state_lock);
        callbacks_fired++;
        pthread_mutex_unlock(&state_lock);
    }

    pthread_mutex_lock(&request->lock);
    request->done = 1;
    pthread_cond_broadcast(&request->changed);
    pthread_mutex_unlock(&request->lock);
    return NULL;
}

API ov_status_e ov_infer_request_start_async(ov_infer_request_t* infer_request) {
    REQUIRE_LIVE(infer_request, K_REQUEST, "ov_infer_request_start_async");
    ov_infer_request_t* request = infer_request;
    if (!request->input) return violation("ov_infer_request_start_async: no input tensor was set");
    pthread_mutex_lock(&request->lock);
    if (request->started && !request->done) {
        pthread_mutex_unlock(&request->lock);
        return fail(REQUEST_BUSY, "Infer Request is busy");
    }
    pthread_mutex_unlock(&request->lock);
    if (request->thread_live) {
        pthread_join(request->thread, NULL);
        request->thread_live = 0;
    }

    pthread_mutex_lock(&state_lock);
    int number = ++started_count;
    request->hang = number == cfg_hang_nth;
    request->fail = number == cfg_fail_nth;
    if (++running_now > running_max) running_max = running_now;
    size_t size = (size_t)elements_of(&request->input->shape) * type_size(request->input->shape.type);
    last_input_size = size < sizeof last_input ? size : sizeof last_input;
    memcpy(last_input, request->input->storage->data, last_input_size);
    pthread_mutex_unlock(&state_lock);

    pthread_mutex_lock(&request->lock);
    request->started = 1;
    request->done = 0;
    request->status = OK;
    request->cancelled = 0;
    request->message[0] = 0;
    pthread_mutex_unlock(&request->lock);
    pthread_create(&request->thread, NULL, run_inference, request);
    request->thread_live = 1;
    return OK;
}

API ov_status_e ov_infer_request_wait(ov_infer_request_t* infer_request) {
    REQUIRE_LIVE(infer_request, K_REQUEST, "ov_infer_request_wait");
    ov_infer_request_t* request = infer_request;
    pthread_mutex_lock(&request->lock);
    if (!request->started) {
        pthread_mutex_unlock(&request->lock);
        return fail(INFER_NOT_STARTED, "Infer Request was not started");
    }
    while (!request->done) pthread_cond_wait(&request->changed, &request->lock);
    int status = request->status;
    char message[TEXT];
    snprintf(message, sizeof message, "%s", request->message);
    pthread_mutex_unlock(&request->lock);
    return status == OK ? OK : fail(status, "%s", message);
}

API ov_status_e ov_infer_request_wait_for(ov_infer_request_t* infer_request, const int64_t timeout) {
    REQUIRE_LIVE(infer_request, K_REQUEST, "ov_infer_request_wait_for");
    ov_infer_request_t* request = infer_request;
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += timeout / 1000;
    deadline.tv_nsec += (timeout % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&request->lock);
    int rc = 0;
    while (!request->done && rc != ETIMEDOUT) rc = pthread_cond_timedwait(&request->changed, &request->lock, &deadline);
    int done = request->done, status = request->status;
    pthread_mutex_unlock(&request->lock);
    /* Like some 2022 builds: OK on timeout. EdgeWatch must not rely on this call to detect a hang. */
    return done ? status : OK;
}

API ov_status_e ov_infer_request_cancel(ov_infer_request_t* infer_request) {
    REQUIRE_LIVE(infer_request, K_REQUEST, "ov_infer_request_cancel");
    pthread_mutex_lock(&state_lock);
    int supported = cfg_cancel_supported;
    pthread_mutex_unlock(&state_lock);
    if (!supported) return fail(NOT_IMPLEMENTED, "Cancel is not implemented by the MYRIAD plugin");
    pthread_mutex_lock(&infer_request->lock);
    infer_request->cancelled = 1;
    pthread_cond_broadcast(&infer_request->changed);
    pthread_mutex_unlock(&infer_request->lock);
    return OK;
}

API ov_status_e ov_infer_request_get_output_tensor_by_index(const ov_infer_request_t* infer_request, const size_t idx, ov_tensor_t** tensor) {
    REQUIRE_LIVE(infer_request, K_REQUEST, "ov_infer_request_get_output_tensor_by_index");
    REQUIRE_OUT(tensor, "ov_infer_request_get_output_tensor_by_index");
    const model_desc* desc = &infer_request->state->desc;
    if ((int)idx >= desc->output_count) return fail(OUT_OF_BOUNDS, "output index %zu out of range", idx);
    port_desc shape = desc->outputs[idx];
    pthread_mutex_lock(&state_lock);
    int f16 = cfg_output_f16;
    pthread_mutex_unlock(&state_lock);
    if (f16) snprintf(shape.type, sizeof shape.type, "f16");
    retain_buffer(infer_request->outputs[idx]);
    *tensor = new_tensor(&shape, infer_request->outputs[idx]);
    return OK;
}

API void ov_infer_request_free(ov_infer_request_t* infer_request) {
    if (!is_live(infer_request, K_REQUEST)) {
        violation("ov_infer_request_free: not a live infer request");
        return;
    }
    ov_infer_request_t* request = infer_request;
    /* Like the C++ destructor: stop a hung inference, wait for a running one (its callback may still fire now). */
    pthread_mutex_lock(&request->lock);
    request->abandon = request->hang;
    pthread_cond_broadcast(&request->changed);
    pthread_mutex_unlock(&request->lock);
    if (request->thread_live) pthread_join(request->thread, NULL);
    for (int i = 0; i < request->state->desc.output_count; i++) release_buffer(request->outputs[i]);
    if (request->input) {
        release_buffer(request->input->storage);
        free(request->input);
    }
    release_state(request->state);
    pthread_mutex_destroy(&request->lock);
    pthread_cond_destroy(&request->changed);
    untrack(request, K_REQUEST); /* last: the request counts as live until everything it did is over */
    free(request);
}

/* =====================================================================================================================
 * Controls and observations for the tests (not part of OpenVINO)
 */
static void set_text(char* target, size_t size, const char* value) {
    pthread_mutex_lock(&state_lock);
    snprintf(target, size, "%s", value ? value : "");
    pthread_mutex_unlock(&state_lock);
}

API void fake_reset(void) {
    pthread_mutex_lock(&state_lock);
    snprintf(cfg_version, sizeof cfg_version, "2022.3.0-9052-9752fafe8eb-releases/2022/3");
    snprintf(cfg_devices, sizeof cfg_devices, "CPU,MYRIAD");
    cfg_expect_device[0] = 0;
    cfg_fail_compile_device[0] = 0;
    cfg_fail_compile_message[0] = 0;
    memset(&cfg_model, 0, sizeof cfg_model);
    snprintf(cfg_model.input.name, sizeof cfg_model.input.name, "image");
    cfg_model.input.rank = 4;
    cfg_model.input.dims[0] = 1;
    cfg_model.input.dims[1] = 3;
    cfg_model.input.dims[2] = 300;
    cfg_model.input.dims[3] = 300;
    snprintf(cfg_model.input.type, sizeof cfg_model.input.type, "f32");
    for (int i = 0; i < MAX_OUTPUTS; i++) {
        free(cfg_output_values[i]);
        cfg_output_values[i] = NULL;
        cfg_output_counts[i] = 0;
    }
    cfg_output_f16 = 0;
    cfg_optimal_requests = 4;
    snprintf(cfg_thermal, sizeof cfg_thermal, "41.5");
    cfg_delay_ms = 5;
    cfg_fail_nth = 0;
    cfg_fail_message[0] = 0;
    cfg_hang_nth = 0;
    cfg_cancel_supported = 0;
    cfg_expect_input_type[0] = 0;
    started_count = 0;
    callbacks_fired = 0;
    running_now = 0;
    running_max = 0;
    last_input_size = 0;
    last_properties[0] = 0;
    last_preprocessing[0] = 0;
    violation_text[0] = 0;
    last_error[0] = 0;
    pthread_mutex_unlock(&state_lock);
}

__attribute__((constructor)) static void fake_init(void) { fake_reset(); }

API void fake_set_version(const char* build_number) { set_text(cfg_version, sizeof cfg_version, build_number); }
API void fake_set_devices(const char* comma_separated) { set_text(cfg_devices, sizeof cfg_devices, comma_separated); }
API void fake_expect_compile_device(const char* device) { set_text(cfg_expect_device, sizeof cfg_expect_device, device); }
API void fake_expect_input_element(const char* type) { set_text(cfg_expect_input_type, sizeof cfg_expect_input_type, type); }

API void fake_fail_compile(const char* device, const char* message) {
    set_text(cfg_fail_compile_device, sizeof cfg_fail_compile_device, device);
    set_text(cfg_fail_compile_message, sizeof cfg_fail_compile_message, message);
}

API void fake_set_model_input(const char* name, const int64_t* dims, int64_t rank, const char* type) {
    pthread_mutex_lock(&state_lock);
    snprintf(cfg_model.input.name, sizeof cfg_model.input.name, "%s", name ? name : "");
    cfg_model.input.rank = rank;
    for (int64_t i = 0; i < rank && i < MAX_RANK; i++) cfg_model.input.dims[i] = dims[i];
    snprintf(cfg_model.input.type, sizeof cfg_model.input.type, "%s", type);
    pthread_mutex_unlock(&state_lock);
}

API void fake_add_model_output(const char* name, const int64_t* dims, int64_t rank, const float* values, size_t count) {
    pthread_mutex_lock(&state_lock);
    int index = cfg_model.output_count;
    if (index < MAX_OUTPUTS) {
        port_desc* port = &cfg_model.outputs[index];
        snprintf(port->name, sizeof port->name, "%s", name ? name : "");
        port->rank = rank;
        for (int64_t i = 0; i < rank && i < MAX_RANK; i++) port->dims[i] = dims[i];
        snprintf(port->type, sizeof port->type, "f32");
        cfg_output_values[index] = malloc(count * sizeof *values + 1);
        memcpy(cfg_output_values[index], values, count * sizeof *values);
        cfg_output_counts[index] = count;
        cfg_model.output_count++;
    }
    pthread_mutex_unlock(&state_lock);
}

API void fake_set_output_f16(int enabled) { cfg_output_f16 = enabled; }
API void fake_set_optimal_requests(int count) { cfg_optimal_requests = count; }
API void fake_set_thermal(const char* celsius) { set_text(cfg_thermal, sizeof cfg_thermal, celsius); }
API void fake_set_delay_ms(int milliseconds) { cfg_delay_ms = milliseconds; }
API void fake_set_cancel_supported(int supported) { cfg_cancel_supported = supported; }
API void fake_hang_inference(int nth) { cfg_hang_nth = nth; }

API void fake_fail_inference(int nth, const char* message) {
    pthread_mutex_lock(&state_lock);
    cfg_fail_nth = nth;
    snprintf(cfg_fail_message, sizeof cfg_fail_message, "%s", message ? message : "");
    pthread_mutex_unlock(&state_lock);
}

API const char* fake_last_violation(void) { return violation_text; }
API const char* fake_last_compile_properties(void) { return last_properties; }
API const char* fake_last_preprocessing(void) { return last_preprocessing; }
API int fake_inferences_started(void) { return started_count; }
API int fake_callbacks_fired(void) { return callbacks_fired; }
API int fake_max_concurrent_inferences(void) { return running_max; }

API size_t fake_last_input(unsigned char* out, size_t size) {
    pthread_mutex_lock(&state_lock);
    size_t n = size < last_input_size ? size : last_input_size;
    memcpy(out, last_input, n);
    pthread_mutex_unlock(&state_lock);
    return n;
}

API int fake_live_objects(void) {
    int total = 0;
    pthread_mutex_lock(&registry_lock);
    for (int i = 0; i < K_COUNT; i++) total += live_counts[i];
    pthread_mutex_unlock(&registry_lock);
    return total;
}

API int fake_live_objects_of(const char* kind) {
    for (int i = 0; i < K_COUNT; i++)
        if (!strcmp(kind_names[i], kind)) return live_counts[i];
    return -1;
}

API const char* fake_live_summary(void) {
    static char summary[512];
    pthread_mutex_lock(&registry_lock);
    summary[0] = 0;
    for (int i = 0; i < K_COUNT; i++) {
        if (!live_counts[i]) continue;
        size_t used = strlen(summary);
        snprintf(summary + used, sizeof summary - used, "%s%s=%d", used ? " " : "", kind_names[i], live_counts[i]);
    }
    pthread_mutex_unlock(&registry_lock);
    return summary;
}

/* Struct layouts, for the tests that compare them with the C# declarations. */
API size_t fake_sizeof(const char* type) {
    if (!strcmp(type, "ov_shape_t")) return sizeof(ov_shape_t);
    if (!strcmp(type, "ov_dimension_t")) return sizeof(ov_dimension_t);
    if (!strcmp(type, "ov_partial_shape_t")) return sizeof(ov_partial_shape_t);
    if (!strcmp(type, "ov_available_devices_t")) return sizeof(ov_available_devices_t);
    if (!strcmp(type, "ov_version_t")) return sizeof(ov_version_t);
    if (!strcmp(type, "ov_callback_t")) return sizeof(ov_callback_t);
    return 0;
}

API size_t fake_offsetof(const char* type, const char* field) {
#define FIELD(t, f) if (!strcmp(type, #t) && !strcmp(field, #f)) return offsetof(t, f)
    FIELD(ov_shape_t, rank);
    FIELD(ov_shape_t, dims);
    FIELD(ov_dimension_t, min);
    FIELD(ov_dimension_t, max);
    FIELD(ov_partial_shape_t, rank);
    FIELD(ov_partial_shape_t, dims);
    FIELD(ov_available_devices_t, devices);
    FIELD(ov_available_devices_t, size);
    FIELD(ov_version_t, buildNumber);
    FIELD(ov_version_t, description);
    FIELD(ov_callback_t, callback_func);
    FIELD(ov_callback_t, args);
#undef FIELD
    return (size_t)-1;
}
