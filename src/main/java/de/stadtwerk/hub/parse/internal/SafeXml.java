package de.stadtwerk.hub.parse.internal;

import de.stadtwerk.hub.quarantine.BadInputException;
import java.io.InputStream;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * StAX readers for untrusted open-data XML: no DTDs, no external entities, text coalesced. The encoding is taken
 * from the byte-order mark and the XML declaration (ISO-8859-1 for MOSMIX, UTF-16 for the MaStR export), as the
 * XML specification prescribes, so callers pass the raw bytes.
 */
public final class SafeXml {

    private static final XMLInputFactory FACTORY = createFactory();

    private SafeXml() {
    }

    private static XMLInputFactory createFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return f;
    }

    /** A reader on raw bytes; {@code what} names the input in the error message. */
    public static XMLStreamReader open(InputStream in, String what) {
        try {
            return FACTORY.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw malformed(what, e);
        }
    }

    /** A {@link BadInputException} for XML that is not well-formed (or ends early), with line and column. */
    public static BadInputException malformed(String what, XMLStreamException e) {
        Location loc = e.getLocation();
        String where = loc == null ? "" : " at line " + loc.getLineNumber() + ", column " + loc.getColumnNumber();
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // StAX messages repeat the location as "ParseError at [row,col]:[..]\nMessage: ..."; keep the message part
        int m = reason.indexOf("Message: ");
        if (m >= 0) {
            reason = reason.substring(m + "Message: ".length());
        }
        int at = reason.indexOf("\n at [row,col"); // Woodstox appends the location again
        if (at >= 0) {
            reason = reason.substring(0, at);
        }
        return new BadInputException(what + " is not well-formed XML" + where + ": " + reason.strip(), e);
    }

    /** The current line of the reader, for error messages. */
    public static int line(XMLStreamReader r) {
        Location loc = r.getLocation();
        return loc == null ? -1 : loc.getLineNumber();
    }

    public static void close(XMLStreamReader r) {
        try {
            r.close();
        } catch (XMLStreamException ignored) {
            // closing a reader of a broken document: nothing left to release but the stream the caller owns
        }
    }
}
