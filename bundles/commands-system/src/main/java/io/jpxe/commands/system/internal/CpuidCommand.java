package io.jpxe.commands.system.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.StatusException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.OptionSpec;
import io.jpxe.api.command.ParsedCommand;

/**
 * {@code cpuid [--ext] [--ecx] <bit>} (iPXE {@code arch/x86/hci/commands/cpuid_cmd.c}): succeeds iff
 * the CPU feature bit is set (leaf 1 EDX by default, ECX with {@code --ecx}, leaf 0x80000001 with
 * {@code --ext}, alias {@code --amd}); fails with {@code ENOENT} otherwise, silently as in iPXE.
 * {@code cpuid --ext 29} tests for 64-bit (long mode). On a CPU that is not x86 it fails with
 * {@code ENOTSUP}.
 */
@Component(service = Command.class)
@JpxeCommand("cpuid")
public final class CpuidCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("cpuid").usage("[--ext] [--ecx] <bit>")
            .summary("Check for CPU feature").option(OptionSpec.flag('e', "ext")).option(OptionSpec.flag('a', "amd"))
            .option(OptionSpec.flag('c', "ecx")).arguments(1, 1).build();

    private final Path cpuinfo;

    public CpuidCommand() {
        this(Path.of("/proc/cpuinfo"));
    }

    CpuidCommand(Path cpuinfo) {
        this.cpuinfo = cpuinfo;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        long bit = CommandSyntax.parseInteger(args.argument(0));
        if (bit > 31) {
            throw new JpxeException(Errno.EINVAL, "\"" + args.argument(0) + "\": feature bits are 0 to 31");
        }
        Optional<CpuFeatures> features;
        try {
            features = CpuFeatures.read(cpuinfo);
        } catch (IOException e) {
            throw new JpxeException(Errno.EIO, "cannot read " + cpuinfo + " (" + e.getMessage() + ")", e);
        }
        if (features.isEmpty()) {
            throw new JpxeException(Errno.ENOTSUP, "cpuid: " + cpuinfo + " lists no x86 feature flags");
        }
        boolean extended = args.has("ext") || args.has("amd");
        if (!features.get().has(extended, args.has("ecx"), (int) bit)) {
            throw new StatusException(Errno.ENOENT.status(), "feature bit not set");
        }
    }
}
