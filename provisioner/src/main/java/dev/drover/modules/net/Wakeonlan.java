package dev.drover.modules.net;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ArgType;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.wol.MacAddress;
import dev.drover.wol.Subnet;
import dev.drover.wol.WakeSender;
import dev.drover.wol.WakeTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * community.general.wakeonlan: sends one magic packet for {@code mac} to {@code broadcast}
 * (default 255.255.255.255) on {@code port} (default 7), from the controller. Like Ansible's,
 * it always reports changed (it cannot know whether the machine woke) and in check mode sends
 * nothing and still reports changed.
 *
 * <p>Ansible runs it wherever the task runs; in practice always with {@code delegate_to:
 * localhost}, since the packet must leave from the sleeping machine's network and the machine
 * itself is asleep. Drover runs no Python on hosts, so it sends only from the controller and
 * fails a task that is not delegated there, saying so.
 */
public final class Wakeonlan implements Module {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.str("mac").mandatory(),
            Arg.str("broadcast").defaultsTo("255.255.255.255"),
            Arg.of("port", ArgType.INT).defaultsTo(7L));

    private final WakeSender sender;

    public Wakeonlan() {
        this(new WakeSender());
    }

    public Wakeonlan(WakeSender sender) {
        this.sender = sender;
    }

    @Override
    public String name() {
        return "wakeonlan";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) throws IOException {
        String text = args.string("mac");
        Optional<MacAddress> mac = ansibleMac(text);
        if (mac.isEmpty()) {
            return ModuleResult.failed(macProblem(text));
        }
        if (!context.session().local()) {
            return ModuleResult.failed("wakeonlan sends the magic packet from the controller: add 'delegate_to: localhost' "
                    + "to the task (the machine to wake is asleep, so the packet cannot be sent from it)");
        }
        InetAddress broadcast;
        try {
            broadcast = broadcastAddress(args.string("broadcast"));
        } catch (UnknownHostException e) {
            return ModuleResult.failed("[Errno -2] Name or service not known");
        }
        long port = args.integer("port");
        if (port < 1 || port > 65535) {
            return ModuleResult.failed("sendto(): port must be 0-65535.");
        }
        if (!context.checkMode()) {
            WakeTarget target = new WakeTarget(mac.get().toString(), mac.get(), List.of(broadcast), List.of((int) port),
                    Optional.empty());
            try {
                sender.send(target);
            } catch (IOException e) {
                return ModuleResult.failed(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            }
        }
        return ModuleResult.builder().changed(true).build();
    }

    /**
     * The MAC as Ansible's module reads it: 12 hex digits, or 17 characters with the separator
     * the third character names (so aa:bb:.. and aa-bb-.. both work, and aabb.ccdd.eeff does not).
     */
    static Optional<MacAddress> ansibleMac(String text) {
        String mac = text.length() == 17 ? text.replace(String.valueOf(text.charAt(2)), "") : text;
        if (mac.length() != 12 || !mac.matches("\\p{XDigit}{12}")) {
            return Optional.empty();
        }
        return Optional.of(MacAddress.parse(mac));
    }

    /** Ansible's two messages: one for the length, one for anything that is not hex. */
    static String macProblem(String text) {
        String mac = text.length() == 17 ? text.replace(String.valueOf(text.charAt(2)), "") : text;
        return mac.length() != 12 ? "Incorrect MAC address length: " + text : "Incorrect MAC address format: " + text;
    }

    /** An IP literal as given, or a name resolved as Python's sendto resolves it. */
    private static InetAddress broadcastAddress(String text) throws UnknownHostException {
        try {
            return Subnet.literal(text);
        } catch (IllegalArgumentException notALiteral) {
            return InetAddress.getByName(text);
        }
    }
}
