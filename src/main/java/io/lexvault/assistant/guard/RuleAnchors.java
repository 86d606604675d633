package io.lexvault.assistant.guard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A linear-time pre-filter for the rules: one Aho-Corasick pass over the text finds which rules' anchor
 * words occur, and only those rules' regular expressions run. An anchor is a literal every match of the
 * rule must start with ("ignor", "vergiss", "you are now"), taken from the pattern itself ({@link
 * #anchorsOf}); a rule whose pattern starts otherwise gets none and always runs.
 *
 * <p>Why: Java's regex engine has no literal-prefix search for a pattern that starts with {@code
 * \b(?:a|b|c)}, so each of ~100 rules tried every alternative at every position of every passage (about
 * 14 ms for a 900-character passage on the shared machine). With the pass, a passage without any attack
 * verb costs one scan, whatever the number of rules.
 */
final class RuleAnchors {

    private final List<Map<Character, Integer>> goTo = new ArrayList<>();
    private final List<BitSet> output = new ArrayList<>();
    private final int[] fail;
    private final BitSet always;
    private final int rules;

    /** anchors.get(i): rule i's anchors, or an empty set when rule i has to run on every text. */
    RuleAnchors(List<Set<String>> anchors) {
        rules = anchors.size();
        always = new BitSet(rules);
        goTo.add(new HashMap<>());
        output.add(new BitSet(rules));
        for (int rule = 0; rule < anchors.size(); rule++) {
            if (anchors.get(rule).isEmpty()) {
                always.set(rule);
                continue;
            }
            for (String anchor : anchors.get(rule)) {
                int state = 0;
                for (char c : anchor.toCharArray()) {
                    Integer to = goTo.get(state).get(c);
                    if (to == null) {
                        to = goTo.size();
                        goTo.get(state).put(c, to);
                        goTo.add(new HashMap<>());
                        output.add(new BitSet(rules));
                    }
                    state = to;
                }
                output.get(state).set(rule);
            }
        }
        fail = new int[goTo.size()];
        var queue = new ArrayDeque<Integer>();
        for (int child : goTo.get(0).values()) {
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            for (var edge : goTo.get(state).entrySet()) {
                int child = edge.getValue();
                int f = fail[state];
                while (f != 0 && !goTo.get(f).containsKey(edge.getKey())) {
                    f = fail[f];
                }
                Integer to = goTo.get(f).get(edge.getKey());
                fail[child] = to != null && to != child ? to : 0;
                output.get(child).or(output.get(fail[child]));
                queue.add(child);
            }
        }
    }

    /** The rules to run on the text: those whose anchor occurs in it, and those without anchors. */
    BitSet candidates(String text) {
        BitSet found = (BitSet) always.clone();
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            Integer to;
            while ((to = goTo.get(state).get(c)) == null && state != 0) {
                state = fail[state];
            }
            state = to == null ? 0 : to;
            BitSet out = output.get(state);
            if (!out.isEmpty()) {
                found.or(out);
            }
        }
        return found;
    }

    int size() {
        return rules;
    }

    /**
     * Literals one of which every match of the pattern contains, or none when that cannot be read off
     * the pattern. Per top-level branch ({@code a|b}), the branch is read as a sequence of elements:
     * literal runs, groups {@code (?:x|y)}, classes, escapes, each maybe quantified. Every mandatory
     * literal run, and every mandatory group whose alternatives all start with a literal, is a
     * candidate set; the set whose shortest member is longest is kept ("instruction" beats "the").
     * An optional last letter ({@code instructions?}) is left out of a run.
     */
    static Set<String> anchorsOf(String pattern) {
        var out = new LinkedHashSet<String>();
        for (String branch : split(pattern)) {
            Set<String> best = Set.of();
            int bestLength = 0;
            var literal = new StringBuilder();
            int i = 0;
            while (i <= branch.length()) {
                char c = i < branch.length() ? branch.charAt(i) : '\0';
                boolean end = i == branch.length();
                boolean plain = !end && "\\[](){}?*+|.^$".indexOf(c) < 0;
                if (!end && c == '\\' && i + 1 < branch.length() && !Character.isLetterOrDigit(branch.charAt(i + 1))) {
                    literal.append(branch.charAt(i + 1)); // an escaped punctuation mark is itself
                    i += 2;
                    continue;
                }
                if (plain) {
                    literal.append(c);
                    i++;
                    continue;
                }
                // a quantifier makes the run's last character optional
                if (!end && (c == '?' || c == '*' || c == '{') && !literal.isEmpty()) {
                    literal.setLength(literal.length() - 1);
                }
                if (literal.length() > bestLength) {
                    best = Set.of(literal.toString());
                    bestLength = literal.length();
                }
                literal.setLength(0);
                if (end) {
                    break;
                }
                int elementEnd; // index after the element starting at i
                Set<String> group = null;
                if (c == '(') {
                    int close = closing(branch.substring(i));
                    if (close < 0) {
                        return Set.of();
                    }
                    elementEnd = i + close + 1;
                    if (branch.startsWith("(?:", i)) {
                        group = new LinkedHashSet<>();
                        for (String alternative : split(branch.substring(i + 3, i + close))) {
                            String prefix = literalPrefix(alternative);
                            if (prefix.isEmpty()) {
                                group = null;
                                break;
                            }
                            group.add(prefix);
                        }
                    }
                } else if (c == '[') {
                    int j = i + 1;
                    while (j < branch.length() && branch.charAt(j) != ']') {
                        j += branch.charAt(j) == '\\' ? 2 : 1;
                    }
                    elementEnd = j + 1;
                } else if (c == '\\') {
                    elementEnd = i + 2;
                } else if (c == '{') {
                    int close = branch.indexOf('}', i);
                    elementEnd = close < 0 ? branch.length() : close + 1; // a counted quantifier
                } else {
                    elementEnd = i + 1; // . ^ $ or a quantifier
                }
                boolean optional = elementEnd < branch.length()
                        && (branch.charAt(elementEnd) == '?'
                                || branch.charAt(elementEnd) == '*'
                                || branch.startsWith("{0", elementEnd));
                if (group != null && !optional) {
                    int shortest = group.stream().mapToInt(String::length).min().orElse(0);
                    if (shortest > bestLength) {
                        best = group;
                        bestLength = shortest;
                    }
                }
                i = elementEnd;
            }
            if (best.isEmpty()) {
                return Set.of();
            }
            out.addAll(best);
        }
        return out;
    }

    private static String literalPrefix(String regex) {
        var sb = new StringBuilder();
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length() && !Character.isLetterOrDigit(regex.charAt(i + 1))) {
                sb.append(regex.charAt(++i));
                continue;
            }
            if ("\\[](){}?*+|.^$".indexOf(c) >= 0) {
                if ((c == '?' || c == '*' || c == '{') && !sb.isEmpty()) {
                    sb.setLength(sb.length() - 1); // the last character was optional
                }
                break;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Splits at top-level '|' (outside groups and classes). */
    private static List<String> split(String regex) {
        var parts = new ArrayList<String>();
        int[] start = {0};
        walk(regex, (i, c, depth) -> {
            if (c == '|' && depth == 0) {
                parts.add(regex.substring(start[0], i));
                start[0] = i + 1;
            }
            return false;
        });
        parts.add(regex.substring(start[0]));
        return parts;
    }

    /** The index of the ')' closing the group opened at index 0. */
    private static int closing(String regex) {
        return walk(regex, (i, c, depth) -> c == ')' && depth == 0);
    }

    /** Told of each '(', ')' and '|' of a pattern's structure, with the group depth after it. */
    private interface Structure {
        /** Whether the walk stops here. */
        boolean at(int index, char c, int depth);
    }

    /**
     * Walks a pattern's structure, skipping escaped characters and character classes (a '|' or ')' in
     * them is a literal); returns the index where {@code structure} stopped it, or -1.
     */
    private static int walk(String regex, Structure structure) {
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(' || c == ')' || c == '|') {
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                if (structure.at(i, c, depth)) {
                    return i;
                }
            }
        }
        return -1;
    }
}
