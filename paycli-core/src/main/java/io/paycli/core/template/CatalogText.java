package io.paycli.core.template;

import io.paycli.core.error.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The text of a catalog file, which must be UTF-8: a file that is not is named, not silently mangled. */
final class CatalogText {
    private CatalogText() {
    }

    /** @param where the file, as the user can find it (a path, or a catalog and a path in it) */
    static String decode(byte[] bytes, String where) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            // The decoder stops at the first byte that does not start or continue a valid sequence.
            int offset = Math.min(in.position(), bytes.length - 1);
            throw new InvalidInputException(where + ": not UTF-8 text (byte 0x"
                    + String.format(Locale.ROOT, "%02x", bytes[offset] & 0xff) + " at offset " + offset
                    + "); save template files as UTF-8");
        }
        return out.flip().toString();
    }
}
