package io.lexvault.web;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The one catalogue of words for what the code calls by key: a matter's status ({@code open}), a
 * party's role ({@code opposing_party}), a classification ({@code CONFIDENTIAL}), an audit action
 * ({@code sign_in.succeeded}), a permission ({@code matters.read.all}). Pages ({@code
 * ${@labels.of('matter.status', m.status().key())}}) and exports alike take their words from here, so a
 * raw key never reaches a reader. The words live in {@code labels/*.properties} as {@code kind.key=Words};
 * a test checks that every key of every catalogued enum has its words.
 */
@Component("labels")
public final class Labels {

    /** Every module may keep its words in its own file here (merges stay simple); together they are one catalogue. */
    private static final String SOURCES = "classpath*:labels/*.properties";

    private final Map<String, String> words;

    public Labels() {
        var properties = new Properties();
        try {
            for (var resource : new PathMatchingResourcePatternResolver().getResources(SOURCES)) {
                try (var in = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
                    properties.load(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (properties.isEmpty()) {
            throw new IllegalStateException("no labels under " + SOURCES);
        }
        this.words = properties.stringPropertyNames().stream()
                .collect(Collectors.toUnmodifiableMap(name -> name, properties::getProperty));
    }

    /**
     * The words for a key of a kind ({@code of("party.role", "opposing_party")} is "Opposing party").
     * A key the catalogue lacks is shown made readable rather than raw; the catalogue test keeps that
     * from happening for the enums it knows.
     */
    public String of(String kind, String key) {
        return find(kind, key).orElseGet(() -> readable(key));
    }

    /** The words for a key, if the catalogue has them. */
    public Optional<String> find(String kind, String key) {
        return Optional.ofNullable(
                words.get(kind + "." + key.toLowerCase(Locale.ROOT).replace(' ', '_')));
    }

    /** {@code opposing_party} → "Opposing party", {@code sign_in.succeeded} → "Sign in succeeded". */
    static String readable(String key) {
        String spaced = key.toLowerCase(Locale.ROOT).replaceAll("[._\\-]+", " ").strip();
        return spaced.isEmpty() ? "" : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
