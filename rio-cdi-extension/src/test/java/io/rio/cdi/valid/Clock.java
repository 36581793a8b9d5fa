package io.rio.cdi.valid;

import jakarta.enterprise.context.ApplicationScoped;

/** A bean injected into a Rio object, to prove the invoker calls the real (injected) bean. */
@ApplicationScoped
public class Clock {
    public String now() {
        return "noon";
    }
}
