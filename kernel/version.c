/* The version banner: the first line on the console (the boot contract). */
#include <version.h>

const char ferrite_banner[] =
	"Ferrite " FERRITE_VERSION " (" FERRITE_BUILD ")\n";
