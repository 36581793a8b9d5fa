package io.rio.ingress.internal;

import io.rio.core.model.HandlerDefinition;
import io.rio.core.model.Serde;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/**
 * Turns a request body into a handler's input: checks the content type, decodes the text, checks that it is
 * exactly one JSON value (JSON-B readers accept trailing content such as {@code 1 2 ]}) and reads it with the
 * engine's {@link Serde} against the handler's input type, before anything is invoked.
 *
 * <p>Thread safety: immutable; safe for concurrent use if the {@link Serde} is.
 */
final class InputDecoder {

    /** The decoded input, or the error answer. */
    record Decoded(String json, Object value, IngressReply error) {
        static Decoded of(String json, Object value) {
            return new Decoded(json, value, null);
        }

        static Decoded failed(int status, String message) {
            return new Decoded(null, null, IngressReply.error(status, message));
        }
    }

    private final Serde serde;

    InputDecoder(Serde serde) {
        this.serde = serde;
    }

    Decoded decode(HandlerDefinition handler, String contentType, byte[] body) {
        String target = handler.service() + "/" + handler.name();
        if (body.length > 0 && !isJson(contentType)) {
            return Decoded.failed(415, "Content type '" + contentType + "' is not supported by " + target
                    + ": send a JSON body with 'content-type: application/json'");
        }
        Decoded decodedText = text(contentType, body, "The request body of " + target);
        if (decodedText.error() != null) {
            return decodedText;
        }
        String text = decodedText.json();
        boolean empty = text.isBlank();
        Type type = handler.inputType();
        if (type == null) {
            if (empty || text.strip().equals("null")) {
                return Decoded.of(null, null);
            }
            return Decoded.failed(400, "Handler " + target + " takes no input, but the request has a body;"
                    + " send an empty body");
        }
        if (empty) {
            if (isPrimitive(type)) {
                return Decoded.failed(400, "Handler " + target + " expects a JSON " + type.getTypeName()
                        + " as input, but the request has no body");
            }
            return Decoded.of("null", null);
        }
        String syntax = JsonText.problem(text);
        if (syntax != null) {
            return Decoded.failed(400, "Handler " + target + " expects a JSON " + type.getTypeName()
                    + " as input, but the request body is not one valid JSON value: " + syntax);
        }
        Object value;
        try {
            value = serde.fromJson(text, type);
        } catch (RuntimeException e) {
            // Serde.SerdeException by contract; any other runtime failure of the reader means the same to a client.
            return Decoded.failed(400, "Handler " + target + " expects a JSON " + type.getTypeName()
                    + " as input, but the request body does not fit: " + reason(e));
        }
        if (value == null && isPrimitive(type)) {
            return Decoded.failed(400, "Handler " + target + " expects a JSON " + type.getTypeName()
                    + " as input, but the request body is null");
        }
        return Decoded.of(text, value);
    }

    /**
     * The body as text in the charset of {@code contentType} (UTF-8 by default), in {@link Decoded#json()};
     * or a 415 (unknown charset) or 400 (bytes that are not text in that charset) naming {@code what}.
     */
    static Decoded text(String contentType, byte[] body, String what) {
        if (body.length == 0) {
            return Decoded.of("", null);
        }
        Charset charset;
        try {
            charset = charset(contentType);
        } catch (IllegalArgumentException e) {
            return Decoded.failed(415, "Unsupported charset in content type '" + contentType + "'; use UTF-8");
        }
        try {
            return Decoded.of(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString(), null);
        } catch (CharacterCodingException e) {
            return Decoded.failed(400, what + " is not valid text in charset " + charset.name());
        }
    }

    /** JSON or no content type at all (curl without -H, many HTTP clients). */
    static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json")
                || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            for (String param : contentType.split(";")) {
                String[] kv = param.trim().split("=", 2);
                if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("charset")) {
                    String name = kv[1].trim().replace("\"", "");
                    try {
                        return Charset.forName(name);
                    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                        throw new IllegalArgumentException(name, e);
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static boolean isPrimitive(Type type) {
        return type instanceof Class<?> c && c.isPrimitive();
    }

    private static String reason(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null && out.length() < 300; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank() && out.indexOf(t.getMessage()) < 0) {
                if (out.length() > 0) {
                    out.append(": ");
                }
                out.append(t.getMessage());
            }
        }
        return out.length() == 0 ? e.getClass().getSimpleName() : out.toString();
    }
}
