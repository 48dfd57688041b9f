package io.github.xenpv.model;

/** One broken rule, at the POM element the user wrote, e.g. {@code guests/guest[web]/memory}. */
public record Problem(String path, String message) {

    /**
     * Whether it is in the declaration of the guest of this name.
     *
     * @param guestName a guest's name
     * @return {@code true} when the path starts {@code guests/guest[<name>]}
     */
    public boolean concerns(String guestName) {
        return path.startsWith("guests/guest[" + guestName + "]");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
