/*
 * Deliberately broken, for the test valgrind_catches_errors: it shows that
 * run_valgrind.sh fails on each kind of error the Python and Lua runs are
 * checked for. Not part of httpstatus.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    char *leaked = malloc(40); /* definitely lost: the only pointer is overwritten */
    if (leaked == NULL)
        return 2;
    memset(leaked, 'x', 40);
    leaked = NULL;

    char *row = malloc(8); /* an invalid read one byte past the block */
    if (row == NULL)
        return 2;
    memcpy(row, "NOT_FOUN", 8);
    volatile char past = row[8];

    int *code = malloc(sizeof *code); /* a branch on an uninitialised value */
    if (code == NULL)
        return 2;
    if (*code == 404)
        puts("404");

    printf("done %d\n", past);
    free(row);
    free(code);
    return 0;
}
