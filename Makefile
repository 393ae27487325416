# Ferrite: top-level build.
#
#   make            build/ferrite (kernel ELF) and build/initramfs.cpio
#   make run        boot in QEMU (serial on this terminal, VGA window if a display exists)
#   make test       every test layer; ends with "N passed, N failed"
#   make iso        build/ferrite.iso (hybrid BIOS+UEFI GRUB image)
#   make bench      boot-time benchmark (docs/performance.md)
#   make clean
#   make DEBUG=1    debug kernel in build/debug/ferrite
#
# Missing Debian packages are installed by tools/setup when a tool is absent.

VERSION := 0.1.0
# A debug build (make DEBUG=1: slab red zones and poisoning, lock checks)
# lives in build/debug so that switching back and forth rebuilds nothing.
ifeq ($(DEBUG),1)
BUILD   := build/debug
else
BUILD   := build
endif
O       := $(BUILD)/obj

# --- tools -----------------------------------------------------------------
# Commands and files the build, run and test steps need; tools/setup installs
# the packages that provide them. Checked once per make invocation.
NEEDED_CMDS  := gcc ld nm objcopy qemu-system-x86_64 grub-mkrescue xorriso \
		mformat musl-gcc cpio hexdump free ps
NEEDED_FILES := /usr/lib/grub/i386-pc/modinfo.sh \
		/usr/lib/grub/x86_64-efi/modinfo.sh \
		/usr/share/OVMF/OVMF_CODE_4M.fd \
		/usr/share/consolefonts/Lat15-Terminus16.psf.gz \
		/usr/lib/python3/dist-packages/pytest \
		/usr/lib/python3/dist-packages/pexpect \
		/usr/include/x86_64-linux-gnu/asm/unistd_64.h \
		/bin/busybox /boot/vmlinuz-*
MISSING := $(strip $(foreach c,$(NEEDED_CMDS),$(if $(shell command -v $(c)),,$(c))) \
	   $(foreach f,$(NEEDED_FILES),$(if $(wildcard $(f)),,$(f))))
ifneq ($(MISSING),)
$(info tools/setup: missing $(MISSING))
SETUP_STATUS := $(shell sh tools/setup >&2; echo $$?)
ifneq ($(SETUP_STATUS),0)
$(error tools/setup failed; install the packages it names and try again)
endif
endif

CC      := gcc
LD      := ld
PYTHON  := /usr/bin/python3

# --- kernel flags (ARCHITECTURE.md) ---------------------------------------
GCC_INC := $(shell $(CC) -print-file-name=include)
KCFLAGS := -std=gnu11 -O2 -g -ffreestanding -nostdinc -isystem $(GCC_INC) \
	   -mno-red-zone -mgeneral-regs-only -mcmodel=kernel -fno-pic \
	   -fno-pie -fno-stack-protector -fno-omit-frame-pointer \
	   -mno-omit-leaf-frame-pointer -fno-asynchronous-unwind-tables \
	   -fno-strict-aliasing -Wall -Wextra -Werror \
	   -Wno-unused-parameter -Iinclude -Iarch/x86_64/include -I$(BUILD)
ifeq ($(DEBUG),1)
KCFLAGS += -DDEBUG
endif
KASFLAGS := -D__ASSEMBLY__ -Iinclude -Iarch/x86_64/include -I$(BUILD) -g
LDFLAGS  := -nostdlib -z max-page-size=0x1000 -z noexecstack \
	    --no-warn-rwx-segments -T arch/x86_64/linker.ld

