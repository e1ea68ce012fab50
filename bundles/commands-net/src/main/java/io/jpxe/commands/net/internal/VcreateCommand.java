package io.jpxe.commands.net.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.OptionSpec;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.net.NetDevice;
import io.jpxe.api.net.VlanManager;

/** {@code vcreate --tag <tag> [--priority <priority>] <trunk interface>}: creates {@code net0-<tag>} (VLAN_CMD). */
@Component(service = Command.class)
@JpxeCommand("vcreate")
public final class VcreateCommand implements Command {
    private static final OptionSpec TAG = OptionSpec.value('t', "tag", "tag");
    private static final OptionSpec PRIORITY = OptionSpec.value('p', "priority", "priority");
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("vcreate")
            .usage("--tag <tag> [--priority <priority>] <trunk interface>").option(TAG).option(PRIORITY)
            .summary("Create a VLAN device").arguments(1, 1).build();

    private final NetInventory net;
    private final VlanManager vlans;

    @Activate
    public VcreateCommand(@Reference NetInventory net, @Reference VlanManager vlans) {
        this.net = net;
        this.vlans = vlans;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        if (!args.has(TAG.longName())) {
            throw new JpxeException(Errno.EINVAL, "Missing --tag\n" + SYNTAX.usageText(args.name()));
        }
        NetDevice trunk = NetDevices.named(net.devices(), args.argument(0));
        int tag = (int) args.integer(TAG.longName(), 0);
        int priority = (int) args.integer(PRIORITY.longName(), 0);
        try {
            vlans.create(trunk, tag, priority);
        } catch (JpxeException e) {
            throw new JpxeException(e.errno(), "Could not create VLAN device: " + e.getMessage(), e);
        }
    }
}
