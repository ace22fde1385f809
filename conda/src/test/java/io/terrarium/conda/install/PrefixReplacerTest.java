package io.terrarium.conda.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrefixReplacerTest {
    private static final String PH = "/opt/anaconda1anaconda2anaconda3";

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void textModeReplacesEveryOccurrence() {
        byte[] out = PrefixReplacer.replaceText(b("a=" + PH + "/lib b=" + PH + "\n" + PH), PH, "/envs/x");
        assertEquals("a=/envs/x/lib b=/envs/x\n/envs/x", s(out));
    }

    @Test
    void textModeReplacesUtf16Spellings() {
        byte[] data = ("x" + PH + "y").getBytes(StandardCharsets.UTF_16LE);
        byte[] out = PrefixReplacer.replaceText(data, PH, "/p");
        assertEquals("x/py", new String(out, StandardCharsets.UTF_16LE));
    }

    @Test
    void textModeLeavesFilesWithoutPlaceholderUntouched() {
        byte[] data = b("#!/bin/sh\necho hi\n");
        assertArrayEquals(data, PrefixReplacer.replaceText(data, PH, "/p"));
    }

    @Test
    void longShebangBecomesEnv() {
        String prefix = "/very/long" + "/x".repeat(70);
        byte[] out = PrefixReplacer.replaceText(b("#!" + PH + "/bin/python3.11 -E\nprint(1)\n"), PH, prefix);
        assertEquals("#!/usr/bin/env python3.11 -E\nprint(1)\n", s(out));
    }

    @Test
    void shebangWithSpacesInPrefixBecomesEnv() {
        byte[] out = PrefixReplacer.replaceText(b("#!" + PH + "/bin/perl\n"), PH, "/my envs/a");
        assertEquals("#!/usr/bin/env perl\n", s(out));
    }

    @Test
    void shortShebangIsKept() {
        byte[] out = PrefixReplacer.replaceText(b("#!" + PH + "/bin/python\n"), PH, "/e");
        assertEquals("#!/e/bin/python\n", s(out));
    }

    @Test
    void binaryModePadsEachCStringWithNuls() throws Exception {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes(b("ELF"));
        in.write(0);
        in.writeBytes(b(PH + "/lib:" + PH + "/lib64"));
        in.write(0);
        in.writeBytes(b("mid"));
        in.write(0);
        in.writeBytes(b(PH));
        in.write(0);
        in.writeBytes(b("tail"));
        byte[] data = in.toByteArray();

        byte[] out = PrefixReplacer.replaceBinary(data, PH, "/e", "f");

        assertEquals(data.length, out.length);
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        want.writeBytes(b("ELF"));
        want.write(0);
        want.writeBytes(b("/e/lib:/e/lib64"));
        want.writeBytes(new byte[2 * (PH.length() - 2)]); // two occurrences in one string: twice the shrink
        want.write(0);
        want.writeBytes(b("mid"));
        want.write(0);
        want.writeBytes(b("/e"));
        want.writeBytes(new byte[PH.length() - 2]);
        want.write(0);
        want.writeBytes(b("tail"));
        assertArrayEquals(want.toByteArray(), out);
    }

    @Test
    void binaryModeRefusesALongerPrefix() {
        byte[] data = b("x\0" + PH + "/lib\0");
        String longer = "/" + "p".repeat(PH.length());
        PrefixTooLongException e = assertThrows(
                PrefixTooLongException.class, () -> PrefixReplacer.replaceBinary(data, PH, longer, "pkg:lib/libx.so"));
        assertEquals(PH.length(), e.placeholderLength());
        assertEquals(longer.length(), e.prefixLength());
        assertTrue(e.getMessage().contains("pkg:lib/libx.so"), e.getMessage());
        assertTrue(e.getMessage().contains("at most " + PH.length() + " bytes"), e.getMessage());
    }

    @Test
    void binaryModeWithoutPlaceholderAcceptsAnyPrefix() throws Exception {
        byte[] data = b("no placeholder here\0");
        assertArrayEquals(data, PrefixReplacer.replaceBinary(data, PH, "/" + "p".repeat(300), "f"));
    }
}
