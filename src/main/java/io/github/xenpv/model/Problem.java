package io.github.xenpv.model;

/** One broken rule, at the POM element the user wrote, e.g. {@code guests/guest[web]/memory}. */
public record Problem(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
