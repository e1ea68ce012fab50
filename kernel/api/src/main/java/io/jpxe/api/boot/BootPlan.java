package io.jpxe.api.boot;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.jpxe.api.image.Image;

/**
 * What to boot: a kernel image, the initrds in the order they are to be loaded, and the kernel
 * command line. Built by a kernel's {@link io.jpxe.api.image.ImageType}; immutable.
 *
 * @param kernel      the kernel image
 * @param initrds     the initrds, in load order (may be empty)
 * @param commandLine the full kernel command line
 * @param kernelType  the kernel's format ({@code bzImage}...)
 * @param details     format facts worth showing (boot protocol version, limits), in display order
 */
public record BootPlan(Image kernel, List<Image> initrds, String commandLine, String kernelType,
        Map<String, String> details) {

    public BootPlan {
        Objects.requireNonNull(kernel, "kernel");
        initrds = List.copyOf(initrds);
        Objects.requireNonNull(commandLine, "commandLine");
        Objects.requireNonNull(kernelType, "kernelType");
        details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }
}
