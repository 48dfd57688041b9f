package io.github.xenpv.guestroot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A guest's GRUB legacy {@code grub.conf} (RHEL 3's {@code /boot/grub/grub.conf}): the boot
 * entries with the commands that matter here, the {@code default} entry, and anaconda's
 * {@code #boot=/dev/hda} comment naming the disk GRUB was installed on.
 *
 * @param defaultEntry the {@code default} setting's value (GRUB counts entries from 0; absent means 0)
 * @param defaultLine  the line of {@code default}, or 0 when absent
 */
public record GrubConf(String where, String defaultEntry, int defaultLine, List<Entry> entries,
        Optional<Command> bootDisk) {

    private static final Pattern COMMAND = Pattern.compile("([A-Za-z_]+)(?:[ \\t=]+(.*))?");
    private static final Pattern BOOT_COMMENT = Pattern.compile("#\\s*boot=(\\S+)\\s*");

    /**
     * A read grub.conf.
     *
     * @param where        the file, for messages
     * @param defaultEntry the {@code default} setting's value (GRUB counts entries from 0; absent means 0)
     * @param defaultLine  the line of {@code default}, or 0 when absent
     * @param entries      the boot entries, in order
     * @param bootDisk     anaconda's {@code #boot=} comment, when there is one
     */
    public GrubConf {
        entries = List.copyOf(entries);
    }

    /**
     * A command's arguments and line.
     *
     * @param value what follows the command's name and its separator
     * @param line  the command's line, counting from 1
     */
    public record Command(String value, int line) {
    }

    /**
     * A {@code title} entry and its {@code root}, {@code kernel} and {@code initrd} commands.
     *
     * @param title  the title
     * @param root   its {@code root} command, when it has one
     * @param kernel its {@code kernel} command, when it has one
     * @param initrd its {@code initrd} command, when it has one
     */
    public record Entry(Command title, Optional<Command> root, Optional<Command> kernel, Optional<Command> initrd) {
    }

    /**
     * The entry GRUB boots unless told otherwise.
     *
     * @return the entry {@code default} names, or empty when it names none
     */
    public Optional<Entry> defaultBootEntry() {
        if (!defaultEntry.matches("[0-9]{1,3}") || Integer.parseInt(defaultEntry) >= entries.size()) {
            return Optional.empty();
        }
        return Optional.of(entries.get(Integer.parseInt(defaultEntry)));
    }

    /**
     * Reads a guest's grub.conf, as GRUB legacy reads it ({@code title=x} and {@code title x} alike).
     *
     * @param file the guest's grub.conf
     * @return its entries and settings
     */
    public static GrubConf parse(GuestFile file) {
        String defaultEntry = "0";
        int defaultLine = 0;
        Optional<Command> bootDisk = Optional.empty();
        List<Entry> entries = new ArrayList<>();
        Command title = null;
        Command root = null;
        Command kernel = null;
        Command initrd = null;
        for (int i = 0; i < file.lines().size(); i++) {
            int number = i + 1;
            String line = file.lines().get(i).strip();
            Matcher boot = BOOT_COMMENT.matcher(line);
            if (boot.matches()) {
                bootDisk = Optional.of(new Command(boot.group(1), number));
                continue;
            }
            Matcher command = COMMAND.matcher(line);
            if (line.startsWith("#") || !command.matches()) {
                continue;
            }
            String name = command.group(1);
            String value = command.group(2) == null ? "" : command.group(2).strip();
            if (name.equals("title")) {
                if (title != null) {
                    entries.add(new Entry(title, Optional.ofNullable(root), Optional.ofNullable(kernel),
                            Optional.ofNullable(initrd)));
                }
                title = new Command(value, number);
                root = null;
                kernel = null;
                initrd = null;
            } else if (title == null) {
                if (name.equals("default")) {
                    defaultEntry = value;
                    defaultLine = number;
                }
            } else if (name.equals("root")) {
                root = new Command(value, number);
            } else if (name.equals("kernel")) {
                kernel = new Command(value, number);
            } else if (name.equals("initrd")) {
                initrd = new Command(value, number);
            }
        }
        if (title != null) {
            entries.add(new Entry(title, Optional.ofNullable(root), Optional.ofNullable(kernel), Optional.ofNullable(initrd)));
        }
        return new GrubConf(file.where(), defaultEntry, defaultLine, entries, bootDisk);
    }
}
