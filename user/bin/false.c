/* false: do nothing, unsuccessfully. */
#include "util.h"

int main(int argc, char **argv)
{
	util_init(argc, argv, "usage: false\nExit with status 1.\n", 0);
	return 1;
}
