package dev.drover.modules.system;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.ShellQuote;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's apt_key: a key in apt's trusted keys (or a keyring), from a file or inline data
 * on the host, found by id; or removed by id. Uses apt-key and gpg as Ansible does. URLs
 * and keyservers are not supported (the hosts have no route to them).
 */
public final class AptKey implements SystemModule {

    private static final ArgSpec SPEC = ArgSpec.of(
                    Arg.str("id"),
                    Arg.str("url"),
                    Arg.str("data"),
                    Arg.path("file"),
                    Arg.path("keyring"),
                    Arg.bool("validate_certs", true),
                    Arg.str("keyserver"),
                    Arg.str("state").defaultsTo("present").choices("absent", "present"))
            .mutuallyExclusive("data", "file", "keyserver", "url");

    private static final String NO_ERROR = "apt-key did not return an error, but %s (check that the id is correct and"
            + " *not* a subkey)";

    @Override
    public String name() {
        return "apt_key";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult apply(ModuleArgs args, ModuleContext context) throws IOException, ModuleFailure {
        String id = args.string("id");
        String data = args.string("data");
        String file = args.string("file");
        String keyring = args.string("keyring");
        if (args.has("url") || args.has("keyserver")) {
            if (id == null && args.has("keyserver")) {
                throw new ModuleFailure("Missing key_id, required with keyserver.");
            }
            throw new ModuleFailure("drover's apt_key does not fetch keys from URLs or keyservers yet; use file or data");
        }
        String apt = "apt-key" + (keyring == null ? "" : " --keyring " + ShellQuote.quote(keyring));
        HostRun tools = HostRun.sh(context.target(), "for b in apt-key gpg; do command -v $b >/dev/null || echo $b; done;"
                + " printf 'PATH %s\\n' \"$PATH\"");
        for (String line : tools.stdout().split("\n")) {
            if (line.equals("apt-key") || line.equals("gpg")) {
                String path = tools.stdout().substring(tools.stdout().indexOf("PATH ") + 5).strip();
                throw new ModuleFailure("Failed to find required executable \"" + line + "\" in paths: " + path);
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changed", false);
        if (id == null) {
            if (file != null) {
                id = keyFromGpg(context, "gpg --with-colons " + ShellQuote.quote(file), null, file);
            } else if (data != null) {
                id = keyFromGpg(context, "gpg --with-colons -", data, null);
            }
        }
        r.put("id", id);
        AptKeyIds.KeyId key = AptKeyIds.parse(id);
        if (key == null) {
            throw fail("Invalid key_id", r);
        }
        r.put("short_id", key.shortId());
        r.put("fp", key.fingerprint());
        r.put("key_id", key.keyId());
        boolean shortFormat = key.keyId().length() == 8;
        List<String> keys = listKeys(context, apt, shortFormat);
        r.put("before", keys);
        boolean check = context.checkMode();
        if (args.string("state").equals("present")) {
            if (!keys.contains(shortFormat ? key.shortId() : key.fingerprint())) {
                r.put("changed", true);
                if (!check) {
                    if (file == null && data == null) {
                        throw fail("No key to add ... how did i get here?!?!", r);
                    }
                    String cmd = apt + " add " + (file != null ? ShellQuote.quote(file) : "-");
                    HostRun add = HostRun.sh(context.target(), cmd, data);
                    if (!add.ok()) {
                        throw new ModuleFailure(file != null ? "Unable to add a key from file " + file
                                : "Unable to add a key from binary data").with("cmd", cmd).with("rc", add.rc())
                                .with("keyfile", file).with("stdout", add.stdout()).with("stderr", add.stderr());
                    }
                    List<String> after = listKeys(context, apt, shortFormat);
                    r.put("after", after);
                    if (!after.contains(shortFormat ? key.shortId() : key.fingerprint())) {
                        throw fail(String.format(NO_ERROR, "failed to add the key"), r);
                    }
                }
            }
        } else if (keys.contains(key.fingerprint())) {
            r.put("changed", true);
            if (!check) {
                String cmd = apt + " del " + key.shortId();
                HostRun del = HostRun.sh(context.target(), cmd);
                if (!del.ok()) {
                    throw new ModuleFailure("Unable to remove a key with id " + key.shortId()).with("cmd", cmd)
                            .with("rc", del.rc()).with("key_id", key.shortId()).with("stdout", del.stdout())
                            .with("stderr", del.stderr());
                }
                List<String> after = listKeys(context, apt, shortFormat);
                r.put("after", after);
                if (after.contains(key.fingerprint())) {
                    throw fail(String.format(NO_ERROR, "the key was not removed"), r);
                }
            }
        }
        return ModuleResult.builder().putAll(r).build();
    }

    private static ModuleFailure fail(String msg, Map<String, Object> fields) {
        ModuleFailure failure = new ModuleFailure(msg);
        fields.forEach(failure::with);
        return failure;
    }

    private static String keyFromGpg(ModuleContext context, String cmd, String data, String file)
            throws IOException, ModuleFailure {
        HostRun ran = HostRun.sh(context.target(), cmd, data);
        if (!ran.ok()) {
            throw new ModuleFailure("Unable to extract key from '" + (data != null ? "inline data" : file) + "'")
                    .with("stdout", ran.stdout()).with("stderr", ran.stderr());
        }
        List<String> keys = AptKeyIds.keys(ran.stdout(), false);
        return keys.isEmpty() ? null : keys.get(0);
    }

    private static List<String> listKeys(ModuleContext context, String apt, boolean shortFormat)
            throws IOException, ModuleFailure {
        String cmd = apt + " adv --list-public-keys --keyid-format=long";
        HostRun ran = HostRun.sh(context.target(), cmd);
        if (!ran.ok()) {
            throw new ModuleFailure("Unable to list public keys").with("cmd", cmd).with("rc", ran.rc())
                    .with("stdout", ran.stdout()).with("stderr", ran.stderr());
        }
        return AptKeyIds.keys(ran.stdout(), shortFormat);
    }
}
