package io.jpxe.runner.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The launcher's request, read from the framework properties it sets ({@code jpxe.command},
 * {@code jpxe.target}, {@code jpxe.set.N}, {@code jpxe.embedded.script}).
 *
 * @param shellOnFailure whether a failed boot ends in the shell rather than in an exit status:
 *                       {@code jpxe.failure.shell}, on by default in image mode ({@code jpxe.mode=image}),
 *                       where there is nothing to exit to
 * @param imageMode      jPXE owns the machine (its bootable image): nothing configured the network before it
 */
record LaunchRequest(String command, String target, List<String> settings, String embeddedScript,
        long readyTimeoutMillis, long bannerTimeoutMillis, boolean shellOnFailure, boolean imageMode) {

    static LaunchRequest from(Function<String, String> properties) {
        String command = orDefault(properties.apply("jpxe.command"), "default");
        int count = Integer.parseInt(orDefault(properties.apply("jpxe.set.count"), "0"));
        List<String> settings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String pair = properties.apply("jpxe.set." + i);
            if (pair != null && pair.indexOf('=') > 0) {
                settings.add(pair);
            }
        }
        long timeout = Long.parseLong(orDefault(properties.apply("jpxe.ready.timeout"), "10000"));
        long banner = Long.parseLong(orDefault(properties.apply("jpxe.banner.timeout"), "2000"));
        boolean imageMode = "image".equals(properties.apply("jpxe.mode"));
        boolean shellOnFailure = Boolean.parseBoolean(
                orDefault(properties.apply("jpxe.failure.shell"), Boolean.toString(imageMode)));
        return new LaunchRequest(command, properties.apply("jpxe.target"), List.copyOf(settings),
                properties.apply("jpxe.embedded.script"), timeout, banner, shellOnFailure, imageMode);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
