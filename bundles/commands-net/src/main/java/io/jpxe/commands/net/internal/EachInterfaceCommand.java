package io.jpxe.commands.net.internal;

import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.net.NetDevice;

/**
 * A {@code <name> [<interface>...]} command that acts on each named interface in turn, or on every
 * interface in {@code net0, net1, ...} order when none is named (iPXE's {@code ifcommon_exec}). The
 * first failure stops the loop.
 */
abstract class EachInterfaceCommand implements Command {
    private final CommandSyntax syntax;
    private final NetInventory net;

    EachInterfaceCommand(String name, String summary, NetInventory net) {
        this.syntax = CommandSyntax.builder(name).usage("[<interface>...]").summary(summary)
                .arguments(0, CommandSyntax.UNLIMITED).build();
        this.net = net;
    }

    @Override
    public final CommandSyntax syntax() {
        return syntax;
    }

    @Override
    public final void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        for (NetDevice device : NetDevices.select(net.devices(), args.arguments())) {
            apply(context, device);
        }
    }

    /** Acts on one selected interface. */
    abstract void apply(CommandContext context, NetDevice device) throws JpxeException;
}
