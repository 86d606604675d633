package io.lexvault.identity.signin;

import java.util.List;
import java.util.Map;

/** "Firefox on Windows" from a user-agent string: enough for a person to recognise their device. */
final class Devices {

    // Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
    private static final List<Map.Entry<String, String>> BROWSERS = List.of(
            Map.entry("Edg/", "Edge"),
            Map.entry("OPR/", "Opera"),
            Map.entry("Firefox/", "Firefox"),
            Map.entry("Chrome/", "Chrome"),
            Map.entry("Safari/", "Safari"),
            Map.entry("curl/", "curl"),
            Map.entry("lexvault-cli", "LexVault command line"));

    private static final List<Map.Entry<String, String>> SYSTEMS = List.of(
            Map.entry("Android", "Android"),
            Map.entry("iPhone", "iPhone"),
            Map.entry("iPad", "iPad"),
            Map.entry("Windows", "Windows"),
            Map.entry("Mac OS X", "macOS"),
            Map.entry("CrOS", "ChromeOS"),
            Map.entry("Linux", "Linux"));

    private Devices() {}

    static String describe(String userAgent) {
        String browser = firstMatch(BROWSERS, userAgent);
        String system = firstMatch(SYSTEMS, userAgent);
        if (browser == null && system == null) {
            return "unknown device";
        }
        if (browser == null) {
            return system;
        }
        return system == null ? browser : browser + " on " + system;
    }

    private static @org.jspecify.annotations.Nullable String firstMatch(
            List<Map.Entry<String, String>> candidates, String userAgent) {
        return candidates.stream()
                .filter(candidate -> userAgent.contains(candidate.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }
}
