package io.lexvault.assistant.answers;

import java.util.ArrayList;
import java.util.HashMap;

/**
 * Not a test: the pipeline's own CPU cost around the model (docs/benchmarks.md, "Assistant pipeline"):
 * the prompt for 20 passages of about 1,500 characters (before the first token), and the citation check,
 * Markdown rendering and sanitising of a 2,500-character answer citing them (after the last). Run with
 * {@code java -cp target/classes:target/test-classes:<dependencies> io.lexvault.assistant.answers.AnswerPathBenchmark}.
 */
public final class AnswerPathBenchmark {

    private AnswerPathBenchmark() {}

    public static void main(String[] args) {
        var passages = new ArrayList<String>();
        var texts = new HashMap<Integer, String>();
        for (int i = 1; i <= 20; i++) {
            String text = ("Clause " + i
                            + ". The tenant may terminate the lease with three months' notice to the end of"
                            + " a calendar month, provided the rent is paid in full. ")
                    .repeat(10);
            passages.add("Lease " + i + ", page " + i + "\n" + text);
            texts.put(i, text);
        }
        var answer = new StringBuilder("The lease may be ended early:\n\n");
        for (int i = 1; i <= 20; i++) {
            answer.append("- Clause ")
                    .append(i)
                    .append(" says \"the tenant may terminate the lease with three months' notice\" [")
                    .append(i)
                    .append("].\n");
        }
        String markdown = answer.toString();
        for (int warm = 0; warm < 2_000; warm++) {
            PromptTemplate.build("When can the tenant terminate?", passages, 16_000, 1_500);
            AnswerRendering.render(
                    markdown,
                    texts,
                    n ->
                            "/matters/11111111-1111-1111-1111-111111111111/assistant/passages/22222222-2222-2222-2222-222222222222");
        }
        int runs = 2_000;
        var before = new long[runs];
        var after = new long[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            PromptTemplate.build("When can the tenant terminate?", passages, 16_000, 1_500);
            long t1 = System.nanoTime();
            AnswerRendering.render(
                    markdown,
                    texts,
                    n ->
                            "/matters/11111111-1111-1111-1111-111111111111/assistant/passages/22222222-2222-2222-2222-222222222222");
            long t2 = System.nanoTime();
            before[r] = t1 - t0;
            after[r] = t2 - t1;
        }
        System.out.printf("prompt (20 passages): median %.3f ms, p99 %.3f ms%n", pct(before, 50), pct(before, 99));
        System.out.printf("check + render + sanitise: median %.3f ms, p99 %.3f ms%n", pct(after, 50), pct(after, 99));
    }

    private static double pct(long[] values, int percentile) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
    }
}
