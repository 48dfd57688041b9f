package io.github.xenpv.guestroot;

import java.util.List;

/** A text file of a guest: where it is (for messages, {@code <where>:<line>}) and its lines. */
public record GuestFile(String where, List<String> lines) {

    public GuestFile {
        lines = List.copyOf(lines);
    }

    /** {@code <where>:<number>}, the number counting from 1. */
    public String at(int number) {
        return where + ":" + number;
    }
}
