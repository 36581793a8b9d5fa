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
 * Turns a request body into a handler's input: checks the content type, decodes the text and reads it with
 * the engine's {@link Serde} against the handler's input type, before anything is invoked.
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
        String text;
        if (body.length == 0) {
            text = "";
        } else {
            if (!isJson(contentType)) {
                return Decoded.failed(415, "Content type '" + contentType + "' is not supported by " + target
                        + ": send a JSON body with 'content-type: application/json'");
            }
            try {
                text = charset(contentType).newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(body)).toString();
            } catch (IllegalArgumentException e) {
                return Decoded.failed(415, "Unsupported charset in content type '" + contentType + "'; use UTF-8");
            } catch (CharacterCodingException e) {
                return Decoded.failed(400, "The request body of " + target + " is not valid text in charset "
                        + charset(contentType).name());
            }
        }
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
