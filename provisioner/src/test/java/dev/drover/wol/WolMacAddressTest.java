package dev.drover.wol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WolMacAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"02:77:00:00:00:0a", "02-77-00-00-00-0A", "0277.0000.000a", "02770000000A", " 02:77:00:00:00:0a\n"})
    void parsesEveryCommonForm(String text) {
        MacAddress mac = MacAddress.parse(text);
        assertThat(mac.bytes()).containsExactly(0x02, 0x77, 0, 0, 0, 0x0a);
        assertThat(mac).hasToString("02:77:00:00:00:0a");
        assertThat(MacAddress.looksLike(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lab6", "02:77:00:00:00", "02:77:00:00:00:0g", "02:77-00:00:00:0a", "02770000000a0b", "0277.0000.00a"})
    void rejectsWhatIsNotAMacNamingTheFormsItAccepts(String text) {
        assertThat(MacAddress.looksLike(text)).isFalse();
        assertThatThrownBy(() -> MacAddress.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a MAC address: '" + text + "'")
                .hasMessageContaining("aa:bb:cc:dd:ee:ff");
    }

    @Test
    void isAValueThatNobodyCanChangeFromOutside() {
        byte[] raw = {1, 2, 3, 4, 5, 6};
        MacAddress mac = new MacAddress(raw);
        raw[0] = 9;
        mac.bytes()[1] = 9;
        assertThat(mac).isEqualTo(MacAddress.parse("01:02:03:04:05:06"));
        assertThat(mac.hashCode()).isEqualTo(MacAddress.parse("010203040506").hashCode());
    }

    @Test
    void reversedIsTheSleepOnLanForm() {
        assertThat(MacAddress.parse("01:02:03:04:05:06").reversed()).hasToString("06:05:04:03:02:01");
    }

    @Test
    void hasSixBytes() {
        assertThatThrownBy(() -> new MacAddress(new byte[5])).hasMessageContaining("6 bytes");
    }
}
