package io.github.xenpv.fleet;

import java.util.Optional;

/**
 * Values for what no xm config says, the same for every guest of the import: the guest's
 * architecture, kernel release and variant (a guest root's grub.conf wins over these two), the
 * kmod-xenpv release, and the kernel release the driver RPM was built for. Each is empty when not
 * given.
 *
 * @param arch          the guests' {@code arch}
 * @param kernel        the {@code kernel} of a guest without a root
 * @param kernelVariant the {@code kernelVariant} of a guest without a root
 * @param driverRelease the guests' {@code driverRelease}
 * @param driverKernel  the guests' {@code driverKernel}
 */
public record FleetValues(Optional<String> arch, Optional<String> kernel, Optional<String> kernelVariant,
        Optional<String> driverRelease, Optional<String> driverKernel) {

    /**
     * No value for any of them.
     *
     * @return values that are all empty
     */
    public static FleetValues none() {
        return new FleetValues(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
