# tests/unit/unit.mk: host unit tests of pure code, included by the top
# Makefile. Every tests/unit/test_X.c becomes build/unit/test_X, linked with
# the harness (tests/unit/unittest.c) and all pure sources: lib/*.c plus
# UNIT_EXTRA_SRCS, which the top Makefile sets before including this file
# for pure code that lives elsewhere (e.g. drivers/acpi_aml.c).
#
#   make unit-build   build the test programs
#   make unit         build and run them all; fails if any test fails
#
# Each program prints TAP ("ok N - name" / "not ok N - name") and exits
# non-zero when a test failed.

HOSTCC ?= gcc

UNIT_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror \
	-fsanitize=address,undefined -fno-sanitize-recover=all -fno-builtin \
	-Iinclude -include tests/unit/compat.h
UNIT_LDFLAGS := -fsanitize=address,undefined
# The harness checks results with the C library's functions (strcmp_host),
# so it is the one file built without compat.h's renaming.
UNIT_HARNESS_CFLAGS := $(filter-out -include tests/unit/compat.h,$(UNIT_CFLAGS))

UNIT_OBJDIR := build/unit/obj
UNIT_PURE_SRCS := $(wildcard lib/*.c) $(UNIT_EXTRA_SRCS)
UNIT_TEST_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,build/unit/%,$(UNIT_TEST_SRCS))

UNIT_PURE_OBJS := $(patsubst %.c,$(UNIT_OBJDIR)/%.o,$(sort $(UNIT_PURE_SRCS)))
UNIT_TEST_OBJS := $(patsubst %.c,$(UNIT_OBJDIR)/%.o,$(UNIT_TEST_SRCS))
UNIT_HARNESS_OBJ := $(UNIT_OBJDIR)/tests/unit/unittest.o
UNIT_PURE_LIB := build/unit/libpure.a

.PHONY: unit-build unit

unit-build: $(UNIT_BINS)

unit: unit-build
	@fail=0; \
	for t in $(UNIT_BINS); do \
		./$$t || { echo "# $$t FAILED"; fail=1; }; \
	done; \
	exit $$fail

$(UNIT_PURE_OBJS) $(UNIT_TEST_OBJS): $(UNIT_OBJDIR)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	@$(HOSTCC) $(UNIT_CFLAGS) -MMD -MP -c $< -o $@

$(UNIT_HARNESS_OBJ): tests/unit/unittest.c
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	@$(HOSTCC) $(UNIT_HARNESS_CFLAGS) -MMD -MP -c $< -o $@

$(UNIT_PURE_LIB): $(UNIT_PURE_OBJS)
	@rm -f $@
	@ar rcs $@ $^

$(UNIT_BINS): build/unit/%: $(UNIT_OBJDIR)/tests/unit/%.o \
		$(UNIT_HARNESS_OBJ) $(UNIT_PURE_LIB)
	@echo "  HOSTLD  $@"
	@$(HOSTCC) $(UNIT_LDFLAGS) $^ -o $@

-include $(UNIT_PURE_OBJS:.o=.d) $(UNIT_TEST_OBJS:.o=.d) \
	$(UNIT_HARNESS_OBJ:.o=.d)
