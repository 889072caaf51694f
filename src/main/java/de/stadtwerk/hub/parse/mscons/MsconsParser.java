package de.stadtwerk.hub.parse.mscons;

import de.stadtwerk.hub.model.Observation;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parses an EDIFACT MSCONS interchange (EDI@Energy 2.2–2.4) into canonical observations, streaming: segments
 * are read one at a time, so memory does not grow with the file.
 *
 * <p>Three ways to call it: {@link #stream(Reader, MsconsListener)} delivers every observation at once and says
 * per message whether it ended well; {@link #parse(Reader, Consumer)} holds each message's observations back
 * until its UNT has been checked (memory bounded by the largest message) and drops those of broken messages;
 * {@link #parseAll(Reader)} returns a list, for small inputs and tests.
 *
 * <p>A broken message is reported as a {@link MessageError} and the others are still read. An interchange
 * that cannot be read at all (no UNB, truncated before UNZ, wrong separators, UNZ count wrong) throws
 * {@link MsconsFileException}; observations already delivered by the streaming variants must then be
 * discarded by the caller.
 */
public final class MsconsParser {

    private final MsconsOptions options;

    public MsconsParser(MsconsOptions options) {
        this.options = options;
    }

    public MsconsParser() {
        this(MsconsOptions.defaults());
    }

    /** Streams the interchange to {@code listener}; returns the summary with the per-message errors. */
    public MsconsSummary stream(Reader reader, MsconsListener listener) {
        Reader r = reader instanceof BufferedReader || reader instanceof StringReader ? reader : new BufferedReader(reader);
        SegmentReader segments = new SegmentReader(r);
        Interchange ic = new Interchange(listener);
        Segment unb = segments.next();
        if (unb == null) {
            throw new MsconsFileException(0, "the file is empty");
        }
        if (!"UNB".equals(unb.tag())) {
            throw new MsconsFileException(unb.number(), "the interchange starts with '" + unb.shortText()
                    + "', expected UNB" + (segments.hadUna() ? " after UNA" : ""));
        }
        String ref = unb.value(4);
        MessageParser message = null;
        while (true) {
            Segment s = segments.next();
            if (s == null) {
                throw new MsconsFileException(0, "the file ends " + (message != null ? "inside message " + message.ref()
                        + " (no UNT)" : "") + " without UNZ: truncated file");
            }
            switch (s.tag()) {
                case "UNH" -> {
                    if (message != null) {
                        message.abort(s);
                    }
                    message = new MessageParser(s, options, ic);
                    ic.messages++;
                }
                case "UNZ" -> {
                    if (message != null) {
                        message.abort(s);
                    }
                    checkUnz(s, ref, ic.messages);
                    Segment after = segments.next();
                    if (after != null) {
                        throw new MsconsFileException(after.number(), "segment '" + after.shortText() + "' after UNZ");
                    }
                    return new MsconsSummary(ref, ic.messages, ic.observations, ic.errors);
                }
                case "UNG", "UNE" -> {
                    // functional group envelope: nothing to read
                }
                default -> {
                    if (message == null) {
                        throw new MsconsFileException(s.number(), "segment '" + s.shortText() + "' outside a message (UNH … UNT)");
                    }
                    if (message.accept(s)) {
                        message = null;
                    }
                }
            }
        }
    }

    /** Streams the observations of the messages that ended well to {@code sink}, one message at a time. */
    public MsconsSummary parse(Reader reader, Consumer<Observation> sink) {
        return stream(reader, new PerMessageBuffer(sink));
    }

    /** Reads bytes, in the charset the UNB syntax identifier names ({@link MsconsCharsets}). */
    public MsconsSummary parse(InputStream in, Consumer<Observation> sink) {
        return parse(reader(in), sink);
    }

    /** Reads a whole small interchange into a list. */
    public MsconsResult parseAll(Reader reader) {
        List<Observation> all = new ArrayList<>();
        MsconsSummary summary = parse(reader, all::add);
        return new MsconsResult(all, summary);
    }

    public MsconsResult parseAll(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parseAll(reader(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reader reader(InputStream in) {
        BufferedInputStream b = new BufferedInputStream(in, 64 * 1024);
        Charset cs = MsconsCharsets.detect(b);
        return new BufferedReader(new InputStreamReader(b, cs));
    }

    private static void checkUnz(Segment unz, String ref, int messages) {
        if (!unz.value(0).equals(Integer.toString(messages))) {
            throw new MsconsFileException(unz.number(), "UNZ says " + unz.value(0) + " messages, the interchange has " + messages);
        }
        if (!unz.value(1).equals(ref)) {
            throw new MsconsFileException(unz.number(), "UNZ reference '" + unz.value(1) + "' does not match UNB reference '" + ref + "'");
        }
    }

    /** Counts and collects errors while passing events on. */
    private static final class Interchange implements MsconsListener {
        private final MsconsListener target;
        private final List<MessageError> errors = new ArrayList<>();
        private int messages;
        private long observations;

        Interchange(MsconsListener target) {
            this.target = target;
        }

        @Override
        public void observation(String messageRef, Observation observation) {
            target.observation(messageRef, observation);
        }

        @Override
        public void messageEnded(String messageRef, int count) {
            observations += count;
            target.messageEnded(messageRef, count);
        }

        @Override
        public void messageFailed(MessageError error, int delivered) {
            errors.add(error);
            target.messageFailed(error, delivered);
        }
    }
}
