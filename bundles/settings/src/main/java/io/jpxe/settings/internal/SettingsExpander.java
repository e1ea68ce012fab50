package io.jpxe.settings.internal;

import java.util.function.Function;

/**
 * iPXE's {@code expand_settings}: repeatedly find the last {@code ${} before the first {@code }}
 * that follows one, replace {@code ${name}} by the name's formatted value ({@code ""} when unknown)
 * and rescan the whole new string. Unlike iPXE it is bounded, so a value that refers to itself
 * cannot loop forever: after {@code maxSubstitutions} substitutions, or when a substitution would
 * make the text longer than {@code maxLength}, the text is returned as it stands.
 */
final class SettingsExpander {
    private final Function<String, String> lookup;
    private final int maxSubstitutions;
    private final int maxLength;

    /**
     * @param lookup           the formatted value of a setting name ({@code ""} if none)
     * @param maxSubstitutions how many {@code ${...}} may be replaced in one call
     * @param maxLength        the longest text a substitution may produce
     */
    SettingsExpander(Function<String, String> lookup, int maxSubstitutions, int maxLength) {
        this.lookup = lookup;
        this.maxSubstitutions = maxSubstitutions;
        this.maxLength = maxLength;
    }

    String expand(String text) {
        String current = text;
        for (int substitutions = 0; substitutions < maxSubstitutions; substitutions++) {
            int start = -1;
            int end = -1;
            for (int i = 0; i < current.length(); i++) {
                char c = current.charAt(i);
                if (c == '$' && i + 1 < current.length() && current.charAt(i + 1) == '{') {
                    start = i;
                }
                if (c == '}' && start >= 0) {
                    end = i;
                    break;
                }
            }
            if (end < 0) {
                return current;
            }
            String value = lookup.apply(current.substring(start + 2, end));
            long length = (long) start + value.length() + (current.length() - end - 1);
            if (length > maxLength) {
                return current;
            }
            current = current.substring(0, start) + value + current.substring(end + 1);
        }
        return current;
    }
}
