package io.lexvault.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code lexvault.public-url} ({@code LEXVAULT_PUBLIC_URL}): the address users reach LexVault at.
 * Mailed links, the passkey relying party, single sign-on redirect addresses and the audit
 * checkpoint key name are built from it, never from a request's Host header, so nobody can make
 * LexVault mail out or sign for an address of their own. One binding for every module that needs it.
 *
 * @param publicUrl the address as configured, e.g. {@code https://lexvault.example-firm.com}
 */
@ConfigurationProperties("lexvault")
public record PublicAddress(
        @DefaultValue("http://localhost:8080") String publicUrl) {

    /** The address without trailing slashes, so that an absolute path can be appended to it. */
    public String base() {
        return publicUrl.replaceAll("/+$", "");
    }
}
