package io.jpxe.boot.plan.internal;

import java.util.Map;

import io.jpxe.api.boot.BootPlan;
import io.jpxe.api.image.Image;

/**
 * The machine-readable form of a boot plan:
 * <pre>{@code
 * {"executor":"plan",
 *  "kernel":{"name":..,"uri":..,"size":..,"sha256":..,"type":..,"cmdline":..},
 *  "initrds":[{"name":..,"uri":..,"size":..,"sha256":..,"cmdline":..},...],
 *  "cmdline":..,"details":{..}}
 * }</pre>
 * A URI is {@code null} for an image made locally. Stateless.
 */
final class PlanJson {

    private PlanJson() {
    }

    /** The plan as one JSON object followed by a newline. */
    static String render(BootPlan plan, String executor) {
        StringBuilder json = new StringBuilder("{\n  \"executor\": ").append(quote(executor)).append(",\n");
        json.append("  \"kernel\": ");
        image(json, plan.kernel(), plan.kernelType());
        json.append(",\n  \"initrds\": [");
        for (int i = 0; i < plan.initrds().size(); i++) {
            json.append(i == 0 ? "\n    " : ",\n    ");
            image(json, plan.initrds().get(i), null);
        }
        json.append(plan.initrds().isEmpty() ? "],\n" : "\n  ],\n");
        json.append("  \"cmdline\": ").append(quote(plan.commandLine())).append(",\n");
        json.append("  \"details\": {");
        int index = 0;
        for (Map.Entry<String, String> detail : plan.details().entrySet()) {
            json.append(index++ == 0 ? "" : ", ").append(quote(detail.getKey())).append(": ")
                    .append(quote(detail.getValue()));
        }
        return json.append("}\n}\n").toString();
    }

    private static void image(StringBuilder json, Image image, String type) {
        json.append("{\"name\": ").append(quote(image.name()))
                .append(", \"uri\": ").append(image.uri().map(uri -> quote(uri.toString())).orElse("null"))
                .append(", \"size\": ").append(image.size())
                .append(", \"sha256\": ").append(quote(image.sha256()));
        if (type != null) {
            json.append(", \"type\": ").append(quote(type));
        }
        json.append(", \"cmdline\": ").append(quote(image.commandLine())).append('}');
    }

    /** A JSON string literal (RFC 8259 §7): quotes, backslashes and control characters escaped. */
    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
