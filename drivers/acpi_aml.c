/*
 * AML scanning (drivers/acpi_aml.c): finds the \_S5 sleep package in DSDT
 * bytecode without an interpreter, by matching the one shape firmware uses
 * for it: Name (\_S5, Package () { SLP_TYPa, SLP_TYPb, ... }). Pure logic
 * over a byte buffer, built into the kernel and into the host test
 * tests/unit/test_acpi_aml.c; the table walk that finds the DSDT is
 * drivers/acpi.c.
 *
 * The buffer is firmware data and is trusted for nothing: every read is
 * checked against its length, and whatever does not parse is -EINVAL.
 */
#include <acpi.h>
#include <errno.h>

/* ACPI 6.0, 20.2.3: Data Objects Encoding */
#define AML_ZERO_OP		0x00
#define AML_ONE_OP		0x01
#define AML_BYTE_PREFIX		0x0a
#define AML_WORD_PREFIX		0x0b
#define AML_DWORD_PREFIX	0x0c
#define AML_QWORD_PREFIX	0x0e
#define AML_ONES_OP		0xff
/* ACPI 6.0, 20.2.5.1: Namespace Modifier Objects Encoding (DefName) */
#define AML_NAME_OP		0x08
/* ACPI 6.0, 20.2.5.4: Type 2 Opcodes Encoding (DefPackage) */
#define AML_PACKAGE_OP		0x12
/* ACPI 6.0, 20.2.2: Name Objects Encoding */
#define AML_ROOT_CHAR		0x5c	/* '\' */
#define AML_NAMESEG_LEN		4

/* ACPI 6.0, 20.2.4: Package Length Encoding */
#define AML_PKGLEN_COUNT_SHIFT	6	/* bits 7-6: bytes that follow */
#define AML_PKGLEN_SHORT_MASK	0x3f	/* one-byte form: bits 5-0 */
#define AML_PKGLEN_RESERVED	0x30	/* multi-byte form: must be zero */
#define AML_PKGLEN_NIBBLE_MASK	0x0f	/* multi-byte form: low 4 bits */

static const uint8_t s5_name[AML_NAMESEG_LEN] = { '_', 'S', '5', '_' };

/*
 * Decode the PkgLength at *@pos. Its value counts its own bytes, so the
 * package ends at the lead byte's offset plus the value; that end must lie
 * within @len. On success *@pos moves past the PkgLength and *@end is set.
 */
static int aml_pkg_length(const uint8_t *aml, size_t len, size_t *pos,
			  size_t *end)
{
	size_t start = *pos;
	size_t follow, value, i;
	uint8_t lead;

	if (start >= len)
		return -EINVAL;
	lead = aml[start];
	follow = lead >> AML_PKGLEN_COUNT_SHIFT;
	if (follow == 0) {
		value = lead & AML_PKGLEN_SHORT_MASK;
	} else {
		if (lead & AML_PKGLEN_RESERVED)
			return -EINVAL;
		if (len - start - 1 < follow)
			return -EINVAL;
		value = lead & AML_PKGLEN_NIBBLE_MASK;
		for (i = 0; i < follow; i++)
			value |= (size_t)aml[start + 1 + i] << (4 + 8 * i);
	}
	if (value < follow + 1 || value > len - start)
		return -EINVAL;
	*pos = start + 1 + follow;
	*end = start + value;
	return 0;
}

/*
 * Decode one integer package element at *@pos, which must end before
 * @end. SLP_TYP values are bytes (ACPI 6.0, 7.4.2), so only the low byte
 * of a wider constant is kept.
 */
static int aml_integer(const uint8_t *aml, size_t end, size_t *pos,
		       uint8_t *val)
{
	size_t size;

	if (*pos >= end)
		return -EINVAL;
	switch (aml[*pos]) {
	case AML_ZERO_OP:
		*val = 0;
		size = 0;
		break;
	case AML_ONE_OP:
		*val = 1;
		size = 0;
		break;
	case AML_ONES_OP:
		*val = 0xff;
		size = 0;
		break;
	case AML_BYTE_PREFIX:
		size = 1;
		break;
	case AML_WORD_PREFIX:
		size = 2;
		break;
	case AML_DWORD_PREFIX:
		size = 4;
		break;
	case AML_QWORD_PREFIX:
		size = 8;
		break;
	default:
		return -EINVAL;
	}
	(*pos)++;
	if (size == 0)
		return 0;
	if (end - *pos < size)
		return -EINVAL;
	*val = aml[*pos];	/* AML integers are little-endian */
	*pos += size;
	return 0;
}

/*
 * Parse the DefPackage at @pos: PackageOp PkgLength NumElements
 * PackageElementList. A package may declare more elements than it
 * initializes; when the list stops after the first, SLP_TYPb = SLP_TYPa.
 */
static int aml_s5_package(const uint8_t *aml, size_t len, size_t pos,
			  uint8_t *typa, uint8_t *typb)
{
	size_t end;
	uint8_t count;
	int ret;

	if (pos >= len || aml[pos] != AML_PACKAGE_OP)
		return -EINVAL;
	pos++;
	ret = aml_pkg_length(aml, len, &pos, &end);
	if (ret < 0)
		return ret;
	if (pos >= end)
		return -EINVAL;
	count = aml[pos++];
	if (count == 0)
		return -EINVAL;
	ret = aml_integer(aml, end, &pos, typa);
	if (ret < 0)
		return ret;
	if (count == 1 || pos == end) {
		*typb = *typa;
		return 0;
	}
	return aml_integer(aml, end, &pos, typb);
}

static bool aml_is_s5_name(const uint8_t *p)
{
	for (size_t i = 0; i < AML_NAMESEG_LEN; i++)
		if (p[i] != s5_name[i])
			return false;
	return true;
}

/*
 * Every "_S5_" that follows NameOp (directly or through a root prefix) is
 * a candidate. A malformed candidate does not end the search, but it
 * turns "not found" into -EINVAL.
 */
int acpi_aml_find_s5(const uint8_t *aml, size_t len, uint8_t *slp_typa,
		     uint8_t *slp_typb)
{
	int ret = -ENOENT;
	uint8_t a, b;
	size_t i, op;

	if (!aml || len < 1 + AML_NAMESEG_LEN)
		return -ENOENT;
	for (i = 1; i <= len - AML_NAMESEG_LEN; i++) {
		if (!aml_is_s5_name(aml + i))
			continue;
		op = i - 1;
		if (aml[op] == AML_ROOT_CHAR) {
			if (op == 0)
				continue;
			op--;
		}
		if (aml[op] != AML_NAME_OP)
			continue;
		ret = aml_s5_package(aml, len, i + AML_NAMESEG_LEN, &a, &b);
		if (ret == 0) {
			*slp_typa = a;
			*slp_typb = b;
			return 0;
		}
	}
	return ret;
}
