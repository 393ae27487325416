/*
 * halt: stop the machine through init (-f: at once).
 * The body is user/lib/power.c.
 */
#include "power.h"

int main(int argc, char **argv)
{
	return power_main(argc, argv, POWER_HALT);
}
