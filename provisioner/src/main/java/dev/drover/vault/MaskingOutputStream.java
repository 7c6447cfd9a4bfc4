package dev.drover.vault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An output stream that holds text back until a line is complete, then writes it with the
 * secrets of the run masked. Whole lines, because a secret may arrive in pieces (a reporter
 * prints a line in several calls). A flush does not push out half a line, except one longer
 * than {@link #LIMIT}; {@link #close()} writes whatever is left.
 */
public final class MaskingOutputStream extends OutputStream {

    private static final int LIMIT = 64 * 1024;

    private final OutputStream out;
    private final SecretMask mask;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    public MaskingOutputStream(OutputStream out, SecretMask mask) {
        this.out = out;
        this.mask = mask;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        pending.write(b);
        if (b == '\n' || pending.size() > LIMIT) {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                pending.write(bytes, start, i + 1 - start);
                emit();
                start = i + 1;
            }
        }
        pending.write(bytes, start, end - start);
        if (pending.size() > LIMIT) {
            emit();
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    /** Writes the unfinished last line too; the wrapped stream stays open (it is usually System.out). */
    @Override
    public synchronized void close() throws IOException {
        emit();
        out.flush();
    }

    private void emit() throws IOException {
        if (pending.size() == 0) {
            return;
        }
        if (mask.isEmpty()) {
            // Nothing to hide: the bytes go out as they are (ansible-vault view of a binary file).
            pending.writeTo(out);
            pending.reset();
            return;
        }
        String text = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        out.write(mask.mask(text).getBytes(StandardCharsets.UTF_8));
    }
}
