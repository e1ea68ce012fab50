package io.jpxe.api.image;

import java.time.Duration;

/**
 * How to fetch an image (iPXE's shared image-command options).
 *
 * @param name        the image name, or {@code null} for the URI's last path segment
 * @param idleTimeout fail if no data arrives for this long; {@link Duration#ZERO} for the default
 * @param quiet       suppress the progress line
 * @param commandLine the image's command line ({@code ""} for none)
 */
public record FetchOptions(String name, Duration idleTimeout, boolean quiet, String commandLine) {

    /** Defaults: derived name, default timeout, progress shown, empty command line. */
    public static FetchOptions defaults() {
        return new FetchOptions(null, Duration.ZERO, false, "");
    }
}
