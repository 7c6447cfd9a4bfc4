package dev.drover.cli;

import dev.drover.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Lets the user edit plaintext in $EDITOR (vi if unset), as ansible-vault edit and create do:
 * in a temporary file only the user can read, overwritten with zeros and deleted afterwards.
 */
final class Editor {

    private Editor() {
    }

    static byte[] edit(byte[] plaintext, Map<String, String> environment) {
        String editor = environment.getOrDefault("EDITOR", "vi");
        Path dir = null;
        Path file = null;
        try {
            dir = Files.createTempDirectory("drover-vault-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            file = Files.createFile(dir.resolve("plaintext"), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            Files.write(file, plaintext);
            // $EDITOR may carry arguments ("code --wait"): the shell splits it, the file is passed apart.
            Process process = new ProcessBuilder("sh", "-c", editor + " \"$1\"", "sh", file.toString()).inheritIO().start();
            int status = process.waitFor();
            if (status != 0) {
                throw new UserError("the editor (" + editor + ") exited with status " + status + "; nothing was saved");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserError("cannot run the editor (" + editor + "): " + e.getMessage(), null, "set EDITOR to an editor");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while editing");
        } finally {
            shred(file);
            delete(dir);
        }
    }

    /** Overwrites the plaintext before deleting it, so that it does not linger in freed blocks. */
    private static void shred(Path file) {
        if (file == null || !Files.exists(file)) {
            return;
        }
        try {
            long size = Files.size(file);
            Files.write(file, new byte[(int) Math.min(size, Integer.MAX_VALUE - 8)]);
            Files.delete(file);
        } catch (IOException e) {
            System.err.println("[WARNING]: could not remove the temporary plaintext " + file + ": " + e.getMessage());
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (var left = Files.list(dir)) {
            left.forEach(Editor::shred);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            System.err.println("[WARNING]: could not remove the temporary folder " + dir + ": " + e.getMessage());
        }
    }
}
