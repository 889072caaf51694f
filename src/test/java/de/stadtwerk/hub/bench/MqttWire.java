package de.stadtwerk.hub.bench;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The few MQTT 5 packets the benchmark's load generator and counting subscriber need, written straight to a socket.
 *
 * <p>The benchmark measures the hub and the broker, not an MQTT client library: a client library's threads,
 * futures and buffers cost CPU on the same two cores and lowered both the broker limit and the hub's rate. The
 * devices in the field run elsewhere. These packets follow MQTT 5.0 (OASIS), sections 3.1 (CONNECT), 3.2 (CONNACK),
 * 3.3 (PUBLISH), 3.4 (PUBACK), 3.8 (SUBSCRIBE) and 3.9 (SUBACK).
 */
final class MqttWire {

    static final int CONNACK = 2;
    static final int PUBLISH = 3;
    static final int PUBACK = 4;
    static final int SUBACK = 9;
    static final int DISCONNECT = 14;

    /** A packet as read: its type, the flags of the fixed header and the rest. */
    record Packet(int type, int flags, byte[] body) {
    }

    /** What the broker granted in its CONNACK. */
    record Connected(Socket socket, DataInputStream in, int receiveMaximum) {
    }

    private MqttWire() {
    }

    /**
     * Opens a TCP connection and sends CONNECT (clean start, no keep-alive, the given Receive Maximum); returns
     * after a successful CONNACK, with the broker's Receive Maximum (how many QoS 1 publishes it takes unacknowledged).
     */
    static Connected connect(String brokerUrl, String clientId, int receiveMaximum) throws IOException {
        URI uri = URI.create(brokerUrl);
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.setTcpNoDelay(true);
        socket.setSendBufferSize(1 << 20);
        socket.setReceiveBufferSize(1 << 20);
        ByteArrayOutputStream variable = new ByteArrayOutputStream();
        writeString(variable, "MQTT");
        variable.write(5); // protocol version
        variable.write(0x02); // clean start
        variable.write(0);
        variable.write(0); // keep alive 0: off
        variable.write(3); // properties: Receive Maximum
        variable.write(0x21);
        variable.write(receiveMaximum >> 8);
        variable.write(receiveMaximum & 0xff);
        writeString(variable, clientId);
        OutputStream out = socket.getOutputStream();
        out.write(packet(0x10, variable.toByteArray()));
        out.flush();
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16));
        Packet connack = read(in);
        if (connack.type() != CONNACK || connack.body().length < 2 || connack.body()[1] != 0) {
            socket.close();
            throw new IOException("broker refused the connection of " + clientId + ": packet type " + connack.type()
                    + (connack.body().length > 1 ? ", reason code 0x" + Integer.toHexString(connack.body()[1] & 0xff) : ""));
        }
        return new Connected(socket, in, brokerReceiveMaximum(connack.body()));
    }

    /** The Receive Maximum property (0x21) of a CONNACK, or 65,535 when it is absent. */
    private static int brokerReceiveMaximum(byte[] connack) {
        int[] pos = {2};
        int end = readVarInt(connack, pos) + pos[0];
        int i = pos[0];
        while (i < end) {
            int id = connack[i++] & 0xff;
            switch (id) {
                case 0x21 -> {
                    return ((connack[i] & 0xff) << 8) | (connack[i + 1] & 0xff);
                }
                case 0x24, 0x25, 0x28, 0x29, 0x2A -> i += 1; // byte properties
                case 0x13 -> i += 2; // server keep alive
                case 0x22 -> i += 2; // topic alias maximum
                case 0x11, 0x27 -> i += 4; // session expiry, maximum packet size
                case 0x12, 0x1A, 0x1C, 0x1F, 0x15 -> i += 2 + (((connack[i] & 0xff) << 8) | (connack[i + 1] & 0xff));
                case 0x26 -> { // user property: two strings
                    i += 2 + (((connack[i] & 0xff) << 8) | (connack[i + 1] & 0xff));
                    i += 2 + (((connack[i] & 0xff) << 8) | (connack[i + 1] & 0xff));
                }
                case 0x16 -> i += 2 + (((connack[i] & 0xff) << 8) | (connack[i + 1] & 0xff)); // authentication data
                default -> {
                    return 65_535; // a property this reader does not know: assume no limit was set
                }
            }
        }
        return 65_535;
    }

    /** Appends a QoS 1 PUBLISH (no properties) to {@code out}. */
    static void writePublish(ByteArrayOutputStream out, byte[] topic, int packetId, byte[] payload, int payloadLength) {
        int remaining = 2 + topic.length + 2 + 1 + payloadLength;
        out.write(0x32);
        writeVarInt(out, remaining);
        out.write(topic.length >> 8);
        out.write(topic.length & 0xff);
        out.write(topic, 0, topic.length);
        out.write(packetId >> 8);
        out.write(packetId & 0xff);
        out.write(0); // no properties
        out.write(payload, 0, payloadLength);
    }

    /** Appends a PUBACK (success, the short form) to {@code out}. */
    static void writePuback(ByteArrayOutputStream out, int packetId) {
        out.write(0x40);
        out.write(2);
        out.write(packetId >> 8);
        out.write(packetId & 0xff);
    }

    /** A SUBSCRIBE of one filter at QoS 1. */
    static byte[] subscribe(int packetId, String filter) {
        ByteArrayOutputStream variable = new ByteArrayOutputStream();
        variable.write(packetId >> 8);
        variable.write(packetId & 0xff);
        variable.write(0); // no properties
        writeString(variable, filter);
        variable.write(0x01); // QoS 1
        return packet(0x82, variable.toByteArray());
    }

    /** A DISCONNECT with reason "normal". */
    static byte[] disconnect() {
        return new byte[] {(byte) 0xE0, 0};
    }

    /** Reads one packet. */
    static Packet read(DataInputStream in) throws IOException {
        int header = in.readUnsignedByte();
        int length = 0;
        int shift = 0;
        int b;
        do {
            b = in.readUnsignedByte();
            length |= (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        byte[] body = new byte[length];
        in.readFully(body);
        return new Packet(header >> 4, header & 0x0f, body);
    }

    /** The packet id of a PUBLISH with QoS 1 or 2 (after the topic name). */
    static int publishPacketId(byte[] body) {
        int topicLength = ((body[0] & 0xff) << 8) | (body[1] & 0xff);
        return ((body[2 + topicLength] & 0xff) << 8) | (body[3 + topicLength] & 0xff);
    }

    /** Whether a PUBACK's reason code (absent: success) is below 0x80. */
    static boolean pubackSucceeded(byte[] body) {
        return body.length < 3 || (body[2] & 0xff) < 0x80;
    }

    static int pubackPacketId(byte[] body) {
        return ((body[0] & 0xff) << 8) | (body[1] & 0xff);
    }

    private static byte[] packet(int header, byte[] rest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rest.length + 5);
        out.write(header);
        writeVarInt(out, rest.length);
        out.write(rest, 0, rest.length);
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length >> 8);
        out.write(b.length & 0xff);
        out.write(b, 0, b.length);
    }

    private static void writeVarInt(ByteArrayOutputStream out, int value) {
        do {
            int digit = value & 0x7f;
            value >>>= 7;
            out.write(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
    }

    private static int readVarInt(byte[] b, int[] pos) {
        int value = 0;
        int shift = 0;
        int digit;
        do {
            digit = b[pos[0]++] & 0xff;
            value |= (digit & 0x7f) << shift;
            shift += 7;
        } while ((digit & 0x80) != 0);
        return value;
    }
}
