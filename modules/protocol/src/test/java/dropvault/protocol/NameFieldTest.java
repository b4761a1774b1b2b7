package dropvault.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NameFieldTest {

    @Test
    void aNameIsTheTextThenNulPaddingTo255Bytes() {
        byte[] expected = new byte[255];
        System.arraycopy("alice".getBytes(StandardCharsets.US_ASCII), 0, expected, 0, 5);
        NameField alice = NameField.of("alice");
        assertArrayEquals(expected, alice.toBytes());
        assertEquals("alice", alice.text());
        assertEquals(5, alice.textLength());
        assertTrue(alice.isValidName());
    }

    @Test
    void printableAsciiFrom1To254Characters() {
        assertNull(NameField.nameProblem("a"));
        assertNull(NameField.nameProblem(" ~!Zz09"));
        assertNull(NameField.nameProblem("x".repeat(254)));
        NameField longest = NameField.of("x".repeat(254));
        assertEquals(254, longest.textLength());
        assertEquals(0, longest.toBytes()[254], "the terminating NUL fits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a\u0000b", "\u0000", "tab\there", "new\nline", "del\u007f", "caf\u00e9", "\u20ac",
        "bell\u0007"})
    void everythingElseIsRefused(String name) {
        String problem = NameField.nameProblem(name);
        assertTrue(problem != null && !problem.isEmpty(), "a reason for " + name);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NameField.of(name));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void a255CharacterNameLeavesNoRoomForTheNul() {
        assertThrows(IllegalArgumentException.class, () -> NameField.of("x".repeat(255)));
        assertThrows(IllegalArgumentException.class, () -> NameField.utf8("x".repeat(255)));
    }

    @Test
    void onTheWireTheNameEndsAtTheFirstNul() {
        byte[] field = new byte[255];
        field[0] = 'b';
        field[1] = 'o';
        field[2] = 'b';
        field[4] = 'X';
        NameField bob = NameField.wrap(field, 0);
        assertEquals("bob", bob.text());
        assertTrue(bob.isValidName());
        assertArrayEquals(field, bob.toBytes(), "kept byte for byte, garbage after the NUL included");
        assertFalse(bob.equals(NameField.of("bob")), "a reply must echo the raw field");
    }

    @Test
    void wireFieldsThatAreNoName() {
        assertFalse(NameField.wrap(new byte[255], 0).isValidName(), "empty");
        byte[] full = new byte[255];
        Arrays.fill(full, (byte) 'a');
        NameField noNul = NameField.wrap(full, 0);
        assertFalse(noNul.isValidName(), "255 characters and no NUL");
        assertEquals(-1, noNul.textLength());
        assertEquals(255, noNul.text().length());
        byte[] control = NameField.of("alice").toBytes();
        control[2] = 0x1B;
        assertFalse(NameField.wrap(control, 0).isValidName(), "a control character");
        byte[] high = NameField.of("alice").toBytes();
        high[2] = (byte) 0xC3;
        assertFalse(NameField.wrap(high, 0).isValidName(), "a byte above 0x7E");
    }

    @Test
    void fileNamesMayBeUtf8ButNeverHoldANul() {
        NameField f = NameField.utf8("r\u00e9sum\u00e9.txt");
        assertEquals("r\u00e9sum\u00e9.txt", f.text());
        assertFalse(f.isValidName(), "not a registrable name");
        assertThrows(IllegalArgumentException.class, () -> NameField.utf8("a\u0000b"));
        assertThrows(IllegalArgumentException.class, () -> NameField.utf8(""));
    }
}
