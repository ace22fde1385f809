package io.terrarium.interfaces.auth;

import jakarta.security.enterprise.credential.Credential;

/** A token a request presents: a session token (JWT) or a predefined service token. */
public record TokenCredential(String token) implements Credential {}
