/*
 * A multi-threaded embedder, as Apache mod_lua or a game engine is: THREADS
 * threads each create and close STATES lua_States that `require
 * "httpstatus"` and use it. Loading the module from several threads at once
 * must neither crash nor corrupt what another thread reads.
 *
 *   thread_host MODULE_DIR [THREADS [STATES]]
 *
 * Built once against Lua 5.4 and once against LuaJIT (the same source).
 * Exit 0 when every state answered right, 1 on a wrong answer.
 *
 * With HS_HOST_LIBC_ALLOC (the ThreadSanitizer build, tests/lua/CMakeLists.txt)
 * every state allocates through realloc and free. LuaJIT's own allocator
 * maps its arenas itself and moves them with mremap, which clang 14's TSan
 * does not intercept: the shadow of a released arena outlives it, and when
 * the loader later maps a reloaded core.so at that address, TSan compares
 * SWIG's first write to swig_module with an old heap access of another
 * thread and reports a race that is not one (seen once in 58 LuaJIT runs).
 * Through realloc and free, TSan sees every block come and go.
 */
#define _POSIX_C_SOURCE 200809L /* pthread_barrier_t */

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

static const char *module_dir;
static int states_per_thread = 200;
/* Every thread waits here before its first state, so that the first loads
 * of the module run at the same time rather than one after the other as the
 * threads are created. */
static pthread_barrier_t start;

static const char script[] =
    "local dir = ...\n"
    "package.path = dir .. '/?.lua;' .. dir .. '/?/init.lua'\n"
    "package.cpath = dir .. '/?.so'\n"
    "local hs = require 'httpstatus'\n"
    "assert(hs.NOT_FOUND == 404, 'constant')\n"
    "assert(hs.get('not found').code == 404, 'get by phrase')\n"
    "assert(hs.get(503).phrase == 'Service Unavailable', 'get by code')\n"
    "assert(hs.is_retryable(503) and not hs.is_retryable(404), 'predicate')\n"
    "assert(#hs.all() > 60, 'all')\n"
    "assert(hs.description(404, 'ko') ~= nil, 'description')\n"
    "return true\n";

#ifdef HS_HOST_LIBC_ALLOC
static void *libc_alloc(void *ud, void *block, size_t old_size, size_t size)
{
    (void)ud;
    (void)old_size;
    if (size == 0) {
        free(block);
        return NULL;
    }
    return realloc(block, size);
}

static int panic(lua_State *L)
{
    fprintf(stderr, "thread_host: unprotected error: %s\n", lua_tostring(L, -1));
    abort();
}

static lua_State *new_state(void)
{
    lua_State *L = lua_newstate(libc_alloc, NULL);
    if (L != NULL)
        lua_atpanic(L, panic);
    return L;
}
#else
static lua_State *new_state(void)
{
    return luaL_newstate();
}
#endif

static void *run(void *arg)
{
    int *failed = arg;
    pthread_barrier_wait(&start);
    for (int i = 0; i < states_per_thread && !*failed; i++) {
        lua_State *L = new_state();
        if (L == NULL) {
            fprintf(stderr, "thread_host: cannot create a lua_State\n");
            *failed = 1;
            break;
        }
        luaL_openlibs(L);
        if (luaL_loadstring(L, script) != 0) {
            fprintf(stderr, "thread_host: %s\n", lua_tostring(L, -1));
            *failed = 1;
        } else {
            lua_pushstring(L, module_dir);
            if (lua_pcall(L, 1, 1, 0) != 0) {
                fprintf(stderr, "thread_host: %s\n", lua_tostring(L, -1));
                *failed = 1;
            }
        }
        lua_close(L);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 4) {
        fprintf(stderr, "usage: thread_host MODULE_DIR [THREADS [STATES]]\n");
        return 2;
    }
    module_dir = argv[1];
    long threads = argc > 2 ? strtol(argv[2], NULL, 10) : 4;
    if (argc > 3)
        states_per_thread = (int)strtol(argv[3], NULL, 10);
    if (threads < 1 || threads > 64 || states_per_thread < 1) {
        fprintf(stderr, "thread_host: THREADS is 1..64 and STATES at least 1\n");
        return 2;
    }
    if (pthread_barrier_init(&start, NULL, (unsigned)threads) != 0) {
        fprintf(stderr, "thread_host: pthread_barrier_init failed\n");
        return 2;
    }
    pthread_t tid[64];
    int failed[64] = {0};
    for (long t = 0; t < threads; t++)
        if (pthread_create(&tid[t], NULL, run, &failed[t]) != 0) {
            fprintf(stderr, "thread_host: pthread_create failed\n");
            return 2;
        }
    int bad = 0;
    for (long t = 0; t < threads; t++) {
        pthread_join(tid[t], NULL);
        bad |= failed[t];
    }
    if (!bad)
        printf("thread_host: %ld threads x %d states loaded httpstatus and answered right\n", threads,
               states_per_thread);
    return bad;
}
