package io.rio.ingress.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Answers requests with a {@code Content-Type} that is not a media type ({@code garbage}, {@code application/},
 * {@code ;;;}) with Rio's JSON 415 before they reach JAX-RS, where the server's JAX-RS runtime fails to parse the
 * header while matching resources and the servlet container answers its own HTML 400 page.
 *
 * <p>It filters only Rio's own JAX-RS servlet (named after {@code RioIngressApplication}, also where an existing
 * application maps that servlet under another path), never the application's own servlets.
 */
@WebFilter(servletNames = "io.rio.ingress.RioIngressApplication", asyncSupported = true)
public class IngressHeaderFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String type = request.getHeader("Content-Type");
        if (type != null && !parses(type)) {
            String message = "The Content-Type header '" + abbreviate(type) + "' is not a media type; send"
                    + " application/json (or no body)";
            byte[] body = Json.error(415, message).getBytes(StandardCharsets.UTF_8);
            response.setStatus(415);
            response.setContentType("application/json");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean parses(String type) {
        try {
            MediaType parsed = MediaType.valueOf(type);
            return !parsed.getType().isEmpty() && !parsed.getSubtype().isEmpty();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}
