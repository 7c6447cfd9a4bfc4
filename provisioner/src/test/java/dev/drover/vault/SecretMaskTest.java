package dev.drover.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretMaskTest {

    @Test
    void masksASecretWhereverItIsPrintedAndInTheFormsResultsUse() {
        SecretMask mask = new SecretMask();
        mask.addContent("pa\"ss\\word");
        assertThat(mask.mask("x=pa\"ss\\word;")).isEqualTo("x=********;");
        assertThat(mask.mask("{\"msg\": \"pa\\\"ss\\\\word\"}")).isEqualTo("{\"msg\": \"********\"}");
    }

    @Test
    void aMultiLineSecretIsMaskedLineByLineAsDiffsPrintIt() {
        SecretMask mask = new SecretMask();
        mask.addContent("-----BEGIN KEY-----\nMIIEvQIBADANBg\n-----END KEY-----\n");
        assertThat(mask.mask("+MIIEvQIBADANBg")).isEqualTo("+********");
        assertThat(mask.mask("\"-----BEGIN KEY-----\\nMIIEvQIBADANBg\\n-----END KEY-----\"")).doesNotContain("MIIEvQ");
    }

    @Test
    void valuesOfAVaultedFileAreMaskedButNotItsKeysOrShortValues() {
        SecretMask mask = new SecretMask();
        mask.addValues(Map.of("db_password", "hunter22", "port", 80, "list", List.of("item-secret"), "on", "yes",
                "quoted", "true", "count", "4242", "pin", "90210417"));
        assertThat(mask.mask("db_password=hunter22 port=80 item-secret yes {\"ok\": true, \"n\": 4242} pin 90210417"))
                .isEqualTo("db_password=******** port=80 ******** yes {\"ok\": true, \"n\": 4242} pin ********");
    }

    @Test
    void theStreamMasksASecretPrintedInPieces() {
        SecretMask mask = new SecretMask();
        mask.addContent("hunter22");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new MaskingOutputStream(sink, mask), true, StandardCharsets.UTF_8);
        out.print("ok: hun");
        out.flush();
        out.print("ter22");
        out.println(" done");
        out.print("tail hunter22");
        out.close();
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("ok: ******** done\ntail ********");
    }
}
