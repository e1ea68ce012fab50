package io.jpxe.boot.plan.internal;

import java.util.Map;

import io.jpxe.api.boot.BootPlan;
import io.jpxe.api.image.Image;

/** The human-readable form of a boot plan, as printed on the console. Stateless. */
final class PlanSummary {

    private PlanSummary() {
    }

    static String render(BootPlan plan) {
        StringBuilder text = new StringBuilder("Boot plan:\n");
        Image kernel = plan.kernel();
        text.append("  kernel ").append(kernel.name()).append('\n');
        describe(text, kernel);
        text.append("    type     ").append(plan.kernelType()).append('\n');
        for (Map.Entry<String, String> detail : plan.details().entrySet()) {
            text.append("    ").append(detail.getKey()).append(' ').append(detail.getValue()).append('\n');
        }
        for (int i = 0; i < plan.initrds().size(); i++) {
            Image initrd = plan.initrds().get(i);
            text.append("  initrd ").append(i + 1).append(' ').append(initrd.name()).append('\n');
            describe(text, initrd);
            if (!initrd.commandLine().isEmpty()) {
                text.append("    cmdline  \"").append(initrd.commandLine()).append("\"\n");
            }
        }
        if (plan.initrds().isEmpty()) {
            text.append("  no initrd\n");
        }
        return text.append("  cmdline \"").append(plan.commandLine()).append("\"\n").toString();
    }

    private static void describe(StringBuilder text, Image image) {
        text.append("    uri      ").append(image.uri().map(Object::toString).orElse("(local)")).append('\n');
        text.append("    size     ").append(image.size()).append(" bytes\n");
        text.append("    sha256   ").append(image.sha256()).append('\n');
    }
}
