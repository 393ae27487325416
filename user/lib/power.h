/*
 * The shared body of reboot, poweroff and halt (user/bin): ask init to
 * do it, or with -f do it at once. See user/lib/power.c.
 */
#ifndef FERRITE_POWER_H
#define FERRITE_POWER_H

enum power_action { POWER_REBOOT, POWER_OFF, POWER_HALT };

/* main() of reboot, poweroff or halt, per @action. */
int power_main(int argc, char **argv, enum power_action action);

#endif
