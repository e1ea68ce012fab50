package io.jpxe.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads bnd's {@code -runproperties} syntax: comma-separated {@code key=value} clauses whose values
 * may be quoted with {@code "} or {@code '} (commas inside quotes are kept).
 */
final class BndClauses {
    private BndClauses() {
    }

    static Map<String, String> parseProperties(String text) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String clause : split(text)) {
            int eq = clause.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            result.put(clause.substring(0, eq).trim(), unquote(clause.substring(eq + 1).trim()));
        }
        return result;
    }

    private static List<String> split(String text) {
        List<String> clauses = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                current.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                current.append(c);
            } else if (c == ',') {
                clauses.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            clauses.add(current.toString().trim());
        }
        return clauses;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
