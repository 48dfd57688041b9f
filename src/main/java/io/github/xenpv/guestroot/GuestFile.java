package io.github.xenpv.guestroot;

import java.util.List;

/**
 * A text file of a guest: where it is (for messages, {@code <where>:<line>}) and its lines.
 *
 * @param where the file as messages name it: the folder of the root on this machine, then the guest path
 * @param lines its lines, without their line ends
 */
public record GuestFile(String where, List<String> lines) {

    /**
     * A file of these lines.
     *
     * @param where the file as messages name it
     * @param lines its lines, without their line ends
     */
    public GuestFile {
        lines = List.copyOf(lines);
    }

    /**
     * A line of the file as messages name it.
     *
     * @param number the line's number, counting from 1
     * @return {@code <where>:<number>}
     */
    public String at(int number) {
        return where + ":" + number;
    }
}
