package dev.drover.modules.net;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ArgType;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.modules.files.AtomicWrite;
import dev.drover.modules.files.FactReport;
import dev.drover.modules.files.FileArgs;
import dev.drover.modules.files.FileAttributes;
import dev.drover.modules.files.FileFacts;
import dev.drover.modules.files.FileModuleError;
import dev.drover.modules.files.FileResults;
import dev.drover.modules.files.FileState;
import dev.drover.modules.files.HostScript;
import dev.drover.modules.files.Inode;
import dev.drover.modules.files.RemotePath;
import dev.drover.transport.CommandResult;
import dev.drover.transport.ShellQuote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's get_url: downloads a URL ON THE HOST (curl, else wget) into a temporary file,
 * and moves it over {@code dest} (or into it, when a directory) only when its sha1
 * differs; a {@code checksum} (given, or read from a checksum file's URL) is verified, and
 * with {@code force=no} a file that already has it is not downloaded again. Owner, group and
 * mode as for copy. In check mode it asks with HEAD, as Ansible does.
 */
public final class GetUrl implements Module {

    private static final Pattern CONTENT_DISPOSITION = Pattern.compile("attachment; ?filename=\"?([^\"]+)");
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final ArgSpec SPEC = ArgSpec.of(FileArgs.withCommon(
            Arg.str("url").mandatory(),
            Arg.path("dest").mandatory(),
            Arg.bool("backup", false),
            Arg.str("checksum").defaultsTo(""),
            Arg.of("timeout", ArgType.INT).defaultsTo(10L),
            Arg.of("headers", ArgType.DICT),
            Arg.path("tmp_dest"),
            Arg.of("unredirected_headers", ArgType.LIST).defaultsTo(List.of()),
            Arg.bool("decompress", true),
            Arg.of("ciphers", ArgType.LIST),
            Arg.bool("use_netrc", true),
            Arg.bool("force", false),
            Arg.str("http_agent").defaultsTo("ansible-httpget"),
            Arg.bool("use_proxy", true),
            Arg.bool("validate_certs", true),
            Arg.str("url_username").aliases("username"),
            Arg.str("url_password").aliases("password"),
            Arg.bool("force_basic_auth", false),
            Arg.path("client_cert"),
            Arg.path("client_key"),
            Arg.bool("use_gssapi", false)));

    @Override
    public String name() {
        return "get_url";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) throws IOException {
        try {
            return download(args, context);
        } catch (FileModuleError e) {
            return e.toResult(context);
        }
    }

    private ModuleResult download(ModuleArgs args, ModuleContext context) throws IOException, FileModuleError {
        FileArgs.checkSupported(args);
        String url = args.string("url");
        String dest = args.string("dest");
        boolean force = args.bool("force");
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("changed", false);
        base.put("checksum_dest", null);
        base.put("checksum_src", null);
        base.put("dest", dest);
        base.put("elapsed", 0);
        base.put("url", url);
        FileAttributes attributes = FileAttributes.from(args, dest);

        ChecksumSpec checksum = null;
        String expected = "";
        if (!args.string("checksum").isEmpty()) {
            try {
                checksum = ChecksumSpec.parse(args.string("checksum"));
            } catch (IllegalArgumentException e) {
                return ModuleResult.builder().putAll(base).failed(e.getMessage()).build();
            }
            if (!ChecksumSpec.ALGORITHMS.contains(checksum.algorithm())) {
                return ModuleResult.builder().putAll(base).failed("Could not hash file '" + dest + "' with algorithm '"
                        + checksum.algorithm() + "'. Available algorithms: " + String.join(", ",
                        List.of("md5", "sha1", "sha224", "sha256", "sha384", "sha512"))).build();
            }
            String digest = checksum.value();
            if (checksum.isUrl()) {
                digest = checksumFromUrl(context, args, checksum.value(), ChecksumSpec.urlFilename(url));
                if (digest == null) {
                    return ModuleResult.failed("Unable to find a checksum for file '" + ChecksumSpec.urlFilename(url)
                            + "' in '" + checksum.value() + "'");
                }
            }
            try {
                expected = new ChecksumSpec(checksum.algorithm(), digest).normalizedHex();
            } catch (IllegalArgumentException e) {
                return ModuleResult.builder().putAll(base).failed(e.getMessage()).build();
            }
        }

        FileFacts look = new FileFacts().probe(FileFacts.Probe.of(dest).withChecksum("sha1"));
        if (checksum != null) {
            look.probe(FileFacts.Probe.of(dest).withChecksum(checksum.algorithm()));
        }
        FactReport facts = attributes.ask(look).read(context.target());
        FileState state = facts.state(0);
        boolean destIsDir = state.isDirFollowed();
        Map<String, String> headers = new LinkedHashMap<>();
        args.dict("headers").forEach((k, v) -> headers.put(k, String.valueOf(v)));
        if (!destIsDir && state.existsFollowed()) {
            if (!force && checksum != null) {
                if (expected.equals(facts.state(1).checksum())) {
                    return alreadyThere(context, base, dest, state, attributes, facts);
                }
                force = true;
            }
            if (!force) {
                // Like urllib with Ansible's last_mod_time: the server may answer 304 Not Modified.
                headers.put("If-Modified-Since", HTTP_DATE.format(Instant.ofEpochMilli((long) (state.followed().mtime() * 1000))));
            }
        }

        HttpRequest request = request(args, context.checkMode() ? "HEAD" : "GET", url, headers);
        Instant start = Instant.now();
        String sh = "o=$(mktemp) || exit 1; printf 'T %s\\n' \"$o\"\n" + request.script(true)
                + "printf 'H '; sha1sum < \"$o\"\n"
                + (checksum != null ? "printf 'K '; " + checksum.algorithm() + "sum < \"$o\"\n" : "");
        CommandResult ran = context.target().run(sh);
        long elapsed = Duration.between(start, Instant.now()).toSeconds();
        List<String> lines = List.of(ran.out().split("\n"));
        String tmp = tagged(lines, "T");
        if (tmp == null) {
            return ModuleResult.failed("could not make a temporary file on the host: " + ran.err().trim());
        }
        HttpResponse response = HttpResponse.parse(lines, url);
        String removeTmp = "rm -f -- " + ShellQuote.quote(tmp);
        if (response.noTool() || response.status() == 304 || response.status() != 200) {
            context.target().run(removeTmp);
        }
        if (response.noTool()) {
            return ModuleResult.failed("get_url needs curl or wget on the host; install one of them first");
        }
        if (response.status() == 304) {
            return ModuleResult.builder().put("url", url).put("dest", dest).msg(response.msg())
                    .put("status_code", 304).put("elapsed", elapsed).build();
        }
        if (response.status() == -1) {
            return ModuleResult.builder().failed(response.msg()).put("url", url).put("dest", dest).put("elapsed", elapsed)
                    .build();
        }
        if (response.status() != 200) {
            return ModuleResult.builder().failed("Request failed").put("status_code", response.status())
                    .put("response", response.msg()).put("url", url).put("dest", dest).put("elapsed", elapsed).build();
        }
        Map<String, Object> result = new LinkedHashMap<>(base);
        result.put("elapsed", elapsed);
        result.put("src", tmp);
        if (destIsDir) {
            dest = RemotePath.join(dest, filename(response));
            result.put("dest", dest);
            facts = attributes.ask(new FileFacts().probe(FileFacts.Probe.of(dest).withChecksum("sha1"))
                    .probe(RemotePath.parent(dest))).read(context.target());
            state = facts.state(0);
        }
        String sourceSha1 = word(tagged(lines, "H"));
        result.put("checksum_src", sourceSha1);
        if (state.existsFollowed()) {
            result.put("checksum_dest", state.checksum());
        } else if (!destIsDir && !parentExists(context, dest)) {
            context.target().run(removeTmp);
            return ModuleResult.builder().putAll(result).failed("Destination " + RemotePath.parent(dest) + " does not exist")
                    .build();
        }
        if (context.checkMode()) {
            context.target().run(removeTmp);
            result.put("changed", !state.existsFollowed() || !sourceSha1.equals(state.checksum()));
            return ModuleResult.builder().putAll(result).msg(response.msg()).build();
        }
        boolean differs = !sourceSha1.equals(result.get("checksum_dest"));
        if (checksum != null) {
            String got = word(tagged(lines, "K"));
            if (!expected.equals(got)) {
                // Ansible moves the download into place, then removes it when the checksum is wrong.
                context.target().run(removeTmp + (differs ? " " + RemotePath.word(dest) : ""));
                result.put("changed", differs);
                return ModuleResult.builder().putAll(result).failed("The checksum for " + dest + " did not match "
                        + expected + "; it was " + got + ".").build();
            }
        }
        Inode existing = state.existsFollowed() ? state.followed() : null;
        Inode planned = existing != null ? existing : new Inode(Inode.Kind.FILE, 0666 & ~facts.umask(), 0, 0, null, null,
                0, 1, 0, 0, 0, 0, 0, 0, 0, 0);
        FileAttributes.Change change = attributes.plan(dest, planned, facts);
        String backupFile = null;
        if (differs) {
            AtomicWrite write = new AtomicWrite(dest, null).fromHost(tmp)
                    .replacing(existing != null && existing.isRegular() ? existing : null)
                    .newFileMode(0666 & ~facts.umask()).restoreUmask(facts.umask()).attributes(change)
                    .backup(args.bool("backup") && existing != null);
            backupFile = write.run(context.target(), null).backupFile();
        } else if (change.changed()) {
            new HostScript().lines(change.commands(RemotePath.word(dest))).run(context.target(), null, null);
        }
        result.put("changed", differs || change.changed());
        CommandResult after = context.target().run(removeTmp + "\n"
                + new FileFacts().probe(FileFacts.Probe.of(dest).withChecksum("md5")).script());
        FileState written = new FileFacts().probe(FileFacts.Probe.of(dest).withChecksum("md5")).parse(after).state(0);
        result.put("md5sum", written.checksum());
        if (backupFile != null) {
            result.put("backup_file", backupFile);
        }
        return ModuleResult.builder().putAll(result).msg(response.msg()).put("status_code", response.status())
                .putAll(FileResults.pathInfo(written)).build();
    }

    /** force=no and the file already has the checksum: no download, only owner/group/mode. */
    private static ModuleResult alreadyThere(ModuleContext context, Map<String, Object> base, String dest, FileState state,
                                             FileAttributes attributes, FactReport facts) throws IOException, FileModuleError {
        FileAttributes.Change change = attributes.plan(dest, state.followed(), facts);
        if (change.changed() && !context.checkMode()) {
            new HostScript().lines(change.commands(RemotePath.word(dest))).run(context.target(), null, null);
        }
        FileState now = change.changed() && !context.checkMode()
                ? new FileFacts().probe(dest).read(context.target()).state(0) : state;
        return ModuleResult.builder().putAll(base).changed(change.changed())
                .msg(change.changed() ? "file already exists but file attributes changed" : "file already exists")
                .putAll(FileResults.pathInfo(now)).build();
    }

    private static String checksumFromUrl(ModuleContext context, ModuleArgs args, String checksumUrl, String filename)
            throws IOException, FileModuleError {
        HttpRequest request = request(args, "GET", checksumUrl, new LinkedHashMap<>());
        String sh = "o=$(mktemp) || exit 1\n" + request.script(true) + "printf 'B '; base64 -w0 \"$o\"; echo; rm -f -- \"$o\"\n";
        List<String> lines = List.of(context.target().run(sh).out().split("\n"));
        HttpResponse response = HttpResponse.parse(lines, checksumUrl);
        if (response.status() != 200) {
            throw new FileModuleError(response.status() == -1 ? response.msg() : "Request failed")
                    .with("status_code", response.status()).with("url", checksumUrl);
        }
        String body = new String(Base64.getDecoder().decode(word(tagged(lines, "B"))), StandardCharsets.UTF_8);
        List<String> content = body.isEmpty() ? List.of() : List.of(body.split("\n"));
        return ChecksumSpec.fromChecksumFile(content, filename);
    }

    private static HttpRequest request(ModuleArgs args, String method, String url, Map<String, String> headers) {
        return new HttpRequest(method, url, headers, null, args.integer("timeout"), args.bool("validate_certs"),
                args.string("url_username"), args.string("url_password"), true, args.string("http_agent"));
    }

    /** The name a download into a directory gets: Content-Disposition's, else the final URL's last part. */
    static String filename(HttpResponse response) {
        String disposition = response.headers().get("content-disposition");
        if (disposition != null) {
            Matcher m = CONTENT_DISPOSITION.matcher(disposition);
            if (m.lookingAt()) {
                return RemotePath.basename(m.group(1));
            }
        }
        return ChecksumSpec.urlFilename(response.url());
    }

    private static boolean parentExists(ModuleContext context, String dest) throws IOException {
        String parent = RemotePath.parent(dest);
        return context.target().run("[ -d " + RemotePath.word(parent.isEmpty() ? "." : parent) + " ]").ok();
    }

    private static String tagged(List<String> lines, String tag) {
        for (String line : lines) {
            if (line.startsWith(tag + " ")) {
                return line.substring(tag.length() + 1);
            }
        }
        return null;
    }

    private static String word(String text) {
        return text == null ? "" : text.trim().split("\\s+")[0];
    }
}
