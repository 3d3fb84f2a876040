/* The httpstatus command-line tool: everything it does is in cli.c. */
#include "cli.h"

int main(int argc, char **argv)
{
    return hs_cli_main(argc, argv);
}
