package io.github.xenpv.bundle;

import io.github.xenpv.model.Problem;
import io.github.xenpv.model.ValidGuest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which of the build's driver RPMs each guest's bundle carries: the one its {@code driverRpm}
 * matches, as {@code install-guest.sh} finds it next to itself. When the default
 * {@code kmod-xenpv*.rpm} matches several (a fleet of uniprocessor and smp guests, of i686 and
 * x86_64 ones), the one of the guest's own package ({@code kmod-xenpv} or
 * {@code kmod-xenpv-<variant>}) built for its architecture; exactly one, or the guest's
 * {@code driverRpm} is the problem to fix.
 */
public final class DriverRpms {

    /**
     * The RPM of each guest, or what is wrong.
     *
     * @param byGuest  the RPM each guest's bundle carries, by guest name; none without driver RPMs
     * @param problems each guest whose {@code driverRpm} singles out no RPM, at that element
     */
    public record Choice(Map<String, DriverRpm> byGuest, List<Problem> problems) {

        /**
         * A choice holding copies.
         *
         * @param byGuest  the RPM each guest's bundle carries, by guest name
         * @param problems each guest whose {@code driverRpm} singles out no RPM
         */
        public Choice {
            byGuest = Map.copyOf(byGuest);
            problems = List.copyOf(problems);
        }
    }

    private DriverRpms() {
    }

    /**
     * Chooses each guest's RPM.
     *
     * @param guests the checked guests
     * @param rpms   the driver RPMs the bundles are to carry; none keeps the bundles as they are
     * @return the RPM of each guest, or the problems
     */
    public static Choice choose(List<ValidGuest> guests, List<DriverRpm> rpms) {
        Map<String, DriverRpm> byGuest = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        if (rpms.isEmpty()) {
            return new Choice(byGuest, problems);
        }
        for (ValidGuest guest : guests) {
            String element = "guests/guest[" + guest.name() + "]/driverRpm";
            List<DriverRpm> matching = rpms.stream().filter(rpm -> rpm.matches(guest.driverRpm())).toList();
            if (matching.isEmpty()) {
                problems.add(new Problem(element, "'" + guest.driverRpm() + "' matches none of the driver RPMs the "
                        + "bundles carry (driverRpms: " + names(rpms) + "): add the kmod-xenpv RPM this guest installs, "
                        + "built for " + guest.arch() + " and kernel " + guest.driverKernelRelease() + ", to <driverRpms>, "
                        + "or set <driverRpm> to the name of one of them"));
                continue;
            }
            List<DriverRpm> own = matching.size() == 1 ? matching : matching.stream()
                    .filter(rpm -> rpm.name().equals(ownPackage(guest)) && rpm.arch().equals(guest.arch().toString()))
                    .toList();
            if (own.size() == 1) {
                byGuest.put(guest.name(), own.get(0));
            } else {
                problems.add(new Problem(element, "'" + guest.driverRpm() + "' matches " + matching.size() + " of the "
                        + "driver RPMs (" + names(matching) + "), and " + (own.isEmpty() ? "none" : own.size())
                        + " of them is package " + ownPackage(guest) + " built for " + guest.arch()
                        + ": set <driverRpm> to the name of the one this guest installs"));
            }
        }
        return new Choice(byGuest, problems);
    }

    /** The package of the guest's kernel variant: {@code kmod-xenpv-smp} for smp, {@code kmod-xenpv} for uniprocessor. */
    private static String ownPackage(ValidGuest guest) {
        List<String> packages = guest.driverPackages();
        return packages.get(packages.size() - 1);
    }

    private static String names(List<DriverRpm> rpms) {
        return rpms.stream().map(DriverRpm::fileName).collect(Collectors.joining(", "));
    }
}
