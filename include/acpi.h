/*
 * ACPI (drivers/acpi.c, drivers/acpi_aml.c): find the tables from the RSDP,
 * read the FADT, find the \_S5 sleep package in the DSDT, and use them to
 * power off and reset the machine.
 */
#ifndef ACPI_H
#define ACPI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Locate and check the tables; warn (and carry on) on anything broken. */
void acpi_init(void);
/* Enter S5. Returns only if that failed (with a message). */
void acpi_power_off(void);
/* Write the FADT reset register. Returns only if there is none / it failed. */
void acpi_reset(void);

/*
 * Find the \_S5 package in AML bytecode and return its SLP_TYPa/SLP_TYPb
 * values. Pure logic (host-tested). Returns 0 or -ENOENT / -EINVAL.
 */
int acpi_aml_find_s5(const uint8_t *aml, size_t len, uint8_t *slp_typa,
		     uint8_t *slp_typb);

/*
 * The @n-th (from 0) table with a 4-character @signature ("APIC", "HPET",
 * "MCFG", ...) listed by the RSDT/XSDT that passed its length and checksum
 * checks, mapped; NULL when there is none. The DSDT is reached through
 * the FADT, not here.
 */
const void *acpi_find_table(const char *signature, size_t n);

/* Byte sum of a table; a valid table sums to 0. */
uint8_t acpi_checksum(const void *p, size_t len);

#endif
