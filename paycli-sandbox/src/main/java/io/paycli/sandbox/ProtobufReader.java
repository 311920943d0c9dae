package io.paycli.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A cursor over protobuf wire format: the few wire types Kubernetes objects use. */
final class ProtobufReader {
    private final byte[] data;
    private int pos;
    private final int end;
    private int wireType;

    ProtobufReader(byte[] data, int from, int end) {
        this.data = data;
        this.pos = from;
        this.end = end;
    }

    boolean more() {
        return pos < end;
    }

    int key() {
        long key = varint();
        wireType = (int) (key & 7);
        return (int) (key >>> 3);
    }

    long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = data[pos++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalStateException("bad varint");
    }

    byte[] bytes() {
        int length = (int) varint();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(data, pos, length);
        pos += length;
        return out.toByteArray();
    }

    String string() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    ProtobufReader message() {
        int length = (int) varint();
        ProtobufReader child = new ProtobufReader(data, pos, pos + length);
        pos += length;
        return child;
    }

    void skip() {
        switch (wireType) {
            case 0 -> varint();
            case 1 -> pos += 8;
            case 2 -> {
                int length = (int) varint();
                pos += length;
            }
            case 5 -> pos += 4;
            default -> throw new IllegalStateException("unknown wire type " + wireType);
        }
    }
}
