/* true: do nothing, successfully. */
#include "util.h"

int main(int argc, char **argv)
{
	util_init(argc, argv, "usage: true\nExit with status 0.\n", 0);
	return 0;
}
