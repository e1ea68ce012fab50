package io.jpxe.commands.settings.internal;

import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.jpxe.api.Errno;
import io.jpxe.api.JpxeException;
import io.jpxe.api.command.Command;
import io.jpxe.api.command.CommandContext;
import io.jpxe.api.command.CommandSyntax;
import io.jpxe.api.command.JpxeCommand;
import io.jpxe.api.command.ParsedCommand;
import io.jpxe.api.settings.SettingValue;
import io.jpxe.api.settings.Settings;

/**
 * {@code inc <setting> [<increment>]} (iPXE {@code nvo_cmd.c}): adds the increment (default 1) to a
 * numeric setting. A setting that is missing or not numeric counts as 0; the sum is stored with the
 * value's type ({@code int32} for a missing one, or the type named in the setting), so a string value
 * fails with "Could not store", iPXE's well-known gotcha.
 */
@Component(service = Command.class)
@JpxeCommand("inc")
public final class IncCommand implements Command {
    private static final CommandSyntax SYNTAX = CommandSyntax.builder("inc").usage("<setting> [<increment>]")
            .summary("Increment setting value").arguments(1, 2).build();
    /** Types with iPXE's {@code numerate}/{@code denumerate}, and their sizes. */
    private static final Set<String> SIGNED = Set.of("int8", "int16", "int32");
    private static final Set<String> UNSIGNED = Set.of("uint8", "uint16", "uint32");

    private final Settings settings;

    @Activate
    public IncCommand(@Reference Settings settings) {
        this.settings = settings;
    }

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public void execute(CommandContext context, ParsedCommand args) throws JpxeException {
        String name = args.argument(0);
        long increment = args.arguments().size() > 1 ? CommandSyntax.parseInteger(args.argument(1)) : 1;
        int colon = name.lastIndexOf(':');
        int slash = name.lastIndexOf('/');
        String explicitType = colon > slash ? name.substring(colon + 1) : null;
        String baseName = colon > slash ? name.substring(0, colon) : name;
        Optional<SettingValue> existing = settings.fetchValue(name);
        String type = existing.map(SettingValue::type).orElse(explicitType != null ? explicitType : "int32");
        long value = existing.filter(v -> isNumeric(v.type())).map(v -> numerate(v.type(), v.raw())).orElse(0L);
        if (!isNumeric(type)) {
            throw SetCommand.couldNotStore(name,
                    new JpxeException(Errno.ENOTSUP, "a " + type + " value cannot be incremented"));
        }
        try {
            settings.storeRaw(baseName, type, denumerate(type, value + increment));
        } catch (JpxeException e) {
            throw SetCommand.couldNotStore(name, e);
        }
    }

    static boolean isNumeric(String type) {
        return SIGNED.contains(type) || UNSIGNED.contains(type);
    }

    /** iPXE's {@code numeric_setting_value}: big-endian, any length, sign-extended for int types. */
    static long numerate(String type, byte[] raw) {
        long value = raw.length > 0 && SIGNED.contains(type) && raw[0] < 0 ? -1L : 0L;
        for (byte b : raw) {
            value = value << 8 | (b & 0xff);
        }
        return value;
    }

    /** The value truncated to the type's size, big-endian. */
    static byte[] denumerate(String type, long value) {
        int size = switch (type) {
            case "int8", "uint8" -> 1;
            case "int16", "uint16" -> 2;
            default -> 4;
        };
        byte[] raw = new byte[size];
        for (int i = size - 1; i >= 0; i--) {
            raw[i] = (byte) value;
            value >>= 8;
        }
        return raw;
    }
}
