package io.rio.sample.it.existing;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * An existing application's own JAX-RS application, as most have one: under {@code /api}, resources found by
 * scanning. Rio's ingress is a second JAX-RS application beside it, moved to {@code /rio} by the WAR's
 * {@code web.xml}.
 */
@ApplicationPath("/api")
public class ShopApplication extends Application {
}
