package io.terrarium.application.security;

import jakarta.enterprise.context.RequestScoped;

/**
 * The caller of the current request; authentication sets it once per request, and everything that runs without
 * a request (batch steps, message consumers, timers) is no caller at all and is never asked.
 */
@RequestScoped
public class CurrentCaller {

    private Caller caller;
    private RoleBindings effectiveBindings;

    /** @return the authenticated caller, or {@code null} when authentication has not set one (anonymous) */
    public Caller get() {
        return caller;
    }

    public void set(Caller caller) {
        this.caller = caller;
        this.effectiveBindings = null;
    }

    /** The caller's effective bindings once computed, so a request reads the stored role mappings once. */
    RoleBindings effectiveBindings() {
        return effectiveBindings;
    }

    void cacheEffectiveBindings(RoleBindings bindings) {
        this.effectiveBindings = bindings;
    }
}
