# The console font built into the kernel: drivers/font.S .incbin's
# $(FONT_PSF). Terminus 8x16 from Debian's console-setup-linux (installed
# by tools/setup); Terminus is under the SIL Open Font License 1.1.
FONT_SRC := /usr/share/consolefonts/Lat15-Terminus16.psf.gz
FONT_PSF := build/font.psf

$(FONT_PSF): $(FONT_SRC)
	@mkdir -p $(dir $@)
	gzip -dc $< > $@.tmp
	mv $@.tmp $@

# The assembler's dependency output does not list .incbin files.
$(O)/drivers/font.o: $(FONT_PSF)
