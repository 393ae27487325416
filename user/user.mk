# User programs (static musl, ARCHITECTURE.md), included by the top
# Makefile. They are Linux programs: the same binary runs on Linux and on
# Ferrite. Each program is a directory of C files:
#
#   USER_PROGS entry  name:dir   all of user/dir/*.c -> build/user/name
#
#   make user         build them all, and build/user/bench.cpio and
#                     build/user/usertests.cpio (initramfs archives that
#                     boot the benchmark or usertests as /init)

MUSLCC     := musl-gcc
UCFLAGS    := -std=gnu11 -static -O2 -g -Wall -Wextra -Werror \
	      -Wno-unused-parameter -fno-strict-aliasing
UBUILD     := build/user

user_name = $(word 1,$(subst :, ,$(1)))
user_dir  = user/$(word 2,$(subst :, ,$(1)))

USER_PROGS := usertests:tests bench:bench
# Only those whose directory has sources yet.
USER_PROGS := $(foreach p,$(USER_PROGS),$(if $(wildcard $(call user_dir,$(p))/*.c),$(p)))
USER_BINS := $(foreach p,$(USER_PROGS),$(UBUILD)/$(call user_name,$(p)))

# One link of all the directory's C files; any file there is a dependency.
define user_prog_rule
$(UBUILD)/$(call user_name,$(1)): $(wildcard $(call user_dir,$(1))/*) \
		user/user.mk
	@mkdir -p $(UBUILD)
	@echo "  MUSLCC  $$@"
	@$(MUSLCC) $(UCFLAGS) -o $$@ \
		$(wildcard $(call user_dir,$(1))/*.c) -lpthread
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

.PHONY: user
user: $(USER_BINS) $(UBUILD)/bench.cpio $(UBUILD)/usertests.cpio
