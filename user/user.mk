# User programs (static musl, ARCHITECTURE.md), included by the top
# Makefile. They are Linux programs: the same binary runs on Linux and on
# Ferrite. Each program is a directory of C files:
#
#   USER_PROGS entry  name:dir   all of user/dir/*.c -> build/user/name
#
#   make user         build them all, and build/user/bench.cpio and
#                     build/user/usertests.cpio (initramfs archives that
#                     boot the benchmark or usertests as /init)
#
# Ferrite's utilities are one C file each, user/bin/NAME.c ->
# build/user/bin/NAME, linked with the helpers in user/lib/*.c. The same
# sources are built for the host with glibc and ASan+UBSan into
# build/host/bin/NAME (and build/host/sh), where tests/userland runs them:
#
#   make host-user    build the host versions

MUSLCC     := musl-gcc
UCFLAGS    := -std=gnu11 -static -O2 -g -Wall -Wextra -Werror \
	      -Wno-unused-parameter -fno-strict-aliasing
UBUILD     := build/user

user_name = $(word 1,$(subst :, ,$(1)))
user_dir  = user/$(word 2,$(subst :, ,$(1)))

USER_PROGS := usertests:tests bench:bench sh:sh init:init
# Only those whose directory has sources yet.
USER_PROGS := $(foreach p,$(USER_PROGS),$(if $(wildcard $(call user_dir,$(p))/*.c),$(p)))
USER_BINS := $(foreach p,$(USER_PROGS),$(UBUILD)/$(call user_name,$(p)))

# One link of all the directory's C files; any file there is a dependency.
define user_prog_rule
$(UBUILD)/$(call user_name,$(1)): $(wildcard $(call user_dir,$(1))/*) \
		user/user.mk $(UBUILD)/libutil.a
	@mkdir -p $(UBUILD)
	@echo "  MUSLCC  $$@"
	@$(MUSLCC) $(UCFLAGS) -Iuser/lib -o $$@ \
		$(wildcard $(call user_dir,$(1))/*.c) $(UBUILD)/libutil.a \
		-lpthread
endef
$(foreach p,$(USER_PROGS),$(eval $(call user_prog_rule,$(p))))

# The benchmark's own initramfs, booted on Linux and on Ferrite by
# tools/bench.
$(UBUILD)/bench.cpio: $(UBUILD)/bench user/bench/mkcpio
	@echo "  CPIO    $@"
	@sh user/bench/mkcpio $@ $(UBUILD)/bench

# usertests as the init of an initramfs, with its exec fixtures.
$(UBUILD)/usertests.cpio: $(UBUILD)/usertests user/tests/mkcpio
	@echo "  CPIO    $@"
	@sh user/tests/mkcpio $@ $(UBUILD)/usertests

# --- the utilities -----------------------------------------------------
ULIB_SRCS := $(wildcard user/lib/*.c)
ULIB_HDRS := $(wildcard user/lib/*.h)
UTILS     := $(basename $(notdir $(wildcard user/bin/*.c)))
UTIL_BINS := $(UTILS:%=$(UBUILD)/bin/%)

$(UBUILD)/lib/%.o: user/lib/%.c $(ULIB_HDRS)
	@mkdir -p $(dir $@)
	@echo "  MUSLCC  $@"
	@$(MUSLCC) $(UCFLAGS) -c -o $@ $<

$(UBUILD)/libutil.a: $(ULIB_SRCS:user/lib/%.c=$(UBUILD)/lib/%.o)
	@rm -f $@
	@ar rcs $@ $^

$(UBUILD)/bin/%: user/bin/%.c $(UBUILD)/libutil.a $(ULIB_HDRS)
	@mkdir -p $(dir $@)
	@echo "  MUSLCC  $@"
	@$(MUSLCC) $(UCFLAGS) -Iuser/lib -o $@ $< $(UBUILD)/libutil.a

# --- host builds for tests/userland ------------------------------------
HBUILD  := build/host
HCFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -Wno-unused-parameter \
	   -fno-strict-aliasing -fsanitize=address,undefined \
	   -fno-sanitize-recover=all -D_GNU_SOURCE

$(HBUILD)/lib/%.o: user/lib/%.c $(ULIB_HDRS)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@gcc $(HCFLAGS) -c -o $@ $<

$(HBUILD)/libutil.a: $(ULIB_SRCS:user/lib/%.c=$(HBUILD)/lib/%.o)
	@rm -f $@
	@ar rcs $@ $^

$(HBUILD)/bin/%: user/bin/%.c $(HBUILD)/libutil.a $(ULIB_HDRS)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@gcc $(HCFLAGS) -Iuser/lib -o $@ $< $(HBUILD)/libutil.a

HOST_SH := $(if $(wildcard user/sh/*.c),$(HBUILD)/sh)
$(HBUILD)/sh: $(wildcard user/sh/*) $(HBUILD)/libutil.a user/user.mk
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@gcc $(HCFLAGS) -Iuser/lib -o $@ $(wildcard user/sh/*.c) \
		$(HBUILD)/libutil.a

.PHONY: host-user
host-user: $(UTILS:%=$(HBUILD)/bin/%) $(HOST_SH)

.PHONY: user
user: $(USER_BINS) $(UTIL_BINS) $(UBUILD)/bench.cpio $(UBUILD)/usertests.cpio