# --- sources ---------------------------------------------------------------
KSRCS := $(wildcard arch/x86_64/*.c arch/x86_64/*.S kernel/*.c mm/*.c fs/*.c \
		    drivers/*.c drivers/*.S lib/*.c tests/kernel/*.c)
KOBJS := $(patsubst %,$(O)/%.o,$(basename $(KSRCS)))

# Pure code outside lib/ that the host unit tests link too.
UNIT_EXTRA_SRCS := $(wildcard drivers/acpi_aml.c drivers/fb_render.c \
			      kernel/civil_time.c kernel/sched_math.c \
			      mm/buddy.c mm/slab.c mm/slab_debug.c \
			      mm/vma.c fs/dcache.c)

.PHONY: all run iso test unit-build bench clean debug syscall-doc FORCE
all: $(BUILD)/ferrite $(BUILD)/initramfs.cpio user

-include tests/unit/unit.mk
include user/user.mk
-include drivers/font.mk

# --- version banner --------------------------------------------------------
GIT_REV := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
GIT_DIRTY := $(shell git diff --quiet HEAD 2>/dev/null || echo -dirty)
BUILD_DATE := $(shell date -u +%Y-%m-%d)
CC_VERSION := $(shell $(CC) -dumpfullversion)

$(BUILD)/version.h: FORCE
	@mkdir -p $(BUILD)
	@printf '#define FERRITE_VERSION "%s"\n#define FERRITE_BUILD "git %s%s, %s, gcc %s"\n' \
		'$(VERSION)' '$(GIT_REV)' '$(GIT_DIRTY)' '$(BUILD_DATE)' \
		'$(CC_VERSION)' > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

$(O)/kernel/version.o $(O)/kernel/sys_info.o $(O)/fs/proc_files.o: \
	$(BUILD)/version.h

# --- compile ---------------------------------------------------------------
$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(KCFLAGS) -MMD -MP -c $< -o $@

$(O)/%.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC) $(KASFLAGS) -MMD -MP -c $< -o $@

-include $(KOBJS:.o=.d)

# --- link with an embedded symbol table ------------------------------------
# Pass 1 links with an empty table; its text symbols become the table of
# pass 2. The table lives after .text, so text addresses cannot move between
# the passes; the final check proves it.
$(O)/ksyms0.S:
	@mkdir -p $(dir $@)
	@sh tools/gen-ksyms /dev/null > $@

$(O)/ksyms%.o: $(O)/ksyms%.S
	@$(CC) $(KASFLAGS) -c $< -o $@

$(BUILD)/ferrite.pass1: $(KOBJS) $(O)/ksyms0.o arch/x86_64/linker.ld
	@echo "  LD      $@"
	@$(LD) $(LDFLAGS) -o $@ $(KOBJS) $(O)/ksyms0.o

$(O)/ksyms1.S: $(BUILD)/ferrite.pass1 tools/gen-ksyms
	@sh tools/gen-ksyms $< > $@

$(BUILD)/ferrite: $(KOBJS) $(O)/ksyms1.o arch/x86_64/linker.ld
	@echo "  LD      $@"
	@$(LD) $(LDFLAGS) -o $@.tmp $(KOBJS) $(O)/ksyms1.o
	@sh tools/gen-ksyms $@.tmp | cmp -s - $(O)/ksyms1.S || \
		{ echo "ksyms: text moved between link passes" >&2; exit 1; }
	@mv $@.tmp $@

# --- initramfs ---------------------------------------------------------------
# The root file system: init, the shell, the utilities, /etc (user/etc)
# and usertests in /usr/tests (tools/mkinitramfs says what goes where).
$(BUILD)/initramfs.cpio: tools/mkinitramfs $(UBUILD)/init \
		$(filter $(UBUILD)/sh $(UBUILD)/usertests,$(USER_BINS)) \
		$(UTIL_BINS) $(wildcard user/etc/*)
	@mkdir -p $(BUILD)
	@echo "  CPIO    $@"
	@sh tools/mkinitramfs $@ $(UBUILD) user/etc

# --- ISO ---------------------------------------------------------------------
iso: $(BUILD)/ferrite.iso
$(BUILD)/ferrite.iso: $(BUILD)/ferrite $(BUILD)/initramfs.cpio tools/grub.cfg \
		      tools/mkiso
	@echo "  ISO     $@"
	@sh tools/mkiso $@ $(BUILD)/ferrite $(BUILD)/initramfs.cpio "console=ttyS0"

# --- run ---------------------------------------------------------------------
run: all
	@sh tools/run-qemu $(BUILD)/ferrite $(BUILD)/initramfs.cpio

# --- tests -------------------------------------------------------------------
# The debug kernel too: make test runs the kernel suites on it.
debug:
	@$(MAKE) --no-print-directory DEBUG=1 build/debug/ferrite

test: all iso unit-build host-user debug
	@$(PYTHON) tools/run-tests

bench: all iso
	@$(PYTHON) tools/bench

# docs/syscalls.md is made from kernel/syscalls.def (make test checks it).
syscall-doc:
	@$(PYTHON) tools/gen-syscall-doc > docs/syscalls.md

clean:
	rm -rf $(BUILD)

FORCE:
