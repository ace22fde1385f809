package io.terrarium.interfaces.auth;

import io.terrarium.application.security.Caller;
import jakarta.security.enterprise.CallerPrincipal;

/** The principal of a request whose token verified, carrying the caller the token names. */
public class CallerPrincipalOfToken extends CallerPrincipal {

    private final transient Caller caller;

    public CallerPrincipalOfToken(Caller caller) {
        super(caller.name());
        this.caller = caller;
    }

    public Caller caller() {
        return caller;
    }
}
